#!/usr/bin/env python3
"""Set up a local environment and run MS Pain KB or its tests.

    python3 run.py app [ARGS...]    create .venv if needed, install (with read aloud), open the app
    python3 run.py test [ARGS...]   create .venv if needed, install with test extras, run pytest
    python3 run.py bundle [--deb]   build the application for computers without Python into
                                    dist/ (a separate .venv-bundle with PyInstaller; see
                                    README, "Installing on a clinic PC")

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
BUNDLE_VENV = ROOT / ".venv-bundle"  # only what the bundle holds, plus PyInstaller


def python_in(venv_dir: Path) -> Path:
    return venv_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


PYTHON = python_in(VENV)


def _stamp_for(extras: str, venv_dir: Path = VENV) -> Path:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]
    return venv_dir / f".installed-{extras or 'app'}-{digest}"


def ensure_environment(extras: str, venv_dir: Path = VENV) -> Path:
    """Create the venv and install the project (editable) unless pyproject.toml is unchanged.
    Returns the venv's Python."""
    if sys.version_info < (3, 11):  # noqa: UP036 - run.py may be started by an older Python
        sys.exit("MS Pain KB needs Python 3.11 or newer.")
    python = python_in(venv_dir)
    if not python.exists():
        print(f"Creating a virtual environment in {venv_dir.name} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(venv_dir)
    stamp = _stamp_for(extras, venv_dir)
    if stamp.exists() or (extras == "speech" and _stamp_for("test", venv_dir).exists()):
        return python
    print("Installing MS Pain KB and its dependencies ...", flush=True)
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    target = f".[{extras}]" if extras else "."
    subprocess.run([*pip, "-e", target], check=True, cwd=ROOT)
    for old in venv_dir.glob(".installed-*"):
        old.unlink()
    stamp.touch()
    return python


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"app", "test", "bundle"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "bundle":
        python = ensure_environment("speech,bundle", BUNDLE_VENV)
        return subprocess.call([str(python), str(ROOT / "packaging" / "build.py"), *rest], cwd=ROOT)
    if command == "app":
        ensure_environment("speech")  # the test extras include it too
        return subprocess.call([str(PYTHON), "-m", "mspain_kb", *rest], cwd=ROOT)
    ensure_environment("test")
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    return subprocess.call([str(PYTHON), "-m", "pytest", *rest], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
