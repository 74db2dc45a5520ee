"""Change an article's metadata header without touching a byte of its body.

Used to review an imported article: set its title, topics, summary, source, or clear the
"needs-review" flag that every import adds. The file is rewritten atomically (readers see the
old file or the new one), keeps its permissions, its line endings and any header keys this
version does not know.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from mspain_kb.core.collection.article import (
    NEEDS_REVIEW_FLAG,
    ArticleError,
    parse_header,
    split_list,
)
from mspain_kb.core.collection.files import read_text_file
from mspain_kb.core.collection.safe_write import write_bytes_atomic

__all__ = ["NEEDS_REVIEW_FLAG", "header_length", "set_flag", "update_header"]
_META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):")
_MORE_LINE = re.compile(r"^[ ]{4,}\S")
_DELIMITER = re.compile(r"^(-{3}|\.{3})(\s.*)?$")
_KEY = re.compile(r"[A-Za-z0-9_-]+")
_LIST_KEYS = ("tags", "flags")


def header_length(lines: list[str]) -> int:
    """How many of `lines` belong to the header (the same rules as parse_header)."""
    index = 1 if lines and lines[0].rstrip("\r\n").startswith("---") else 0
    seen_key = False
    while index < len(lines):
        line = lines[index].rstrip("\r\n")
        if not line.strip():
            return index
        if index and _DELIMITER.match(line):
            return index + 1
        if _META_LINE.match(line):
            seen_key = True
        elif not (seen_key and _MORE_LINE.match(line)):
            return index
        index += 1
    return index


def _value(key: str, value) -> str:
    if isinstance(value, str):
        text = value
    elif isinstance(value, Iterable):
        text = ", ".join(str(item) for item in value)
    else:
        raise TypeError(f"{key}: expected text or a list, got {type(value).__name__}")
    return " ".join(text.split())


def update_header(path: Path, **fields) -> dict[str, str]:
    """Set header `fields` (title=..., tags=[...], flags=[...], any other key=...) in place.

    A value of None removes the key. Returns the new header. The body stays byte for byte;
    raises ArticleError when the file cannot be read or has no header, ValueError for a bad
    key or an empty title.
    """
    path = Path(path)
    text = read_text_file(path)
    meta, _body = parse_header(text.replace("\r\n", "\n"))
    if not meta:
        raise ArticleError("no metadata header (the file must start with 'title: ...')")
    newline = "\r\n" if "\r\n" in text.split("\n", 1)[0] + "\n" else "\n"
    lines = text.splitlines(keepends=True)
    length = header_length(lines)
    updated = dict(meta)
    for key, value in fields.items():
        key = key.lower()
        if not _KEY.fullmatch(key):
            raise ValueError(f"'{key}' cannot be a header key")
        if value is None:
            updated.pop(key, None)
        else:
            updated[key] = _value(key, value)
    if not updated.get("title"):
        raise ValueError("an article needs a title")
    header = [f"{key}: {value}".rstrip() + newline for key, value in updated.items()]
    if lines and lines[0].startswith("---"):
        header = [lines[0], *header]
        if length and _DELIMITER.match(lines[length - 1].rstrip("\r\n")) and length > 1:
            header.append(lines[length - 1])
    data = "".join(header).encode("utf-8") + "".join(lines[length:]).encode("utf-8")
    write_bytes_atomic(path, data, replace=True)
    return updated


def set_flag(path: Path, flag: str, on: bool) -> dict[str, str]:
    """Add or remove one flag (for example "needs-review") in an article's header."""
    meta, _body = parse_header(read_text_file(path))
    flags = [f for f in split_list(meta.get("flags", "")) if f.lower() != flag]
    return update_header(path, flags=[*flags, flag] if on else flags)
