"""Find the article a command was given by id, or say plainly why not (for `show`, `render`)."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

from mspain_kb.core.collection.article import ARTICLE_SUFFIX, Article, ArticleError
from mspain_kb.core.collection.files import read_article
from mspain_kb.core.render.page import article_path
from mspain_kb.core.search.index_files import FolderUnreachable, scan_articles


def close_ids(services, wanted: str, limit: int = 3) -> list[str]:
    """Article ids close to a mistyped one: by spelling, then by searching its words."""
    try:
        names = scan_articles(services.paths.articles_dir)
    except FolderUnreachable:
        names = {}  # the search below still answers from the index
    ids = [name[: -len(ARTICLE_SUFFIX)] for name in names]
    close = difflib.get_close_matches(wanted, ids, n=limit, cutoff=0.5)
    if len(close) < limit:
        result = services.search.search(wanted.replace("-", " "), limit=limit, snippets=False)
        close += [hit.id for hit in result.hits if hit.id not in close]
    return close[:limit]


def find_article_path(services, given: str) -> Path | None:
    """The file of the article with id `given` (".md" allowed), or None after a one-line
    error on stderr naming close ids."""
    wanted = given.removesuffix(ARTICLE_SUFFIX)
    path = article_path(services.paths.articles_dir, wanted)
    if "/" in wanted or "\\" in wanted or not path.is_file():
        hint = close_ids(services, wanted)
        more = f" Did you mean: {', '.join(hint)}?" if hint else ""
        print(f"error: no article with the id '{given}'.{more}", file=sys.stderr)
        return None
    return path


def find_article(services, given: str) -> Article | None:
    """The article with id `given` (".md" allowed), or None after a one-line error on stderr."""
    path = find_article_path(services, given)
    if path is None:
        return None
    try:
        return read_article(path)
    except ArticleError as error:
        print(cannot_show(path, error), file=sys.stderr)
        return None


def cannot_show(path: Path, error: ArticleError) -> str:
    return f"error: {path.name} cannot be shown: {error}"
