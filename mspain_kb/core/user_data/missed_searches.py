"""What people looked for and did not find: searches with no result, counted on this computer.

The list tells whoever keeps the collection which leaflets to add. It holds only the words
(normalised: lower case, no query syntax), how often they were searched and the last date,
in `missed-searches.json` in the settings folder (a `JsonStore`: written atomically; a damaged
file is set aside and the list starts again with a one-line message, never a crash). With
`enabled=False`, or under the "keep no history" preference, nothing is recorded.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from mspain_kb.core.user_data.json_store import JsonStore

FILE_NAME = "missed-searches.json"
MAX_ENTRIES = 1000
MAX_WORDS_CHARS = 100
LABEL = "the list of searches that found nothing"
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
    def __init__(self, settings_dir: Path, *, enabled: bool = True, preferences=None):
        """`preferences` (a `reading.Preferences`): nothing is recorded under "keep no history"."""
        self._store = JsonStore(Path(settings_dir) / FILE_NAME, LABEL)
        self.path = self._store.path
        self.enabled = enabled
        self.preferences = preferences

    @property
    def problem(self) -> str:
        """One line when the stored list could not be read or written."""
        return self._store.problem

    def recording(self) -> bool:
        keep_none = self.preferences is not None and self.preferences.keep_no_history
        return self.enabled and not keep_none

    def entries(self) -> list[MissedSearch]:
        """Most searched first, then the most recent."""
        found = self._store.read(_parse, {})
        return sorted(found.values(), key=lambda e: (-e.count, _reverse(e.last), e.words))

    def record(self, query: str, today: datetime.date | None = None) -> bool:
        """Count one search that found nothing. False when nothing was recorded."""
        words = normalise(query)
        if not (self.recording() and words):
            return False
        day = (today or datetime.date.today()).isoformat()

        def count(found: dict[str, MissedSearch]) -> dict:
            old = found.get(words)
            found[words] = MissedSearch(words, (old.count if old else 0) + 1, day)
            kept = sorted(found.values(), key=lambda e: (-e.count, _reverse(e.last)))
            return {"searches": [asdict(e) for e in kept[:MAX_ENTRIES]]}

        return self._store.update(_parse, {}, count)

    def clear(self) -> bool:
        """Forget every search on the list. False when the file could not be removed."""
        return self._store.delete()


def _parse(data: dict) -> dict[str, MissedSearch]:
    searches = [
        MissedSearch(str(item["words"]), int(item["count"]), str(item["last"]))
        for item in data["searches"]
    ]
    return {entry.words: entry for entry in searches}


def _reverse(iso_date: str) -> str:
    """A sort key that puts later ISO dates first."""
    return "".join(chr(0x10FFFF - ord(ch)) for ch in iso_date)
