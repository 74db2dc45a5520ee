"""Find the bundled `articles/` and `resources/` folders, wherever the package runs from.

Three layouts are supported: a source checkout (folders beside the package), an installed
wheel (copied into `mspain_kb/_data/` at build time) and a frozen bundle (`sys._MEIPASS`).
"""

from __future__ import annotations

import sys
from importlib import resources as importlib_resources
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def bundled_dir(name: str) -> Path:
    """Return the bundled folder `name` ("articles" or "resources")."""
    candidates = [_PACKAGE_DIR.parent / name, _PACKAGE_DIR / "_data" / name]
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.insert(0, Path(frozen_root) / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    installed = importlib_resources.files("mspain_kb") / "_data" / name
    return Path(str(installed))


def resource_path(*parts: str) -> Path:
    """Path of a file inside the bundled `resources/` folder."""
    return bundled_dir("resources").joinpath(*parts)
