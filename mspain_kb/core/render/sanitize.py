"""The last gate before HTML reaches the window or the printer: an nh3 (ammonia) allow-list.

Article files may hold raw HTML (Markdown passes it through). Whatever it says, what comes out
keeps only the tags and attributes the reader needs, links only to web pages, e-mail, the
app's own `glossary:` and `tag:` schemes and anchors in the page, and images only from
relative paths on this machine. Scripts, styles, frames, forms, event handlers and `style`
attributes never survive, so nothing remote is loaded and nothing runs.
"""

from __future__ import annotations

import re

import nh3

LINK_SCHEMES = frozenset({"http", "https", "mailto", "glossary", "tag"})
_MAX_IMAGE_PATH = 512

_TEXT_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "div", "span",
    "ul", "ol", "li", "dl", "dt", "dd", "em", "strong", "b", "i", "u", "s", "del", "ins",
    "sub", "sup", "small", "big", "code", "pre", "kbd", "samp", "abbr", "cite",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
}  # fmt: skip
READING_TAGS = frozenset(_TEXT_TAGS | {"a", "img"})
PRINT_TAGS = frozenset(_TEXT_TAGS | {"img"})  # no links on paper

# Dropped together with everything inside them, not just unwrapped.
_DROP_WITH_CONTENT = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript",
    "template", "svg", "math", "form", "textarea", "select", "button", "audio", "video",
    "title",
})  # fmt: skip

_HEADING_ATTRIBUTES = {"id", "class"}
_ATTRIBUTES = {
    "*": {"class"},
    "a": {"href", "title", "class"},
    "img": {"src", "alt", "width", "height"},
    "span": {"id", "class", "title"},
    "table": {"class", "width", "border", "cellspacing", "cellpadding"},
    "td": {"class", "align", "colspan", "rowspan"},
    "th": {"class", "align", "colspan", "rowspan"},
    **{f"h{level}": _HEADING_ATTRIBUTES for level in range(1, 7)},
}
_IMG_WITHOUT_SRC_RE = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")


def is_local_image(src: str) -> bool:
    """A relative path to a file beside the article: no scheme, no absolute path, no `..`."""
    if not src or len(src) > _MAX_IMAGE_PATH or ":" in src or "\\" in src:
        return False
    if src.startswith(("/", "~")):
        return False
    return ".." not in src.split("/")


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        return value if is_local_image(value) else None
    if tag == "a" and attribute == "href":
        scheme = value.split(":", 1)[0].lower() if ":" in value else ""
        return value if value.startswith("#") or scheme in LINK_SCHEMES else None
    return value


def sanitize_html(fragment: str, *, print_mode: bool = False) -> str:
    """Clean an HTML fragment to the reader's allow-list (no links at all in print mode)."""
    cleaned = nh3.clean(
        fragment,
        tags=set(PRINT_TAGS if print_mode else READING_TAGS),
        clean_content_tags=set(_DROP_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in _ATTRIBUTES.items()},
        attribute_filter=_keep_attribute,
        url_schemes=set(LINK_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
    return _IMG_WITHOUT_SRC_RE.sub("", cleaned)
