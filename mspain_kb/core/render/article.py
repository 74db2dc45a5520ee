"""Articles to self-contained, safe HTML for the reader's window and for the printed handout.

The HTML stays within Qt's rich-text subset (the window shows it in a QTextBrowser and
prints it through QTextDocument): inline CSS from `resources/styles/`, tables for boxes, no
scripts, nothing remote. The glossary linking and hit marking rules are documented in
`render_extensions`. The Markdown instance is built once and reused (`md.reset()`).
"""

from __future__ import annotations

import html
import re
import threading
import tomllib
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from functools import lru_cache
from string import Template

import markdown
from markdown.serializers import to_html_string

from mspain_kb.core.collection.article import NEEDS_REVIEW_FLAG
from mspain_kb.core.render.extensions import ArticleExtension, TextDecorator, number_hits
from mspain_kb.core.render.sanitize import sanitize_html
from mspain_kb.core.render.source import readable_source
from mspain_kb.resources import resource_path

THEMES = ("light", "dark", "high-contrast")
# The base font size the window should give the document (QTextDocument.setDefaultFont):
# on screen the CSS sizes are relative to it, so the window's zoom scales the whole page.
READING_FONT_PT = 13
PRINT_FONT_PT = 15  # the handout's CSS sizes are absolute; this is only for reference
DISCLAIMER = "Information, not medical advice."
PRINT_FOOTER = "Information, not medical advice. Printed from MS Pain KB."
APPENDIX_TITLE = "Terms used in this article"
NEEDS_REVIEW_LINE = (
    "Needs review: this article was imported and the clinic's editors have not checked it yet."
)

# Python-Markdown's own extensions. Not attr_list or md_in_html: they would let article text
# set attributes or smuggle HTML past Markdown. Not smarty: its quotes are stashed as
# placeholders, which would hide "Lhermitte's sign" from the glossary.
_EXTENSIONS = ["admonition", "toc", "tables", "sane_lists", "fenced_code"]

# Limits that keep a pathological article from freezing the window: Python-Markdown's link
# search is quadratic in the number of '[' in one paragraph (its issue #798: 20,000 took
# 55 s) and it recurses once per level of nesting (3,000 nested list items: 4 minutes, then
# RecursionError). Ordinary articles stay far below both and pass through unchanged.
MAX_BRACKETS_PER_PARAGRAPH = 100
MAX_INDENT = 40  # columns; deeper lines are pulled back to this
MAX_QUOTE_DEPTH = 16
_DEEP_INDENT_RE = re.compile(rf"^[ \t]{{{MAX_INDENT + 1},}}", re.MULTILINE)
_DEEP_QUOTE_RE = re.compile(rf"^([ ]{{0,3}}(?:>[ ]?){{{MAX_QUOTE_DEPTH}}})(?:>[ ]?)+", re.MULTILINE)
_EXTENSION_CONFIGS = {"tables": {"use_align_attribute": True}}


@dataclass(frozen=True)
class RenderedArticle:
    html: str
    terms: list = field(default_factory=list)  # glossary Entries, first appearance order
    headings: list[tuple[int, str, str]] = field(default_factory=list)  # (level, text, anchor)
    hit_count: int = 0  # spans hit-0 .. hit-(hit_count-1)
    base_font_pt: int = READING_FONT_PT  # what the window should set as the default font


class _Converter:
    """One Markdown instance with the decorating extension, guarded for use from threads."""

    def __init__(self) -> None:
        self.extension = ArticleExtension()
        self.md = markdown.Markdown(
            extensions=[*_EXTENSIONS, self.extension],
            extension_configs=_EXTENSION_CONFIGS,
            output_format="html",
        )
        self.lock = threading.Lock()

    def convert(self, text: str, decorator: TextDecorator) -> tuple[str, list]:
        with self.lock:
            self.md.reset()
            self.extension.decorator = decorator
            try:
                body = self.md.convert(text)
                tokens = list(getattr(self.md, "toc_tokens", []))
            finally:
                self.extension.decorator = None
        return body, _flatten_headings(tokens)


def _flatten_headings(tokens: list[dict]) -> list[tuple[int, str, str]]:
    headings = []
    for token in tokens:
        headings.append((token["level"], html.unescape(token["name"]), token["id"]))
        headings.extend(_flatten_headings(token.get("children", [])))
    return headings


_CONVERTER: _Converter | None = None


def _converter() -> _Converter:
    global _CONVERTER
    if _CONVERTER is None:
        _CONVERTER = _Converter()
    return _CONVERTER


@lru_cache(maxsize=8)
def stylesheet(theme: str = "light", print_mode: bool = False) -> str:
    """The article CSS with the theme's colours and the reading or print sizes filled in."""
    if theme not in THEMES:
        raise ValueError(f"unknown theme '{theme}' (choose {', '.join(THEMES)})")
    styles = resource_path("styles")
    themes = tomllib.loads((styles / "themes.toml").read_text(encoding="utf-8"))
    values = {
        **themes["size"]["print" if print_mode else "reading"],
        **themes["colour"]["print" if print_mode else theme],
    }
    return Template((styles / "article.css").read_text(encoding="utf-8")).substitute(values)


def _page(title: str, css: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>\n<style>\n{css}</style></head>\n"
        f"<body>\n{body}\n</body></html>\n"
    )


def _element(tag: str, text: str = "", **attributes: str) -> etree.Element:
    element = etree.Element(tag, {k.rstrip("_"): v for k, v in attributes.items()})
    element.text = text or None
    return element


def _header(article, vocabulary, decorator: TextDecorator, print_mode: bool) -> etree.Element:
    """Title, summary (hits marked, terms noted, nothing linked), topic chips and source."""
    header = etree.Element("div", {"class": "header"})
    if not print_mode:
        _add_review_line(header, article)
    header.append(_element("p" if print_mode else "h1", article.title, class_="title"))
    if article.summary:
        header.append(_element("p", article.summary, class_="summary"))
    for part in header:  # the title and summary only: the chips are our labels
        decorator.mark_hits_only(part)
    if article.tags and print_mode:
        labels = ", ".join(vocabulary.label(tag) for tag in article.tags)
        header.append(_element("p", f"Topics: {labels}", class_="chips"))
    elif article.tags:
        chips = etree.SubElement(header, "p", {"class": "chips"})
        for number, tag in enumerate(article.tags):
            label = vocabulary.label(tag)
            chip = _element("a", f"\u00a0{label}\u00a0", class_="chip", href=f"tag:{tag}")
            chip.set("title", f"Show all articles about {label}")
            chip.tail = "\u2003" if number < len(article.tags) - 1 else None
            chips.append(chip)
    readable = readable_source(article)  # the handout's words, never a hashed file name
    source = [f"Source: {readable}"] if readable else []
    if article.imported:
        source.append(f"added {article.imported}")
    if source:
        line = ", ".join(source)
        header.append(_element("p", line[0].upper() + line[1:], class_="source"))
    return header


def _add_review_line(header: etree.Element, article) -> None:
    """Imported and not yet checked: said above the title on screen (not on the handout)."""
    if NEEDS_REVIEW_FLAG in article.flags:
        header.append(_element("p", NEEDS_REVIEW_LINE, class_="review"))


def _appendix(terms: list) -> str:
    """The handout's "Terms used in this article": every term found, A to Z, defined."""
    if not terms:
        return ""
    items = []
    for entry in sorted(terms, key=lambda entry: entry.term.casefold()):
        items.append(f"<dt>{html.escape(entry.term)}</dt><dd>{html.escape(entry.definition)}</dd>")
    return f'<p class="appendix">{APPENDIX_TITLE}</p>\n<dl class="appendix">{"".join(items)}</dl>\n'


def _footer(article, print_mode: bool) -> str:
    if not print_mode:
        return f'<hr>\n<p class="disclaimer">{DISCLAIMER}</p>'
    readable = readable_source(article)
    source = f"Source: {html.escape(readable)}. " if readable else ""
    return f'<hr>\n<p class="printed">{source}{PRINT_FOOTER}</p>'


def render_article(
    article,
    glossary,
    vocabulary,
    *,
    highlight_terms=(),
    print_mode: bool = False,
    theme: str = "light",
    mark_every_term: bool = False,
) -> RenderedArticle:
    """Render an Article for reading (links, hits, theme) or, with print_mode, as a handout.

    `highlight_terms` are stemmed words, or groups of them in the order a reader should meet
    them (as `SearchService.highlight_groups` gives them); every word of the article with one
    of these stems is marked, and the marks are numbered group by group. Print mode ignores
    them. On screen, familiar glossary terms are linked only with `mark_every_term`.
    """
    css = stylesheet(theme, print_mode)
    decorator = TextDecorator(glossary, highlight_terms, print_mode, mark_every_term)
    header = _header(article, vocabulary, decorator, print_mode)
    body, headings = _converter().convert(defuse_markdown(article.body), decorator)
    terms = list(decorator.terms.values())
    fragment = "\n".join(
        [
            to_html_string(header),
            "<hr>",
            body,
            _appendix(terms) if print_mode else "",
            _footer(article, print_mode),
        ]
    )
    page = _page(article.title, css, number_hits(sanitize_html(fragment, print_mode=print_mode)))
    base = PRINT_FONT_PT if print_mode else READING_FONT_PT
    return RenderedArticle(page, terms, headings, decorator.hit_count, base)


def defuse_markdown(text: str) -> str:
    """Flatten nesting deeper than MAX_INDENT / MAX_QUOTE_DEPTH, and cut a paragraph with
    more than MAX_BRACKETS_PER_PARAGRAPH '[' into short paragraphs (see the limits above)."""
    text = _DEEP_INDENT_RE.sub(" " * MAX_INDENT, text)
    text = _DEEP_QUOTE_RE.sub(r"\1", text)
    if text.count("[") <= MAX_BRACKETS_PER_PARAGRAPH:
        return text
    blocks = text.split("\n\n")
    for number, block in enumerate(blocks):
        if block.count("[") > MAX_BRACKETS_PER_PARAGRAPH:
            parts = block.split("[")
            step = MAX_BRACKETS_PER_PARAGRAPH
            chunks = ["[".join(parts[i : i + step]) for i in range(0, len(parts), step)]
            blocks[number] = "\n\n[".join(chunks)
    return "\n\n".join(blocks)


def render_glossary_entry(entry, glossary, theme: str = "light") -> str:
    """A small page for the glossary pane: term, other names, definition, related terms and
    the references the definition was checked against."""
    parts = [f'<h2 class="entry">{html.escape(entry.term)}</h2>']
    if entry.aliases:
        aliases = ", ".join(html.escape(alias) for alias in entry.aliases)
        parts.append(f'<p class="aliases">Also written: {aliases}</p>')
    parts.append(f"<p>{html.escape(entry.definition)}</p>")
    related = glossary.related_entries(entry)
    if related:
        links = ", ".join(
            f'<a class="term" href="glossary:{html.escape(other.slug)}" '
            f'title="{html.escape(other.short)}">{html.escape(other.term)}</a>'
            for other in related
        )
        parts.append(f"<p>Related: {links}</p>")
    if entry.sources:
        sources = "; ".join(html.escape(source) for source in entry.sources)
        parts.append(f'<p class="aliases">Checked against: {sources}</p>')
    parts.append(f'<p class="disclaimer">{DISCLAIMER}</p>')
    body = sanitize_html("\n".join(parts))
    return _page(entry.term, stylesheet(theme), body)
