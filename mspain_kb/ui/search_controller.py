"""Searching in the window: a search per keystroke in a worker, topic filters, topic readings
the user took back, "Show more results", and what the answer shows.

Part of `WindowController`; it reads the search box and the topic list and lays the answer
out in the results panel, and never decides anything about the article view.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from mspain_kb.ui.search_panel import count_sentence
from mspain_kb.ui.workers import SearchRunner

RESULT_LIMIT = 20  # results per page; "Show more results" asks for as many again


class SearchController(QObject):
    def __init__(self, controller):
        super().__init__(controller)
        self.controller = controller
        self.window = controller.window
        self.services = controller.services
        self.literal_phrases: set[str] = set()  # topic readings the user removed
        self._result_limit = RESULT_LIMIT  # grows with "Show more results"
        self._first_new_row = 0  # where the selection goes when more results arrive
        self.context_slug: str | None = None  # the glossary entry the search on screen names
        self._context_query: str | None = None
        self.runner = SearchRunner(self.services.search, RESULT_LIMIT, self)
        box, panel = self.window.search_box, self.window.search_panel
        box.keep_popup_clear_of(panel)
        box.textChanged.connect(self._on_query_typed)
        box.returnPressed.connect(self._on_return_in_search)
        box.cleared.connect(
            lambda: self.window.status.say("Search cleared. Press Ctrl+Z to bring it back.")
        )
        panel.tagsChanged.connect(lambda _tags: self.run_search(delay=False))
        panel.suggestionChosen.connect(box.setText)
        panel.readingRemoved.connect(self._take_literally)
        panel.readingRestored.connect(self._read_as_topic_again)
        panel.browseRequested.connect(self.browse_topic)
        panel.moreRequested.connect(self.show_more_results)
        self.runner.answered.connect(self._on_answer)
        self.runner.failed.connect(
            lambda reason: self.window.status.say(f"Search failed: {reason}")
        )

    def search_for(self, text: str) -> None:
        self.window.search_box.setText(text)
        self.run_search(delay=False)

    def search_all_topics_for(self, text: str) -> None:
        """Search with no topic filter, as the body map counted its searches."""
        if self.window.search_panel.selected_tags():
            self.window.search_panel.clear_tags()
        self.search_for(text)

    def refresh(self) -> None:
        """The collection changed: run the search on screen again, if there is one."""
        if self.window.search_box.text().strip() or self.window.search_panel.selected_tags():
            self.run_search(delay=False)

    def run_search(self, delay: bool = True, more: bool = False) -> None:
        text, tags = self.window.search_box.text(), self.window.search_panel.selected_tags()
        if not more:
            self._result_limit, self._first_new_row = RESULT_LIMIT, 0
        if not text.strip() and not tags:
            self.runner.cancel()
            self.window.search_panel.clear_results()
            self._follow_glossary_context(None, "")
            if not self.window.status.bar.currentMessage().startswith("Search cleared"):
                self.window.status.bar.clearMessage()  # no count is left for an empty box
            return
        self.runner.request(
            text,
            tags,
            delay=delay,
            literal=sorted(self.literal_phrases),
            limit=self._result_limit,
        )

    def show_more_results(self) -> None:
        """The same search with another page of results; the first new one is selected."""
        self._first_new_row = self.window.search_panel.shown_hits()
        self._result_limit = self._first_new_row + RESULT_LIMIT
        self.run_search(delay=False, more=True)

    def _take_literally(self, phrase: str) -> None:
        """The user removed a topic reading: search that phrase as the words typed."""
        self.literal_phrases.add(phrase)
        self.run_search(delay=False)

    def _read_as_topic_again(self, phrase: str) -> None:
        """Undo "words only": read the phrase as its topic again."""
        self.literal_phrases.discard(phrase)
        self.run_search(delay=False)

    def browse_topic(self, topic_id: str) -> None:
        """Every article on one topic: the box emptied (Ctrl+Z brings the words back) and the
        topic chosen as the only filter."""
        panel = self.window.search_panel
        self.window.search_box.clear_undoably()
        panel.clear_tags()
        panel.select_tag(topic_id)

    def _on_query_typed(self, text: str) -> None:
        self.literal_phrases.clear()
        completions = self.services.search.completions(text) if text else []
        self.window.search_box.set_completions(completions)
        self.run_search()

    def _on_return_in_search(self) -> None:
        panel = self.window.search_panel
        if panel.results.count() and not self.runner.pending:
            panel.open_current()
        else:
            self.run_search(delay=False)

    def _on_answer(self, result) -> None:
        self.window.search_panel.show_result(result, current_row=self._first_new_row)
        self._first_new_row = 0
        sentence = count_sentence(result, self.window.search_panel.selected_tags())
        self.window.status.say(sentence.replace("&", ""))
        entry = getattr(result, "context_entry", None)
        self._follow_glossary_context(entry.slug if entry is not None else None, result.query)
        self.controller.searchShown.emit(result)

    def _follow_glossary_context(self, slug: str | None, query: str) -> None:
        """A new search decides what the glossary pane shows (`core/search/glossary_context`):
        the entry it names, or nothing. The same search again (more results, the collection
        changed) leaves a term the reader chose in place."""
        if query == self._context_query:
            return
        self._context_query, self.context_slug = query, slug
        self.window.glossary_panel.follow_context(slug)
