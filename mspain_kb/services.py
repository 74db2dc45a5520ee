"""The core objects a front end needs, built lazily from one set of Paths.

The command line and the window both use this, so they open the same index the same way.
"""

from __future__ import annotations

from functools import cached_property

from mspain_kb.config import Paths


class Services:
    def __init__(self, paths: Paths):
        self.paths = paths

    @cached_property
    def vocabulary(self):
        from mspain_kb.core.vocabulary.topics import load_vocabulary

        return load_vocabulary(self.paths.resources_dir / "topics.toml")

    @cached_property
    def glossary(self):
        from mspain_kb.core.vocabulary.glossary import load_glossary

        return load_glossary(self.paths.resources_dir / "glossary.toml")

    @cached_property
    def phrases(self) -> frozenset[tuple[str, ...]]:
        """The glossary and topic terms the index keeps as one token each."""
        from mspain_kb.core.search.schema import collection_phrases

        return collection_phrases(self.vocabulary, self.glossary)

    @cached_property
    def index(self):
        from mspain_kb.core.search.index import KnowledgeIndex

        paths = self.paths
        return KnowledgeIndex(paths.index_dir, paths.articles_dir, self.vocabulary, self.phrases)

    @cached_property
    def search(self):
        from mspain_kb.core.search.service import SearchService

        return SearchService(self.index, self.vocabulary, self.glossary, self.error_log.write)

    @cached_property
    def error_log(self):
        from mspain_kb.error_log import ErrorLog

        return ErrorLog(self.paths.settings_dir)

    @cached_property
    def body_map(self):
        from mspain_kb.core.body_map import load_body_map

        return load_body_map(self.paths.resources_dir, self.vocabulary)

    @cached_property
    def missed_searches(self):
        from mspain_kb.core.user_data.missed_searches import MissedSearches

        return MissedSearches(self.paths.settings_dir, preferences=self.preferences)

    @cached_property
    def preferences(self):
        from mspain_kb.core.user_data.preferences import Preferences

        return Preferences(self.paths.settings_dir)

    @cached_property
    def history(self):
        from mspain_kb.core.user_data.history import History

        return History(self.paths.settings_dir, self.preferences)

    @cached_property
    def saved_articles(self):
        from mspain_kb.core.user_data.saved import SavedArticles

        return SavedArticles(self.paths.settings_dir)

    def close(self) -> None:
        if "search" in self.__dict__:
            self.search.close()
        if "index" in self.__dict__:
            self.index.close()
