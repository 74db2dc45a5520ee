"""Small JSON files in the user's settings folder: saved articles, history, preferences and the
searches that found nothing.

Each file is `{"version": 1, ...}`, written whole and atomically (`safe_write`), under a file
lock so two windows never lose each other's change. A file that cannot be understood is never
a crash and never silently overwritten: it is moved aside as `NAME.damaged.json` (then
`NAME.damaged-2.json`, ...), the caller gets its empty value, and `problem` says so in one line.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import filelock

from mspain_kb.core.collection.safe_write import write_atomic

VERSION = 1
LOCK_SECONDS = 2.0
DAMAGED_SUFFIX = ".damaged"

T = TypeVar("T")


class JsonStore:
    """One JSON file; `label` names it in messages ("the list of saved articles")."""

    def __init__(self, path: Path, label: str, fallback: str = "a new list is started"):
        self.path = Path(path)
        self.label = label
        self.fallback = fallback  # what happens instead, said after a damaged file
        self.problem = ""  # one line when the file could not be read or written
        self._unreadable = False  # the file exists but cannot be opened: never replace it

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    def read(self, parse: Callable[[dict], T], empty: T) -> T:
        """The stored value, or `empty` when there is no file yet or it is damaged.

        `parse` turns the JSON object into the value and raises ValueError, KeyError or
        TypeError when the object does not have the expected shape.
        """
        self.problem, self._unreadable = "", False
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise TypeError("not a JSON object")
            if data.get("version") != VERSION:
                raise ValueError("unknown version")
            return parse(data)
        except FileNotFoundError:
            return empty
        except OSError as exc:
            self._unreadable = True
            self.problem = (
                f"{_capital(self.label)} could not be read ({exc.strerror or exc}); "
                "it is left as it is and changes are not saved."
            )
            return empty
        except (ValueError, KeyError, TypeError):
            kept = self._set_aside()
            where = f"the damaged file is kept as {kept.name}" if kept else "it could not be moved"
            self.problem = (
                f"{_capital(self.label)} could not be read (it is damaged); "
                f"{self.fallback}, and {where}."
            )
            return empty

    def update(
        self, parse: Callable[[dict], T], empty: T, change: Callable[[T], dict | None]
    ) -> bool:
        """Read, change and write back under the lock. `change` returns the new JSON object
        (without "version"), or None when nothing needs writing. False when nothing was written."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with filelock.FileLock(str(self.lock_path), timeout=LOCK_SECONDS):
                current = self.read(parse, empty)
                if self._unreadable:
                    return False
                data = change(current)
                if data is None:
                    return False
                text = json.dumps({"version": VERSION, **data}, ensure_ascii=False, indent=1)
                write_atomic(self.path, text, replace=True)
        except filelock.Timeout:
            self.problem = f"{_capital(self.label)} was not saved: another window was saving it."
            return False
        except OSError as exc:
            self.problem = f"{_capital(self.label)} cannot be saved ({exc.strerror or exc})."
            return False
        self.problem = ""
        return True

    def delete(self) -> bool:
        """Remove the file; nothing is written when there is none. False when it stays."""
        if not self.path.exists():
            self.problem = ""
            return True
        try:
            with filelock.FileLock(str(self.lock_path), timeout=LOCK_SECONDS):
                self.path.unlink(missing_ok=True)
        except filelock.Timeout:
            self.problem = f"{_capital(self.label)} was not cleared: another window was saving it."
            return False
        except OSError as exc:
            self.problem = f"{_capital(self.label)} cannot be cleared ({exc.strerror or exc})."
            return False
        self.problem = ""
        return True

    def _set_aside(self) -> Path | None:
        """Move a damaged file to the first free `NAME.damaged[-N].json`; None if it cannot."""
        stem, suffix = self.path.stem, self.path.suffix
        for number in range(1, 100):
            tail = DAMAGED_SUFFIX if number == 1 else f"{DAMAGED_SUFFIX}-{number}"
            target = self.path.with_name(f"{stem}{tail}{suffix}")
            if target.exists():
                continue
            try:
                os.replace(self.path, target)
            except OSError:
                return None
            return target
        return None


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
