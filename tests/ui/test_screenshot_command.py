"""`gui --screenshot`: a refusal is one plain line, with no search or sync left running
behind the window (a search still reading the index when it closed used to end in a
traceback); and the reader's own history and saved list are neither changed nor shown."""

from __future__ import annotations

import os
import subprocess
import sys


def test_an_unknown_article_after_a_search_is_one_line_and_no_traceback(tmp_path, articles_copy):
    env = {**os.environ, "MSPAIN_KB_ARTICLES": str(articles_copy), "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "mspain_kb", "gui", "--screenshot", str(tmp_path / "x.png")]
    for _ in range(2):  # the window's background work varies in timing from run to run
        done = subprocess.run(
            [*command, "--search", "pins and needles", "--open", "no-such-article"],
            env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 2
        lines = [line for line in done.stderr.splitlines() if not line.startswith("qt.")]
        assert lines == ["error: there is no article 'no-such-article'"]
    assert not (tmp_path / "x.png").exists()


def test_a_screenshot_neither_records_nor_shows_the_readers_history(tmp_path, articles_copy):
    """The history, saved list and last article belong to the reader: a screenshot that
    searches and opens an article leaves the settings folder as it was."""
    settings = tmp_path / "settings"
    env = {
        **os.environ,
        "MSPAIN_KB_ARTICLES": str(articles_copy),
        "MSPAIN_KB_SETTINGS": str(settings),
        "QT_QPA_PLATFORM": "offscreen",
    }
    command = [sys.executable, "-m", "mspain_kb", "gui", "--screenshot"]
    done = subprocess.run(
        [*command, str(tmp_path / "a.png"), "--search", "leg pain", "--open", "ms-and-leg-pain"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert not list(settings.glob("*.json")), sorted(p.name for p in settings.iterdir())
