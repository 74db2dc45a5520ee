"""The main window: search box on top; results, article and glossary side by side.

It wires user actions to the core (through background workers) and shows what comes back.
Menus, toolbar and shortcuts live in `actions.py`; the status bar and info bar in `status.py`.
"""

from __future__ import annotations

import html
import traceback
from pathlib import Path

from PySide6.QtCore import (
    QSettings,
    QSize,
    Qt,
    QThreadPool,
    QUrl,
    Signal,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mspain_kb import APP_NAME
from mspain_kb.core.render import READING_FONT_PT
from mspain_kb.core.spelling import load_english_words
from mspain_kb.ui import actions, reading_aids, window_state
from mspain_kb.ui.article_pane import ArticlePane
from mspain_kb.ui.article_view import ARTICLE_SCHEME, WELCOME_SCHEME, article_url, url_query
from mspain_kb.ui.body_map_dialog import BodyMapButton
from mspain_kb.ui.error_log import ERROR_LOG, write_error_log
from mspain_kb.ui.folder_watch import FolderWatcher
from mspain_kb.ui.glossary_panel import GlossaryPanel
from mspain_kb.ui.missed_search_recorder import MissedSearchRecorder
from mspain_kb.ui.search_panel import SearchBox, SearchPanel, count_sentence
from mspain_kb.ui.status import (
    InfoBar,
    StatusArea,
    changes_sentence,
    problems_sentence,
    show_problem_details,
)
from mspain_kb.ui.theme import current_theme
from mspain_kb.ui.welcome import welcome_html
from mspain_kb.ui.workers import IndexSyncer, SearchRunner, run_in_background

DEFAULT_SIZE = QSize(1280, 800)
RESULT_LIMIT = 20  # results per page; "Show more results" asks for as many again


class MainWindow(QMainWindow):
    indexSynced = Signal(object)  # SyncReport, after the status bar was updated
    searchShown = Signal(object)  # SearchResult, after the results were laid out
    articleShown = Signal(str)  # article id
    collectionLoaded = Signal(int)  # number of articles in the index, counted after a sync

    def __init__(self, services, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.settings = settings
        self.theme = current_theme()
        self._article = None  # the Article on screen, for printing
        self._problems: list = []
        self._headline = ""  # e.g. "The search index was damaged and has been rebuilt."
        self._article_count: int | None = None
        self._literal_phrases: set[str] = set()  # topic readings the user removed
        self._jobs: set = set()
        self._mentions_round = 0  # bumped when the collection changes
        self._result_limit = RESULT_LIMIT  # grows with "Show more results"
        self._first_new_row = 0  # where the selection goes when more results arrive
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self.setWindowTitle(APP_NAME)
        self.setObjectName("mainWindow")

        vocabulary, glossary = services.vocabulary, services.glossary
        self.search_box = SearchBox()
        self.search_panel = SearchPanel(vocabulary)
        self.body_map_button = BodyMapButton(services, self._pool, self)
        self.article_pane = ArticlePane(
            self._load_page, self._glossary_short, base_point_size=READING_FONT_PT
        )
        self.view = self.article_pane.view
        self.find_bar = self.article_pane.find_bar
        self.outline = self.article_pane.outline
        self.hit_label = self.article_pane.hit_label
        self.glossary_panel = GlossaryPanel(glossary, self._render_entry)
        self.info_bar = InfoBar()
        self.status = StatusArea(self)
        self.syncer = IndexSyncer(services.index, self)
        self.searcher = SearchRunner(services.search, RESULT_LIMIT, self)
        self._build_layout()
        actions.install(self)
        self._connect()
        reading_aids.install(self)
        self.missed_search_recorder = MissedSearchRecorder.attach(self)
        self.folder_watcher = FolderWatcher(services.paths.articles_dir, self)
        self.folder_watcher.changed.connect(lambda: self.syncer.sync())
        self._restore_settings()
        self.view.open_page(QUrl(f"{WELCOME_SCHEME}:"))

    # Layout --------------------------------------------------------------------------------
    def _build_layout(self) -> None:
        search_label = QLabel("&Search:")
        search_label.setBuddy(self.search_box)
        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search_box, 1)
        top.addWidget(self.body_map_button)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.search_panel)
        self.splitter.addWidget(self.article_pane)
        self.splitter.addWidget(self.glossary_panel)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([330, 640, 310])
        self.splitter.setChildrenCollapsible(False)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(top)
        layout.addWidget(self.info_bar)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        order = [
            self.search_box,
            self.body_map_button,
            self.search_panel.tag_list,
            self.search_panel.clear_tags_button,
            self.search_panel.results,
            self.outline,
            self.view,
            self.glossary_panel.filter,
        ]
        for first, second in zip(order, order[1:], strict=False):
            self.setTabOrder(first, second)
        self.resize(default_size(self.screen()))

    def _connect(self) -> None:
        self.search_box.textChanged.connect(self._on_query_typed)
        self.search_box.returnPressed.connect(self._on_return_in_search)
        self.search_box.moveToResults.connect(self.search_panel.focus_results)
        self.body_map_button.searchRequested.connect(self.search_all_topics_for)
        panel = self.search_panel
        panel.tagsChanged.connect(lambda _tags: self.run_search(delay=False))
        panel.resultActivated.connect(self.open_hit)
        panel.suggestionChosen.connect(self.search_box.setText)
        panel.readingRemoved.connect(self._take_literally)
        panel.glossaryRequested.connect(self.show_glossary_entry)
        panel.moreRequested.connect(self.show_more_results)
        self.searcher.answered.connect(self._on_answer)
        self.searcher.failed.connect(lambda reason: self.status.say(f"Search failed: {reason}"))
        self.syncer.progress.connect(self.status.indexing)
        self.syncer.finished.connect(self._on_synced)
        self.syncer.failed.connect(self._on_sync_failed)
        self.view.glossaryRequested.connect(self.show_glossary_entry)
        self.view.tagRequested.connect(self.search_panel.select_tag)
        self.view.searchRequested.connect(self.search_for)
        self.view.zoomChanged.connect(lambda _level: window_state.save(self, self.settings))
        self.view.sourceChanged.connect(self._on_page_changed)
        self.glossary_panel.entryShown.connect(self._find_mentions)
        self.glossary_panel.searchRequested.connect(self.search_for)
        self.glossary_panel.articleRequested.connect(
            lambda article_id: self.open_article(article_id)
        )
        self.info_bar.detailsRequested.connect(self.show_problems)
        self.info_bar.dismissed.connect(self._on_info_bar_dismissed)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_scheme_changed)

    # Start-up ------------------------------------------------------------------------------
    def start(self) -> None:
        """After the window shows: sync the index in the background, focus the search box."""
        self.search_box.setFocus(Qt.FocusReason.OtherFocusReason)
        last = self.last_article()
        if last:
            self.open_article(last)
        self.folder_watcher.watch()
        self.syncer.sync()
        # The English word list behind "did you mean" takes ~0.1 s to load: not on a keystroke.
        self._keep(run_in_background(self._pool, load_english_words, lambda _loaded: None))

    def _on_synced(self, report, health: str) -> None:
        self.status.index_state(health)
        self._problems = list(report.problems or [])
        changed = changes_sentence(report)
        if report.rebuilt and report.reason and not _is_first_build(report.reason):
            self._headline = report.reason  # Stays until the user dismisses the bar.
        self._show_problems_bar()
        if changed and not report.rebuilt:
            self.status.say(changed)
            if self._article is not None:
                self.view.reload_page()
        elif report.reason:
            self.status.say(report.reason)
        if report.changed or self._article_count is None:
            self._refresh_after_change()
        self.indexSynced.emit(report)

    def _on_sync_failed(self, reason: str) -> None:
        self.status.index_state("Search index unavailable")
        self.info_bar.show_message(f"The search index could not be updated: {reason}")

    def _show_problems_bar(self) -> None:
        """Say what is wrong in the info bar, or hide it once nothing is."""
        in_memory = bool(getattr(self.services.index, "in_memory", False))
        text = problems_sentence(self._headline, self._problems, in_memory)
        if text:
            self.info_bar.show_message(text, details=bool(self._problems))
        else:
            self.info_bar.hide()

    def _on_info_bar_dismissed(self) -> None:
        self._headline = ""

    def _refresh_after_change(self) -> None:
        """Re-run the search, recount the articles and forget glossary mentions after a change.

        Nothing here reads the collection: the count and the mentions come from the index.
        """
        self.folder_watcher.watch()
        if self.search_box.text().strip() or self.search_panel.selected_tags():
            self.run_search(delay=False)
        self._mentions_round += 1  # answers still on their way are out of date
        self.glossary_panel.forget_mentions()
        slug = self.glossary_panel.current_slug()
        if slug:
            self._find_mentions(slug)
        self._keep(run_in_background(self._pool, self.services.index.doc_count, self._on_count))

    def _on_count(self, count: int) -> None:
        self._article_count = count
        if self.view.source().scheme() == WELCOME_SCHEME:
            self.view.reload_page()
        self.collectionLoaded.emit(count)

    def _find_mentions(self, slug: str) -> None:
        """Ask the index, in the background, which articles use the glossary entry shown."""
        entry = self.services.glossary.get(slug)
        if entry is None or not self.glossary_panel.needs_mentions(slug):
            return
        search, round_ = self.services.search, self._mentions_round

        def show(found) -> None:
            if round_ == self._mentions_round:
                self.glossary_panel.set_mentions(slug, *found)

        self._keep(run_in_background(self._pool, lambda: search.mentioning(entry), show))

    def _keep(self, job) -> None:
        self._jobs.add(job)
        job.signals.finished.connect(lambda _result: self._jobs.discard(job))
        job.signals.failed.connect(lambda _reason: self._jobs.discard(job))

    # Searching -----------------------------------------------------------------------------
    def search_for(self, text: str) -> None:
        self.search_box.setText(text)
        self.run_search(delay=False)

    def search_all_topics_for(self, text: str) -> None:
        """Search with no topic filter, as the body map counted its searches."""
        if self.search_panel.selected_tags():
            self.search_panel.clear_tags()
        self.search_for(text)

    def run_search(self, delay: bool = True, more: bool = False) -> None:
        text, tags = self.search_box.text(), self.search_panel.selected_tags()
        if not more:
            self._result_limit, self._first_new_row = RESULT_LIMIT, 0
        if not text.strip() and not tags:
            self.searcher.cancel()
            self.search_panel.clear_results()
            return
        self.searcher.request(
            text,
            tags,
            delay=delay,
            literal=sorted(self._literal_phrases),
            limit=self._result_limit,
        )

    def show_more_results(self) -> None:
        """The same search with another page of results; the first new one is selected."""
        self._first_new_row = self.search_panel.shown_hits()
        self._result_limit = self._first_new_row + RESULT_LIMIT
        self.run_search(delay=False, more=True)

    def _take_literally(self, phrase: str) -> None:
        """The user removed a topic reading: search that phrase as the words typed."""
        self._literal_phrases.add(phrase)
        self.run_search(delay=False)

    def _on_query_typed(self, text: str) -> None:
        self._literal_phrases.clear()
        self.search_box.set_completions(self.services.search.completions(text) if text else [])
        self.run_search()

    def _on_return_in_search(self) -> None:
        if self.search_panel.results.count() and not self.searcher.pending:
            self.search_panel.open_current()
        else:
            self.run_search(delay=False)

    def _on_answer(self, result) -> None:
        self.search_panel.show_result(result, current_row=self._first_new_row)
        self._first_new_row = 0
        self.status.say(count_sentence(result))
        if result.glossary_entry is not None:
            self.glossary_panel.show_entry(result.glossary_entry.slug)
        self.searchShown.emit(result)

    # Articles ------------------------------------------------------------------------------
    def open_hit(self, hit) -> None:
        self.open_article(hit.id, self.search_box.text())

    def open_article(self, article_id: str, query: str = "") -> None:
        self.view.open_page(article_url(article_id, query))

    def _load_page(self, url: QUrl) -> str:
        """Pages for the article view, rendered by the core. Runs when a page is shown."""
        if url.scheme() == WELCOME_SCHEME:
            self._set_article(None)
            recent = self.reading_aids.welcome_section() if hasattr(self, "reading_aids") else ""
            return welcome_html(self.services.vocabulary, self._article_count, self.theme, recent)
        if url.scheme() != ARTICLE_SCHEME:
            return ""
        from mspain_kb.core.articles import ArticleError, read_article
        from mspain_kb.core.render import render_article

        path = self.services.paths.articles_dir / f"{url.path()}.md"
        try:
            article = read_article(path)
            query = url_query(url)
            rendered = render_article(
                article,
                self.services.glossary,
                self.services.vocabulary,
                highlight_terms=(
                    self.services.search.highlight_terms(query, self._literal_phrases)
                    if query
                    else ()
                ),
                theme=self.theme,
            )
        except ArticleError as exc:
            return self._cannot_show(path, str(exc))
        except Exception:  # A renderer bug must not take the window down; log it instead.
            write_error_log(self.services.paths.settings_dir / ERROR_LOG, traceback.format_exc())
            return self._cannot_show(path, "it could not be displayed (details in the error log)")
        self._set_article(article, rendered)
        return rendered.html

    def _cannot_show(self, path: Path, reason: str) -> str:
        self._set_article(None)
        return (
            f"<h2>This article cannot be opened</h2><p>{html.escape(path.name)}: "
            f"{html.escape(reason)}.</p><p>The other articles are not affected.</p>"
        )

    def _set_article(self, article, rendered=None) -> None:
        self._article = article
        self.article_pane.set_headings(rendered.headings if rendered else [])
        self.glossary_panel.set_article_terms(rendered.terms if rendered else [])
        title = article.title if article is not None else None
        self.setWindowTitle(f"{title} — {APP_NAME}" if title else APP_NAME)
        actions.article_available(self, article is not None)

    def _on_page_changed(self, url: QUrl) -> None:
        if url.scheme() == ARTICLE_SCHEME:
            self.search_panel.mark_open_article(url.path())
            if not self.services.preferences.keep_no_history:
                window_state.remember_article(self.settings, url.path())
            self.articleShown.emit(url.path())

    def article_count(self) -> int | None:
        """Articles in the index, once counted in the background after a sync."""
        return self._article_count

    def current_article(self):
        return self._article

    # Glossary ------------------------------------------------------------------------------
    def show_glossary_entry(self, slug: str) -> None:
        if self.glossary_panel.show_entry(slug):
            sizes = self.splitter.sizes()
            if sizes[2] == 0:
                self.splitter.setSizes([sizes[0], max(sizes[1] - 300, 300), 300])

    def _glossary_short(self, slug: str) -> str | None:
        entry = self.services.glossary.get(slug)
        return f"{entry.term}: {entry.short}" if entry else None

    def _render_entry(self, entry) -> str:
        from mspain_kb.core.render import render_glossary_entry

        return render_glossary_entry(entry, self.services.glossary, theme=self.theme)

    # Theme, problems, settings -------------------------------------------------------------
    def _on_scheme_changed(self, _scheme) -> None:
        theme = current_theme()
        if theme != self.theme:
            self.theme = theme
            self.view.reload_page()
            self.glossary_panel.refresh()

    def show_problems(self):
        return show_problem_details(self, self._problems)

    def _restore_settings(self) -> None:
        window_state.restore(self, self.settings)

    def save_settings(self) -> None:
        window_state.save(self, self.settings)

    def last_article(self) -> str | None:
        return window_state.last_article(self.settings, self.services.paths.articles_dir)

    def shut_down(self) -> None:
        """Save settings and let background work finish (an index write is never cut off)."""
        self.save_settings()
        self.folder_watcher.stop()
        self.searcher.wait()
        self.syncer.wait()
        self._pool.waitForDone()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.shut_down()
        super().closeEvent(event)


def _is_first_build(reason: str) -> bool:
    from mspain_kb.core.index import REASON_MISSING

    return reason == REASON_MISSING


def default_size(screen) -> QSize:
    """1280x800, or less on a smaller screen (a 1366x768 laptop must see the whole window)."""
    if screen is None:
        return DEFAULT_SIZE
    available = screen.availableGeometry().size()
    return DEFAULT_SIZE.boundedTo(
        QSize(int(available.width() * 0.95), int(available.height() * 0.9))
    )
