"""The pages the article view shows, rendered by the core: the welcome page, an article with
the search words highlighted, or a plain note saying why an article cannot be opened; and
the glossary's definitions and tooltips.

Every call into the core's rendering for the window is here, so the window has one place
that turns an `article:` or `welcome:` URL into HTML.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QUrl

from mspain_kb.ui.article_view import ARTICLE_SCHEME, WELCOME_SCHEME, url_query
from mspain_kb.ui.welcome import welcome_html


@dataclass(frozen=True)
class Page:
    html: str
    article: object | None = None  # the Article shown, None on the welcome page or a refusal
    rendered: object | None = None  # the renderer's answer: headings and glossary terms


class ArticlePages:
    def __init__(
        self,
        services,
        theme: Callable[[], str],
        literal_phrases: Callable[[], set[str]],
        recent: Callable[[], str],
        article_count: Callable[[], int | None],
        mark_every_term: Callable[[], bool] = lambda: False,
    ):
        """`theme()` "light" or "dark"; `literal_phrases()` the topic readings the user
        removed; `recent()` the welcome page's saved and recent items (HTML);
        `article_count()` the number of articles in the index, once counted;
        `mark_every_term()` whether familiar glossary terms are marked too."""
        self.services = services
        self._theme = theme
        self._literal_phrases = literal_phrases
        self._recent = recent
        self._article_count = article_count
        self._mark_every_term = mark_every_term

    def load(self, url: QUrl) -> Page | None:
        """The page at `url`, or None for a URL that is not one of the app's pages."""
        if url.scheme() == WELCOME_SCHEME:
            services = self.services
            return Page(
                welcome_html(
                    services.vocabulary, self._article_count(), self._theme(), self._recent()
                )
            )
        if url.scheme() != ARTICLE_SCHEME:
            return None
        from mspain_kb.core.collection.article import ArticleError
        from mspain_kb.core.render.page import article_page, article_path

        services = self.services
        path = article_path(services.paths.articles_dir, url.path())
        try:
            page = article_page(
                path,
                services.glossary,
                services.vocabulary,
                services.search,
                query=url_query(url),
                literal_phrases=self._literal_phrases(),
                theme=self._theme(),
                mark_every_term=self._mark_every_term(),
            )
        except ArticleError as exc:
            return cannot_show(path, str(exc))
        return Page(page.html, page.article, page.rendered)

    def glossary_tooltip(self, slug: str) -> str | None:
        """ "Term: first sentence" for hovering a glossary link; None for an unknown term."""
        entry = self.services.glossary.get(slug)
        return f"{entry.term}: {entry.short}" if entry else None

    def render_entry(self, entry) -> str:
        """A glossary entry's definition as HTML, for the glossary pane."""
        from mspain_kb.core.render.article import render_glossary_entry

        return render_glossary_entry(entry, self.services.glossary, theme=self._theme())


def cannot_show(path: Path, reason: str) -> Page:
    return Page(
        f"<h2>This article cannot be opened</h2><p>{html.escape(path.name)}: "
        f"{html.escape(reason)}.</p><p>The other articles are not affected.</p>"
    )
