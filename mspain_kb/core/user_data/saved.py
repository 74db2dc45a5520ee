"""The reader's saved articles: an ordered list in `saved-articles.json` in the settings folder.

Each entry keeps the article's title from when it was saved, so an article later removed or
renamed still shows in the list by name (`is_missing` tells the window to mark it) until the
reader removes it. New entries go to the end; the reader orders the list. Saving is always
on purpose, so "keep no history" does not stop it.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from mspain_kb.core.user_data.json_store import JsonStore

FILE_NAME = "saved-articles.json"
MAX_SAVED = 1000


@dataclass(frozen=True)
class SavedArticle:
    id: str
    title: str
    saved: str  # ISO date


def is_missing(entry: SavedArticle, articles_dir: Path) -> bool:
    """True when the article's file is no longer in the collection (removed or renamed)."""
    return not (Path(articles_dir) / f"{entry.id}.md").is_file()


class SavedArticles:
    def __init__(self, settings_dir: Path):
        self._store = JsonStore(Path(settings_dir) / FILE_NAME, "the list of saved articles")
        self.path = self._store.path

    @property
    def problem(self) -> str:
        return self._store.problem

    def entries(self) -> list[SavedArticle]:
        return self._store.read(_parse, [])

    def ids(self) -> list[str]:
        return [entry.id for entry in self.entries()]

    def contains(self, article_id: str) -> bool:
        return article_id in self.ids()

    def add(self, article_id: str, title: str, today: datetime.date | None = None) -> bool:
        """Save an article at the end of the list; an article already saved gets its title
        brought up to date and stays where it is. False when nothing was written."""
        day = (today or datetime.date.today()).isoformat()
        entry = SavedArticle(article_id, title or article_id, day)

        def change(entries: list[SavedArticle]) -> list[SavedArticle] | None:
            for number, old in enumerate(entries):
                if old.id == article_id:
                    if old.title == entry.title:
                        return None
                    entries[number] = replace(old, title=entry.title)
                    return entries
            if len(entries) >= MAX_SAVED:
                return None
            return [*entries, entry]

        return self._change(change)

    def remove(self, article_id: str) -> bool:
        def change(entries: list[SavedArticle]) -> list[SavedArticle] | None:
            kept = [entry for entry in entries if entry.id != article_id]
            return kept if len(kept) != len(entries) else None

        return self._change(change)

    def toggle(self, article_id: str, title: str) -> bool:
        """Save the article, or remove it if it was saved. True when it is saved afterwards."""
        if self.contains(article_id):
            self.remove(article_id)
        else:
            self.add(article_id, title)
        return self.contains(article_id)

    def move(self, article_id: str, steps: int) -> bool:
        """Move an entry up (negative steps) or down; False when it cannot move further."""

        def change(entries: list[SavedArticle]) -> list[SavedArticle] | None:
            ids = [entry.id for entry in entries]
            if article_id not in ids:
                return None
            old = ids.index(article_id)
            new = max(0, min(len(entries) - 1, old + steps))
            if new == old:
                return None
            entries.insert(new, entries.pop(old))
            return entries

        return self._change(change)

    def reorder(self, article_ids: list[str]) -> bool:
        """Put the entries in this order (as after dragging in a list). Entries not named keep
        their order after those named; ids that are not saved are ignored."""

        def change(entries: list[SavedArticle]) -> list[SavedArticle] | None:
            by_id = {entry.id: entry for entry in entries}
            first = [by_id[i] for i in dict.fromkeys(article_ids) if i in by_id]
            named = {entry.id for entry in first}
            ordered = first + [entry for entry in entries if entry.id not in named]
            return ordered if ordered != entries else None

        return self._change(change)

    def _change(self, change) -> bool:
        def as_json(entries: list[SavedArticle]) -> dict | None:
            changed = change(list(entries))
            return None if changed is None else {"articles": [asdict(e) for e in changed]}

        return self._store.update(_parse, [], as_json)


def _parse(data: dict) -> list[SavedArticle]:
    entries = [
        SavedArticle(str(item["id"]), str(item["title"]), str(item["saved"]))
        for item in data["articles"]
    ]
    return list({entry.id: entry for entry in entries}.values())
