"""Notice changes in the articles folder while the window runs (debounced).

A save usually touches a file several times in a row, and a copy of many files fires once
per file; one `changed` signal is sent after things have been quiet for a moment.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

QUIET_MS = 700
MAX_WATCHED_FILES = 2000  # Beyond this, watch the folder only (inotify watches are limited).


class FolderWatcher(QObject):
    changed = Signal()

    def __init__(self, folder: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.folder = Path(folder)
        self._timer = QTimer(self, singleShot=True, interval=QUIET_MS)
        self._timer.timeout.connect(self.changed)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(lambda _path: self._timer.start())
        self._watcher.fileChanged.connect(lambda _path: self._timer.start())

    def watch(self) -> None:
        """(Re)watch the folder and its article files; call again after files come and go."""
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        if not self.folder.is_dir():
            return
        self._watcher.addPath(str(self.folder))
        files = sorted(str(path) for path in self.folder.glob("*.md"))
        if files and len(files) <= MAX_WATCHED_FILES:
            self._watcher.addPaths(files)

    def stop(self) -> None:
        self._watcher.blockSignals(True)
        self._timer.stop()
