"""Plain text cut into sentences, each with its character offsets, for reading aloud.

A sentence ends at ".", "!" or "?" (with any closing quotes or brackets) followed by a space
and something that can start a sentence (a capital, a digit, an opening quote or bracket), and
always at a line break (headings, list items and table rows have no full stop). The full stop
of a known abbreviation ("e.g.", "Dr.", "Ms."), a single initial ("J. Smith") or a number
("approx. 5") does not end a sentence. "MS." in capitals is the disease, so its full stop does.
Offsets index the text given, so the window can highlight the sentence being read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_SENTENCE_CHARS = 600  # a longer run without a full stop is read in parts, at commas

# Compared case-sensitively, without the final dot; "Ms" (a title) is here, "MS" is not.
ABBREVIATIONS = frozenset(
    {"e.g", "i.e", "eg", "ie", "etc", "vs", "cf", "al", "approx", "ca", "incl", "esp"}
    | {"Dr", "Drs", "Mr", "Mrs", "Ms", "Mx", "Prof", "Rev", "St", "Jr", "Sr"}
)
# Abbreviations that may also end a sentence: before a capital, their full stop ends one.
SENTENCE_FINAL = frozenset({"etc", "al", "Jr", "Sr"})
# Abbreviations only when a number follows ("No. 5", "Fig. 2", "p. 12"): "No. It is not." ends.
BEFORE_NUMBER = frozenset(
    {"No", "no", "Nos", "nos", "Fig", "fig", "Figs", "figs", "Vol", "vol", "p", "pp", "Ref"}
)

_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)")
_STARTS_SENTENCE = re.compile(r"\s+[\"'“‘(\[]?[A-Z0-9]")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_SOFT_BREAK = re.compile(r"[,;:]\s")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int  # exclusive; text[start:end] is the sentence without surrounding spaces
    text: str


def split_sentences(text: str, offset: int = 0) -> list[Sentence]:
    """The sentences of `text`, in order; offsets are into `text`, plus `offset`."""
    sentences: list[Sentence] = []
    for line in re.finditer(r"[^\n\r\u2029\u2028]+", text):
        start = line.start()
        for end in _ends(line.group(), start):
            sentences += _trimmed(text, start, end, offset)
            start = end
        sentences += _trimmed(text, start, line.end(), offset)
    return sentences


def _ends(line: str, base: int):
    """Offsets (into the whole text) where a sentence of this line ends."""
    for match in _END.finditer(line):
        after = line[match.end() :]
        if not _STARTS_SENTENCE.match(after):
            continue
        one_full_stop = match.group().rstrip("\"'”’)]") == "."
        if one_full_stop and _abbreviation(line, match):
            continue
        yield base + match.end()


def _abbreviation(line: str, match: re.Match) -> bool:
    """Is the single full stop at `match` part of an abbreviation or an initial?"""
    word = _WORD_BEFORE.search(line[: match.start() + 1])
    if word is None:
        return False
    before = line[word.start() - 1] if word.start() else " "
    if not (before.isspace() or before in "(\"'“‘["):
        return False
    stem = word.group(1)
    if len(stem) == 1 and stem.isupper():
        return True  # an initial: "J. Smith"
    if stem in BEFORE_NUMBER:
        return line[match.end() :].lstrip()[:1].isdigit()
    if stem in SENTENCE_FINAL:
        return False
    if "." in stem:  # "e.g", "i.e", "U.K": short parts only, so "www.nhs.uk." still ends
        return all(0 < len(part) <= 2 for part in stem.split("."))
    return stem in ABBREVIATIONS


def _trimmed(text: str, start: int, end: int, offset: int) -> list[Sentence]:
    """The stripped sentence text[start:end] (nothing if blank), split when too long."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return []
    if end - start <= MAX_SENTENCE_CHARS:
        return [Sentence(start + offset, end + offset, text[start:end])]
    cut = _soft_cut(text, start, end)
    return _trimmed(text, start, cut, offset) + _trimmed(text, cut, end, offset)


def _soft_cut(text: str, start: int, end: int) -> int:
    """Where to cut an over-long sentence: the last comma or semicolon within the limit, else
    the last space, else at the limit."""
    limit = start + MAX_SENTENCE_CHARS
    window = text[start:limit]
    breaks = [m.end() for m in _SOFT_BREAK.finditer(window)]
    if breaks and breaks[-1] > MAX_SENTENCE_CHARS // 3:
        return start + breaks[-1]
    space = window.rfind(" ")
    return start + space + 1 if space > MAX_SENTENCE_CHARS // 3 else limit
