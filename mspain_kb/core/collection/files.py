"""The articles folder: reading one article file safely, listing the article files, and
loading the whole collection with a plain reason for every file that cannot be used."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from mspain_kb.core.collection.article import (
    ARTICLE_SUFFIX,
    Article,
    ArticleError,
    parse_article,
)

MAX_ARTICLE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Problem:
    """A file in the articles folder that was skipped, or read with a warning."""

    path: Path
    reason: str
    skipped: bool = True

    def __str__(self) -> str:
        verb = "skipped" if self.skipped else "warning"
        return f"{self.path.name}: {verb}: {self.reason}"


def read_text_file(path: Path, max_bytes: int = MAX_ARTICLE_BYTES) -> str:
    """Read an article file as UTF-8 text, or raise ArticleError with a plain reason."""
    try:
        # A pipe or device named *.md would block the reader forever: refuse it unopened.
        mode = os.stat(path).st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            raise ArticleError("this is not an ordinary file (it may be a pipe or a device)")
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise ArticleError("the file disappeared while it was being read") from exc
    except IsADirectoryError as exc:
        raise ArticleError("this is a folder, not an article file") from exc
    except PermissionError as exc:
        raise ArticleError("the file cannot be read (permission denied)") from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ArticleError("the file is a link that points back to itself") from exc
        raise ArticleError(f"the file cannot be read ({exc.strerror or exc})") from exc
    if len(data) > max_bytes:
        raise ArticleError(f"the file is larger than {max_bytes // (1024 * 1024)} MB")
    if not data.strip():
        raise ArticleError("the file is empty")
    if b"\x00" in data:
        raise ArticleError("the file is binary, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"the file is not valid UTF-8 text (bad byte at position {exc.start}); "
            "re-import it so its encoding is converted"
        ) from exc


def read_article(path: Path) -> Article:
    """Read and validate one article file; raises ArticleError with a plain reason."""
    return parse_article(path, read_text_file(path))


def iter_article_files(articles_dir: Path) -> Iterator[Path]:
    """Article files in the folder (not sub-folders), sorted; hidden and temp files skipped."""
    try:
        entries = sorted(os.scandir(articles_dir), key=lambda entry: entry.name)
    except FileNotFoundError:
        return
    for entry in entries:
        if entry.name.startswith(".") or not entry.name.endswith(ARTICLE_SUFFIX):
            continue
        yield Path(entry.path)


def load_collection(
    articles_dir: Path, known_tags: Iterable[str] | None = None
) -> tuple[list[Article], list[Problem]]:
    """Read every article in the folder. Bad files become Problems; good ones are never lost.

    With `known_tags`, tags outside the vocabulary are reported as warnings (the article is
    still loaded, so nothing disappears because of a typo in a tag).
    """
    known = set(known_tags) if known_tags is not None else None
    articles: list[Article] = []
    problems: list[Problem] = []
    for path in iter_article_files(articles_dir):
        try:
            article = read_article(path)
        except ArticleError as exc:
            problems.append(Problem(path, str(exc)))
            continue
        articles.append(article)
        if known is not None:
            unknown = [tag for tag in article.tags if tag not in known]
            if unknown:
                reason = f"unknown topic tag(s): {', '.join(unknown)}"
                problems.append(Problem(path, reason, skipped=False))
    return articles, problems
