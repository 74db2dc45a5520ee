"""The glossary pane: every term (filterable), the chosen definition, the terms of the open
article, and the articles that mention the chosen term."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

SLUG_ROLE = Qt.ItemDataRole.UserRole
ARTICLE_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
PLACEHOLDER = (
    "<p>Choose a term in the list, or click an underlined word in the article, "
    "to read what it means.</p>"
)


def _labelled(text: str, widget: QWidget) -> QWidget:
    box = QWidget()
    label = QLabel(text)
    label.setBuddy(widget)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 4, 0, 0)
    layout.addWidget(label)
    layout.addWidget(widget)
    return box


class GlossaryPanel(QWidget):
    """Shows definitions; clicks on article titles ask the window to open them."""

    articleRequested = Signal(str)  # article id
    searchRequested = Signal(str)  # a term to search for (from "and N more")
    entryShown = Signal(str)  # slug

    def __init__(self, glossary, parent: QWidget | None = None):
        super().__init__(parent)
        self._glossary = glossary
        self._render_entry: Callable[[object], str] = lambda entry: entry.short
        # slug -> ([(article id, title)] best first, how many articles in all)
        self._mentions: dict[str, tuple[list[tuple[str, str]], int]] = {}
        self._slug: str | None = None

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter terms")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter glossary terms")
        self.filter.setAccessibleDescription("Type to narrow the list of glossary terms")
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.returnPressed.connect(self._show_first_visible)

        self.term_list = QListWidget()
        self.term_list.setAccessibleName("Glossary terms")
        self.term_list.setAccessibleDescription("Select a term to read its definition")
        for entry in sorted(glossary.entries, key=lambda e: e.term.casefold()):
            item = QListWidgetItem(entry.term)
            item.setData(SLUG_ROLE, entry.slug)
            item.setToolTip(entry.short)
            self.term_list.addItem(item)
        self.term_list.currentItemChanged.connect(self._on_term_chosen)
        self.term_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.definition = QTextBrowser()
        self.definition.setOpenLinks(False)
        self.definition.setAccessibleName("Glossary definition")
        self.definition.setAccessibleDescription("The definition of the chosen term")
        self.definition.anchorClicked.connect(self._on_definition_link)
        self.definition.setHtml(PLACEHOLDER)

        self.article_terms = QListWidget()
        self.article_terms.setAccessibleName("Terms in this article")
        self.article_terms.itemActivated.connect(self._on_article_term)
        self.article_terms.itemClicked.connect(self._on_article_term)
        self.article_terms.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.mentioned_in = QListWidget()
        self.mentioned_in.setAccessibleName("Articles that mention this term")
        self.mentioned_in.setAccessibleDescription("Press Enter or click to open an article")
        self.mentioned_in.setWordWrap(True)
        self.mentioned_in.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.mentioned_in.itemActivated.connect(self._on_article_chosen)
        self.mentioned_in.itemClicked.connect(self._on_article_chosen)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        filter_box = QWidget()
        filter_layout = QVBoxLayout(filter_box)
        filter_layout.setContentsMargins(0, 0, 0, 0)
        filter_label = QLabel("&Glossary")
        filter_label.setBuddy(self.filter)
        filter_layout.addWidget(filter_label)
        filter_layout.addWidget(self.filter)
        filter_layout.addWidget(self.term_list)
        self.splitter.addWidget(filter_box)
        self.splitter.addWidget(_labelled("Definition", self.definition))
        self.splitter.addWidget(_labelled("Terms in this &article", self.article_terms))
        self.splitter.addWidget(_labelled("Articles that &mention this term", self.mentioned_in))
        self.splitter.setSizes([220, 260, 140, 120])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        for first, second in (
            (self.filter, self.term_list),
            (self.term_list, self.definition),
            (self.definition, self.article_terms),
            (self.article_terms, self.mentioned_in),
        ):
            self.setTabOrder(first, second)

    # Showing terms -------------------------------------------------------------------------
    def set_entry_renderer(self, render_entry: Callable[[object], str]) -> None:
        """How a definition is drawn: glossary Entry -> HTML (the core renders it)."""
        self._render_entry = render_entry

    def current_slug(self) -> str | None:
        return self._slug

    def show_entry(self, slug: str) -> bool:
        """Show a term's definition (from a glossary link); False if there is no such term."""
        entry = self._glossary.get(slug)
        if entry is None:
            return False
        self.filter.clear()
        for row in range(self.term_list.count()):
            item = self.term_list.item(row)
            if item.data(SLUG_ROLE) == slug:
                self.term_list.setCurrentItem(item)
                self.term_list.scrollToItem(item)
                break
        self._display(entry)
        return True

    def follow_context(self, slug: str | None) -> None:
        """Show the entry a search is about, or, with None, no entry at all (the search on
        screen names none, so an earlier entry would only mislead)."""
        if slug is not None and self.show_entry(slug):
            return
        self._slug = None
        self.term_list.blockSignals(True)
        self.term_list.setCurrentRow(-1)
        self.term_list.clearSelection()
        self.term_list.blockSignals(False)
        self.definition.setHtml(PLACEHOLDER)
        self.mentioned_in.clear()

    def refresh(self) -> None:
        """Render the current definition again (after a theme change)."""
        if self._slug and (entry := self._glossary.get(self._slug)) is not None:
            self._display(entry)

    def _display(self, entry) -> None:
        self._slug = entry.slug
        self.definition.setHtml(self._render_entry(entry))
        self._show_mentions()
        self.entryShown.emit(entry.slug)

    def _on_term_chosen(self, current, _previous) -> None:
        if current is not None and current.data(SLUG_ROLE) != self._slug:
            entry = self._glossary.get(current.data(SLUG_ROLE))
            if entry is not None:
                self._display(entry)

    def _on_definition_link(self, url: QUrl) -> None:
        if url.scheme() == "glossary":
            self.show_entry(url.path())

    def _apply_filter(self, text: str) -> None:
        """Terms whose name or alias contains the text, and those it names with a small
        typo ("lhermite"), as `mspain-kb glossary` forgives them (`Glossary.lookup`,
        then `Glossary.suggest` when nothing contains the text)."""
        needle = text.strip().casefold()
        close = set()
        if needle:
            found = self._glossary.lookup(needle)
            close = {found.slug} if found is not None else set()
        shown = 0
        for row in range(self.term_list.count()):
            item = self.term_list.item(row)
            entry = self._glossary.get(item.data(SLUG_ROLE))
            words = [entry.term, *entry.aliases] if entry else [item.text()]
            hidden = bool(needle) and not any(needle in w.casefold() for w in words)
            hidden = hidden and item.data(SLUG_ROLE) not in close
            item.setHidden(hidden)
            shown += not hidden
        if needle and not shown:
            suggested = {entry.slug for entry in self._glossary.suggest(needle)}
            for row in range(self.term_list.count()):
                item = self.term_list.item(row)
                item.setHidden(item.data(SLUG_ROLE) not in suggested)

    def _show_first_visible(self) -> None:
        for row in range(self.term_list.count()):
            item = self.term_list.item(row)
            if not item.isHidden():
                self.term_list.setCurrentItem(item)
                self.term_list.setFocus()
                return

    # The open article and mentions ---------------------------------------------------------
    def set_article_terms(self, entries) -> None:
        self.article_terms.clear()
        seen = set()
        for entry in entries:
            if entry.slug in seen:
                continue
            seen.add(entry.slug)
            item = QListWidgetItem(entry.term)
            item.setData(SLUG_ROLE, entry.slug)
            item.setToolTip(entry.short)
            self.article_terms.addItem(item)

    def needs_mentions(self, slug: str) -> bool:
        """True when the articles mentioning `slug` are not known yet (the window asks)."""
        return slug not in self._mentions

    def set_mentions(self, slug: str, articles: list[tuple[str, str]], total: int) -> None:
        """[(article id, title)] that mention `slug` (those using it most first) and how many
        do in all, asked of the index in the background."""
        self._mentions[slug] = (list(articles), max(int(total), len(articles)))
        if slug == self._slug:
            self._show_mentions()

    def forget_mentions(self) -> None:
        """The collection changed: mentions are asked again when an entry is shown."""
        self._mentions.clear()

    def _show_mentions(self) -> None:
        self.mentioned_in.clear()
        articles, total = self._mentions.get(self._slug or "", ([], 0))
        for article_id, title in articles:
            item = QListWidgetItem(title)
            item.setData(ARTICLE_ROLE, article_id)
            self.mentioned_in.addItem(item)
        entry = self._glossary.get(self._slug) if self._slug else None
        if total > len(articles) and entry is not None:
            more = QListWidgetItem(f"… and {total - len(articles)} more: search for {entry.term}")
            more.setData(SEARCH_ROLE, entry.term)
            font = more.font()
            font.setItalic(True)
            more.setFont(font)
            self.mentioned_in.addItem(more)

    def _on_article_term(self, item: QListWidgetItem) -> None:
        self.show_entry(item.data(SLUG_ROLE))

    def _on_article_chosen(self, item: QListWidgetItem) -> None:
        article_id = item.data(ARTICLE_ROLE)
        if article_id:
            self.articleRequested.emit(article_id)
        elif item.data(SEARCH_ROLE):
            self.searchRequested.emit(item.data(SEARCH_ROLE))
