"""What the renderer adds to the Markdown tree: glossary links, search hits, labelled boxes.

It works on Python-Markdown's ElementTree after the inline patterns and the `toc` extension
have run. Links and hits are made by splitting text nodes only; the article's own elements
change only where Qt needs it (boxes and tables become bordered tables, print headings
become sized paragraphs, web links get an arrow or, in print, their address).

Boxes: a `promotional` admonition becomes a warning box and an `editor` admonition an
editor's note box, each under a fixed label whatever title the file gives it (the importer
turns `editor` blocks of imported files into plain text, so only the clinic writes notes).
Both boxes are printed.

Glossary linking rule: a glossary term (its term or any alias, found by
`Glossary.find_terms`, whole words only) is linked on its first use in each section, where a
section starts at every h1, h2 or h3 heading. Later uses in the same section stay plain text.
On screen a familiar term ("tendons", "exhaustion": `word_frequency.is_familiar`) is not
linked unless every term is asked for (`mark_every_term`); it is still listed as a term of
the article.
Terms are never linked inside headings, existing links, code or a box's label; they are
linked inside promotional boxes and editor's notes by the same rule, since a plain
definition helps a reader judge an advert. In print mode nothing is linked: the first use
in the whole article is bold and the term is explained in the appendix.

Search hits (`highlight_stems`): every word whose Porter stem is in one of the groups is
wrapped in `<span class="hit" id="hit-N">`; the groups come in the order a reader should meet
them (the words the user typed, then the words of the entry the query named, then the words
of the topics the query was read as), and N counts from 0 through the first group's hits in
reading order, then the second group's, and so on (`number_hits`), in headings and text
alike (also inside links), but not in code, promotional boxes or editor's notes: search
leaves their text out of ranking, so next/previous match must not land on them. Stop words
("and", "the") are never marked: the index leaves them out, so they never matched.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, replace

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from mspain_kb.core.collection.article import (
    EDITOR_NOTE_KIND,
    EDITOR_NOTE_TITLE,
    PROMOTIONAL_FLAG,
    PROMOTIONAL_TITLE,
)
from mspain_kb.core.vocabulary.text import INDEX_STOP_WORDS, WORD_RE, word_stem
from mspain_kb.core.vocabulary.word_frequency import is_familiar

PROMOTIONAL_LABEL = f"\u26a0 {PROMOTIONAL_TITLE}"
EDITOR_NOTE_LABEL = EDITOR_NOTE_TITLE
_BOXES = {  # admonition kind -> (box class, label)
    PROMOTIONAL_FLAG: ("promo", PROMOTIONAL_LABEL),
    EDITOR_NOTE_KIND: ("editor-note", EDITOR_NOTE_LABEL),
}
_BOX_TITLE_CLASSES = frozenset(f"{box}-title" for box, _ in _BOXES.values())
EXTERNAL_MARK = "\u00a0\u2197"  # a non-breaking space and "↗" after links that leave the app
_SECTION_TAGS = frozenset({"h1", "h2", "h3"})
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_CODE_TAGS = frozenset({"code", "pre", "kbd", "samp"})


@dataclass(frozen=True)
class _Context:
    """What may happen to the text inside the current element."""

    find_terms: bool = True
    link_terms: bool = True
    mark_hits: bool = True


class _Builder:
    """Collects text and inline elements as ElementTree wants them: a lead text, then
    elements whose `tail` holds the text that follows each one."""

    def __init__(self) -> None:
        self.lead = ""
        self.nodes: list[etree.Element] = []

    def text(self, value: str) -> None:
        if not value:
            return
        if self.nodes:
            self.nodes[-1].tail = (self.nodes[-1].tail or "") + value
        else:
            self.lead += value

    def element(self, element: etree.Element) -> None:
        self.nodes.append(element)

    def fill(self, element: etree.Element) -> etree.Element:
        element.text = self.lead or None
        element.extend(self.nodes)
        return element


class TextDecorator:
    """Walks a tree once, linking glossary terms and marking hits; remembers what it found."""

    def __init__(
        self,
        glossary,
        highlight_stems=frozenset(),
        print_mode: bool = False,
        mark_every_term: bool = False,
    ):
        """`highlight_stems`: a set of stems, or a sequence of sets in the order their hits
        are numbered (see the module's notes)."""
        self.glossary = glossary
        groups = hit_groups(highlight_stems) if not print_mode else []
        self.stem_group = {
            stem: n for n, group in reversed(list(enumerate(groups))) for stem in group
        }
        self.stems = frozenset(self.stem_group)
        self.print_mode = print_mode
        self.mark_every_term = mark_every_term
        self.terms: dict[str, object] = {}  # slug -> Entry, in order of first appearance
        self.hit_count = 0
        self._linked_in_section: set[str] = set()
        self._bold_in_article: set[str] = set()

    # -- walking -----------------------------------------------------------------------

    def mark_hits_only(self, element: etree.Element) -> None:
        """Note the terms and mark the hits in `element`, but link or embolden nothing."""
        self.walk(element, _Context(link_terms=False))

    def walk(self, element: etree.Element, context: _Context = _Context()) -> None:
        builder = self._decorate(element.text, context)
        element.text = builder.lead or None
        children = list(builder.nodes)
        for child in list(element):
            if not isinstance(child.tag, str):  # comments and processing instructions
                children.append(child)
                continue
            if child.tag in _SECTION_TAGS:
                self._linked_in_section.clear()
            child_context = self._enter(child, context)
            if child_context is not None:
                self.walk(child, child_context)
            self._finish_link(child)
            tail = self._decorate(child.tail, context)
            child.tail = tail.lead or None
            children.append(child)
            children.extend(tail.nodes)
        element[:] = children

    def _enter(self, element: etree.Element, context: _Context) -> _Context | None:
        """The context for an element's content, or None to leave it untouched."""
        tag = element.tag
        classes = element.get("class", "").split()
        if tag == "div" and len(classes) == 2 and classes[0] == "admonition":
            box = _BOXES.get(classes[1])  # "!!! editor", not "!!! editor plus other words"
            if box is not None:
                _make_box(element, *box)
                return replace(context, mark_hits=False)
        if _BOX_TITLE_CLASSES.intersection(classes):
            return None
        if tag == "table" and not classes:  # a Markdown table: Qt needs attributes for a grid
            element.attrib.update({"class": "grid", "border": "1", "cellspacing": "0"})
            element.set("cellpadding", "6")
        if tag in _CODE_TAGS:
            return _Context(find_terms=False, link_terms=False, mark_hits=False)
        if tag in _HEADING_TAGS:
            if self.print_mode:  # Qt ignores pt sizes on h1-h6; paper needs fixed sizes
                element.tag = "p"
                element.attrib = {"class": f"heading-{min(int(tag[1]), 4)}"}
            return replace(context, link_terms=False)
        if tag == "a":
            return replace(context, link_terms=False)
        return context

    def _finish_link(self, element: etree.Element) -> None:
        """Mark links that leave the app; in print, turn every link into its text."""
        if element.tag != "a":
            return
        href = element.get("href", "")
        external = href.startswith(("http://", "https://", "mailto:"))
        if self.print_mode:
            element.tag = "span"
            element.attrib.clear()
            if external:
                shown = href.removeprefix("mailto:")
                element.tail = f" ({shown})" + (element.tail or "")
            return
        if external:
            element.set("class", "external")
            element.set("title", f"Opens in your web browser: {href}")
            if len(element):
                element[-1].tail = (element[-1].tail or "") + EXTERNAL_MARK
            else:
                element.text = (element.text or "") + EXTERNAL_MARK

    # -- one text node -----------------------------------------------------------------

    def _decorate(self, text: str | None, context: _Context) -> _Builder:
        builder = _Builder()
        if not text:
            return builder
        matches = self.glossary.find_terms(text) if context.find_terms else []
        position = 0
        for match in matches:
            entry = match.entry
            self.terms.setdefault(entry.slug, entry)
            wrapper = self._term_wrapper(entry, match.text, context)
            if wrapper is None:
                continue
            self._add_text(builder, text, position, match.start, context)
            inner = _Builder()
            self._add_text(inner, text, match.start, match.end, context)
            builder.element(inner.fill(wrapper))
            position = match.end
        self._add_text(builder, text, position, len(text), context)
        return builder

    def _term_wrapper(self, entry, form: str, context: _Context) -> etree.Element | None:
        """The element a term is wrapped in here, or None to leave it as plain text."""
        if not context.link_terms:
            return None
        if not (self.print_mode or self.mark_every_term) and is_familiar(entry, form):
            return None
        if self.print_mode:
            if entry.slug in self._bold_in_article:
                return None
            self._bold_in_article.add(entry.slug)
            return etree.Element("b", {"class": "term"})
        if entry.slug in self._linked_in_section:
            return None
        self._linked_in_section.add(entry.slug)
        return etree.Element(
            "a", {"href": f"glossary:{entry.slug}", "class": "term", "title": entry.short}
        )

    def _add_text(self, builder: _Builder, text: str, start: int, end: int, context) -> None:
        """Add text[start:end], wrapping search hits in numbered spans."""
        if not (self.stems and context.mark_hits):
            builder.text(text[start:end])
            return
        position = start
        for word in WORD_RE.finditer(text, start, end):
            if not self._is_hit(word.group(0)):
                continue
            builder.text(text[position : word.start()])
            group = self.stem_group[word_stem(word.group(0))]
            span = etree.Element("span", {"class": "hit", "id": f"hit-{group}-{self.hit_count}"})
            span.text = word.group(0)
            builder.element(span)
            self.hit_count += 1
            position = word.end()
        builder.text(text[position:end])

    def _is_hit(self, word: str) -> bool:
        # The index drops stop words, so "and" in "pins and needles" never matched anything.
        return word.casefold() not in INDEX_STOP_WORDS and word_stem(word) in self.stems


def hit_groups(highlight_stems) -> list[frozenset[str]]:
    """One collection of stems, or several in order, as a list of sets."""
    items = list(highlight_stems)
    if all(isinstance(item, str) for item in items):
        return [frozenset(items)] if items else []
    return [frozenset(group) for group in items]


_GROUPED_HIT_RE = re.compile(r'id="hit-(\d+)-(\d+)"')


def number_hits(page: str) -> str:
    """Number the grouped hit marks (`hit-GROUP-ORDER`) of a page `hit-0`, `hit-1`...: the
    first group's hits in reading order, then the next group's."""
    marks = sorted((int(g), int(n)) for g, n in _GROUPED_HIT_RE.findall(page))
    number = {mark: position for position, mark in enumerate(marks)}
    return _GROUPED_HIT_RE.sub(
        lambda m: f'id="hit-{number[(int(m.group(1)), int(m.group(2)))]}"', page
    )


def _make_box(div: etree.Element, box: str, label: str) -> None:
    """Turn an admonition div into a labelled one-cell table: Qt draws borders on tables only.
    The file's own title for the block is replaced by the fixed label."""
    children = list(div)
    if children and "admonition-title" in children[0].get("class", ""):
        children = children[1:]
    div.tag = "table"
    div.attrib.clear()
    border = "2" if box == "editor-note" else "1"  # tells the boxes apart on grey paper too
    div.attrib.update(
        {"class": box, "width": "100%", "border": border, "cellspacing": "0", "cellpadding": "10"}
    )
    div.text = None
    div[:] = []
    cell = etree.SubElement(etree.SubElement(div, "tr"), "td", {"class": box})
    title = etree.SubElement(cell, "p", {"class": f"{box}-title"})
    etree.SubElement(title, "b").text = label
    cell.extend(children)


class _DecorateTreeprocessor(Treeprocessor):
    def __init__(self, md, extension: ArticleExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        decorator = self.extension.decorator
        if decorator is not None:
            decorator.walk(root)


class ArticleExtension(Extension):
    """Registers the decorator after `inline`, `toc` and `unescape`, so it sees final text.

    Set `decorator` before each `convert()`; it is per render, the Markdown instance is not.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.decorator: TextDecorator | None = None

    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(_DecorateTreeprocessor(md, self), "mspain_decorate", -10)
