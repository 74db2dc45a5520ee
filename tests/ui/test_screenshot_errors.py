"""`gui --screenshot` refusing what it was asked: one plain line, and no search or sync left
running behind the window (a search still reading the index when it closed used to end in
a traceback)."""

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
