"""An article as the handout prints it: a list of typesetter-neutral blocks (`blocks.py`).

The body is read by Python-Markdown (the same extensions as the reader, so a block is a box,
a list or a table exactly when it is one on screen) and its element tree is turned into
blocks. Web addresses are written out after their link text; raw HTML keeps only its text.
Promotional passages are left out and counted unless asked for; editor's notes are always
kept. The glossary terms used in the printed text are collected, and the first use of each
in the body is marked on its `Run` so the typesetter can set it in bold.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE, HTML_PLACEHOLDER

from mspain_kb.core.collection.article import EDITOR_NOTE_KIND, PROMOTIONAL_FLAG
from mspain_kb.core.handout.blocks import (
    ArticleContent,
    Block,
    Box,
    Heading,
    Inline,
    ListBlock,
    Paragraph,
    Preformatted,
    Quote,
    Run,
    Table,
)
from mspain_kb.core.render.article import defuse_markdown
from mspain_kb.core.render.extensions import EDITOR_NOTE_LABEL, PROMOTIONAL_LABEL
from mspain_kb.core.render.source import readable_source

_EXTENSIONS = ["admonition", "tables", "sane_lists", "fenced_code"]  # as core.render
_PLACEHOLDER_RE = re.compile(HTML_PLACEHOLDER.replace("%s", r"(\d+)"))
_SPACES_RE = re.compile(r"[ \t\r\n]+")
_HEADING_TAGS = {f"h{level}": level for level in range(1, 7)}
_BLOCK_TAGS = {"p", "ul", "ol", "li", "table", "pre", "blockquote", "div", "hr", *_HEADING_TAGS}
_EXTERNAL = ("http://", "https://", "mailto:")
_ADDRESS_RE = re.compile(r"(?:https?://|mailto:|www\.)\S+", re.IGNORECASE)


class _KeepTree(Treeprocessor):
    """Runs last and keeps the finished tree (Python-Markdown only returns a string)."""

    def run(self, root: etree.Element) -> None:
        self.md.handout_tree = root


def _markdown_tree(text: str) -> tuple[etree.Element, list[str]]:
    """The element tree of `text` and Python-Markdown's stash of raw HTML."""
    md = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")
    md.treeprocessors.register(_KeepTree(md), "handout_keep_tree", -100)
    md.convert(defuse_markdown(text))
    return md.handout_tree, [str(raw) for raw in md.htmlStash.rawHtmlBlocks]


class _Builder:
    """Turns one article's element tree into blocks and notes the glossary terms it uses."""

    def __init__(self, glossary, stash: list[str], include_promotional: bool):
        self.glossary = glossary
        self.stash = stash
        self.include_promotional = include_promotional
        self.left_out = 0
        self.found: dict[str, object] = {}  # slug -> glossary Entry, first use first
        self.marked: dict[str, str] = {}  # slug -> the words of its first marked use
        self.in_box = False  # terms in boxes are noted, not marked: the text's own use is

    # -- blocks ------------------------------------------------------------------------

    def blocks(self, parent: etree.Element) -> list[Block]:
        """The blocks inside `parent`; loose text and inline elements between blocks (as in
        a tight list item) form paragraphs."""
        result: list[Block] = []
        pending = list(self.inline_of_text(parent.text))

        def flush() -> None:
            runs = self.mark_terms(_trimmed(pending))
            if _has_text(runs):
                result.append(Paragraph(runs))
            pending.clear()

        for child in parent:
            if child.tag in _BLOCK_TAGS:
                flush()
                result.extend(self.block(child))
            else:
                pending.extend(self.inline_child(child, False, False))
            pending.extend(self.inline_of_text(child.tail))
        flush()
        return result

    def block(self, element: etree.Element) -> list[Block]:
        tag = element.tag
        if tag in _HEADING_TAGS:
            runs = _trimmed(self.inline(element))
            self.note_terms(runs)
            return [Heading(_HEADING_TAGS[tag], runs)] if _has_text(runs) else []
        if tag == "p":
            code = self.stashed_code(element)
            if code is not None:
                return [Preformatted(code)] if code.strip() else []
            bold = "admonition-title" in element.get("class", "")  # a note box's own title
            runs = self.mark_terms(_trimmed(self.inline(element, bold=bold)))
            return [Paragraph(runs)] if _has_text(runs) else []
        if tag in ("ul", "ol"):
            items = tuple(tuple(self.blocks(item)) for item in element if item.tag == "li")
            start = int(element.get("start", "1")) if element.get("start", "").isdigit() else 1
            return [ListBlock(tag == "ol", items, start)] if items else []
        if tag == "table":
            return self.table(element)
        if tag == "pre":
            text = self.plain(element).strip("\n")
            return [Preformatted(text)] if text.strip() else []
        if tag == "blockquote":
            return [Quote(tuple(self.blocks(element)))]
        if tag == "div":
            return self.division(element)
        if tag == "hr":
            return []
        runs = self.mark_terms(_trimmed(self.inline(element)))  # anything else: its words
        return [Paragraph(runs)] if _has_text(runs) else []

    def division(self, element: etree.Element) -> list[Block]:
        classes = element.get("class", "").split()
        kind = classes[1] if len(classes) == 2 and classes[0] == "admonition" else ""
        children = [c for c in element if "admonition-title" not in c.get("class", "")]
        if kind == PROMOTIONAL_FLAG and not self.include_promotional:
            self.left_out += 1
            return []
        if kind in (PROMOTIONAL_FLAG, EDITOR_NOTE_KIND):
            label = PROMOTIONAL_LABEL if kind == PROMOTIONAL_FLAG else EDITOR_NOTE_LABEL
            inner = etree.Element("div")
            inner.extend(children)
            self.in_box = True
            try:
                return [Box(kind, label, tuple(self.blocks(inner)))]
            finally:
                self.in_box = False
        return self.blocks(element)  # another kind of admonition: its title and text

    def table(self, element: etree.Element) -> list[Block]:
        rows = [row for row in element.iter("tr")]
        cells = [[self.mark_terms(_trimmed(self.inline(cell))) for cell in row] for row in rows]
        if not cells:
            return []
        has_header = any(cell.tag == "th" for cell in rows[0])
        header = tuple(cells[0]) if has_header else ()
        body = tuple(tuple(row) for row in (cells[1:] if has_header else cells))
        return [Table(header, body)]

    # -- inline text -------------------------------------------------------------------

    def inline(self, element: etree.Element, bold=False, italic=False) -> Inline:
        runs = list(self.inline_of_text(element.text, bold, italic))
        for child in element:
            runs.extend(self.inline_child(child, bold, italic))
            runs.extend(self.inline_of_text(child.tail, bold, italic))
        return _merge(runs)

    def inline_child(self, child: etree.Element, bold: bool, italic: bool) -> list[Run]:
        """The runs of one inline element (without its tail)."""
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "br":
            return [Run("\n", bold, italic)]
        if tag == "img":
            alt = _collapse(child.get("alt") or "").strip()
            return [Run(f"[picture: {alt}]", bold, italic)] if alt else []
        if not tag:  # a comment
            return []
        runs = list(
            self.inline(child, bold or tag in ("strong", "b"), italic or tag in ("em", "i"))
        )
        href = child.get("href", "") if tag == "a" else ""
        if href.startswith(_EXTERNAL):
            shown = href.removeprefix("mailto:")
            if "".join(run.text for run in runs).strip() != shown:
                runs.append(Run(f" ({shown})", bold, italic))
        return runs

    def inline_of_text(self, text: str | None, bold=False, italic=False) -> Inline:
        if not text:
            return ()
        text = text.replace(AMP_SUBSTITUTE, "&")
        text = _PLACEHOLDER_RE.sub(lambda m: self.stashed_text(int(m.group(1))), text)
        return (Run(_collapse(text), bold, italic),)

    def stashed_text(self, number: int) -> str:
        """Raw HTML from the article, as text only (no tags, scripts or styles)."""
        if number >= len(self.stash):
            return ""
        return html.unescape(nh3.clean(self.stash[number], tags=set()))

    def stashed_code(self, element: etree.Element) -> str | None:
        """The text of a fenced code block (kept by Python-Markdown as one stashed <pre>),
        line breaks kept; None for any other paragraph."""
        match = _PLACEHOLDER_RE.fullmatch((element.text or "").strip())
        if len(element) or not match or int(match.group(1)) >= len(self.stash):
            return None
        raw = self.stash[int(match.group(1))]
        if not raw.lstrip().startswith("<pre"):
            return None
        return html.unescape(nh3.clean(raw, tags=set())).strip("\n")

    def plain(self, element: etree.Element) -> str:
        text = "".join(element.itertext()).replace(AMP_SUBSTITUTE, "&")
        return _PLACEHOLDER_RE.sub(lambda m: self.stashed_text(int(m.group(1))), text)

    # -- glossary terms ----------------------------------------------------------------

    def terms_in(self, text: str) -> list:
        """Glossary terms in `text`, except inside web addresses ("…/multiple-sclerosis/")."""
        addresses = [match.span() for match in _ADDRESS_RE.finditer(text)]
        return [
            match
            for match in self.glossary.find_terms(text)
            if not any(start < match.end and match.start < end for start, end in addresses)
        ]

    def note_terms(self, runs: Inline) -> None:
        """Remember the terms used in `runs` without marking them (headings, summary)."""
        for run in runs:
            for match in self.terms_in(run.text):
                self._remember(match)

    def mark_terms(self, runs: Inline) -> Inline:
        """Remember the terms used in `runs` and mark the first use of each in the article."""
        marked: list[Run] = []
        for run in runs:
            position = 0
            for match in self.terms_in(run.text):
                slug = self._remember(match)
                if slug in self.marked or run.term or self.in_box:
                    continue
                self.marked[slug] = _collapse(match.text)
                marked.append(_with_text(run, run.text[position : match.start]))
                marked.append(_with_text(run, run.text[match.start : match.end], term=slug))
                position = match.end
            marked.append(_with_text(run, run.text[position:]))
        return tuple(run for run in marked if run.text)

    def _remember(self, match) -> str:
        self.found.setdefault(match.entry.slug, match.entry)
        return match.entry.slug


def _with_text(run: Run, text: str, term: str = "") -> Run:
    return Run(text, run.bold, run.italic, term or run.term)


def _collapse(text: str) -> str:
    return _SPACES_RE.sub(" ", text)


def _has_text(runs: Inline) -> bool:
    return any(run.text.strip() for run in runs)


def _merge(runs: list[Run]) -> Inline:
    """Join neighbouring runs of the same style and the spaces between them."""
    merged: list[Run] = []
    for run in runs:
        if merged and merged[-1].text.endswith(" ") and run.text.startswith(" "):
            run = _with_text(run, run.text.lstrip(" "))
        if not run.text:
            continue
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic)
        else:
            merged.append(run)
    return tuple(merged)


def _trimmed(runs) -> Inline:
    """A paragraph's runs without the spaces at its start and end."""
    runs = list(_merge(list(runs)))
    if runs:
        runs[0] = _with_text(runs[0], runs[0].text.lstrip())
        runs[-1] = _with_text(runs[-1], runs[-1].text.rstrip())
    return tuple(run for run in runs if run.text)


def article_content(article, glossary, *, include_promotional: bool = False) -> ArticleContent:
    """The printable content of one article (see the module docstring)."""
    tree, stash = _markdown_tree(article.body)
    builder = _Builder(glossary, stash, include_promotional)
    summary = (Run(_collapse(article.summary).strip()),) if article.summary.strip() else ()
    builder.note_terms(summary)
    blocks = builder.blocks(tree)
    return ArticleContent(
        id=article.id,
        title=_collapse(article.title).strip(),
        summary=summary,
        source=readable_source(article),
        imported=article.imported.strip(),
        blocks=tuple(blocks),
        promotional_left_out=builder.left_out,
        terms=tuple(builder.found.values()),
        marked_forms=tuple(builder.marked.items()),
    )
