"""Window measurements: start-up to first painted frame, and keystroke to results shown.

The window runs in its own process (`bench.window_probe`) started here with the launch time,
so start-up counts everything a user waits for after a double-click.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.measure import REPO


def run(options: dict) -> dict:
    import mspain_kb.ui.window_controller  # noqa: F401  (ImportError: the window is not there yet)

    with tempfile.TemporaryDirectory(prefix="mspain-bench-gui-") as scratch:
        out = Path(scratch) / "window.json"
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BENCH_T0=repr(time.time()))
        env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
        options = options | {"settings_dir": str(Path(scratch) / "settings")}
        command = [sys.executable, "-m", "bench.window_probe", str(out), json.dumps(options)]
        completed = subprocess.run(
            command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600
        )
        if completed.returncode != 0 or not out.exists():
            lines = (completed.stderr or "no output").strip().splitlines()
            raise RuntimeError(f"the window probe failed: {lines[-1] if lines else '?'}")
        return json.loads(out.read_text(encoding="utf-8"))
