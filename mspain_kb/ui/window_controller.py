"""The window's decisions: what to search, which page to show, what to say, what to keep.

`WindowController` drives a `MainWindow` (the view, `main_window.py`): it listens to the
view's widgets and signals, asks the core (through background workers), and tells the view
what to show through its widgets and setters. It knows nothing of where widgets sit. Its
parts: `SearchController` (typing, results, paging), `ArticlePages` (pages rendered by the
core), `HandoutActions` (print, export), `ReadingAids` (saved, history, read aloud), the
body map's `BodyMapLauncher`, the `MissedSearchRecorder`, `ImportActions` (importing files and
folders in the background) and `CollectionActions` (the Collection menu: edit details,
editor's notes, searches that found nothing).

`open_window(services, settings)` builds the pair and returns the window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication

from mspain_kb.core.search.index import REASON_MISSING, prepared_sentence
from mspain_kb.core.vocabulary.english_words import load_english_words
from mspain_kb.ui import collection_menu, window_actions, window_state
from mspain_kb.ui import help as help_pages
from mspain_kb.ui.about import show_about
from mspain_kb.ui.article_pages import ArticlePages
from mspain_kb.ui.article_view import ARTICLE_SCHEME, WELCOME_SCHEME, article_url
from mspain_kb.ui.body_map_dialog import BodyMapLauncher
from mspain_kb.ui.collection_actions import CollectionActions
from mspain_kb.ui.folder_watch import FolderWatcher
from mspain_kb.ui.handout_actions import HandoutActions
from mspain_kb.ui.import_actions import ImportActions
from mspain_kb.ui.main_window import MainWindow
from mspain_kb.ui.missed_search_recorder import MissedSearchRecorder
from mspain_kb.ui.reading_aids import ReadingAids
from mspain_kb.ui.result_selection import enable_choosing, selected_ids
from mspain_kb.ui.search_controller import SearchController
from mspain_kb.ui.status import (
    changes_sentence,
    problems_sentence,
    show_folder_path,
    show_problem_details,
)
from mspain_kb.ui.theme import apply_theme, article_theme, current_theme
from mspain_kb.ui.welcome import BODY_MAP_URL
from mspain_kb.ui.workers import IndexSyncer, SearchWarmer, run_in_background

MARK_EVERY_TERM_KEY = "reading/mark_every_term"


def open_window(services, settings: QSettings) -> MainWindow:
    """A main window with its controller (`window.controller`), not yet shown or started."""
    window = MainWindow(services.vocabulary, services.glossary)
    WindowController(window, services, settings)
    return window


class WindowController(QObject):
    indexSynced = Signal(object)  # SyncReport, after the status bar was updated
    searchShown = Signal(object)  # SearchResult, after the results were laid out
    articleShown = Signal(str)  # article id
    collectionLoaded = Signal(int)  # number of articles in the index, counted after a sync

    def __init__(self, window: MainWindow, services, settings: QSettings):
        super().__init__(window)
        window.controller = self
        self.window = window
        self.services = services
        self.settings = settings
        self.chosen_theme = window_state.chosen_theme(settings)  # View > Theme
        if self.chosen_theme != "system":
            apply_theme(QApplication.instance(), self.chosen_theme)
        self.theme = article_theme(self.chosen_theme)  # the article colours
        self._article = None  # the Article on screen, for printing
        self._problems: list = []
        self._headline_unreachable = False
        self._headline = ""  # e.g. "The search index was damaged and has been rebuilt."
        self._article_count: int | None = None
        self._jobs: set = set()
        self._mentions_round = 0  # bumped when the collection changes
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self.syncer = IndexSyncer(services.index, self)
        self.warmer = SearchWarmer(services.search, self)
        self.search = SearchController(self)
        self.pages = ArticlePages(
            services,
            theme=lambda: self.theme,
            literal_phrases=lambda: self.search.literal_phrases,
            recent=self._recent_items,
            article_count=lambda: self._article_count,
            mark_every_term=self.marks_every_term,
        )
        self.body_map = BodyMapLauncher(services, self._pool, window)
        self.handouts = HandoutActions(
            window,
            services.glossary,
            settings,
            self.current_article,
            window.status.say,
            services.paths.articles_dir,
        )
        collection_menu.install(window)
        self.imports = ImportActions(
            window,
            services.paths.articles_dir,
            services.vocabulary,
            say=window.status.say,
            collection_changed=lambda: self.syncer.sync(),
            open_article=lambda article_id: self.open_article(article_id),
        )
        self.collection = CollectionActions(
            window,
            services,
            current_article=self.current_article,
            selection=self._selected_passage,
            say=window.status.say,
            article_changed=self._on_article_file_changed,
        )
        self.collection.searchRequested.connect(self.search_for)
        window.view.set_page_source(self._load_page, self.pages.glossary_tooltip)
        window.glossary_panel.set_entry_renderer(self.pages.render_entry)
        self._connect()
        self.reading_aids = ReadingAids(self)
        self.missed_search_recorder = MissedSearchRecorder.follow(
            services.missed_searches,
            window.search_box,
            window.search_panel,
            self.searchShown,
            self,
        )
        self.folder_watcher = FolderWatcher(services.paths.articles_dir, self)
        self.folder_watcher.changed.connect(lambda names: self.syncer.sync(names=names))
        window_state.restore(window, settings)
        window.view.open_page(QUrl(f"{WELCOME_SCHEME}:"))

    def _connect(self) -> None:
        window, view = self.window, self.window.view
        self.body_map.searchRequested.connect(self.search.search_all_topics_for)
        window.body_map_button.clicked.connect(self.body_map.open_map)
        view.anchorClicked.connect(self._on_page_link)
        self.syncer.progress.connect(window.status.indexing)
        self.syncer.finished.connect(self._on_synced)
        self.syncer.failed.connect(self._on_sync_failed)
        self.syncer.merged.connect(self.warmer.start)  # a merge leaves the search data cold
        window.search_panel.glossaryRequested.connect(self.show_glossary_entry)
        window.search_panel.resultActivated.connect(self.open_hit)
        view.glossaryRequested.connect(self.show_glossary_entry)
        view.tagRequested.connect(window.search_panel.select_tag)
        view.searchRequested.connect(self.search_for)
        window.text_zoom.changed.connect(lambda _size: window_state.save(window, self.settings))
        view.sourceChanged.connect(self._on_page_changed)
        glossary = window.glossary_panel
        glossary.entryShown.connect(self._find_mentions)
        glossary.searchRequested.connect(self.search_for)
        glossary.articleRequested.connect(lambda article_id: self.open_article(article_id))
        window.info_bar.detailsRequested.connect(self.show_problems)
        window.info_bar.dismissed.connect(self._on_info_bar_dismissed)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self.follow_system_theme)
        window.closing.connect(self._on_closing)
        a = window.actions_by_name
        for name, slot in (
            ("import", lambda: self.imports.import_files()),
            ("import_folder", lambda: self.imports.import_folder()),
            ("edit_details", lambda: self.collection.edit_details()),
            ("add_editor_note", lambda: self.collection.add_editor_note()),
            ("missed_searches", lambda: self.collection.show_missed_searches()),
            ("print", lambda: self.handouts.print_article()),
            ("export_pdf", lambda: self.handouts.export_pdf()),
            ("open_folder", lambda: self.open_articles_folder()),
            ("reindex", lambda: self.syncer.sync(rebuild=True)),
            ("home", lambda: self.show_welcome()),
            ("problems", lambda: self.show_problems()),
            ("about", lambda: self.show_about()),
            ("guide", lambda: help_pages.show_guide(window)),
            ("shortcuts", lambda: help_pages.show_shortcuts(window, window.actions_by_name)),
        ):
            a[name].triggered.connect(slot)
        for name, theme in window_actions.THEME_ACTIONS.items():
            a[name].setChecked(theme == self.chosen_theme)
            a[name].triggered.connect(lambda _checked=False, t=theme: self.choose_theme(t))
        a["mark_every_term"].setChecked(self.marks_every_term())
        a["mark_every_term"].toggled.connect(self.set_mark_every_term)
        self._connect_handout_of_results()

    def _connect_handout_of_results(self) -> None:
        """One handout of several results, chosen in the list (`result_selection`)."""
        a, results = self.window.actions_by_name, self.window.search_panel.results
        enable_choosing(results, [a["print_selected"], a["export_selected"]])
        a["print_selected"].triggered.connect(
            lambda: self.handouts.print_ids(selected_ids(results), "Selected articles")
        )
        a["export_selected"].triggered.connect(
            lambda: self.handouts.export_ids(selected_ids(results), "Selected articles")
        )

    # Start-up and the index ----------------------------------------------------------------
    def start(self) -> None:
        """After the window shows: sync the index in the background, focus the search box."""
        self.window.search_box.setFocus(Qt.FocusReason.OtherFocusReason)
        last = self.last_article()
        if last:
            self.open_article(last)
        self.folder_watcher.watch()
        if self.folder_watcher.problem:
            self.window.status.say(self.folder_watcher.problem)
        self.syncer.sync()
        self.imports.clean_up_leftovers(self._pool)
        # The English word list behind "did you mean" takes ~0.1 s to load: not on a keystroke.
        self._keep(run_in_background(self._pool, load_english_words, lambda _loaded: None))

    def _on_synced(self, report, health: str) -> None:
        status = self.window.status
        status.index_state(health)
        self._problems = list(report.problems or [])
        changed = changes_sentence(report)
        if report.rebuilt and report.reason and not _is_first_build(report.reason):
            self._headline = report.reason  # Stays until the user dismisses the bar.
        if report.unreachable or self._headline_unreachable:  # the shared folder: down or back
            self._headline, self._headline_unreachable = report.reason, report.unreachable
        self._show_problems_bar()
        if changed and not report.rebuilt:
            status.say(changed)
            if self._article is not None:
                self.window.view.reload_page()
        elif report.reason:
            first = _is_first_build(report.reason)
            status.say(prepared_sentence(report.added) if first else report.reason)
        if report.changed or self._article_count is None:
            self._refresh_after_change()
        self.warmer.start()
        self.indexSynced.emit(report)

    def _on_sync_failed(self, reason: str) -> None:
        self.window.status.index_state("Search index unavailable")
        self.window.info_bar.show_message(f"The search index could not be updated: {reason}")

    def _show_problems_bar(self) -> None:
        """Say what is wrong in the info bar, or hide it once nothing is."""
        in_memory = bool(getattr(self.services.index, "in_memory", False))
        text = problems_sentence(self._headline, self._problems, in_memory)
        if text:
            self.window.info_bar.show_message(text, details=bool(self._problems))
        else:
            self.window.info_bar.hide()

    def _on_info_bar_dismissed(self) -> None:
        self._headline = ""

    def _refresh_after_change(self) -> None:
        """Re-run the search, recount the articles and forget glossary mentions after a change.

        Nothing here reads the collection: the count and the mentions come from the index.
        """
        self.folder_watcher.watch()
        self.search.refresh()
        self._mentions_round += 1  # answers still on their way are out of date
        glossary = self.window.glossary_panel
        glossary.forget_mentions()
        slug = glossary.current_slug()
        if slug:
            self._find_mentions(slug)
        self._keep(run_in_background(self._pool, self.services.index.doc_count, self._on_count))

    def _on_count(self, count: int) -> None:
        self._article_count = count
        if self.window.view.source().scheme() == WELCOME_SCHEME:
            self.window.view.reload_page()
        self.collectionLoaded.emit(count)

    def article_count(self) -> int | None:
        """Articles in the index, once counted in the background after a sync."""
        return self._article_count

    def _keep(self, job) -> None:
        self._jobs.add(job)
        job.signals.finished.connect(lambda _result: self._jobs.discard(job))
        job.signals.failed.connect(lambda _reason: self._jobs.discard(job))

    # Searching (the details are SearchController's) ----------------------------------------
    def search_for(self, text: str) -> None:
        self.search.search_for(text)

    # Articles ------------------------------------------------------------------------------
    def open_hit(self, hit) -> None:
        self.open_article(hit.id, self.window.search_box.text())

    def open_article(self, article_id: str, query: str = "") -> None:
        self.window.view.open_page(article_url(article_id, query))

    def _on_page_link(self, url: QUrl) -> None:
        """Links the article view leaves to the window: the welcome page's body map."""
        if url.toString() == BODY_MAP_URL:
            self.body_map.open_map()

    def show_welcome(self) -> None:
        self.window.view.open_page(QUrl(f"{WELCOME_SCHEME}:"))

    def current_article(self):
        return self._article

    def _load_page(self, url: QUrl) -> str:
        """Pages for the article view, rendered by the core. Runs when a page is shown."""
        page = self.pages.load(url)
        if page is None:
            return ""
        self._set_article(page.article, page.rendered)
        return page.html

    def _recent_items(self) -> str:
        reading_aids = getattr(self, "reading_aids", None)
        return reading_aids.welcome_section() if reading_aids is not None else ""

    def _set_article(self, article, rendered=None) -> None:
        self._article = article
        window = self.window
        window.article_pane.set_headings(rendered.headings if rendered else [])
        terms = rendered.terms if rendered else []
        window.glossary_panel.set_article_terms(terms)
        self._glossary_after_article_change(terms)
        window.show_title(article.title if article is not None else None)
        window.set_article_open(article is not None)
        collection_menu.set_article_open(window, article is not None)

    def _on_page_changed(self, url: QUrl) -> None:
        if url.scheme() == ARTICLE_SCHEME:
            self.window.search_panel.mark_open_article(url.path())
            if not self.services.preferences.keep_no_history:
                window_state.remember_article(self.settings, url.path())
            self.articleShown.emit(url.path())

    # Glossary ------------------------------------------------------------------------------
    def marks_every_term(self) -> bool:
        """View > Mark every glossary term: everyday words too (remembered)."""
        return self.settings.value(MARK_EVERY_TERM_KEY, False, type=bool)

    def set_mark_every_term(self, on: bool) -> None:
        self.settings.setValue(MARK_EVERY_TERM_KEY, bool(on))
        self.window.view.reload_page()

    def _glossary_after_article_change(self, terms) -> None:
        """A term the reader chose stays while the new page uses it; otherwise the pane goes
        back to the entry the search names (or to none)."""
        glossary = self.window.glossary_panel
        slug = glossary.current_slug()
        if slug and slug != self.search.context_slug and slug not in {t.slug for t in terms}:
            glossary.follow_context(self.search.context_slug)

    def show_glossary_entry(self, slug: str) -> None:
        if self.window.glossary_panel.show_entry(slug):
            self.window.reveal_glossary()

    def _find_mentions(self, slug: str) -> None:
        """Ask the index, in the background, which articles use the glossary entry shown."""
        entry = self.services.glossary.get(slug)
        glossary = self.window.glossary_panel
        if entry is None or not glossary.needs_mentions(slug):
            return
        search, round_ = self.services.search, self._mentions_round

        def show(found) -> None:
            if round_ == self._mentions_round:
                glossary.set_mentions(slug, *found)

        self._keep(run_in_background(self._pool, lambda: search.mentioning(entry), show))

    # The collection ------------------------------------------------------------------------
    def _selected_passage(self) -> tuple[str, str]:
        """(the words selected in the article view, the text of the paragraph they end in)."""
        cursor = self.window.view.textCursor()
        if not cursor.hasSelection():
            return "", ""
        last = max(cursor.selectionStart(), cursor.selectionEnd() - 1)
        return cursor.selectedText(), cursor.document().findBlock(last).text()

    def _on_article_file_changed(self) -> None:
        """The open article's file was rewritten: show it again, bring the index up to date."""
        self.window.view.reload_page()
        self.syncer.sync()

    def open_articles_folder(self):
        """The folder in the file manager; without one, a box with the path to copy."""
        folder = self.services.paths.articles_dir
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            return None
        return show_folder_path(self.window, folder)

    def show_problems(self):
        return show_problem_details(self.window, self._problems)

    def show_about(self):
        return show_about(self.window, self.services.paths)

    # Theme, settings, closing --------------------------------------------------------------
    def choose_theme(self, theme: str) -> None:
        """View > Theme: apply it to the whole window and its pages, and remember it."""
        self.chosen_theme = theme
        apply_theme(QApplication.instance(), theme)
        window_state.remember_theme(self.settings, theme)
        for name, value in window_actions.THEME_ACTIONS.items():
            self.window.actions_by_name[name].setChecked(value == theme)
        self._redraw_pages(article_theme(theme))

    def follow_system_theme(self, _scheme=None) -> None:
        """The system switched light or dark: draw the page and the definition again."""
        if self.chosen_theme == "system":
            self._redraw_pages(current_theme())

    def _redraw_pages(self, theme: str) -> None:
        """Draw again what was drawn with the old colours: the page, the definition, and the
        search's notes and results (their links keep the colour they were made with)."""
        if theme != self.theme:
            self.theme = theme
            self.window.view.reload_page()
            self.window.glossary_panel.refresh()
            self.search.refresh()

    def save_settings(self) -> None:
        window_state.save(self.window, self.settings)

    def last_article(self) -> str | None:
        return window_state.last_article(self.settings, self.services.paths.articles_dir)

    def _on_closing(self) -> None:
        self.reading_aids.stop_reading()  # speech never outlives the window
        self.shut_down()

    def shut_down(self) -> None:
        """Save settings and let background work finish (an index write is never cut off)."""
        self.save_settings()
        self.folder_watcher.stop()
        self.search.runner.wait()
        self.imports.wait()
        self.warmer.stop()
        self.syncer.wait()
        self._pool.waitForDone()


def _is_first_build(reason: str) -> bool:
    return reason == REASON_MISSING
