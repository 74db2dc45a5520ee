"""Reduce a saved web page to safe Markdown: the article's words and structure, nothing else.

A small converter over BeautifulSoup's tree (the stdlib `html.parser` backend, no compiled
dependency). It keeps headings, paragraphs, lists, quotes, emphasis and links, and decides
each link and image itself, which a general converter would not: only http, https and mailto
links survive (others keep their text), no image survives (articles are text; remote images
would reach the network), and no raw HTML reaches the output because every text is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.element import PreformattedString

from mspain_kb.core.collection.importing.page_cleanup import describe

SAFE_LINK_SCHEMES = ("http://", "https://", "mailto:")
# Removed with everything inside: never article text.
_DROP_TAGS = {
    "script": "script",
    "style": "style sheet",
    "noscript": "noscript block",
    "iframe": "embedded frame",
    "frame": "embedded frame",
    "object": "embedded object",
    "embed": "embedded object",
    "applet": "embedded object",
    "form": "form",
    "nav": "navigation",
    "aside": "sidebar",
    "template": "template",
    "svg": "drawing",
    "canvas": "drawing",
    "button": "button",
    "select": "form",
    "textarea": "form",
    "input": "form",
    "dialog": "pop-up",
    "link": "link",
    "meta": "meta",
}
_FURNITURE_CLASS = re.compile(
    r"(?:^|[-_\s])(share|sharing|sharedaddy|social|comments?|respond|reply|cookies?|consent|"
    r"newsletter|subscribe|sidebar|breadcrumbs?|related|advert|ads|popup|widget)"
    r"(?:$|[-_\s])",
    re.IGNORECASE,
)
_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "body",
    "html",
    "header",
    "footer",
    "figure",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "dl",
    "dd",
    "dt",
    "address",
    "details",
    "summary",
    "center",
    "hr",
}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_CONTENT_TAGS = frozenset({"article", "main", "section"})
_STRUCTURE_TAGS = frozenset({*_BLOCK_TAGS, *_HEADINGS, "ul", "ol", "li", "blockquote", "pre"})
_ESCAPE = re.compile(r"([\\`*_\[\]])")
_LINE_START = re.compile(r"^(\s*)(#|>|[-+]\s|\d+[.)]\s|!!!)")


@dataclass
class HtmlResult:
    markdown: str
    title: str | None
    removed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def escape_text(text: str) -> str:
    """Escape text so Markdown shows it literally and no HTML tag can appear."""
    return _ESCAPE.sub(r"\\\1", text).replace("<", "&lt;")


def _tags(root: Tag, names) -> Iterator[Tag]:
    """Descendant elements named in `names`, in document order.

    (A plain walk: BeautifulSoup's find_all is several times slower on large pages.)
    """
    return (node for node in root.descendants if isinstance(node, Tag) and node.name in names)


def _words(element: Tag) -> str:
    return " ".join(element.get_text(" ").split())


_FURNITURE_KINDS = {
    "share": "share buttons",
    "sharing": "share buttons",
    "sharedaddy": "share buttons",
    "social": "share buttons",
    "comment": "comments section",
    "comments": "comments section",
    "respond": "comments section",
    "reply": "comments section",
    "cookie": "cookie banner",
    "cookies": "cookie banner",
    "consent": "cookie banner",
    "newsletter": "newsletter sign-up",
    "subscribe": "newsletter sign-up",
    "sidebar": "sidebar",
    "widget": "sidebar",
    "breadcrumb": "breadcrumb",
    "breadcrumbs": "breadcrumb",
    "related": "related links",
}
_FURNITURE_ROLES = {
    "navigation": "navigation",
    "banner": "page header",
    "contentinfo": "page footer",
    "complementary": "sidebar",
    "search": "search box",
}


def _furniture_kind(element: Tag) -> str | None:
    """What kind of page furniture the element's class, id or role names, if any."""
    names = " ".join(element.get("class") or []) + " " + str(element.get("id") or "")
    match = _FURNITURE_CLASS.search(names)
    if match:
        return _FURNITURE_KINDS.get(match.group(1).lower(), "advertising or pop-up")
    return _FURNITURE_ROLES.get(str(element.get("role") or "").lower())


def _image_note(image: Tag) -> str:
    source = str(image.get("src") or "")
    alt = str(image.get("alt") or "").strip()
    if image.get("width") in ("0", "1") or image.get("height") in ("0", "1"):
        return describe("tracking image", source or alt)
    if source.startswith(("http://", "https://", "//")):
        return describe("remote image", alt or source)
    return describe("image (articles hold text only)", alt or source)


def _strip_furniture(soup: BeautifulSoup, removed: list[str]) -> None:
    """Remove everything that is not the article, in document order, reporting each removal.

    Walks the tree with an explicit stack (deep pages must not exhaust recursion) and never
    descends into what it removed.
    """
    for comment in [node for node in soup.descendants if isinstance(node, Comment)]:
        comment.extract()
    total = len(_words(soup).split()) or 1
    stack: list[tuple[Tag, bool]] = [(soup, False)]
    while stack:
        node, in_content = stack.pop()
        if node is not soup and _remove_if_furniture(node, in_content, total, removed):
            continue
        in_content = in_content or node.name in _CONTENT_TAGS
        children = [child for child in node.children if isinstance(child, Tag)]
        stack.extend((child, in_content) for child in reversed(children))


def _remove_if_furniture(element: Tag, in_content: bool, total: int, removed: list[str]) -> bool:
    """Remove `element` if it is clearly furniture; True when it was removed."""
    name = element.name
    if name in _DROP_TAGS:
        text = _words(element)
        if name not in ("link", "meta", "style", "script") and text:
            removed.append(describe(_DROP_TAGS[name], text))
        else:
            removed.append(f"{_DROP_TAGS[name]} ({name} element)")
        element.decompose()
        return True
    if name == "img":
        removed.append(_image_note(element))
        element.decompose()
        return True
    if name in ("header", "footer") and not in_content:  # the page's own, not the article's
        return _remove_unless_main_text(element, "page " + name, total, removed)
    if name not in ("html", "body", "main", "article") and (kind := _furniture_kind(element)):
        return _remove_unless_main_text(element, kind, total, removed)
    return False


def _remove_unless_main_text(element: Tag, kind: str, total: int, removed: list[str]) -> bool:
    """Remove furniture, but when unsure keep: never what holds most of the page's words."""
    text = _words(element)
    if len(text.split()) > total / 2:
        return False
    removed.append(describe(kind, text or element.name))
    element.decompose()
    return True


class _Writer:
    """Walks the cleaned tree and writes Markdown blocks."""

    def __init__(self, top_level: int, holds_structure: set[int]):
        self.blocks: list[str] = []
        self.shift = 2 - top_level  # the highest heading in the body becomes ##
        self.holds_structure = holds_structure

    def block(self, element: Tag) -> None:
        """Write the children of a block element; runs of inline content become paragraphs."""
        pending: list[str] = []
        for child in element.children:
            if isinstance(child, PreformattedString):
                continue  # doctype, declarations, processing instructions
            if isinstance(child, NavigableString):
                pending.append(escape_text(re.sub(r"\s+", " ", str(child))))
            elif isinstance(child, Tag) and not self.is_block(child):
                pending.append(self.inline_tag(child))
            elif isinstance(child, Tag):
                self.paragraph("".join(pending))
                pending = []
                self.block_tag(child)
        self.paragraph("".join(pending))

    def is_block(self, tag: Tag) -> bool:
        """Block-level itself, or holding block-level content (a span around paragraphs)."""
        return tag.name in _STRUCTURE_TAGS or id(tag) in self.holds_structure

    def paragraph(self, text: str) -> None:
        lines = [" ".join(line.split()) for line in text.split("\n")]
        lines = [_LINE_START.sub(r"\1\\\2", line) for line in lines if line]
        if lines:
            self.blocks.append("\n".join(lines))

    def block_tag(self, child: Tag) -> None:
        name = child.name
        if name in _HEADINGS:
            level = max(2, min(6, _HEADINGS[name] + self.shift))
            text = " ".join(self.inline(child).split())
            if text:
                self.blocks.append("#" * level + " " + text)
        elif name in ("ul", "ol"):
            lines = self.list_lines(child, 0)
            if lines:
                self.blocks.append("\n".join(lines))
        elif name == "blockquote":
            inner = _Writer(2, self.holds_structure)
            inner.block(child)
            quoted = "\n\n".join(inner.blocks)
            if quoted.strip():
                self.blocks.append("\n".join(f"> {line}".rstrip() for line in quoted.split("\n")))
        elif name == "pre":
            code = child.get_text().strip("\n")
            if code.strip():
                self.blocks.append("```\n" + code.replace("```", "'''") + "\n```")
        elif name == "tr":
            cells = [" ".join(self.inline(cell).split()) for cell in child.find_all(["td", "th"])]
            if any(cells):
                self.blocks.append(" | ".join(cell for cell in cells if cell))
        else:
            self.block(child)

    def inline(self, element: Tag) -> str:
        """The element's content as one run of Markdown text (emphasis, links, line breaks)."""
        parts: list[str] = []
        for child in element.children:
            if isinstance(child, PreformattedString):
                continue
            if isinstance(child, NavigableString):
                parts.append(escape_text(re.sub(r"\s+", " ", str(child))))
            elif isinstance(child, Tag):
                parts.append(self.inline_tag(child))
        return "".join(parts)

    def inline_tag(self, tag: Tag) -> str:
        name = tag.name
        inner = self.inline(tag)
        if name == "br":
            return "\n"
        if not inner.strip():
            return inner
        if name in ("em", "i", "cite"):
            return _wrap(inner, "*")
        if name in ("strong", "b"):
            return _wrap(inner, "**")
        if name == "code":
            return "`" + tag.get_text().replace("`", "'") + "`"
        if name == "a":
            href = str(tag.get("href") or "").strip()
            if href.lower().startswith(SAFE_LINK_SCHEMES) and not re.search(r"[\s()<>]", href):
                return f"[{inner.strip()}]({href})"
            return inner
        return inner

    def list_lines(self, element: Tag, depth: int) -> list[str]:
        """Markdown list lines; nested lists indented four spaces, as Python-Markdown needs."""
        lines: list[str] = []
        ordered = element.name == "ol"
        items = [c for c in element.children if isinstance(c, Tag) and c.name == "li"]
        for number, item in enumerate(items, start=1):
            nested = [c for c in item.children if isinstance(c, Tag) and c.name in ("ul", "ol")]
            for child in nested:
                child.extract()
            text = " ".join(self.inline(item).split())
            marker = f"{number}." if ordered else "-"
            if text:
                lines.append("    " * depth + f"{marker} {text}")
            for child in nested:
                lines += self.list_lines(child, depth + 1)
        return lines


def _elements_holding_structure(soup: BeautifulSoup) -> set[int]:
    """ids of the elements that contain a block-level element, found in one pass upwards."""
    holding: set[int] = set()
    for tag in _tags(soup, _STRUCTURE_TAGS):
        parent = tag.parent
        while parent is not None and id(parent) not in holding:
            holding.add(id(parent))
            parent = parent.parent
    return holding


def _wrap(text: str, mark: str) -> str:
    stripped = text.strip()
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{lead}{mark}{stripped}{mark}{trail}"


def _head_note(head: Tag) -> str:
    """'page head: 2 scripts, 1 style sheet' — what the page's <head> held besides its title."""
    counts: dict[str, int] = {}
    for element in _tags(head, _DROP_TAGS):
        counts[element.name] = counts.get(element.name, 0) + 1
    parts = [f"{n} {name}{'s' if n > 1 else ''}" for name, n in sorted(counts.items())]
    return "page head: " + (", ".join(parts) or "title only")


def _title_element_text(soup: BeautifulSoup) -> str | None:
    """The <title> without its site name: "Article title | Site name" -> "Article title"."""
    element = next(_tags(soup, {"title"}), None)
    text = " ".join(element.get_text(" ").split()) if element else ""
    return re.split(r"\s+[|–—-]\s+", text)[0] or None


def html_to_markdown(html: str) -> HtmlResult:
    """Convert a web page to Markdown, reporting everything removed along the way."""
    soup = BeautifulSoup(html, "html.parser")
    removed: list[str] = []
    notes: list[str] = []
    head_title = _title_element_text(soup)
    for head in list(_tags(soup, {"head"})):
        removed.append(_head_note(head))
        head.decompose()
    for element in list(_tags(soup, {"title"})):  # a stray <title> outside <head>
        element.decompose()
    _strip_furniture(soup, removed)
    # The article's first <h1> (the site name's <h1> went with the page header) is its title.
    first_h1 = next(_tags(soup, {"h1"}), None)
    title = _words(first_h1) if first_h1 else ""
    if title:
        first_h1.decompose()  # it becomes the article's title, not a heading in the body
    title = title or head_title
    levels = [_HEADINGS[tag.name] for tag in _tags(soup, _HEADINGS)]
    writer = _Writer(min(levels, default=2), _elements_holding_structure(soup))
    try:
        writer.block(soup)
        blocks = writer.blocks
    except RecursionError:
        # Hundreds of nested elements: keep the words, give up the structure.
        blocks = [escape_text(" ".join(line.split())) for line in soup.get_text("\n").split("\n")]
        blocks = [block for block in blocks if block]
        notes.append("the page is nested too deeply to keep its layout; read as plain paragraphs")
    markdown_text = "\n\n".join(block.strip("\n") for block in blocks)
    return HtmlResult(markdown_text, title, removed, notes)
