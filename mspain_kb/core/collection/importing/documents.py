"""Leaflets in document formats: PDF and Word .docx are read; older formats get advice.

`document_kind` recognises a document by its first bytes (and, for a zip, its contents), so a
renamed file is still read right; `read_document` turns a PDF or .docx into Markdown blocks
with its title and what was removed, ready for the importer's common cleanup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mspain_kb.core.collection.importing.docx_import import docx_to_html, is_docx
from mspain_kb.core.collection.importing.html_import import html_to_markdown
from mspain_kb.core.collection.importing.import_errors import ImportRefused
from mspain_kb.core.collection.importing.text_structure import split_blocks

MAX_DOCUMENT_BYTES = 100 * 1024 * 1024  # leaflets with photos are large; their text is not
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Office files, and password-protected new ones
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_SAVE_AS_DOCX = "open it in Word or LibreOffice, save it as a Word document (.docx) and import that"
# (first bytes, what the file is and what to do instead)
_ADVICE = (
    (b"{\\rtf", f"this is a rich-text (.rtf) document; {_SAVE_AS_DOCX}"),
    (b"PK\x03\x04", "this is a packed (zip) file, not a Word document"),
)
_ODF = b"mimetypeapplication/vnd.oasis.opendocument"


@dataclass
class DocumentText:
    blocks: list[str]
    title: str | None
    removed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def document_kind(data: bytes, filename: str) -> str | None:
    """ "pdf", "docx", or None for text; ImportRefused with advice for other documents."""
    if data.startswith(b"%PDF") or (b"%PDF-" in data[:1024] and _suffix(filename) == ".pdf"):
        return "pdf"
    if is_docx(data):
        return "docx"
    if data.startswith(_OLE):
        if _ENCRYPTED_PACKAGE in data[:65536]:
            raise ImportRefused(
                "the Word document is protected by a password; open it, save a copy "
                "without the password and import that"
            )
        raise ImportRefused(f"this is an old-style Word (.doc) or Office file; {_SAVE_AS_DOCX}")
    if data.startswith(b"PK\x03\x04") and _ODF in data[:200]:
        raise ImportRefused(f"this is an OpenDocument file; {_SAVE_AS_DOCX}")
    for magic, advice in _ADVICE:
        if data.startswith(magic):
            raise ImportRefused(advice)
    return None


def _suffix(filename: str) -> str:
    return Path(filename).suffix.lower()


def read_document(kind: str, data: bytes) -> DocumentText:
    """A PDF or .docx as Markdown blocks (escaped, no HTML), its title and what was removed."""
    if kind == "pdf":
        from mspain_kb.core.collection.importing.pdf_import import (
            read_pdf,  # loads PDFium only when needed
        )
        from mspain_kb.core.collection.importing.pdf_layout import layout

        text = read_pdf(data)
        result = layout(text)
        title = result.title or _metadata_title(text.metadata_title)
        return DocumentText(result.blocks, title, result.removed, text.notes)
    body, title_property = docx_to_html(data)
    page = html_to_markdown(body)
    title = page.title or title_property or None
    return DocumentText(split_blocks(page.markdown), title, page.removed, page.notes)


def _metadata_title(title: str) -> str | None:
    lowered = title.lower()
    if not title or lowered.startswith(("microsoft word", "untitled")) or "." in title[-5:]:
        return None
    return title
