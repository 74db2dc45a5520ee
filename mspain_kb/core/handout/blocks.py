"""The handout's content as plain data, independent of any typesetter.

`content` builds these from the articles; `pdf` lays them out. A `Run` is a stretch of text
with one style; `term` is set on the first use of a glossary term in an article, so the
typesetter can show in bold the terms that the glossary at the end explains.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    term: str = ""  # glossary slug on the first use of a term in the article


Inline = tuple[Run, ...]


@dataclass(frozen=True)
class Heading:
    level: int  # 1 for the article's main headings ("##" in the file), 2, 3...
    runs: Inline


@dataclass(frozen=True)
class Paragraph:
    runs: Inline


@dataclass(frozen=True)
class Preformatted:
    text: str


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[tuple[Block, ...], ...]
    start: int = 1


@dataclass(frozen=True)
class Table:
    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]


@dataclass(frozen=True)
class Quote:
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Box:
    """A labelled box: an editor's note or (when asked for) a promotional passage."""

    kind: str  # "editor" or "promotional"
    label: str
    blocks: tuple[Block, ...]


Block = Heading | Paragraph | Preformatted | ListBlock | Table | Quote | Box


@dataclass(frozen=True)
class ArticleContent:
    id: str
    title: str
    summary: Inline
    source: str  # a readable name for where the article came from, or ""
    imported: str
    blocks: tuple[Block, ...]
    promotional_left_out: int = 0
    terms: tuple = ()  # glossary Entries used in the printed text, first use first
    marked_forms: tuple[tuple[str, str], ...] = ()  # (slug, words of its first marked use)


@dataclass(frozen=True)
class GlossaryItem:
    term: str
    slug: str
    definition: str
