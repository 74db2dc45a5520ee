"""An article's details as whoever keeps the collection edits them: title, topics, summary,
source name and address, and whether (and when) the clinic's editors reviewed it.

`read_details` gives what is in the header plus the topics the vocabulary suggests for the
text; `save_details` writes them through `update_header` (atomic, the body byte for byte).
Ticking "reviewed" removes the "needs-review" flag every import adds.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from mspain_kb.core.collection.article import NEEDS_REVIEW_FLAG
from mspain_kb.core.collection.files import read_article
from mspain_kb.core.collection.header_edit import update_header

SOURCE_NAME_KEY = "source_name"  # who published it ("a leaflet by the MS Trust, 2024")
SOURCE_URL_KEY = "source_url"  # its web address (`source` stays the imported file's name)
REVIEWED_KEY = "reviewed"  # the date the editors checked it (ISO)


@dataclass(frozen=True)
class ArticleDetails:
    title: str
    tags: tuple[str, ...]
    summary: str
    source_name: str
    source_url: str
    reviewed: bool
    review_date: str  # ISO date, "" when never reviewed
    suggested_tags: tuple[str, ...] = ()  # from the vocabulary, for the text as it is

    def with_changes(self, **changes) -> ArticleDetails:
        return replace(self, **changes)


def read_details(path: Path, vocabulary) -> ArticleDetails:
    """The article's details; raises ArticleError when the file cannot be used."""
    article = read_article(Path(path))
    known = set(vocabulary.ids())
    return ArticleDetails(
        title=article.title,
        tags=article.tags,
        summary=article.summary,
        source_name=article.extra.get(SOURCE_NAME_KEY, ""),
        source_url=article.extra.get(SOURCE_URL_KEY, ""),
        reviewed=NEEDS_REVIEW_FLAG not in article.flags,
        review_date=article.extra.get(REVIEWED_KEY, ""),
        suggested_tags=tuple(
            tag
            for tag in vocabulary.suggest_tags(f"{article.title}\n{article.ranked_text()}")
            if tag in known
        ),
    )


def save_details(path: Path, details: ArticleDetails) -> None:
    """Write `details` into the header; the body is not touched.

    Not reviewed: the flag is added and any review date removed. Raises ValueError for an
    empty title, OSError when the file cannot be written (the old file stays as it was),
    ArticleError when it cannot be read.
    """
    path = Path(path)
    article = read_article(path)
    flags = [flag for flag in article.flags if flag != NEEDS_REVIEW_FLAG]
    if details.reviewed:
        review_date = details.review_date or None
    else:
        flags.append(NEEDS_REVIEW_FLAG)
        review_date = None
    update_header(
        path,
        title=details.title.strip(),
        tags=list(details.tags),
        summary=details.summary,
        **{
            SOURCE_NAME_KEY: details.source_name or None,
            SOURCE_URL_KEY: details.source_url or None,
            REVIEWED_KEY: review_date,
        },
        flags=flags,
    )
