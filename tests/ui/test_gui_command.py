"""`mspain-kb gui`: the no-display message, screenshots, and one window per settings folder."""

from __future__ import annotations

import os
import struct
import subprocess
import sys

import pytest

from mspain_kb.cli import main
from mspain_kb.commands.gui import NO_DISPLAY_MESSAGE, display_missing, parse_size


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


def test_qt_failing_to_start_gives_the_same_line(tmp_path):
    """If the platform plugin fails anyway, the user sees the one line, not Qt's abort."""
    env = {**os.environ, "DISPLAY": "localhost:99.0"}  # remote display that does not answer
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("WAYLAND_DISPLAY", None)
    done = subprocess.run(
        [sys.executable, "-m", "mspain_kb", "gui"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert NO_DISPLAY_MESSAGE in done.stderr
    assert "Traceback" not in done.stderr


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
