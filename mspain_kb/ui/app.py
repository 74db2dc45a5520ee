"""Application set-up: QApplication, settings file, the one-window guard and the event loop.

The theme is in `theme.py`, the crash handler and error log in `error_log.py`.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QIcon
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication

from mspain_kb import APP_NAME, __version__
from mspain_kb.resources import resource_path
from mspain_kb.ui.error_log import install_crash_handler
from mspain_kb.ui.theme import apply_theme, style_sheet

SETTINGS_FILE = "mspain-kb.ini"
RAISE_MESSAGE = b"raise"


def explain_if_qt_cannot_start(explain) -> None:
    """If Qt's platform plugin fails, print `explain(lines Qt said)` and exit 2 instead of
    Qt's abort. Qt's warnings are kept until then: they carry the real reason (a display
    that does not answer, a library that is missing), which the fatal line alone does not."""
    said: list[str] = []

    def handler(mode, _context, text):
        if mode == QtMsgType.QtFatalMsg:
            print(explain([*said, text]), file=sys.stderr)
            sys.stderr.flush()
            os._exit(2)
        if mode in (QtMsgType.QtWarningMsg, QtMsgType.QtInfoMsg) and text:
            said.append(text)
            del said[:-20]  # only the latest few are of use
        if mode == QtMsgType.QtCriticalMsg and text:
            print(text, file=sys.stderr)

    qInstallMessageHandler(handler)


def open_settings(settings_dir: Path) -> QSettings:
    """The window's settings, as an INI file in the settings folder (never the registry)."""
    return QSettings(str(Path(settings_dir) / SETTINGS_FILE), QSettings.Format.IniFormat)


def app_icon() -> QIcon:
    return QIcon(str(resource_path("icons", "mspain-kb.svg")))


def create_application(argv: list[str] | None = None, theme: str | None = None) -> QApplication:
    """The QApplication (reused if one exists), with name, icon, style sheet and forced theme."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("mspain-kb")
    app.setDesktopFileName("mspain-kb")
    app.setWindowIcon(app_icon())
    if theme is not None:
        apply_theme(app, theme)
    else:
        app.setStyleSheet(style_sheet("system"))
    return app


class SingleInstance:
    """One window per settings folder: a second launch asks the first to come to the front.

    A local socket named after the settings folder does the talking. If the guard cannot be
    set up (odd platform, no permission) the window still opens: two windows are safe, since
    the index has its own write lock; this only keeps people from being confused by them.
    """

    def __init__(self, settings_dir: Path):
        digest = hashlib.sha256(str(Path(settings_dir).resolve()).encode("utf-8")).hexdigest()
        self.name = f"mspain-kb-{digest[:16]}"
        self.server: QLocalServer | None = None
        self._window = None

    def notify_running(self, timeout_ms: int = 500) -> bool:
        """True if another window answered (and was asked to come to the front)."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(RAISE_MESSAGE)
        socket.flush()
        socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        return True

    def listen(self, window) -> bool:
        """Answer later launches; called again with a window that replaced the first."""
        self._window = window
        if self.server is not None:
            return True
        server = QLocalServer()
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            QLocalServer.removeServer(self.name)  # A stale socket left by a crash.
            if not server.listen(self.name):
                return False
        server.newConnection.connect(self._on_connection)
        self.server = server
        return True

    def _on_connection(self) -> None:
        while self.server is not None and self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._on_message(s))
            socket.disconnected.connect(socket.deleteLater)

    def _on_message(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(RAISE_MESSAGE) and self._window is not None:
            bring_to_front(self._window)

    def close(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None


def bring_to_front(window) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


def close_on_terminal_signals(window) -> None:
    """Ctrl+C or a polite kill closes the window properly (settings saved, index writes done)."""
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        try:
            signal.signal(signal_number, lambda *_args: window.close())
        except (ValueError, OSError):  # Not the main thread, or not supported here.
            return
    heartbeat = QTimer(window, interval=300)  # Lets Python run its signal handlers.
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start()


def run_window(services) -> int:
    """Open the main window and run the event loop until it closes."""
    from mspain_kb.ui import collection_folder
    from mspain_kb.ui.window_controller import open_window

    settings_dir = services.paths.settings_dir
    app = create_application()
    install_crash_handler(settings_dir)
    guard = SingleInstance(settings_dir)
    if guard.notify_running():
        print(f"{APP_NAME} is already open; its window was brought to the front.")
        return 0

    def adopt(window) -> None:  # the first window, and one reopened on another folder
        guard.listen(window)
        close_on_terminal_signals(window)

    window = open_window(services, open_settings(settings_dir))
    collection_folder.install(window, adopt)
    adopt(window)
    window.show()
    QTimer.singleShot(0, window.controller.start)
    try:
        return app.exec()
    finally:
        guard.close()
