"""The reading pane: a QTextBrowser that shows pages the core rendered, and nothing else.

Pages have their own URL schemes (`article:ID?q=QUERY`, `welcome:`), so QTextBrowser's own
history gives back and forward. `loadResource` only answers those schemes: nothing is ever
fetched from disk or the network. Links are handled here, never followed by Qt:
`glossary:` and `tag:` go to the window, `#anchor` scrolls, web links open in the system
browser only when clicked.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QUrl, QUrlQuery, Signal
from PySide6.QtGui import QDesktopServices, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QToolButton,
    QToolTip,
    QWidget,
)

ARTICLE_SCHEME = "article"
WELCOME_SCHEME = "welcome"
PAGE_SCHEMES = (ARTICLE_SCHEME, WELCOME_SCHEME)
WEB_SCHEMES = ("http", "https", "mailto")
ZOOM_RANGE = (-4, 12)  # Steps of one point on the base font size.
_HIT_RE = re.compile(r"^hit-(\d+)$")


def article_url(article_id: str, query: str = "") -> QUrl:
    url = QUrl(f"{ARTICLE_SCHEME}:{article_id}")
    if query.strip():
        parameters = QUrlQuery()
        parameters.addQueryItem("q", query.strip())
        url.setQuery(parameters)
    return url


def url_query(url: QUrl) -> str:
    return QUrlQuery(url).queryItemValue("q", QUrl.ComponentFormattingOption.FullyDecoded)


class ArticleView(QTextBrowser):
    """Shows rendered pages; history, zoom, hit navigation, glossary tooltips."""

    glossaryRequested = Signal(str)  # slug
    tagRequested = Signal(str)  # topic id
    searchRequested = Signal(str)  # query (example searches on the welcome page)
    hitChanged = Signal(int, int)  # current (1-based, 0 = none), total
    zoomChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None, base_point_size: float | None = None):
        super().__init__(parent)
        self._load_page: Callable[[QUrl], str | None] = lambda _url: None
        self._glossary_short: Callable[[str], str | None] = lambda _slug: None
        self._hits: list[str] = []
        self._current_hit = 0
        self.hit_selection: tuple[int, int] | None = None  # the match the view selected itself
        self._zoom = 0
        # The renderer sizes text relative to this font, so zoom scales the whole page.
        self._base_point_size = base_point_size or self.font().pointSizeF()
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setMouseTracking(True)
        self.setAccessibleName("Article")
        self.setAccessibleDescription("The open article; glossary terms are links")
        self.anchorClicked.connect(self._on_anchor)
        self.sourceChanged.connect(self._collect_hits)
        self.set_zoom(0)

    # Pages ---------------------------------------------------------------------------------
    def set_page_source(
        self,
        load_page: Callable[[QUrl], str | None],
        glossary_short: Callable[[str], str | None],
    ) -> None:
        """Where pages come from (`article:`, `welcome:` URL -> HTML) and the one-line
        definition shown when hovering a glossary link."""
        self._load_page = load_page
        self._glossary_short = glossary_short

    def open_page(self, url: QUrl) -> None:
        """Show a page (adds it to history) and go to its first search hit, if any."""
        self.setSource(url, QTextDocument.ResourceType.HtmlResource)
        if self._hits:
            self.go_to_hit(1)

    def current_article_id(self) -> str | None:
        url = self.source()
        return url.path() if url.scheme() == ARTICLE_SCHEME else None

    def loadResource(self, kind, url: QUrl):  # noqa: N802 (Qt override)
        """Only our own pages load; any other resource (file, web, image) is refused."""
        if kind == QTextDocument.ResourceType.HtmlResource and url.scheme() in PAGE_SCHEMES:
            return self._load_page(url)
        return None

    def reload_page(self) -> None:
        """Render the current page again (theme changed, article edited), keeping the place."""
        position = self.verticalScrollBar().value()
        self.reload()
        self.verticalScrollBar().setValue(position)

    # Links ---------------------------------------------------------------------------------
    def _on_anchor(self, url: QUrl) -> None:
        scheme = url.scheme()
        if scheme == "glossary":
            self.glossaryRequested.emit(url.path())
        elif scheme == "tag":
            self.tagRequested.emit(url.path())
        elif scheme == "search":
            self.searchRequested.emit(url.path())
        elif scheme == ARTICLE_SCHEME:
            self.open_page(url)
        elif scheme in WEB_SCHEMES:
            QDesktopServices.openUrl(url)  # Only on this explicit click, in the system browser.
        elif not scheme and not url.path() and url.fragment():
            self.scrollToAnchor(url.fragment())

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.ToolTip:
            href = self.anchorAt(event.pos())
            short = None
            if href.startswith("glossary:"):
                short = self._glossary_short(QUrl(href).path())
            if short:
                QToolTip.showText(event.globalPos(), short, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.BackButton:
            self.backward()
        elif event.button() == Qt.MouseButton.ForwardButton:
            self.forward()
        else:
            super().mousePressEvent(event)

    # Search hits ---------------------------------------------------------------------------
    def _collect_hits(self) -> None:
        """Find the renderer's hit marks (`id="hit-N"`) in the page just shown, and draw its
        glossary terms quietly (Qt's CSS has no dotted underline: it is set here)."""
        names: set[str] = set()
        terms: list[tuple[int, int]] = []
        block = self.document().begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                char_format = fragment.charFormat()
                for name in char_format.anchorNames():
                    if _HIT_RE.match(name):
                        names.add(name)
                if char_format.anchorHref().startswith("glossary:"):
                    terms.append((fragment.position(), fragment.position() + fragment.length()))
                iterator += 1
            block = block.next()
        self._underline_dotted(terms)
        self._hits = sorted(names, key=lambda name: int(_HIT_RE.match(name).group(1)))
        self._current_hit = 0
        self.hit_selection = None
        self.hitChanged.emit(0, len(self._hits))

    def _underline_dotted(self, spans: list[tuple[int, int]]) -> None:
        dotted = QTextCharFormat()
        dotted.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        cursor = QTextCursor(self.document())
        for start, end in spans:
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(dotted)

    def anchor_positions(self) -> dict[str, int]:
        """Anchor name -> its top in the view's scroll coordinates (for the Section box)."""
        positions: dict[str, int] = {}
        layout = self.document().documentLayout()
        block = self.document().begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                for name in iterator.fragment().charFormat().anchorNames():
                    positions.setdefault(name, int(layout.blockBoundingRect(block).top()))
                iterator += 1
            block = block.next()
        return positions

    def hit_count(self) -> int:
        return len(self._hits)

    def current_hit(self) -> int:
        return self._current_hit

    def go_to_hit(self, number: int) -> None:
        if not self._hits:
            return
        number = (number - 1) % len(self._hits) + 1  # Wrap around at both ends.
        self._current_hit = number
        name = self._hits[number - 1]
        self.scrollToAnchor(name)
        bar = self.verticalScrollBar()  # Keep some lines above the hit in view, for context.
        bar.setValue(max(0, bar.value() - self.viewport().height() // 3))
        self._select_anchor(name)
        self.hitChanged.emit(number, len(self._hits))

    def next_hit(self) -> None:
        self.go_to_hit(self._current_hit + 1)

    def previous_hit(self) -> None:
        self.go_to_hit(self._current_hit - 1 if self._current_hit else len(self._hits))

    def _select_anchor(self, name: str) -> None:
        """Select the marked word, so the current hit stands out and find starts there.

        Qt keeps an anchor name on the first character only, so the selection is extended
        to the end of the word.
        """
        block = self.document().begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                if name in fragment.charFormat().anchorNames():
                    cursor = QTextCursor(self.document())
                    cursor.setPosition(fragment.position())
                    cursor.movePosition(
                        QTextCursor.MoveOperation.EndOfWord, QTextCursor.MoveMode.KeepAnchor
                    )
                    self.setTextCursor(cursor)
                    self.hit_selection = (cursor.selectionStart(), cursor.selectionEnd())
                    return
                iterator += 1
            block = block.next()

    # Zoom ----------------------------------------------------------------------------------
    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, level: int) -> None:
        level = max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], int(level)))
        font = self.font()
        font.setPointSizeF(self._base_point_size + level)
        self.setFont(font)
        self.document().setDefaultFont(font)
        if level != self._zoom:
            self._zoom = level
            self.zoomChanged.emit(level)

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom + 1)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom - 1)

    def zoom_reset(self) -> None:
        self.set_zoom(0)


class FindBar(QWidget):
    """Find in page (Ctrl+F): Enter finds the next match, Shift+Enter the previous, Esc closes."""

    def __init__(self, view: QTextBrowser, parent: QWidget | None = None):
        super().__init__(parent)
        self._view = view
        label = QLabel("&Find in article:")
        self.field = QLineEdit()
        self.field.setAccessibleName("Find in article")
        self.field.setAccessibleDescription("Type a word to find it in the open article")
        self.field.setClearButtonEnabled(True)
        label.setBuddy(self.field)
        self.status = QLabel()
        previous_button = QToolButton(text="Previous", toolTip="Previous match (Shift+Enter)")
        next_button = QToolButton(text="Next", toolTip="Next match (Enter)")
        close_button = QToolButton(text="Close", toolTip="Close (Esc)")
        previous_button.clicked.connect(lambda: self.find(backward=True))
        next_button.clicked.connect(lambda: self.find())
        close_button.clicked.connect(self.close_bar)
        self.field.returnPressed.connect(self.find)
        self.field.textChanged.connect(lambda _text: self.find(from_start=True))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for widget in (label, self.field, previous_button, next_button, self.status):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(close_button)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self._view.setFocus()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.find(backward=True)
        else:
            super().keyPressEvent(event)

    def find(self, backward: bool = False, from_start: bool = False) -> bool:
        text = self.field.text()
        if not text:
            self.status.clear()
            return False
        if from_start:
            cursor = self._view.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.Start)
            self._view.setTextCursor(cursor)
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = self._view.find(text, flags)
        if not found:  # Wrap around once.
            cursor = self._view.textCursor()
            cursor.movePosition(
                QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
            )
            self._view.setTextCursor(cursor)
            found = self._view.find(text, flags)
        self.status.setText("" if found else "Not found")
        return found
