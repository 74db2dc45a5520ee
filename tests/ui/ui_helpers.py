"""Helpers for the window tests: type like a user, click links like a user."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

SYNC_TIMEOUT_MS = 60_000


def search(qtbot, window, text: str):
    """Type `text` into the search box like a user and wait for the answer."""
    window.search_box.clear()
    with qtbot.waitSignal(window.controller.searchShown, timeout=SYNC_TIMEOUT_MS) as blocker:
        qtbot.keyClicks(window.search_box, text)
    return blocker.args[0]


def click_link(qtbot, view, href_prefix: str) -> str:
    """Click, with the mouse, the first link in `view` whose href starts with `href_prefix`."""
    document = view.document()
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            href = fragment.charFormat().anchorHref()
            if href.startswith(href_prefix):
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position() + min(1, fragment.length() - 1))
                view.setTextCursor(cursor)
                view.ensureCursorVisible()
                point = view.cursorRect(cursor).center() + QPoint(2, 0)
                qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
                return href
            iterator += 1
        block = block.next()
    raise AssertionError(f"no link starting with {href_prefix!r} in the view")


def pdf_page_texts(data: bytes) -> list[str]:
    """The text of each page of a PDF, whitespace folded, as a reader would see it."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        pages = [document[i].get_textpage().get_text_bounded() for i in range(len(document))]
        return [" ".join(page.split()) for page in pages]
    finally:
        document.close()
