#!/usr/bin/env python3
"""Set up a local environment and run MS Pain KB or its tests.

    python3 run.py app [ARGS...]    create .venv if needed, install (with read aloud), open the app
    python3 run.py test [ARGS...]   create .venv if needed, install with test extras, run pytest

Only the standard library is used here, so this works on a fresh machine with Python 3.11+.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def _stamp_for(extras: str) -> Path:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]
    return VENV / f".installed-{extras or 'app'}-{digest}"


def ensure_environment(extras: str) -> None:
    """Create .venv and install the project (editable) unless pyproject.toml is unchanged."""
    if sys.version_info < (3, 11):  # noqa: UP036 - run.py may be started by an older Python
        sys.exit("MS Pain KB needs Python 3.11 or newer.")
    if not PYTHON.exists():
        print("Creating a virtual environment in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = _stamp_for(extras)
    if stamp.exists() or (extras == "speech" and _stamp_for("test").exists()):
        return
    print("Installing MS Pain KB and its dependencies ...", flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    target = f".[{extras}]" if extras else "."
    subprocess.run([*pip, "-e", target], check=True, cwd=ROOT)
    for old in VENV.glob(".installed-*"):
        old.unlink()
    stamp.touch()


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"app", "test"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "app":
        ensure_environment("speech")  # the test extras include it too
        return subprocess.call([str(PYTHON), "-m", "mspain_kb", *rest], cwd=ROOT)
    ensure_environment("test")
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    return subprocess.call([str(PYTHON), "-m", "pytest", *rest], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
