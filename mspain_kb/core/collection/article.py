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
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

# Saving lives in safe_write; these names stay importable from here.
from mspain_kb.core.collection.safe_write import TEMP_PREFIX, leftover_temp_files, write_atomic  # noqa: F401

ARTICLE_SUFFIX = ".md"
MAX_ARTICLE_BYTES = 5 * 1024 * 1024
PROMOTIONAL_FLAG = "promotional"
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


@dataclass(frozen=True)
class Problem:
    """A file in the articles folder that was skipped, or read with a warning."""

    path: Path
    reason: str
    skipped: bool = True

    def __str__(self) -> str:
        verb = "skipped" if self.skipped else "warning"
        return f"{self.path.name}: {verb}: {self.reason}"


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
    text = re.sub(r"[*_`~]{1,3}", "", text)
    return text


def article_id_for(path: Path) -> str:
    """The stable id of an article: its file name without the extension."""
    return path.stem


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


def read_article(path: Path) -> Article:
    """Read and validate one article file; raises ArticleError with a plain reason."""
    return parse_article(path, read_text_file(path))


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
