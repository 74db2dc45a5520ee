"""Patient handouts: one or more articles as a large-print PDF with a short glossary.

One entry point for the command line and the window: `make_handout` gives the PDF's bytes,
`write_handout` saves it atomically. No Qt here: the window previews and prints the bytes.

    options.py         HandoutOptions: font size, promotional passages, all terms, clinic, date
    content.py         article -> typesetter-neutral blocks (blocks.py), glossary terms used
    glossary_terms.py  which terms to explain: warnings first, then the most specialised
    flowables.py       blocks -> ReportLab flowables (styles, boxes, headings kept with text)
    pdf.py             the pages: title block, footer "Page X of Y", glossary on one page
    fonts.py           the bundled DejaVu Sans, embedded in the PDF
"""

from __future__ import annotations

from pathlib import Path

from mspain_kb.core.collection.safe_write import write_bytes_atomic
from mspain_kb.core.handout.content import article_content
from mspain_kb.core.handout.glossary_terms import key_terms, rank_terms
from mspain_kb.core.handout.options import FONT_SIZES, HandoutOptions

__all__ = [
    "FONT_SIZES",
    "HandoutError",
    "HandoutOptions",
    "lay_out",
    "make_handout",
    "save_pdf",
    "write_handout",
]


class HandoutError(Exception):
    """The handout could not be made or saved; the message says why in plain words."""


def lay_out(articles, glossary, options: HandoutOptions | None = None):
    """The handout of `articles` (Article objects, in order): a `pdf.Laid` with the PDF's
    bytes, the glossary terms it explains and its number of pages."""
    # ReportLab is loaded only when a handout is made: the window starts 0.1-0.2 s sooner.
    from reportlab.platypus.doctemplate import LayoutError

    from mspain_kb.core.handout.pdf import render_pdf

    options = options or HandoutOptions()
    if not articles:
        raise HandoutError("no article was given")
    contents = [
        article_content(article, glossary, include_promotional=options.include_promotional)
        for article in articles
    ]
    found = [entry for content in contents for entry in content.terms]
    ranked = rank_terms(found) if options.all_terms else key_terms(found)
    try:
        return render_pdf(contents, [term.entry for term in ranked], options)
    except LayoutError as exc:  # ReportLab found a part that fits on no page
        raise HandoutError(f"a part of the article is too large for a page ({exc})") from exc


def make_handout(articles, glossary, options: HandoutOptions | None = None) -> bytes:
    """The handout as PDF bytes."""
    return lay_out(articles, glossary, options).data


def write_handout(path, articles, glossary, options: HandoutOptions | None = None) -> Path:
    """Make the handout and save it at `path` (see `save_pdf`)."""
    return save_pdf(path, make_handout(articles, glossary, options))


def save_pdf(path, data: bytes) -> Path:
    """Save a PDF at `path`, replacing a file there; a crash or a full disk leaves the old
    file or none, never half a PDF. HandoutError says why it could not be saved."""
    path = Path(path)
    if not path.parent.is_dir():
        raise HandoutError(f"cannot save {path.name}: the folder {path.parent} does not exist")
    if path.is_dir():
        raise HandoutError(f"cannot save to {path}: it is a folder")
    try:
        write_bytes_atomic(path, data, replace=True)
    except OSError as exc:
        raise HandoutError(f"cannot save {path.name}: {exc.strerror or exc}") from exc
    return path
