"""Recently read articles and recent searches, newest first, in `history.json` in the settings
folder.

Each list holds at most MAX_ITEMS entries; reading an article or searching again moves it to the
top instead of adding a copy (searches compare case and spacing folded, and keep the latest
spelling). Under the "keep no history" preference nothing is written at all, not even a lock
file. `clear()` empties both lists in one call.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass
from pathlib import Path

from mspain_kb.core.user_data.json_store import JsonStore

FILE_NAME = "history.json"
MAX_ITEMS = 50
MAX_SEARCH_CHARS = 200


@dataclass(frozen=True)
class RecentArticle:
    id: str
    title: str  # as it was when read, so a removed article can still be named
    when: str  # local time, ISO format to the minute


@dataclass(frozen=True)
class RecentSearch:
    text: str
    when: str


@dataclass(frozen=True)
class _Lists:
    articles: tuple[RecentArticle, ...] = ()
    searches: tuple[RecentSearch, ...] = ()


def search_key(text: str) -> str:
    """Two searches are the same when they differ only in case or spacing."""
    return " ".join(text.casefold().split())


class History:
    def __init__(self, settings_dir: Path, preferences, *, limit: int = MAX_ITEMS):
        """`preferences` has `keep_no_history`; while it is true nothing is recorded."""
        self._store = JsonStore(Path(settings_dir) / FILE_NAME, "the history")
        self.path = self._store.path
        self.preferences = preferences
        self.limit = limit

    @property
    def problem(self) -> str:
        return self._store.problem

    def recording(self) -> bool:
        return not self.preferences.keep_no_history

    def articles(self) -> list[RecentArticle]:
        return self.recent()[0]

    def searches(self) -> list[RecentSearch]:
        return self.recent()[1]

    def recent(self) -> tuple[list[RecentArticle], list[RecentSearch]]:
        """Both lists from one reading of the file (so `problem` tells about that reading)."""
        lists = self._store.read(_parse, _Lists())
        return list(lists.articles[: self.limit]), list(lists.searches[: self.limit])

    def add_article(
        self, article_id: str, title: str, now: datetime.datetime | None = None
    ) -> bool:
        """Put the article at the top. False when nothing was recorded."""
        if not (article_id and self.recording()):
            return False
        entry = RecentArticle(article_id, title or article_id, _minute(now))

        def change(lists: _Lists) -> dict:
            rest = [old for old in lists.articles if old.id != article_id]
            return _dump(_Lists((entry, *rest)[: self.limit], lists.searches))

        return self._store.update(_parse, _Lists(), change)

    def add_search(self, text: str, now: datetime.datetime | None = None) -> bool:
        """Put the search (as typed, spacing tidied) at the top. False when nothing was recorded."""
        text = " ".join(text.split())[:MAX_SEARCH_CHARS]
        if not (text and self.recording()):
            return False
        entry, key = RecentSearch(text, _minute(now)), search_key(text)

        def change(lists: _Lists) -> dict:
            rest = [old for old in lists.searches if search_key(old.text) != key]
            return _dump(_Lists(lists.articles, (entry, *rest)[: self.limit]))

        return self._store.update(_parse, _Lists(), change)

    def clear(self) -> bool:
        """Forget every recent article and search. False when the file could not be removed."""
        return self._store.delete()


def _minute(now: datetime.datetime | None) -> str:
    return (now or datetime.datetime.now()).isoformat(timespec="minutes")


def _parse(data: dict) -> _Lists:
    articles = tuple(
        RecentArticle(str(item["id"]), str(item["title"]), str(item["when"]))
        for item in data["articles"]
    )
    searches = tuple(
        RecentSearch(str(item["text"]), str(item["when"])) for item in data["searches"]
    )
    return _Lists(articles, searches)


def _dump(lists: _Lists) -> dict:
    return {
        "articles": [asdict(entry) for entry in lists.articles],
        "searches": [asdict(entry) for entry in lists.searches],
    }
