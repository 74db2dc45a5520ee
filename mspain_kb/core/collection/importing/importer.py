"""Turn a plain-text, Markdown, HTML, PDF or Word file into an article file in the collection.

`convert` is pure (bytes in, Converted out) so the window can preview an import; `import_file`
and `import_bytes` add the refusals and the safe write: a new unique file name, written
atomically, never over an existing article unless `replace` is asked for.
"""

from __future__ import annotations

import datetime
import os
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

from mspain_kb.core.collection.article import (
    ARTICLE_SUFFIX,
    PROMOTIONAL_FLAG,
    format_article,
    markdown_to_plain,
    parse_header,
    split_list,
    split_promotional,
)
from mspain_kb.core.collection.files import MAX_ARTICLE_BYTES
from mspain_kb.core.collection.header_edit import NEEDS_REVIEW_FLAG
from mspain_kb.core.collection.importing.documents import (
    MAX_DOCUMENT_BYTES,
    document_kind,
    read_document,
)
from mspain_kb.core.collection.importing.html_import import html_to_markdown
from mspain_kb.core.collection.importing.import_errors import ImportRefused
from mspain_kb.core.collection.importing.page_cleanup import (
    describe,
    mark_promotional,
    remove_furniture,
    shorten,
)
from mspain_kb.core.collection.importing.text_decoding import decode_bytes, looks_binary
from mspain_kb.core.collection.importing.text_structure import (
    EDITOR_NOTES_KEPT_AS_TEXT,
    MARKDOWN_HEADING,
    MAX_TITLE_CHARS,
    bullets_to_markdown,
    clean_title,
    editor_notes_to_text,
    escape_raw_html,
    fallback_title,
    markdown_title,
    shift_markdown_headings,
    split_blocks,
    take_title_line,
    text_headings,
)
from mspain_kb.core.collection.safe_write import write_atomic
from mspain_kb.core.vocabulary.text import fold

__all__ = ["ImportRefused", "convert", "decode_bytes", "import_bytes", "import_file", "slugify"]

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MARKDOWN_SUFFIXES = (".md", ".markdown")
MAX_SLUG_CHARS = 60
_HTML_SNIFF = re.compile(rb"<(!doctype\s+html|html|body)[\s>]", re.IGNORECASE)


@dataclass
class Converted:
    title: str
    body: str
    suggested_tags: list[str]
    removed: list[str] = field(default_factory=list)
    marked: list[str] = field(default_factory=list)
    encoding: str = "utf-8"
    format: str = "text"
    notes: list[str] = field(default_factory=list)  # things the reviewer should check


@dataclass
class ImportReport:
    source: str
    path: Path
    article_id: str
    title: str
    tags: list[str]
    removed: list[str]
    marked: list[str]
    encoding: str
    format: str
    notes: list[str]
    written: bool  # False for a dry run
    replaced: bool = False

    def to_json(self) -> dict:
        data = asdict(self)
        data["path"] = str(self.path)
        return data


def detect_format(data: bytes, filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    if suffix in HTML_SUFFIXES or _HTML_SNIFF.search(data[:4096]):
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    return "text"


# --- conversion -------------------------------------------------------------------------


def convert(data: bytes, filename: str, vocabulary, *, title: str | None = None) -> Converted:
    """Convert file bytes to an article (title, Markdown body, tags, what was removed/marked).

    Pure: reads no file and writes none. Raises ImportRefused for unusable input.
    """
    if not data.strip():
        raise ImportRefused("the file is empty")
    removed: list[str] = []
    notes: list[str] = []
    kind = document_kind(data, filename)
    if kind:
        encoding = ""
        blocks, found_title = _document_blocks(kind, data, title, removed, notes)
    else:
        text, encoding = decode_bytes(data)
        if looks_binary(data, text):
            raise ImportRefused("the file is binary, not text")
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
        # The few stray control characters allowed above carry no text, and a NUL among them
        # would make the saved article read as binary and be skipped: drop them.
        text = "".join(ch for ch in text if ch in "\t\n" or unicodedata.category(ch) != "Cc")
        kind = detect_format(data, filename)
        blocks, found_title = _structure(kind, text, title, removed, notes)
    blocks, editor_notes = editor_notes_to_text(blocks)
    notes += [EDITOR_NOTES_KEPT_AS_TEXT] if editor_notes else []
    if not any(ch.isalpha() for ch in markdown_to_plain("\n".join(blocks))):
        raise ImportRefused("no readable article text was found in the file")
    if not (title or found_title):
        found_title = fallback_title(blocks, filename)
        notes.append(f'the file has no title line; "{found_title}" was guessed: check it')
    not_prose = [
        bool(MARKDOWN_HEADING.match(block)) or block.startswith(("!!!", "    ", "\t", "```", "~~~"))
        for block in blocks
    ]
    blocks, marked = mark_promotional(blocks, not_prose)
    body = "\n\n".join(blocks)
    final_title = shorten(title or found_title or "", MAX_TITLE_CHARS)
    ranked = markdown_to_plain(split_promotional(body)[0])
    return Converted(
        title=final_title,
        body=body,
        suggested_tags=vocabulary.suggest_tags(f"{final_title}\n{ranked}"),
        removed=removed,
        marked=marked,
        encoding=encoding,
        format=kind,
        notes=notes,
    )


def _document_blocks(
    kind: str, data: bytes, title: str | None, removed: list[str], notes: list[str]
) -> tuple[list[str], str | None]:
    """A PDF's or Word document's blocks without furniture, and the title found in it."""
    document = read_document(kind, data)
    removed += document.removed
    notes += document.notes
    blocks = [kept for block in document.blocks if (kept := remove_furniture(block, removed))]
    if title and document.title:
        removed.append(describe("original title", document.title))
    return blocks, document.title


def _structure(
    kind: str, text: str, title: str | None, removed: list[str], notes: list[str]
) -> tuple[list[str], str | None]:
    """(Markdown blocks without furniture, the title found in the file) for each format."""
    found_title = None
    if kind == "html":
        page = html_to_markdown(text)
        removed += page.removed
        notes += page.notes
        found_title, text = page.title, page.markdown
    elif kind == "markdown" and re.match(r"(---\s*\n)?title:", text, re.IGNORECASE):
        meta, text = parse_header(text)  # an article exported from a collection
        found_title = meta.get("title") or None
    blocks = [kept for block in split_blocks(text) if (kept := remove_furniture(block, removed))]
    if kind != "html":  # HTML was escaped while it was converted
        blocks = [escape_raw_html(block) for block in blocks]
    if kind == "text":
        blocks = [bullets_to_markdown(block) for block in blocks]
        line = take_title_line(blocks, removed)
        if line and title:
            removed.append(describe("original title line", line))
        elif line:
            found_title = clean_title(line, removed)
        blocks = text_headings(blocks)
    elif kind == "markdown":
        found_title = markdown_title(blocks) or found_title
        blocks = shift_markdown_headings(blocks)
    return blocks, found_title


# --- writing ----------------------------------------------------------------------------


def slugify(title: str) -> str:
    """`"MS and leg pain?"` -> `"ms-and-leg-pain"`: a safe, readable file name stem."""
    text = re.sub(r"['’]", "", fold(title))
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > MAX_SLUG_CHARS:
        slug = slug[:MAX_SLUG_CHARS].rsplit("-", 1)[0]
    return slug or "article"


def free_path(articles_dir: Path, slug: str) -> Path:
    """The first of slug.md, slug-2.md, slug-3.md ... that does not exist yet."""
    number = 1
    while True:
        name = slug if number == 1 else f"{slug}-{number}"
        path = articles_dir / f"{name}{ARTICLE_SUFFIX}"
        if not os.path.lexists(path):
            return path
        number += 1


def resolve_tags(tags, vocabulary) -> list[str]:
    """Topic ids for tags given by id or label; refuses unknown ones."""
    if isinstance(tags, str):
        tags = split_list(tags)
    ids: list[str] = []
    for name in tags:
        topic = vocabulary.resolve(name)
        if topic is None:
            raise ImportRefused(f"unknown topic tag '{name}' (see 'mspain-kb tags' for the list)")
        if topic.id not in ids:
            ids.append(topic.id)
    return ids


def import_bytes(
    data: bytes,
    filename: str,
    articles_dir: Path,
    vocabulary,
    *,
    title: str | None = None,
    tags=None,
    replace: bool = False,
    today: datetime.date | str | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """Convert `data` and write it as a new article in `articles_dir` (unless `dry_run`)."""
    limit = MAX_DOCUMENT_BYTES if data[:4] in (b"%PDF", b"PK\x03\x04") else MAX_ARTICLE_BYTES
    if len(data) > limit:
        raise ImportRefused(f"the file is larger than {limit // (1024 * 1024)} MB")
    chosen_tags = resolve_tags(tags, vocabulary) if tags else None
    converted = convert(data, filename, vocabulary, title=title)
    tag_ids = chosen_tags if chosen_tags is not None else converted.suggested_tags
    today = today or datetime.date.today()
    text = format_article(
        converted.title,
        converted.body,
        tags=tag_ids,
        source=Path(filename).name,
        imported=today.isoformat() if isinstance(today, datetime.date) else str(today),
        flags=[
            *([PROMOTIONAL_FLAG] if split_promotional(converted.body)[1] else []),
            NEEDS_REVIEW_FLAG,
        ],
    )
    if len(text.encode("utf-8")) > MAX_ARTICLE_BYTES:
        megabytes = MAX_ARTICLE_BYTES // (1024 * 1024)
        raise ImportRefused(f"the article would be larger than {megabytes} MB; split the file")
    articles_dir = Path(articles_dir)
    if articles_dir.exists() and not articles_dir.is_dir():
        raise ImportRefused(f"the articles folder {articles_dir} is a file, not a folder")
    slug = slugify(converted.title)
    path = articles_dir / f"{slug}{ARTICLE_SUFFIX}" if replace else free_path(articles_dir, slug)
    existed = path.exists()
    if not dry_run:
        path = _write(path, text, replace, articles_dir, slug)
    return ImportReport(
        source=Path(filename).name,
        path=path,
        article_id=path.stem,
        title=converted.title,
        tags=tag_ids,
        removed=converted.removed,
        marked=converted.marked,
        encoding=converted.encoding,
        format=converted.format,
        notes=converted.notes,
        written=not dry_run,
        replaced=replace and existed,
    )


def _write(path: Path, text: str, replace: bool, articles_dir: Path, slug: str) -> Path:
    for _attempt in range(100):
        try:
            write_atomic(path, text, replace=replace)
            return path
        except FileExistsError:
            path = free_path(articles_dir, slug)  # another import took the name meanwhile
        except OSError as exc:
            reason = exc.strerror or str(exc)
            message = f"the article could not be saved ({reason}); nothing was written"
            raise ImportRefused(message) from exc
    raise ImportRefused("no free file name was found for the article; nothing was written")


def import_file(
    path: Path | str,
    articles_dir: Path,
    vocabulary,
    *,
    title: str | None = None,
    tags=None,
    replace: bool = False,
    today: datetime.date | str | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """Import one file from disk; see import_bytes. Raises ImportRefused with a plain reason."""
    path = Path(path)
    try:
        if not (path.is_file() or path.is_dir() or not path.exists()):
            raise ImportRefused("this is not an ordinary file (it may be a pipe or a device)")
        with open(path, "rb") as handle:
            data = handle.read(MAX_DOCUMENT_BYTES + 1)
    except FileNotFoundError:
        raise ImportRefused("there is no such file") from None
    except IsADirectoryError:
        raise ImportRefused("this is a folder, not a file") from None
    except PermissionError:
        raise ImportRefused("the file cannot be read (permission denied)") from None
    except OSError as exc:
        raise ImportRefused(f"the file cannot be read ({exc.strerror or exc})") from None
    return import_bytes(
        data,
        path.name,
        articles_dir,
        vocabulary,
        title=title,
        tags=tags,
        replace=replace,
        today=today,
        dry_run=dry_run,
    )
