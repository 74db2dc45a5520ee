"""An article page, as the window shows it and `mspain-kb render` writes it: the article file
read, the words to mark worked out from the search the reader came from, and the page
rendered. One function, so both front ends mark exactly what search matched."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mspain_kb.core.collection.article import ARTICLE_SUFFIX, Article
from mspain_kb.core.collection.files import read_article
from mspain_kb.core.render.article import RenderedArticle, render_article


@dataclass(frozen=True)
class ArticlePage:
    article: Article
    rendered: RenderedArticle

    @property
    def html(self) -> str:
        return self.rendered.html


def article_path(articles_dir: Path, article_id: str) -> Path:
    """Where the article with this id lives (its file name is the id plus .md)."""
    return Path(articles_dir) / f"{article_id}{ARTICLE_SUFFIX}"


def article_page(
    path: Path,
    glossary,
    vocabulary,
    search=None,
    *,
    query: str = "",
    literal_phrases=(),
    print_mode: bool = False,
    theme: str = "light",
    mark_every_term: bool = False,
) -> ArticlePage:
    """Read the article at `path` and render it. With a `query`, the words `search` matched
    for it are marked: its stems, and the words of the topics its lay phrases were read as,
    except the phrases in `literal_phrases`, which the reader asked to take as typed.

    The marks are numbered so the user's own words come first (`highlight_groups`).
    `mark_every_term`: link familiar glossary terms too.

    Raises ArticleError (a plain reason) when the file cannot be used."""
    article = read_article(path)
    marked = search.highlight_groups(query, literal_phrases) if query and search else ()
    rendered = render_article(
        article,
        glossary,
        vocabulary,
        highlight_terms=marked,
        print_mode=print_mode,
        theme=theme,
        mark_every_term=mark_every_term,
    )
    return ArticlePage(article, rendered)
