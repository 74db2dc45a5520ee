"""The structure of a plain text page: its title line, its headings, its blocks.

Saved pages lose their markup, so headings are recognised by shape: a short single line
without closing punctuation. The importer can only guess; the reviewer checks.
"""

from __future__ import annotations

import re
from pathlib import Path

from mspain_kb.core.collection.article import EDITOR_NOTE_KIND, admonition_kind
from mspain_kb.core.collection.importing.page_cleanup import describe

MAX_TITLE_CHARS = 120
MAX_HEADING_WORDS = 14
# Section names that open many pages but never name the article.
GENERIC_HEADINGS = frozenset(
    {"introduction", "overview", "summary", "background", "abstract", "conclusion", "contents"}
)
# "6 Jul,2023", "Jul 6, 2023", "2023-07-06", "06/07/2023": on their own line or glued to the
# end of a title line.
_DATE = (
    r"(\d{1,2}\s*[A-Z][a-z]{2,8}\.?,?\s*\d{4}|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s*\d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})"
)
_TRAILING_DATE = re.compile(r"\s*[-–|,]?\s*" + _DATE + r"\s*$")
_DATE_LINE = re.compile(r"((posted|published|updated)( on)?:?\s*)?" + _DATE, re.IGNORECASE)
# Bullet characters of word processors and web pages, as Markdown list markers.
_BULLET = re.compile(r"^(\s*)[•◦▪●‣–]\s+", re.MULTILINE)
MARKDOWN_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
_RAW_HTML_START = re.compile(r"<(?=[A-Za-z/!?])")


def escape_raw_html(block: str) -> str:
    """Show tags in a text or Markdown file literally, so no raw HTML reaches an article.

    Code blocks are left alone: Markdown already shows their content literally.
    """
    if block.startswith(("```", "~~~", "    ", "\t")):
        return block
    return _RAW_HTML_START.sub("&lt;", block)


EDITOR_NOTES_KEPT_AS_TEXT = (
    "a passage marked as an editor's note was kept as ordinary article text: "
    "only the clinic's editors add notes, in the article file after import"
)


def editor_notes_to_text(blocks: list[str]) -> tuple[list[str], int]:
    """Turn `!!! editor` blocks of an imported file into ordinary paragraphs; return them and
    how many there were.

    An editor's note is the clinic's own comment, added to the article file after import; a
    file from elsewhere must not be able to pass its words off as one.
    """
    result: list[str] = []
    found = 0
    in_note = False
    for block in blocks:
        first, _, rest = block.partition("\n")
        if admonition_kind(first) == EDITOR_NOTE_KIND:
            found += 1
            in_note = True
            title = first.partition('"')[2].rpartition('"')[0].strip()
            parts = [title, _dedent(rest)]
        elif in_note and block.startswith(("    ", "\t")):
            parts = [_dedent(block)]
        else:
            in_note = False
            result.append(block)
            continue
        result += [escape_raw_html(part) for part in parts if part.strip()]
    return result, found


def _dedent(text: str) -> str:
    lines = text.split("\n")
    return "\n".join(line[4:] if line.startswith("    ") else line.lstrip("\t") for line in lines)


def split_blocks(text: str) -> list[str]:
    """Blocks separated by blank lines; a fenced code block stays one block."""
    blocks: list[str] = []
    current: list[str] = []
    in_fence = False
    for line in text.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if not line.strip() and not in_fence:
            if current:
                blocks.append("\n".join(current))
                current = []
            continue
        current.append(line.rstrip())
    if current:
        blocks.append("\n".join(current))
    return blocks


def is_heading_like(block: str) -> bool:
    """A short single line without closing punctuation, the way pages print headings."""
    line = block.strip()
    if "\n" in line or not line or len(line) > MAX_TITLE_CHARS:
        return False
    if len(line.split()) > MAX_HEADING_WORDS or line[-1] in ".,;:!*)\"'”":
        return False
    if line.startswith(("#", "-", "*", "+", ">", "!!!", "|", "`")) or "://" in line:
        return False
    return (line[0].isupper() or line[0].isdigit()) and any(ch.isalpha() for ch in line)


def _is_generic(line: str) -> bool:
    return line.strip().rstrip(":").lower() in GENERIC_HEADINGS


def take_title_line(blocks: list[str], removed: list[str]) -> str | None:
    """Remove and return the page's title line from the top of a plain text, if it has one."""
    while blocks and _DATE_LINE.fullmatch(blocks[0].strip()):
        removed.append(describe("date", blocks.pop(0)))
    if len(blocks) >= 2 and is_heading_like(blocks[0]) and is_heading_like(blocks[1]):
        first, second = blocks[0].strip(), blocks[1].strip()
        if second.lower().startswith(first.lower()) and len(second) > len(first):
            removed.append(describe("site section line", first))  # "Pain Management" above
            del blocks[0]  # "Pain Management for MS"
    if len(blocks) >= 2 and is_heading_like(blocks[0]) and not _is_generic(blocks[0]):
        return blocks.pop(0).strip()
    return None


def clean_title(raw: str, removed: list[str]) -> str:
    match = _TRAILING_DATE.search(raw)
    if match and match.start() > 0:
        removed.append(describe("date", match.group(0).strip(" -–|,")))
        raw = raw[: match.start()]
    return " ".join(raw.split())[:MAX_TITLE_CHARS]


def bullets_to_markdown(block: str) -> str:
    """'• Stiffness' -> '- Stiffness', so bulleted lines of a text render as a list."""
    return _BULLET.sub(r"\1- ", block)


def text_headings(blocks: list[str]) -> list[str]:
    """Heading-like lines become ## headings; one directly under another becomes ###."""
    result = []
    for index, block in enumerate(blocks):
        if index + 1 < len(blocks) and is_heading_like(block):
            under_heading = index > 0 and is_heading_like(blocks[index - 1])
            result.append(("### " if under_heading else "## ") + block.strip())
        else:
            result.append(block)
    return result


def markdown_title(blocks: list[str]) -> str | None:
    """A leading `# Title` line of a Markdown file is its title."""
    if blocks:
        match = MARKDOWN_HEADING.match(blocks[0].split("\n", 1)[0])
        if match and len(match.group(1)) == 1:
            rest = blocks[0].split("\n", 1)[1:]
            blocks[0:1] = [rest[0]] if rest and rest[0].strip() else []
            return match.group(2).strip()
    return None


def shift_markdown_headings(blocks: list[str]) -> list[str]:
    """Make the highest heading in the body a ## (the title is the only level 1)."""
    levels = [len(m.group(1)) for b in blocks if (m := MARKDOWN_HEADING.match(b))]
    shift = 2 - min(levels, default=2)
    if shift <= 0:
        return blocks
    return [
        "#" * min(6, len(m.group(1)) + shift) + " " + m.group(2)
        if (m := MARKDOWN_HEADING.match(block)) and "\n" not in block
        else block
        for block in blocks
    ]


def fallback_title(blocks: list[str], filename: str) -> str:
    for block in blocks:
        match = MARKDOWN_HEADING.match(block)
        if match and not _is_generic(match.group(2)):
            return match.group(2).strip()
    stem = re.sub(r"[_-]+", " ", Path(filename).stem).strip()
    return stem[:1].upper() + stem[1:] if stem else "Untitled article"
