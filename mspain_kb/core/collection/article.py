"""The article model: one Markdown file with a metadata header per article.

File format (the header follows Python-Markdown's `meta` extension, so the same file renders
with it unchanged):

    title: Can multiple sclerosis cause leg pain?
    tags: leg-pain, neuropathic-pain
    summary: One or two sentences.
    source: 000_808507a4ec7493ce.txt
    imported: 2026-11-21
    flags: promotional

    ## First heading
    Body text...

    !!! promotional "Promotional content from the original page, not clinical guidance"
        Advertising kept from the original page, indented four spaces.

    A passage of the original article the clinic would not endorse.

    !!! editor "Editor's note"
        The clinic's comment on the passage above, indented four spaces.

        Source: a public reference (NHS, NICE, MS Society...).

Promotional passages and editor's notes both stay out of search ranking: adverts must not
decide what ranks first, and an editor's note is not the article's own text.

The header is parsed here with the meta extension's own rules rather than by running
Markdown: the indexer reads thousands of files and needs the metadata and plain text only.
Reading files from the articles folder is in `files.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ARTICLE_SUFFIX = ".md"
PROMOTIONAL_FLAG = "promotional"
NEEDS_REVIEW_FLAG = "needs-review"  # every import adds it; cleared once an editor has checked
PROMOTIONAL_TITLE = "Promotional content from the original page, not clinical guidance"
EDITOR_NOTE_KIND = "editor"
EDITOR_NOTE_TITLE = (
    "Editor's note \u2014 added by the clinic's editors, not part of the original article"
)
UNRANKED_KINDS = frozenset({PROMOTIONAL_FLAG, EDITOR_NOTE_KIND})
_SOURCE_LINE_RE = re.compile(r"^\s*(\*\*|__)?Sources?:", re.IGNORECASE | re.MULTILINE)
REQUIRED_KEYS = ("title",)
KNOWN_KEYS = ("title", "tags", "summary", "source", "imported", "flags")

# The same patterns as markdown.extensions.meta, so both readers agree on every header.
_META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE_RE = re.compile(r"^[ ]{4,}(?P<value>.*)")
_BEGIN_RE = re.compile(r"^-{3}(\s.*)?")
_END_RE = re.compile(r"^(-{3}|\.{3})(\s.*)?")
_HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
# Python-Markdown's own admonition pattern, so a block is kept out of ranking exactly when
# it renders as a box.
_ADMONITION_RE = re.compile(r'^!!! ?(?P<kind>[\w\-]+(?: +[\w\-]+)*)(?: +"(?P<title>.*?)")? *$')
_HEADING_END_RE = re.compile(r"^([ \t]*#{1,6}[ \t]+.*?[^\W_)])[ \t#]*$", re.MULTILINE)
# Neither pattern may scan past the next "[" or "<": a file with thousands of unclosed
# brackets would otherwise take quadratic time and stall indexing (one level of
# parentheses is allowed in a link address, as in Wikipedia's "Pain_(medicine)").
_LINK_RE = re.compile(r"!?\[([^\[\]]*)\]\((?:[^()\[\]]|\([^()\[\]]*\))*\)")
_TAG_RE = re.compile(r"<[^<>]+>")


class ArticleError(Exception):
    """An article file that cannot be used; the message says why in plain words."""


@dataclass(frozen=True)
class Article:
    id: str
    path: Path
    title: str
    body: str
    tags: tuple[str, ...] = ()
    summary: str = ""
    source: str = ""
    imported: str = ""
    flags: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def is_promotional(self) -> bool:
        return PROMOTIONAL_FLAG in self.flags or bool(promotional_blocks(self.body))

    def headings(self) -> list[tuple[int, str]]:
        """(level, text) of every Markdown heading in the body, in order."""
        return [(len(m.group(1)), m.group(2).strip()) for m in _iter_headings(self.body)]

    def ranked_text(self) -> str:
        """The body as plain text without promotional blocks or editor's notes: what search
        ranks on."""
        return markdown_to_plain(split_admonitions(self.body, UNRANKED_KINDS)[0])

    def promotional_text(self) -> str:
        """The text of the promotional blocks, kept out of ranking."""
        return markdown_to_plain("\n\n".join(split_promotional(self.body)[1]))

    def editor_notes(self) -> list[str]:
        """The text of each editor's note, in order (Markdown, unindented)."""
        return split_admonitions(self.body, {EDITOR_NOTE_KIND})[1]


def _iter_headings(body: str) -> Iterator[re.Match[str]]:
    in_fence = False
    for line in body.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if not in_fence:
            match = _HEADING_RE.match(line)
            if match:
                yield match


def parse_header(text: str) -> tuple[dict[str, str], str]:
    """Split `text` into (metadata, body) with the meta extension's rules.

    Keys are lower-cased; repeated keys and continuation lines are joined with a space.
    """
    lines = text.splitlines()
    meta: dict[str, str] = {}
    key = None
    index = 0
    if lines and _BEGIN_RE.match(lines[0]):
        index = 1
    while index < len(lines):
        line = lines[index]
        if line.strip() == "" or _END_RE.match(line):
            if line.strip() != "":
                index += 1
            break
        match = _META_RE.match(line)
        if match:
            key = match.group("key").lower().strip()
            value = match.group("value").strip()
            meta[key] = f"{meta[key]} {value}".strip() if key in meta else value
        else:
            more = _META_MORE_RE.match(line)
            if more and key:
                meta[key] = f"{meta[key]} {more.group('value').strip()}".strip()
            else:
                break  # Not a header line: the body starts here (meta does the same).
        index += 1
    body = "\n".join(lines[index:]).strip("\n")
    return meta, body


def split_list(value: str) -> tuple[str, ...]:
    """`"a, b,c"` -> `("a", "b", "c")`, dropping empty items and duplicates, order kept."""
    seen: dict[str, None] = {}
    for item in re.split(r"[,;]", value):
        item = item.strip()
        if item:
            seen.setdefault(item, None)
    return tuple(seen)


def split_promotional(body: str) -> tuple[str, list[str]]:
    """Return (body without promotional blocks, [text of each promotional block])."""
    return split_admonitions(body, {PROMOTIONAL_FLAG})


def split_admonitions(body: str, kinds) -> tuple[str, list[str]]:
    """Return (body without the admonition blocks of `kinds`, [text of each such block])."""
    kept: list[str] = []
    blocks: list[str] = []
    current: list[str] | None = None
    for line in body.splitlines():
        if current is not None:
            if line.startswith("    ") or line.startswith("\t") or line.strip() == "":
                current.append(line[4:] if line.startswith("    ") else line.lstrip("\t"))
                continue
            blocks.append("\n".join(current).strip())
            current = None
        if admonition_kind(line) in kinds:
            current = []
            continue
        kept.append(line)
    if current is not None:
        blocks.append("\n".join(current).strip())
    return "\n".join(kept), [block for block in blocks if block]


def admonition_kind(line: str) -> str | None:
    """The kind of admonition a line opens, lower-cased ("promotional", "editor"), or None."""
    match = _ADMONITION_RE.match(line)
    return match.group("kind").lower() if match else None


def promotional_blocks(body: str) -> list[str]:
    return split_promotional(body)[1]


def editor_note_problems(article: Article) -> list[str]:
    """Editor's notes that name no public reference on a "Source:" line."""
    return [
        f"editor's note {number} has no 'Source:' line"
        for number, note in enumerate(article.editor_notes(), start=1)
        if not _SOURCE_LINE_RE.search(note)
    ]


def markdown_to_plain(markdown_text: str) -> str:
    """Cheap Markdown-to-text for indexing and snippets: keeps words, drops markup and URLs."""
    text = _LINK_RE.sub(r"\1", markdown_text)
    text = _TAG_RE.sub(" ", text)
    # A heading ends like a sentence, so snippets read "Nerve Damage. Nerve damage is..."
    text = _HEADING_END_RE.sub(r"\1.", text)
    text = re.sub(r"^[ \t]*(#{1,6}|[-*+]|\d+[.)]|>|!!!)[ \t]+", "", text, flags=re.MULTILINE)
    # Emphasis and code marks, not the "_" inside a word such as pain_diary (Markdown leaves
    # that as it is, and so must the index).
    text = re.sub(r"(?<!\w)[*_`~]{1,3}|[*_`~]{1,3}(?!\w)", "", text)
    return text


def article_id_for(path: Path) -> str:
    """The stable id of an article: its file name without the extension."""
    return path.stem


def parse_article(path: Path, text: str) -> Article:
    """Build an Article from file text, or raise ArticleError."""
    meta, body = parse_header(text.replace("\r\n", "\n").replace("\r", "\n"))
    if not meta:
        raise ArticleError("no metadata header (the file must start with 'title: ...')")
    missing = [key for key in REQUIRED_KEYS if not meta.get(key)]
    if missing:
        raise ArticleError(f"the metadata header has no {', '.join(missing)}")
    if not body.strip():
        raise ArticleError("the article has a header but no text")
    return Article(
        id=article_id_for(path),
        path=path,
        title=meta["title"],
        body=body,
        tags=tuple(tag.lower() for tag in split_list(meta.get("tags", ""))),
        summary=meta.get("summary", ""),
        source=meta.get("source", ""),
        imported=meta.get("imported", ""),
        flags=tuple(flag.lower() for flag in split_list(meta.get("flags", ""))),
        extra={k: v for k, v in meta.items() if k not in KNOWN_KEYS},
    )


def format_article(
    title: str,
    body: str,
    *,
    tags: Iterable[str] = (),
    summary: str = "",
    source: str = "",
    imported: str = "",
    flags: Iterable[str] = (),
) -> str:
    """Serialise an article to the file format above (the inverse of parse_article)."""

    def one_line(value: str) -> str:
        return " ".join(value.split())

    header = [f"title: {one_line(title)}", f"tags: {', '.join(tags)}"]
    header += [f"summary: {one_line(summary)}", f"source: {one_line(source)}"]
    header += [f"imported: {one_line(imported)}", f"flags: {', '.join(flags)}"]
    return "\n".join(header) + "\n\n" + body.strip("\n") + "\n"
