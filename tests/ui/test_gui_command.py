"""`mspain-kb gui`: the no-display message, screenshots, and one window per settings folder."""

from __future__ import annotations

import os
import struct
import subprocess
import sys

import pytest

from mspain_kb.cli import main
from mspain_kb.commands.gui import (
    INSTALL_FIX,
    NO_DISPLAY_MESSAGE,
    display_missing,
    parse_size,
    qt_failure_message,
)


@pytest.mark.parametrize(
    ("env", "platform", "missing"),
    [
        ({}, "linux", True),
        ({"DISPLAY": ""}, "linux", True),
        ({"DISPLAY": ":987"}, "linux", True),  # no X server socket for display 987
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"DISPLAY": "remote-host:0"}, "linux", False),
        ({}, "win32", False),
        ({}, "darwin", False),
    ],
)
def test_display_detection(env, platform, missing):
    """A Linux session without X11 or Wayland counts as having no display; others do not."""
    assert display_missing(env, platform) is missing


def test_no_display_prints_one_line_and_exits_2(monkeypatch, capsys):
    """Without a display, `mspain-kb` says so in one line and points to command-line search."""
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert main([]) == 2
    err = capsys.readouterr().err
    assert err.strip() == NO_DISPLAY_MESSAGE
    assert 'mspain-kb search "QUERY"' in err


def run_gui(**env_changes) -> subprocess.CompletedProcess:
    env = {**os.environ}
    for name in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "DISPLAY"):
        env.pop(name, None)
    env.update(env_changes)
    return subprocess.run(
        [sys.executable, "-m", "mspain_kb", "gui"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_display_that_does_not_answer_is_named_with_qts_reason():
    """A display that is set but does not answer is said so, with what Qt itself said."""
    done = run_gui(DISPLAY="localhost:99.0")  # remote display that does not answer
    assert done.returncode == 2
    assert "the display 'localhost:99.0' does not answer" in done.stderr
    assert "could not connect to display localhost:99.0" in done.stderr  # Qt's own line
    assert "No display:" not in done.stderr
    assert 'mspain-kb search "QUERY"' in done.stderr
    assert "Traceback" not in done.stderr


def test_an_unknown_platform_plugin_is_named_with_qts_list():
    """QT_QPA_PLATFORM naming no plugin: Qt's reason and its list of plugins are shown."""
    done = run_gui(QT_QPA_PLATFORM="nosuchplatform", DISPLAY=":99")
    assert done.returncode == 2
    assert "no platform plugin named 'nosuchplatform'" in done.stderr
    assert 'Could not find the Qt platform plugin "nosuchplatform"' in done.stderr
    assert "Available platform plugins are:" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_plugin_that_cannot_load_gives_the_install_line():
    """The lines Qt prints when xcb is found but a library is missing lead to the apt line."""
    qt_said = [
        "From 6.5.0, xcb-cursor0 or libxcb-cursor0 is needed to load the Qt xcb platform plugin.",
        'Could not load the Qt platform plugin "xcb" in "" even though it was found.',
        "This application failed to start because no Qt platform plugin could be "
        "initialized. Reinstalling the application may fix this problem.",
    ]
    message = qt_failure_message(qt_said, {"DISPLAY": ":0"})
    assert message.startswith("The window cannot open: Qt could not load its platform plugin")
    assert 'Could not load the Qt platform plugin "xcb"' in message
    assert INSTALL_FIX in message
    for package in ("libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxkbcommon-x11-0"):
        assert package in message


def test_size_option_is_checked():
    """--size accepts 1280x800 and refuses nonsense."""
    assert parse_size("1280x800") == (1280, 800)
    assert parse_size("big") is None


def test_screenshot_saves_the_window_as_png(tmp_path, articles_copy):
    """--screenshot with a search and an open article writes a PNG of the requested size."""
    target = tmp_path / "shot.png"
    env = {**os.environ, "MSPAIN_KB_ARTICLES": str(articles_copy)}
    done = subprocess.run(
        [
            sys.executable, "-m", "mspain_kb", "gui", "--screenshot", str(target),
            "--search", "cramps", "--open", "muscle-spasms-and-ms", "--size", "1000x700",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1000, 700)


def test_screenshot_of_an_unknown_article_is_refused(tmp_path, articles_copy):
    """Asking to open an article that does not exist is a one-line error, exit 2."""
    env = {**os.environ, "MSPAIN_KB_ARTICLES": str(articles_copy)}
    done = subprocess.run(
        [sys.executable, "-m", "mspain_kb", "gui", "--screenshot", str(tmp_path / "x.png"),
         "--open", "no-such-article"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    assert "no-such-article" in done.stderr and "Traceback" not in done.stderr


def test_a_second_launch_brings_the_first_window_forward(qtbot, tmp_path):
    """With one window listening, a second launch on the same settings reaches it."""
    from PySide6.QtWidgets import QWidget

    from mspain_kb.ui import app as app_module

    raised = []
    window = QWidget()
    qtbot.addWidget(window)
    first = app_module.SingleInstance(tmp_path / "settings")
    assert first.listen(window)
    original = app_module.bring_to_front
    app_module.bring_to_front = raised.append
    try:
        assert app_module.SingleInstance(tmp_path / "settings").notify_running()
        qtbot.waitUntil(lambda: raised == [window], timeout=5000)
        assert not app_module.SingleInstance(tmp_path / "other").notify_running(timeout_ms=200)
    finally:
        app_module.bring_to_front = original
        first.close()


def test_readme_and_ci_list_every_library_of_the_xcb_platform():
    """The install line the app prints is the one README gives and CI installs."""
    from mspain_kb.commands.gui import XCB_PACKAGES
    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert f"sudo apt install {XCB_PACKAGES}" in readme
    for package in XCB_PACKAGES.split():
        assert package in ci.split(), package


def test_xcb_chosen_with_no_display_set_says_there_is_no_display():
    """QT_QPA_PLATFORM=xcb and no DISPLAY: "No display", with Qt's own line, not a hunt for
    a library that is not missing."""
    done = run_gui(QT_QPA_PLATFORM="xcb")
    assert done.returncode == 2
    assert done.stderr.startswith(NO_DISPLAY_MESSAGE)
    assert "could not connect to display" in done.stderr
    assert "sudo apt install" not in done.stderr
