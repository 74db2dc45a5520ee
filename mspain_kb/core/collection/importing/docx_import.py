"""Word .docx -> semantic HTML with mammoth; the web-page path then makes it safe Markdown.

mammoth maps Word's paragraph styles to HTML (Heading 1 -> <h1>, lists, tables, bold and
italic) and leaves out headers, footers and page numbers, which Word keeps apart from the
text. The "Title" style becomes the article's title; without one, the document's title
property is used, and else the importer guesses and asks the reviewer to check.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
import zlib
from xml.parsers.expat import ExpatError

import mammoth

from mspain_kb.core.collection.importing.import_errors import ImportRefused

DOCUMENT_PART = "word/document.xml"
MAX_PART_BYTES = 50 * 1024 * 1024  # the text of a leaflet is far smaller: refuse zip bombs
_STYLE_MAP = """
p[style-name='Title'] => h1:fresh
p[style-name='Subtitle'] => p:fresh
p[style-name='Heading 1'] => h2:fresh
p[style-name='Heading 2'] => h3:fresh
p[style-name='Heading 3'] => h4:fresh
p[style-name='Heading 4'] => h5:fresh
p[style-name='Heading 5'] => h6:fresh
p[style-name='Heading 6'] => h6:fresh
"""
# What a damaged .docx makes the zip reader, the XML parser or mammoth raise.
_DAMAGED = (zipfile.BadZipFile, zlib.error, ExpatError, KeyError, EOFError, UnicodeDecodeError)
_CORE_TITLE = re.compile(rb"<dc:title>([^<]{1,300})</dc:title>")
_NOT_A_TITLE = re.compile(r"^(microsoft word - |untitled|document\d*$)|\.docx?$", re.IGNORECASE)


def is_docx(data: bytes) -> bool:
    """A zip file holding a Word document's main part."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return DOCUMENT_PART in archive.namelist()
    except (zipfile.BadZipFile, EOFError):
        return False


def _title_property(archive: zipfile.ZipFile) -> str:
    try:
        core = archive.read("docProps/core.xml")
    except KeyError:
        return ""
    match = _CORE_TITLE.search(core)
    title = html.unescape(match.group(1).decode("utf-8", "replace")).strip() if match else ""
    return "" if _NOT_A_TITLE.search(title) else title


def _no_image(image) -> dict[str, str]:
    """Images are not read (articles hold text); the web-page path reports each one."""
    return {"alt": image.alt_text or "", "src": ""}


def docx_to_html(data: bytes) -> tuple[str, str]:
    """(the document as HTML, its title property); ImportRefused when damaged or too large."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo(DOCUMENT_PART)
            if info.file_size > MAX_PART_BYTES:
                raise ImportRefused("the Word document's text is too large to import")
            title = _title_property(archive)
        result = mammoth.convert_to_html(
            io.BytesIO(data),
            style_map=_STYLE_MAP,
            convert_image=mammoth.images.img_element(_no_image),
        )
    except _DAMAGED as exc:
        raise ImportRefused("the Word document is damaged and cannot be read") from exc
    except OSError as exc:  # mammoth: a part the document needs is missing
        raise ImportRefused(f"the Word document is damaged and cannot be read ({exc})") from exc
    return f"<html><body>{result.value}</body></html>", title
