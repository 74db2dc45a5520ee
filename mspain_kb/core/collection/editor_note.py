"""Add an editor's note after the passage a reader selected in the article page.

The window knows only the words on screen (no Markdown), so the passage is found in the
article's Markdown source: the body is cut into blocks (a paragraph, a whole list, a whole
table, a heading with its text, a box), each block's text is read as the page shows it, and
the block holding the selected words is the one the note follows. A list, a table or a box is
never split: the note goes after its end. When the words are in several blocks, the text of
the paragraph on screen (`context`) decides; when that is not enough either, the curator is
asked to select a few more words.

The note is inserted as an `!!! editor` block (see `article.py`) and the file rewritten
atomically; every other byte stays as it was.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from mspain_kb.core.collection.article import (
    EDITOR_NOTE_KIND,
    ArticleError,
    admonition_kind,
    markdown_to_plain,
)
from mspain_kb.core.collection.files import read_text_file
from mspain_kb.core.collection.header_edit import header_length
from mspain_kb.core.collection.safe_write import write_bytes_atomic

NOTE_HEADER = f'!!! {EDITOR_NOTE_KIND} "Editor\'s note"'
INDENT = "    "
_LIST_ITEM = re.compile(r"^[ ]{0,3}([-*+]|\d+[.)])[ \t]+")
_TABLE_PUNCTUATION = re.compile(r"(?m)^[ \t]*\|?[ \t:|-]*$|\|")
_SPACES = re.compile(r"\s+")


class NotePlacementError(ValueError):
    """The selected words could not be placed in the article; the message says why."""


@dataclass(frozen=True)
class Block:
    start: int  # index of the first line (in the file's lines)
    end: int  # index after the last line
    text: str  # the words as the page shows them, folded for matching


def fold(text: str) -> str:
    """Words as compared: no Markdown marks, entities read, one space, lower case."""
    text = html.unescape(text).replace("\u2029", " ").replace("\u00a0", " ")
    text = text.replace("\u2028", " ").replace("\u2019", "'")
    return _SPACES.sub(" ", text).strip().casefold()


def _block_text(lines: list[str]) -> str:
    text = "\n".join(
        line for line in (line.strip() for line in lines) if admonition_kind(line) is None
    )
    return fold(_TABLE_PUNCTUATION.sub(" ", markdown_to_plain(text)))


def _is_indented(line: str) -> bool:
    return line.startswith(INDENT) or line.startswith("\t")


def body_blocks(lines: list[str], first: int) -> list[Block]:
    """The blocks of the body (from line `first`): groups of lines between blank lines,
    joined while the next group still belongs to the same list, table or box."""
    groups: list[tuple[int, int]] = []
    index = first
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        start = index
        while index < len(lines) and lines[index].strip():
            index += 1
        groups.append((start, index))
    blocks: list[Block] = []
    number = 0
    while number < len(groups):
        start, end = groups[number]
        is_list = bool(_LIST_ITEM.match(lines[start]))
        is_box = admonition_kind(lines[start].rstrip("\r\n")) is not None
        while number + 1 < len(groups):
            next_line = lines[groups[number + 1][0]]
            continues = _is_indented(next_line) and (is_list or is_box)
            if not (continues or (is_list and _LIST_ITEM.match(next_line))):
                break
            number += 1
            end = groups[number][1]
        blocks.append(Block(start, end, _block_text(lines[start:end])))
        number += 1
    return blocks


def find_block(blocks: list[Block], selected: str, context: str = "") -> Block:
    """The block holding the selected words (see the module docstring)."""
    parts = [fold(part) for part in re.split("[\u2029\n]", selected)]
    parts = [part for part in parts if part]
    if not parts:
        raise NotePlacementError("Select the passage the note is about first.")
    whole = " ".join(parts)
    found = [block for block in blocks if whole in block.text]
    if not found:  # a selection across paragraphs: the note follows the last of them
        found = [block for block in blocks if parts[-1] in block.text]
    if len(found) > 1 and context:
        around = fold(context)
        found = [b for b in found if around in b.text or b.text in around] or found
    if not found:
        raise NotePlacementError(
            "The selected words were not found in the article's text. Select words of the "
            "article itself (not the title, the topics or a box's label)."
        )
    if len(found) > 1:
        raise NotePlacementError(
            f"The selected words appear in {len(found)} places in the article. Select a few "
            "more words, so that the passage is found only once."
        )
    return found[0]


def format_note(note: str, source: str = "", newline: str = "\n") -> list[str]:
    """The note as `!!! editor` block lines: paragraphs indented, then the Source line."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", note.strip())]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        raise NotePlacementError("The note is empty.")
    if source.strip():
        paragraphs.append(f"Source: {' '.join(source.split())}")
    lines = [NOTE_HEADER + newline]
    for number, paragraph in enumerate(paragraphs):
        if number:
            lines.append(newline)
        lines.append(INDENT + paragraph + newline)
    return lines


def add_editor_note(
    path: Path, selected: str, note: str, source: str = "", context: str = ""
) -> int:
    """Insert the note after the block holding `selected`; return its 1-based line number.

    Raises NotePlacementError (plain words) when the passage cannot be placed or the note
    is empty, ArticleError when the file cannot be read, OSError when it cannot be written
    (the old file stays as it was).
    """
    path = Path(path)
    text = read_text_file(path)
    lines = text.splitlines(keepends=True)
    if not lines:
        raise ArticleError("the file is empty")
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    block = find_block(body_blocks(lines, header_length(lines)), selected, context)
    before, after = lines[: block.end], lines[block.end :]
    if before and not before[-1].endswith(("\n", "\r")):
        before[-1] += newline  # the file ended without a line break
    inserted = [newline, *format_note(note, source, newline)]
    if after and after[0].strip():
        inserted.append(newline)  # a blank line before the next block (one is usually there)
    data = "".join([*before, *inserted, *after]).encode("utf-8")
    write_bytes_atomic(path, data, replace=True)
    return block.end + 2
