"""Reading aids in the main window: the "Save article" star, the Saved and History menus, the
"Saved articles" dialog, "Keep no history", recent items on the welcome page, and read aloud.

Everything is added to the window from here (`install`), after its own menus and toolbar
exist, so the window's own modules stay as they are. The stores are the core's
(`Services.saved_articles`, `.history`, `.preferences`); this module only shows them and
forwards what the reader does.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from mspain_kb.core.user_data.saved import is_missing
from mspain_kb.ui import window_state
from mspain_kb.ui.article_view import WELCOME_SCHEME
from mspain_kb.ui.read_aloud import ArticleReader
from mspain_kb.ui.saved_panel import SavedArticlesDialog, entry_label
from mspain_kb.ui.speech_engine import QtSpeechEngine
from mspain_kb.ui.welcome import recent_html

MENU_ITEMS = 15  # recent articles, recent searches and saved articles listed in a menu
SAVE_TEXT, SAVED_TEXT = "☆ Save article", "★ Saved"
HISTORY_OFF = "History is off: nothing you read or search is kept on this computer."
HISTORY_ON = "History is on: the articles you read and your searches are kept on this computer."


class ReadingAids(QObject):
    def __init__(self, window, engine=None):
        super().__init__(window)
        self.window = window
        services = window.services
        self.saved = services.saved_articles
        self.history = services.history
        self.preferences = services.preferences
        self.reader = ArticleReader(
            window.view,
            engine if engine is not None else QtSpeechEngine(parent=window),
            window.settings,
            window.status.say,
            window,
        )
        self.saved_dialog: SavedArticlesDialog | None = None
        self.actions = self._make_actions()
        self.saved_menu = QMenu("&Saved", window)
        self.saved_menu.setObjectName("savedMenu")
        self.saved_menu.aboutToShow.connect(self.fill_saved_menu)
        self.history_menu = QMenu("Hi&story", window)
        self.history_menu.setObjectName("historyMenu")
        self.history_menu.aboutToShow.connect(self.fill_history_menu)
        self._place_menus_and_toolbar()
        self._connect()
        self.update_star()
        self._say_store_problems()

    # Set-up --------------------------------------------------------------------------------
    def _make_actions(self) -> dict[str, QAction]:
        window = self.window

        def make(name, text, slot, shortcut=None, tip="", checkable=False):
            action = QAction(text, window)
            action.setObjectName(name)
            action.setCheckable(checkable)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setStatusTip(tip)
            action.setToolTip(tip + (f" ({shortcut})" if shortcut else ""))
            (action.toggled if checkable else action.triggered).connect(slot)
            window.addAction(action)
            return action

        actions = {
            "save_article": make(
                "save_article",
                SAVE_TEXT,
                self.toggle_saved,
                "Ctrl+D",
                "Save this article to your list, or take it off the list",
                checkable=True,
            ),
            "show_saved": make(
                "show_saved",
                "&Manage saved articles…",
                self.show_saved_dialog,
                "Ctrl+Shift+D",
                "Open, remove or reorder your saved articles",
            ),
            "clear_history": make(
                "clear_history",
                "&Clear history",
                self.clear_history,
                tip="Forget the recently read articles and recent searches",
            ),
            "keep_no_history": make(
                "keep_no_history",
                "&Keep no history",
                self.set_keep_no_history,
                tip="For shared computers: keep nothing about what is read or searched",
                checkable=True,
            ),
            **self.reader.actions,
        }
        actions["keep_no_history"].blockSignals(True)
        actions["keep_no_history"].setChecked(self.preferences.keep_no_history)
        actions["keep_no_history"].blockSignals(False)
        for name in self.reader.actions:
            window.addAction(actions[name])
        window.actions_by_name.update(actions)
        return actions

    def _place_menus_and_toolbar(self) -> None:
        window, a = self.window, self.actions
        menus = {action.menu().title(): action for action in window.menuBar().actions()}
        help_menu = menus.get("&Help")
        for menu in (self.saved_menu, self.history_menu):
            if help_menu is not None:
                window.menuBar().insertMenu(help_menu, menu)
            else:
                window.menuBar().addMenu(menu)
        view_menu = menus.get("&View")
        if view_menu is not None:
            view_menu.menu().addSeparator()
            read_menu = view_menu.menu().addMenu("Read &aloud")
            read_menu.setObjectName("readAloudMenu")
            for name in ("read_aloud", "stop_reading", None, "read_slower", "read_faster"):
                read_menu.addSeparator() if name is None else read_menu.addAction(a[name])
        toolbar = window.findChild(QToolBar, "mainToolbar")
        if toolbar is not None:
            toolbar.addSeparator()
            for name in ("save_article", "read_aloud", "stop_reading"):
                toolbar.addAction(a[name])

    def _connect(self) -> None:
        window = self.window
        window.articleShown.connect(self._on_article_shown)
        window.view.sourceChanged.connect(lambda _url: self.update_star())
        window.search_panel.resultActivated.connect(lambda _hit: self.remember_search())
        window.search_box.returnPressed.connect(self.remember_search)
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.reader.stop()  # speech never outlives the window
        return False

    # Saved articles ------------------------------------------------------------------------
    def toggle_saved(self, _checked: bool = False) -> None:
        article = self.window.current_article()
        if article is None:
            self.update_star()
            return
        saved = self.saved.toggle(article.id, article.title)
        if self.saved.problem:
            self.window.status.say(self.saved.problem)
        else:
            verb = "Saved" if saved else "Removed from your saved articles"
            self.window.status.say(f"{verb}: {article.title}")
        self.update_star()
        self._saved_changed()

    def update_star(self) -> None:
        """The star shows whether the open article is saved; off the article pages it rests."""
        star = self.actions["save_article"]
        article = self.window.current_article()
        saved = article is not None and self.saved.contains(article.id)
        star.blockSignals(True)
        star.setEnabled(article is not None)
        star.setChecked(saved)
        star.setText(SAVED_TEXT if saved else SAVE_TEXT)
        star.blockSignals(False)

    def show_saved_dialog(self) -> SavedArticlesDialog:
        if self.saved_dialog is None:
            dialog = SavedArticlesDialog(
                self.saved, self.window.services.paths.articles_dir, self.window
            )
            dialog.openRequested.connect(self.window.open_article)
            dialog.changed.connect(self._saved_changed)
            self.saved_dialog = dialog
        self.saved_dialog.refresh()
        self.saved_dialog.show()
        self.saved_dialog.raise_()
        self.saved_dialog.activateWindow()
        return self.saved_dialog

    def fill_saved_menu(self) -> None:
        menu = self.saved_menu
        menu.clear()
        menu.addAction(self.actions["save_article"])
        menu.addAction(self.actions["show_saved"])
        entries = self.saved.entries()
        self._add_problem(menu, self.saved.problem)
        if entries:
            menu.addSeparator()
        folder = self.window.services.paths.articles_dir
        for entry in entries[:MENU_ITEMS]:
            missing = is_missing(entry, folder)
            action = menu.addAction(entry_label(entry.title, missing).replace("&", "&&"))
            action.setEnabled(not missing)
            action.triggered.connect(lambda _c=False, i=entry.id: self.window.open_article(i))
        if len(entries) > MENU_ITEMS:
            more = menu.addAction(f"All {len(entries)} saved articles…")
            more.triggered.connect(self.show_saved_dialog)

    def _saved_changed(self) -> None:
        self.update_star()
        if self.saved_dialog is not None and self.saved_dialog.isVisible():
            self.saved_dialog.refresh()
        self._reload_welcome()

    # History -------------------------------------------------------------------------------
    def _on_article_shown(self, article_id: str) -> None:
        article = self.window.current_article()
        if article is None or article.id != article_id:
            return
        self.history.add_article(article.id, article.title)
        if self.saved.contains(article.id):
            self.saved.add(article.id, article.title)  # keeps a changed title up to date
        self.update_star()

    def remember_search(self) -> None:
        self.history.add_search(self.window.search_box.text())

    def fill_history_menu(self) -> None:
        menu = self.history_menu
        menu.clear()
        articles, searches = self.history.recent()
        self._add_problem(menu, self.history.problem)
        if self.preferences.keep_no_history:
            menu.addAction("History is off (Keep no history)").setEnabled(False)
        for heading, rows in (
            ("Recently read", [(e.title, e.id) for e in articles]),
            ("Recent searches", [(e.text, None) for e in searches]),
        ):
            if not rows:
                continue
            if not menu.isEmpty():
                menu.addSeparator()
            menu.addAction(heading).setEnabled(False)  # styles may not draw a section's title
            for text, article_id in rows[:MENU_ITEMS]:
                action = menu.addAction(text.replace("&", "&&"))
                if article_id is None:
                    action.triggered.connect(lambda _c=False, t=text: self.window.search_for(t))
                else:
                    action.triggered.connect(
                        lambda _c=False, i=article_id: self.window.open_article(i)
                    )
        if not (articles or searches or self.preferences.keep_no_history):
            menu.addAction("No history yet").setEnabled(False)
        menu.addSeparator()
        self.actions["clear_history"].setEnabled(bool(articles or searches))
        menu.addAction(self.actions["clear_history"])
        menu.addAction(self.actions["keep_no_history"])

    def clear_history(self) -> None:
        cleared = self.history.clear()
        window_state.forget_article(self.window.settings)
        self.window.status.say("History cleared." if cleared else self.history.problem)
        self._reload_welcome()

    def set_keep_no_history(self, on: bool) -> None:
        remembered = self.preferences.set_keep_no_history(on)
        if on:
            self.history.clear()
            window_state.forget_article(self.window.settings)
        message = HISTORY_OFF if on else HISTORY_ON
        if not remembered:
            message += f" {self.preferences.problem} It applies until the window closes."
        self.window.status.say(message)
        self._reload_welcome()

    # Welcome page and messages -------------------------------------------------------------
    def welcome_section(self) -> str:
        """Saved and recent items for the welcome page."""
        return recent_html(self.saved.entries(), *self.history.recent())

    def _reload_welcome(self) -> None:
        if self.window.view.source().scheme() == WELCOME_SCHEME:
            self.window.view.reload_page()

    def _add_problem(self, menu: QMenu, problem: str) -> None:
        if problem:
            menu.addAction(f"⚠ {problem}").setEnabled(False)

    def _say_store_problems(self) -> None:
        """A damaged saved list, history or preferences file, said once the window has started
        (in the info bar unless it shows a problem with the index)."""
        self.saved.entries()
        self.history.articles()
        problems = [s.problem for s in (self.saved, self.history, self.preferences) if s.problem]
        if not problems:
            return
        text = " ".join(problems)

        def show(*_args) -> None:
            self.window.indexSynced.disconnect(show)
            if self.window.info_bar.isHidden():
                self.window.info_bar.show_message(text)
            else:
                self.window.status.say(text, 20_000)

        self.window.indexSynced.connect(show)


def install(window, engine=None) -> ReadingAids:
    """Add the reading aids to a main window whose actions are installed."""
    window.reading_aids = ReadingAids(window, engine)
    return window.reading_aids
