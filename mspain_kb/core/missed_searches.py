"""What people looked for and did not find: searches with no result, counted on this computer.

The list tells whoever keeps the collection which leaflets to add. It holds only the words
(normalised: lower case, no query syntax), how often they were searched and the last date,
in `missed-searches.json` in the settings folder, written atomically. A damaged file is set
aside and the list starts again with a one-line message, never a crash. With `enabled=False`
(the "keep no history" preference) nothing is recorded.
"""

from __future__ import annotations

import datetime
import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import filelock

from mspain_kb.core.safe_write import write_atomic

FILE_NAME = "missed-searches.json"
MAX_ENTRIES = 1000
MAX_WORDS_CHARS = 100
LOCK_SECONDS = 2.0
_SYNTAX = re.compile(r"\b(AND|OR|NOT)\b|\b(tag|title):\S+|[\"()*~^]|~\d+")
_NOT_WORD = re.compile(r"[^\w'’-]+")


@dataclass(frozen=True)
class MissedSearch:
    words: str
    count: int
    last: str  # ISO date of the latest time


def normalise(query: str) -> str:
    """'Burning FEET at night?' -> 'burning feet at night' (query syntax dropped)."""
    text = _SYNTAX.sub(" ", query)
    words = [word.strip("'’-") for word in _NOT_WORD.split(text.lower())]
    return " ".join(word for word in words if word)[:MAX_WORDS_CHARS].strip()


class MissedSearches:
    def __init__(self, settings_dir: Path, *, enabled: bool = True):
        self.path = Path(settings_dir) / FILE_NAME
        self.enabled = enabled
        self.problem = ""  # one line when the stored list could not be read

    def entries(self) -> list[MissedSearch]:
        """Most searched first, then the most recent."""
        found = self._load()
        return sorted(found.values(), key=lambda e: (-e.count, _reverse(e.last), e.words))

    def record(self, query: str, today: datetime.date | None = None) -> bool:
        """Count one search that found nothing. False when nothing was recorded."""
        words = normalise(query)
        if not (self.enabled and words):
            return False
        day = (today or datetime.date.today()).isoformat()
        try:
            with filelock.FileLock(str(self.path) + ".lock", timeout=LOCK_SECONDS):
                found = self._load()
                if self.problem and self.path.exists():
                    os.replace(self.path, self.path.with_suffix(".damaged.json"))
                old = found.get(words)
                found[words] = MissedSearch(words, (old.count if old else 0) + 1, day)
                kept = sorted(found.values(), key=lambda e: (-e.count, _reverse(e.last)))
                data = {"version": 1, "searches": [asdict(e) for e in kept[:MAX_ENTRIES]]}
                write_atomic(
                    self.path, json.dumps(data, ensure_ascii=False, indent=1), replace=True
                )
        except filelock.Timeout:
            return False  # another window is writing the list; this search is not counted
        except OSError as exc:
            self.problem = f"Searches that found nothing cannot be saved ({exc.strerror or exc})."
            return False
        return True

    def _load(self) -> dict[str, MissedSearch]:
        self.problem = ""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            searches = [
                MissedSearch(str(item["words"]), int(item["count"]), str(item["last"]))
                for item in data["searches"]
            ]
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, KeyError, TypeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else "it is damaged"
            self.problem = (
                f"The list of searches that found nothing could not be read ({reason}); "
                "a new list is started."
            )
            return {}
        return {entry.words: entry for entry in searches}


def _reverse(iso_date: str) -> str:
    """A sort key that puts later ISO dates first."""
    return "".join(chr(0x10FFFF - ord(ch)) for ch in iso_date)
