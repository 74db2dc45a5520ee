"""Reading aids in the main window: the "Save article" star, the Saved and History menus, the
"Saved articles" dialog, "Keep no history", recent items on the welcome page, and read aloud.

The window (`MainWindow`) has the actions and the empty Saved and History menus; this part
of the controller connects them, fills the menus when they open, and says what happened. The
stores are the core's (`Services.saved_articles`, `.history`, `.preferences`); this module
only shows them and forwards what the reader does.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu

from mspain_kb.core.user_data.saved import is_missing
from mspain_kb.ui import window_state
from mspain_kb.ui.article_view import WELCOME_SCHEME
from mspain_kb.ui.preferences_dialog import PreferencesDialog
from mspain_kb.ui.read_aloud import ArticleReader
from mspain_kb.ui.result_stars import ResultStars
from mspain_kb.ui.saved_panel import SavedArticlesDialog, entry_label
from mspain_kb.ui.speech_engine import QtSpeechEngine
from mspain_kb.ui.welcome import recent_html

MENU_ITEMS = 15  # recent articles, recent searches and saved articles listed in a menu
HISTORY_OFF = "History is off: nothing you read or search is kept on this computer."
HISTORY_ON = "History is on: the articles you read and your searches are kept on this computer."


class ReadingAids(QObject):
    """Part of `WindowController`: the window's reading-aid actions and menus, connected to
    the core's stores."""

    def __init__(self, controller, engine=None):
        super().__init__(controller)
        self.controller = controller
        self.window = window = controller.window
        services = controller.services
        self.saved = services.saved_articles
        self.history = services.history
        self.preferences = services.preferences
        self.actions = window.actions_by_name
        self.reader = ArticleReader(
            window.view,
            engine if engine is not None else QtSpeechEngine(parent=window),
            controller.settings,
            window.status.say,
            self.actions,
            window,
        )
        self.saved_dialog: SavedArticlesDialog | None = None
        self.preferences_dialog: PreferencesDialog | None = None
        self.result_stars = ResultStars(
            window.search_panel.results,
            self.saved.ids,
            lambda hit: self.toggle_saved_article(hit.id, hit.title),
            self,
        )
        self._connect()
        window.show_keep_no_history(self.preferences.keep_no_history)
        self.update_star()
        self._say_store_problems()

    def _connect(self) -> None:
        window, a = self.window, self.actions
        a["save_article"].toggled.connect(self.toggle_saved)
        a["show_saved"].triggered.connect(self.show_saved_dialog)
        a["clear_history"].triggered.connect(self.clear_history)
        a["keep_no_history"].toggled.connect(self.set_keep_no_history)
        a["preferences"].triggered.connect(self.show_preferences)
        a["print_saved"].triggered.connect(self.print_saved)
        a["export_saved"].triggered.connect(lambda: self.export_saved())
        window.saved_menu.aboutToShow.connect(self.fill_saved_menu)
        window.history_menu.aboutToShow.connect(self.fill_history_menu)
        self.controller.articleShown.connect(self._on_article_shown)
        self.controller.searchShown.connect(lambda _result: self.result_stars.refresh())
        window.view.sourceChanged.connect(lambda _url: self.update_star())
        window.search_panel.resultActivated.connect(lambda _hit: self.remember_search())
        window.search_box.returnPressed.connect(self.remember_search)

    def stop_reading(self) -> None:
        """Speech never outlives the window."""
        self.reader.stop()

    # Saved articles ------------------------------------------------------------------------
    def toggle_saved(self, _checked: bool = False) -> None:
        article = self.controller.current_article()
        if article is None:
            self.update_star()
            return
        self.toggle_saved_article(article.id, article.title)

    def toggle_saved_article(self, article_id: str, title: str) -> None:
        """Save the article, or take it off the list (the star on the article or a result)."""
        saved = self.saved.toggle(article_id, title)
        if self.saved.problem:
            self.window.status.say(self.saved.problem)
        else:
            verb = "Saved" if saved else "Removed from your saved articles"
            self.window.status.say(f"{verb}: {title}")
        self._saved_changed()

    def update_star(self) -> None:
        """The star shows whether the open article is saved; off the article pages it rests."""
        article = self.controller.current_article()
        saved = article is not None and self.saved.contains(article.id)
        self.window.show_saved_star(article is not None, saved)

    def show_saved_dialog(self) -> SavedArticlesDialog:
        if self.saved_dialog is None:
            dialog = SavedArticlesDialog(
                self.saved, self.controller.services.paths.articles_dir, self.window
            )
            dialog.openRequested.connect(self.controller.open_article)
            dialog.changed.connect(self._saved_changed)
            dialog.printRequested.connect(self.print_saved)
            dialog.exportRequested.connect(lambda: self.export_saved())
            self.saved_dialog = dialog
        self.saved_dialog.refresh()
        self.saved_dialog.show()
        self.saved_dialog.raise_()
        self.saved_dialog.activateWindow()
        return self.saved_dialog

    def fill_saved_menu(self) -> None:
        menu = self.window.saved_menu
        menu.clear()
        menu.addAction(self.actions["save_article"])
        menu.addAction(self.actions["show_saved"])
        entries = self.saved.entries()
        menu.addSeparator()
        for name in ("print_saved", "export_saved"):
            self.actions[name].setEnabled(bool(entries))
            menu.addAction(self.actions[name])
        self._add_problem(menu, self.saved.problem)
        if entries:
            menu.addSeparator()
        folder = self.controller.services.paths.articles_dir
        for entry in entries[:MENU_ITEMS]:
            missing = is_missing(entry, folder)
            action = menu.addAction(entry_label(entry.title, missing).replace("&", "&&"))
            action.setEnabled(not missing)
            action.triggered.connect(lambda _c=False, i=entry.id: self.controller.open_article(i))
        if len(entries) > MENU_ITEMS:
            more = menu.addAction(f"All {len(entries)} saved articles…")
            more.triggered.connect(self.show_saved_dialog)

    def print_saved(self) -> bool:
        """One handout of every saved article, in the list's order, previewed first."""
        return self.controller.handouts.print_ids(self.saved.ids(), "Saved articles")

    def export_saved(self, path: str | None = None):
        return self.controller.handouts.export_ids(self.saved.ids(), "Saved articles", path)

    def _saved_changed(self) -> None:
        self.update_star()
        self.result_stars.refresh()
        if self.saved_dialog is not None and self.saved_dialog.isVisible():
            self.saved_dialog.refresh()
        self._reload_welcome()

    # History -------------------------------------------------------------------------------
    def _on_article_shown(self, article_id: str) -> None:
        article = self.controller.current_article()
        if article is None or article.id != article_id:
            return
        self.history.add_article(article.id, article.title)
        if self.saved.contains(article.id):
            self.saved.add(article.id, article.title)  # keeps a changed title up to date
        self.update_star()

    def remember_search(self) -> None:
        self.history.add_search(self.window.search_box.text())

    def fill_history_menu(self) -> None:
        menu = self.window.history_menu
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
                    action.triggered.connect(lambda _c=False, t=text: self.controller.search_for(t))
                else:
                    action.triggered.connect(
                        lambda _c=False, i=article_id: self.controller.open_article(i)
                    )
        if not (articles or searches or self.preferences.keep_no_history):
            menu.addAction("No history yet").setEnabled(False)
        menu.addSeparator()
        self.actions["clear_history"].setEnabled(bool(articles or searches))
        menu.addAction(self.actions["clear_history"])
        menu.addAction(self.actions["keep_no_history"])

    def clear_history(self) -> None:
        cleared = self.history.clear()
        window_state.forget_article(self.controller.settings)
        self.window.status.say("History cleared." if cleared else self.history.problem)
        self._reload_welcome()

    def set_keep_no_history(self, on: bool) -> None:
        remembered = self.preferences.set_keep_no_history(on)
        if on:
            self.history.clear()
            window_state.forget_article(self.controller.settings)
        message = HISTORY_OFF if on else HISTORY_ON
        if not remembered:
            message += f" {self.preferences.problem} It applies until the window closes."
        self.window.status.say(message)
        self._reload_welcome()

    # Preferences ---------------------------------------------------------------------------
    def show_preferences(self) -> PreferencesDialog:
        """Edit › Preferences: "Keep no history" there is the History menu's own action."""
        keep_no_history = self.actions["keep_no_history"]
        dialog = PreferencesDialog(
            self.controller.settings,
            self.preferences.keep_no_history,
            keep_no_history.setChecked,  # toggled -> set_keep_no_history, as from the menu
            self.window,
        )
        dialog.finished.connect(dialog.deleteLater)
        self.preferences_dialog = dialog
        dialog.open()
        return dialog

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
            self.controller.indexSynced.disconnect(show)
            if self.window.info_bar.isHidden():
                self.window.info_bar.show_message(text)
            else:
                self.window.status.say(text, 20_000)

        self.controller.indexSynced.connect(show)
