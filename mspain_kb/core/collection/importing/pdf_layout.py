"""Read the structure of a PDF's pages: headings, lists, tables, paragraphs, the title.

Works on the lines of `pdf_reading_order` (which has removed running headers and footers and
put columns in reading order) and returns Markdown blocks. A PDF carries no structure, only
positions and fonts, so every rule here is a careful guess, and when unsure the text is kept
as a plain paragraph:

- a heading is a short line larger than the body text (or bold at the body size); its level
  follows its size; the largest heading at the top of the first page is the title;
- lines are joined into paragraphs unless a wider gap, a change of font or a list marker
  separates them; a hyphen at a line end is removed, except in compounds ("long-term").
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from mspain_kb.core.collection.importing.html_import import escape_text
from mspain_kb.core.collection.importing.pdf_import import PdfText
from mspain_kb.core.collection.importing.pdf_reading_order import (
    Line,
    page_lines,
    reading_order,
    remove_running_text,
)

HEADING_RATIO = 1.15
TITLE_RATIO = 1.3
MAX_HEADING_CHARS = 120
_BULLET = re.compile(r"^([•●▪■◦○‣∙·]\s*|[*–-]\s+)")
_NUMBER = re.compile(r"^\(?(\d{1,2}|[a-z])[.)]\s+")
# First parts of compounds that a line break after their hyphen should keep ("long-term").
COMPOUND_HEADS = frozenset(
    [
        "long",
        "short",
        "self",
        "well",
        "high",
        "low",
        "full",
        "part",
        "half",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "first",
        "second",
        "third",
        "day",
        "life",
        "side",
        "follow",
        "check",
        "ex",
        "all",
        "non",
        "x",
        "t",
    ]
)
_LINE_START = re.compile(r"^(\s*)(#|>|[-+*]\s|\d+[.)]\s|!!!)")


@dataclass
class Layout:
    blocks: list[str]
    title: str | None
    removed: list[str] = field(default_factory=list)


# --- paragraphs, headings, lists ----------------------------------------------------------


def body_size(document: PdfText) -> float:
    sizes = Counter()
    for page in document.pages:
        for span in page.spans:
            sizes[span.size] += len(span.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _is_heading(line: Line, body: float) -> bool:
    text = line.text.strip()
    if line.cells > 1 or len(text) > MAX_HEADING_CHARS or text[-1:] in ".,;:":
        return False
    if _BULLET.match(text) or (_NUMBER.match(text) and line.size < body * HEADING_RATIO):
        return False  # a list item (a large numbered line is a numbered heading)
    return line.size >= body * HEADING_RATIO or (line.bold and line.size >= body * 0.95)


def _starts_item(text: str) -> bool:
    return bool(_BULLET.match(text) or _NUMBER.match(text))


@dataclass
class _Block:
    lines: list[Line]
    heading: bool
    page: int = 0


def _blocks(lines: list[Line], body: float, page: int) -> list[_Block]:
    if not lines:
        return []
    pitch = _line_pitch(lines, body)
    widest = max(line.x1 - line.x0 for line in lines)
    blocks: list[_Block] = []
    ended = True
    for index, line in enumerate(lines):
        heading = _is_heading(line, body)
        if (
            ended
            or line.cells > 1
            or blocks[-1].lines[-1].cells > 1
            or _starts_new_block(blocks[-1].lines[-1], line, heading, blocks[-1], pitch)
        ):
            blocks.append(_Block([line], heading, page))
        else:
            blocks[-1].lines.append(line)
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        ended = not heading and _ends_short(line, following, widest)
    return blocks


def _continues(previous: _Block, block: _Block) -> bool:
    """A paragraph cut by a column or page break: no sentence end, then a lower-case word."""
    if previous.heading or block.heading or previous.lines[-1].cells > 1:
        return False
    last, first = previous.lines[-1], block.lines[0]
    ends = last.text.rstrip()[-1:] in ".!?:"
    return not ends and first.text[:1].islower() and abs(first.size - last.size) < 0.6


def _line_pitch(lines: list[Line], body: float) -> float:
    steps = [
        b.baseline - a.baseline
        for a, b in zip(lines, lines[1:], strict=False)
        if abs(a.size - body) < 0.6 and 0 < b.baseline - a.baseline < 2.5 * body
    ]
    return statistics.median(steps) if steps else 1.25 * body


def _starts_new_block(previous: Line, line: Line, heading: bool, block, pitch: float) -> bool:
    if heading != block.heading or abs(line.size - previous.size) > 0.6:
        return True
    if line.bold != previous.bold and not heading:
        return True
    step = line.baseline - previous.baseline
    if step < 0 or step > max(pitch, line.size) * 1.35:
        return True
    return not heading and _starts_item(line.text)


def _ends_short(line: Line, following: str, widest: float) -> bool:
    """A line well short of the column's width ends its paragraph when it ends a sentence, or
    when it is very short and a capital letter follows ("Follow us on Facebook")."""
    width = line.x1 - line.x0
    if line.text.rstrip()[-1:] in ".!?:":
        return width < 0.7 * widest
    return width < 0.5 * widest and following[:1].isupper()


def join_lines(lines: list[str], words: set[str], compounds: set[str]) -> str:
    """Join a paragraph's lines, mending words hyphenated at a line end."""
    text = lines[0].strip()
    for line in lines[1:]:
        line = line.strip()
        match = re.search(r"(\w+)-$", text)
        follow = re.match(r"[^\W_]+", line)
        if match and follow and not _keep_hyphen(match.group(1), follow.group(0), words, compounds):
            text = text[:-1] + line
        elif match and follow:
            text += line
        else:
            text += " " + line
    return text


def _keep_hyphen(left: str, right: str, words: set[str], compounds: set[str]) -> bool:
    """True when "left-" + "right" at a line break is a compound, not a hyphenated word."""
    if not right[:1].islower():
        return True  # "anti-\nCGRP", "COVID-\n19", "type-\n2"
    if f"{left}-{right}".lower() in compounds:
        return True
    if (left + right).lower() in words:
        return False
    if left[-1:].lower() == right[:1] and left[-1:] in "aeiou":
        return True  # "anti-inflammatory", "co-ordinate": a doubled vowel keeps its hyphen
    return left.lower() in COMPOUND_HEADS


def _markdown(block: _Block, level: int | None, words: set[str], compounds: set[str]) -> str:
    text = join_lines([line.text for line in block.lines], words, compounds)
    text = " ".join(text.split())
    if level:
        return "#" * level + " " + escape_text(text)
    item = _BULLET.match(text)
    if item:
        return "- " + escape_text(text[item.end() :])
    number = _NUMBER.match(text)
    if number:
        digits = number.group(1)
        return f"{digits if digits.isdigit() else 1}. " + escape_text(text[number.end() :])
    return _LINE_START.sub(r"\1\\\2", escape_text(text))


def layout(document: PdfText) -> Layout:
    """The document as Markdown blocks, its title, and what was removed as page furniture."""
    removed: list[str] = []
    remove_running_text(document, removed)
    body = body_size(document)
    blocks: list[_Block] = []
    for page in document.pages:
        for group in reading_order(page.spans, body):
            found = _blocks(page_lines(group), body, page.number)
            if found and blocks and _continues(blocks[-1], found[0]):
                blocks[-1].lines += found.pop(0).lines  # a paragraph going on in the next column
            blocks += found
    everything = " ".join(line.text for block in blocks for line in block.lines)
    words = {w.lower() for w in re.findall(r"[^\W\d_]+", everything)}
    compounds = {w.lower() for w in re.findall(r"[^\W\d_]+-[^\W\d_]+", everything)}
    title, blocks = _take_title(blocks, body, words, compounds)
    sizes = sorted({round(b.lines[0].size) for b in blocks if b.heading}, reverse=True)
    markdown = []
    for block in blocks:
        level = min(4, 2 + sizes.index(round(block.lines[0].size))) if block.heading else None
        markdown.append(_markdown(block, level, words, compounds))
    return Layout(_group_lists(markdown), title, removed)


def _take_title(blocks, body, words, compounds) -> tuple[str | None, list[_Block]]:
    """The largest heading on the first page, when it stands out from the body text."""
    first_page = [b for b in blocks if b.page == blocks[0].page] if blocks else []
    candidates = [b for b in first_page if b.heading and b.lines[0].size >= body * TITLE_RATIO]
    if not candidates:
        return None, blocks
    title_block = max(candidates, key=lambda b: b.lines[0].size)
    title = join_lines([line.text for line in title_block.lines], words, compounds)
    return " ".join(title.split()), [b for b in blocks if b is not title_block]


def _group_lists(blocks: list[str]) -> list[str]:
    """Consecutive list items become one Markdown list."""
    grouped: list[str] = []
    for block in blocks:
        kind = "-" if block.startswith("- ") else "1" if re.match(r"\d+\. ", block) else None
        last = grouped[-1].split("\n")[-1] if grouped else ""
        same = last.startswith("- ") if kind == "-" else bool(re.match(r"\d+\. ", last))
        if kind and same:
            grouped[-1] += "\n" + block
        else:
            grouped.append(block)
    return grouped
