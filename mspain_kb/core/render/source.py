"""Where an article came from, in words a reader understands: one definition for the window's
article header, `mspain-kb render` and the handout."""

from __future__ import annotations

import re

SOURCE_NAME_KEY = "source_name"  # optional header keys, see README "The collection"
SOURCE_URL_KEY = "source_url"
_HASHED_FILE_RE = re.compile(r"(?:^|[_\-.])[0-9a-f]{8,}(?:[_\-.]|$)", re.IGNORECASE)


def readable_source(article) -> str:
    """`source_name` (and `source_url`) from the header when given; else the `source` field,
    unless it is a file name made of a hash ("002_f4dbfc46c3a7de07.txt"), which says
    nothing to a reader: then "" (the caller shows no source).
    """
    name = article.extra.get(SOURCE_NAME_KEY, "").strip()
    url = article.extra.get(SOURCE_URL_KEY, "").strip()
    if name and url:
        return f"{name} ({url})"
    if name or url:
        return name or url
    source = article.source.strip()
    if not source or _HASHED_FILE_RE.search(source):
        return ""
    return source
