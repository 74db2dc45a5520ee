"""The left panel: topic tags with counts, the topic filters that are on, what the search
understood, and the results list (or, when nothing matched, what to try next).

Everything shown here comes from the core's SearchResult; this module only lays it out.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QPoint, QRect, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mspain_kb.core.collection.article import NEEDS_REVIEW_FLAG
from mspain_kb.ui.fold_button import FoldButton
from mspain_kb.ui.search_notices import (
    filter_chips,
    next_steps_html,
    other_lines,
    reading_line,
    readings_of,
    suggestion_lines,
)

_TAG_RE = re.compile(r"<[^>]*>")
HIT_ROLE = Qt.ItemDataRole.UserRole
HTML_ROLE = Qt.ItemDataRole.UserRole + 1
TAG_ROLE = Qt.ItemDataRole.UserRole + 2
MORE_ROLE = Qt.ItemDataRole.UserRole + 3
SIZE_CACHE_ROWS = 400  # remembered row heights (per row text and width) before starting afresh
PROMOTIONAL_FLAG = "promotional"
RESULTS_HINT = "&Results appear here as you type"
POPUP_GAP, POPUP_MIN_WIDTH, POPUP_MAX_WIDTH = (
    8,
    220,
    420,
)  # where the completions sit beside the results panel
NOTICE_LINES = 4  # lines of "what the search understood" before it scrolls
SHORT_PANEL_LINES = 24  # a panel shorter than this many lines folds the topics away


class HtmlDelegate(QStyledItemDelegate):
    """Draws a result as rich text: title, highlighted snippet, tags."""

    MARGIN = 6

    def __init__(self, parent=None):
        super().__init__(parent)
        # (row HTML, width) -> size: laying a row out is the slowest part of showing results,
        # and Qt asks for the same row's size again on every relayout and scroll.
        self._sizes: dict[tuple[str, int], QSize] = {}

    def _document(self, option: QStyleOptionViewItem, index) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDefaultStyleSheet(_result_css(option))
        document.setDocumentMargin(self.MARGIN)
        document.setHtml(index.data(HTML_ROLE) or "")
        document.setTextWidth(max(option.rect.width() - self.text_indent(option), 40))
        return document

    def text_indent(self, option: QStyleOptionViewItem) -> int:
        """Room left of the text (for a star, in a subclass)."""
        return 0

    def paint(self, painter, option, index) -> None:
        option = QStyleOptionViewItem(option)
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        document = self._document(option, index)
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = option.state & QStyle.StateFlag.State_Selected
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        indent = self.text_indent(option)
        clip = QRect(0, 0, option.rect.width() - indent, option.rect.height())
        if document.size().height() > clip.height():  # a long row, cut after a whole line
            clip.setHeight(int(_whole_lines_within(document, clip.height())))
        painter.save()
        painter.translate(option.rect.topLeft() + QPoint(indent, 0))
        painter.setClipRect(clip)
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 (Qt override)
        viewport = option.widget.viewport() if option.widget else None
        width = viewport.width() if viewport else 300
        # No row taller than half the list, so a short list (200% scale, a small screen)
        # still shows two results at once; a longer snippet is cut after its last whole line.
        cap = max(viewport.height() // 2, 1) if viewport else 0
        key = (index.data(HTML_ROLE) or "", width, cap)
        size = self._sizes.get(key)
        if size is None:
            option = QStyleOptionViewItem(option)
            self.initStyleOption(option, index)
            option.rect.setWidth(width)
            document = self._document(option, index)
            height = document.size().height()
            if cap and height > cap:
                height = _whole_lines_within(document, cap - self.MARGIN) + self.MARGIN
            size = QSize(width, int(height) + 2)
            if len(self._sizes) >= SIZE_CACHE_ROWS:
                self._sizes.clear()
            self._sizes[key] = size
        return QSize(size)


def _whole_lines_within(document: QTextDocument, height: float) -> float:
    """The height of the document's lines that fit whole within `height` (at least one)."""
    layout = document.documentLayout()
    fitted = 0.0
    block = document.begin()
    while block.isValid():
        top = layout.blockBoundingRect(block).top()
        lines = block.layout()
        for number in range(lines.lineCount()):
            line = lines.lineAt(number)
            bottom = top + line.y() + line.height()
            if bottom > height and fitted:
                return fitted
            fitted = bottom
        block = block.next()
    return fitted


def _result_css(option: QStyleOptionViewItem) -> str:
    """Colours that stay readable on the selection highlight as well as on the base colour."""
    if option.state & QStyle.StateFlag.State_Selected:
        text = option.palette.color(QPalette.ColorRole.HighlightedText).name()
        return f".promo {{ color: {text}; font-weight: 600 }} .tags {{ color: {text} }}"
    dark = option.palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5
    promo, tags = ("#ffb868", "#a8adb3") if dark else ("#9c4a00", "#5f6368")
    return f".promo {{ color: {promo} }} .tags {{ color: {tags} }}"


def result_html(hit, tag_label) -> str:
    """One result for the list: title, promotional warning, snippet, topic tags."""
    title = html.escape(hit.title)
    parts = [f'<div style="font-size:large; font-weight:600">{title}</div>']
    if PROMOTIONAL_FLAG in tuple(getattr(hit, "flags", ())):
        parts.append(
            '<div class="promo">&#9888; Contains promotional passages (marked in the article)</div>'
        )
    parts.append(review_html(hit))
    snippet = hit.snippet or html.escape(getattr(hit, "summary", "") or "")
    if snippet:
        parts.append(f"<div>{snippet}</div>")
    if hit.tags:
        labels = " · ".join(html.escape(tag_label(tag)) for tag in hit.tags)
        parts.append(f'<div class="tags" style="font-size:small">Topics: {labels}</div>')
    return "".join(parts)


def review_html(hit) -> str:
    """A short "Needs review" label for an imported article the editors have not checked."""
    if NEEDS_REVIEW_FLAG not in tuple(getattr(hit, "flags", ())):
        return ""
    return '<div class="promo" style="font-size:small">Needs review</div>'


def plain_text(fragment: str) -> str:
    """The words of a result row's HTML (made by `result_html`: blocks of <div>, marks of <b>),
    a block a line, for screen readers. Reading the HTML into a QTextDocument instead was a
    seventh of the time the results took to show."""
    text = _TAG_RE.sub("", fragment.replace("</div>", "\n"))
    return html.unescape(text).strip()


class SearchPanel(QWidget):
    """Left side: topic filters with counts, what the search understood, and the results."""

    tagsChanged = Signal(list)  # selected topic ids
    resultActivated = Signal(object)  # Hit
    suggestionChosen = Signal(str)  # "did you mean" text
    glossaryRequested = Signal(str)  # slug
    readingRemoved = Signal(str)  # lay phrase to search as typed, not as its topic
    readingRestored = Signal(str)  # lay phrase to read as its topic again
    browseRequested = Signal(str)  # topic id: show its articles, the search box emptied
    moreRequested = Signal()  # the "Show more results" row was chosen

    def __init__(self, vocabulary, parent: QWidget | None = None):
        super().__init__(parent)
        self._vocabulary = vocabulary
        self._updating_tags = False

        self.filters = QLabel()
        self.filters.setTextFormat(Qt.TextFormat.RichText)
        self.filters.setWordWrap(True)
        self.filters.setAccessibleName("Topic filters that are on")
        self.filters.linkActivated.connect(self._on_notice_link)
        self.filters.hide()

        self.clear_tags_button = QToolButton(text="Clear topics")
        self.clear_tags_button.setAccessibleName("Clear topic filters")
        self.clear_tags_button.setToolTip("Show results from every topic again")
        self.clear_tags_button.clicked.connect(self.clear_tags)
        self.clear_tags_button.setEnabled(False)
        self.tag_list = QListWidget()
        self.tag_list.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self.tag_list.setAccessibleName("Topic filters")
        self.tag_list.setAccessibleDescription(
            "Select one or more topics to narrow the results; the numbers are matching articles"
        )
        self.tag_list.itemSelectionChanged.connect(self._on_tags_selected)
        self.tag_list.setWordWrap(True)
        self.tag_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.topics_fold = FoldButton("&Topics", self.tag_list)
        self._fill_tags({})

        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.RichText)
        self.notice.setOpenExternalLinks(False)
        self.notice.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.notice.linkActivated.connect(self._on_notice_link)
        self.notice.setAccessibleName("What the search understood")
        self._notice_result = None
        self.notice_area = self._notice_area(self.notice)

        self.next_steps = QTextBrowser()
        self.next_steps.setOpenLinks(False)
        self.next_steps.setAccessibleName("Nothing found: what to try next")
        self.next_steps.anchorClicked.connect(lambda url: self._on_notice_link(url.toString()))
        self.next_steps.hide()

        self.count_label = QLabel(RESULTS_HINT)
        self.results = QListWidget()
        self.results.setItemDelegate(HtmlDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)  # Re-wrap when widened.
        self.results.setAccessibleName("Search results")
        self.results.setAccessibleDescription("Use the arrow keys to move and Enter to open")
        self.results.activated.connect(self._on_activated)
        self.results.clicked.connect(self._on_clicked)
        self.count_label.setBuddy(self.results)

        header = QHBoxLayout()
        header.addWidget(self.topics_fold)
        header.addStretch(1)
        header.addWidget(self.clear_tags_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.tag_list, 2)
        layout.addWidget(self.notice_area)
        layout.addWidget(self.filters)
        layout.addWidget(self.count_label)
        layout.addWidget(self.results, 5)
        layout.addWidget(self.next_steps, 5)
        self.setTabOrder(self.topics_fold, self.tag_list)
        self.setTabOrder(self.tag_list, self.clear_tags_button)
        self.setTabOrder(self.clear_tags_button, self.results)

    # Topic tags ----------------------------------------------------------------------------
    def selected_tags(self) -> list[str]:
        return [item.data(TAG_ROLE) for item in self.tag_list.selectedItems()]

    def _fill_tags(self, facets: dict[str, int], searched: bool = False) -> None:
        """Topics with their counts for the search on screen (`searched`: every topic
        without a count has 0), or plain labels before any search."""
        selected = set(self.selected_tags()) if self.tag_list.count() else set()
        self._updating_tags = True
        self.tag_list.clear()
        for topic in self._vocabulary:
            count = facets.get(topic.id, 0) if facets or searched else None
            text = topic.label if count is None else f"{topic.label}  ({count})"
            item = QListWidgetItem(text)
            item.setData(TAG_ROLE, topic.id)
            item.setToolTip(topic.description)
            if count == 0:
                self._grey_out(item, topic.id in selected)
            self.tag_list.addItem(item)
            item.setSelected(topic.id in selected)
        self._updating_tags = False
        self._show_filters()

    def _grey_out(self, item: QListWidgetItem, selected: bool) -> None:
        """A topic with no results for this search: shown with 0, greyed, not selectable;
        one already chosen stays selectable, so it can be cleared."""
        item.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
        if not selected:
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable & ~Qt.ItemFlag.ItemIsEnabled)
            item.setToolTip(f"{item.toolTip()}\nNo results for this search in this topic")

    def _show_filters(self) -> None:
        """The chip row naming the topic filters that are on, each with a ✕ to remove it."""
        tags = self.selected_tags()
        self.filters.setText(filter_chips([(tag, self._vocabulary.label(tag)) for tag in tags]))
        self.filters.setVisible(bool(tags))

    def select_tag(self, tag_id: str) -> None:
        """Add a topic to the filters (from a `tag:` link in an article)."""
        for row in range(self.tag_list.count()):
            item = self.tag_list.item(row)
            if item.data(TAG_ROLE) == tag_id:
                item.setSelected(True)
                self.tag_list.scrollToItem(item)

    def clear_tags(self) -> None:
        self.tag_list.clearSelection()

    def remove_tag(self, tag_id: str) -> None:
        for item in self.tag_list.selectedItems():
            if item.data(TAG_ROLE) == tag_id:
                item.setSelected(False)

    def _on_tags_selected(self) -> None:
        tags = self.selected_tags()
        self.clear_tags_button.setEnabled(bool(tags))
        self._show_filters()
        if not self._updating_tags:
            self.tagsChanged.emit(tags)

    # Results -------------------------------------------------------------------------------
    def show_result(self, result, current_row: int = 0) -> None:
        """Lay out a SearchResult: counts on the tags, notices, the hits, and a "Show more
        results" row when more matched; `current_row` is selected (after "Show more")."""
        self._fill_tags(dict(result.facets or {}), searched=True)
        self._show_notice(result)
        self.results.clear()
        for hit in result.hits:
            item = QListWidgetItem()
            item.setData(HIT_ROLE, hit)
            fragment = result_html(hit, self._vocabulary.label)
            item.setData(HTML_ROLE, fragment)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, plain_text(fragment))
            self.results.addItem(item)
        more = result.total - len(result.hits)
        if result.hits and more > 0:
            item = QListWidgetItem()
            item.setData(MORE_ROLE, True)
            label = f"Show more results ({more} more)"
            item.setData(HTML_ROLE, f"<div><b>{label}</b></div>")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, label)
            self.results.addItem(item)
        self._show_next_steps(result)
        count_text = count_sentence(result, self.selected_tags())
        self.count_label.setText(count_text)
        self.results.setAccessibleDescription(
            f"{count_text}. Use the arrow keys to move and Enter to open"
        )
        if self.results.count():
            self.results.setCurrentRow(current_row if 0 <= current_row < len(result.hits) else 0)

    def shown_hits(self) -> int:
        """How many hits the list shows (the "Show more results" row not counted)."""
        return len(self.hit_ids())

    def clear_results(self) -> None:
        self._notice_result = None
        self._fill_tags({})
        self.notice_area.hide()
        self.results.clear()
        self.next_steps.hide()
        self.results.show()
        self.count_label.setText(RESULTS_HINT)

    # What the search understood, and the way on when nothing matched ------------------------
    def _notice_area(self, notice: QLabel) -> QScrollArea:
        """The notice in a frame that stops growing at NOTICE_LINES lines (then scrolls), so
        the results always stay in view."""
        area = QScrollArea()
        area.setWidget(notice)
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._notice_cap = notice.fontMetrics().lineSpacing() * NOTICE_LINES + 6
        area.setMaximumHeight(self._notice_cap)
        area.hide()
        return area

    def _show_notice(self, result) -> None:
        """What the search understood: one line per phrase read as topics (elided to the
        panel's width), then "did you mean", the glossary entry and any message."""
        self._notice_result = result
        # The panel's width: the notice area's own is not laid out while it is hidden.
        width = self.contentsRect().width() - 4
        metrics = self.notice.fontMetrics()
        lines = [
            *suggestion_lines(result),
            *(reading_line(reading, width, metrics) for reading in readings_of(result)),
            *other_lines(result),
        ]
        self.notice.setText("<br>".join(rich for rich, _plain in lines))
        needed = self.notice.heightForWidth(width) + 2
        self.notice_area.setFixedHeight(min(needed, self._notice_cap))
        self.notice.setToolTip("\n".join(plain for _rich, plain in lines))
        self.notice_area.setVisible(bool(lines))
        self.notice.setVisible(bool(lines))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        # A short panel (a small screen, or 200% scale) folds the topics away so that more
        # than one result shows; the filters that are on still show in the line of chips.
        self.topics_fold.fit(self.height() < SHORT_PANEL_LINES * self.fontMetrics().lineSpacing())
        if self._notice_result is not None and self.notice_area.isVisible():
            self._show_notice(self._notice_result)  # the readings fit the new width

    def _show_next_steps(self, result) -> None:
        """Nothing found: the page of next steps takes the results' place."""
        empty = not result.hits and (result.query.strip() or self.selected_tags())
        if empty:
            steps = getattr(result, "next_steps", None)
            self.next_steps.setHtml(next_steps_html(steps, result.query, self._vocabulary.label))
        self.next_steps.setVisible(bool(empty))
        self.results.setVisible(not empty)

    def _on_notice_link(self, link: str) -> None:
        url = QUrl(link)
        if url.scheme() == "suggest":
            self.suggestionChosen.emit(url.path(QUrl.ComponentFormattingOption.FullyDecoded))
        elif url.scheme() == "tag":
            self.select_tag(url.path())
        elif url.scheme() == "glossary":
            self.glossaryRequested.emit(url.path())
        elif url.scheme() == "literal":
            self.readingRemoved.emit(url.path(QUrl.ComponentFormattingOption.FullyDecoded))
        elif url.scheme() == "reread":
            self.readingRestored.emit(url.path(QUrl.ComponentFormattingOption.FullyDecoded))
        elif url.scheme() == "untag":
            self.remove_tag(url.path())
        elif url.scheme() == "alltopics":
            self.clear_tags()
        elif url.scheme() == "browse":
            self.browseRequested.emit(url.path())

    def _on_activated(self, index) -> None:
        hit = index.data(HIT_ROLE)
        if hit is not None:
            self.resultActivated.emit(hit)
        elif index.data(MORE_ROLE):
            self.moreRequested.emit()

    def _on_clicked(self, index) -> None:
        """A plain click opens; with Ctrl or Shift held it only chooses (`result_selection`)."""
        choosing = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        if not QApplication.keyboardModifiers() & choosing:
            self._on_activated(index)

    def open_current(self) -> bool:
        item = self.results.currentItem() or self.results.item(0)
        if item is None:
            return False
        self._on_activated(self.results.indexFromItem(item))
        return True

    def mark_open_article(self, article_id: str | None) -> None:
        """Select the result that is open in the article view, if it is in the list."""
        for row in range(self.results.count()):
            hit = self.results.item(row).data(HIT_ROLE)
            if hit is not None and hit.id == article_id:
                if row != self.results.currentRow():  # keeps results chosen for a handout
                    self.results.setCurrentRow(row)
                return

    def hit_ids(self) -> list[str]:
        hits = (self.results.item(row).data(HIT_ROLE) for row in range(self.results.count()))
        return [hit.id for hit in hits if hit is not None]

    def focus_results(self) -> None:
        if self.next_steps.isVisible():  # nothing found: the next steps are the results
            self.next_steps.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        self.results.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.results.currentRow() < 0 and self.results.count():
            self.results.setCurrentRow(0)


def count_sentence(result, tags=()) -> str:
    """ "4 articles found" for a search; for topics alone (an empty box) "4 articles about
    the chosen topics", never a count that reads as an answer to no question."""
    shown, total = len(result.hits), result.total
    if not result.query.strip():
        if not tags or not shown:
            return RESULTS_HINT
        noun = "article" if total == 1 else "articles"
        return f"{total} {noun} in the chosen topic{'s' if len(tags) > 1 else ''}"
    if total == 0:
        return "No articles found"
    noun = "article" if total == 1 else "articles"
    if shown < total:
        return f"{total} {noun} found (showing the first {shown})"
    return f"{total} {noun} found"
