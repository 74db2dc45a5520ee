"""The systems the relevance benchmark compares, over the same article files in one run.

- **app**: MS Pain KB's own search, called as the window calls it
  (`SearchService.search(text, tags=(), limit=20, literal_phrases=[])`, with snippets).
- **bm25f**: plain Whoosh BM25F: the default `StemmingAnalyzer` on title and body (the
  article's ranked text), an OR of the query's words, nothing else.
- **fts5**: SQLite FTS5 (`porter unicode61`), the words OR-ed, ranked by `bm25()` with the
  field weights of the performance baseline (`bench/fts5.py`).
- **app+embeddings** (optional, needs `wordllama`): `bench/relevance_semantic.py`.

Each system answers `search(text) -> [article id, ...]`, best first.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from mspain_kb.core.collection.article import ArticleError
from mspain_kb.core.collection.files import iter_article_files, read_article

WINDOW_LIMIT = 20  # ui/search_controller.py: RESULT_LIMIT, the page of results the window asks for
DEPTH = 10
_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)


class AppSearch:
    name = "app"

    def __init__(self, articles_dir: Path, work_dir: Path):
        from mspain_kb.config import resolve_paths
        from mspain_kb.services import Services

        paths = resolve_paths(articles_dir, work_dir / "app-index", env={})
        self.services = Services(paths)
        self.services.index.sync()
        self.search_service = self.services.search
        self.last = None

    def search(self, text: str, limit: int = WINDOW_LIMIT) -> list[str]:
        self.last = self.search_service.search(text, tags=(), limit=limit, literal_phrases=[])
        return [hit.id for hit in self.last.hits]

    def close(self) -> None:
        self.services.close()


class PlainBM25F:
    """Whoosh with its defaults: what the app would be with no query reading at all."""

    name = "bm25f"

    def __init__(self, articles_dir: Path, work_dir: Path):
        from whoosh import index
        from whoosh.analysis import StemmingAnalyzer
        from whoosh.fields import ID, TEXT, Schema

        folder = work_dir / "bm25f-index"
        folder.mkdir(parents=True, exist_ok=True)
        schema = Schema(
            id=ID(stored=True, unique=True),
            title=TEXT(analyzer=StemmingAnalyzer()),
            body=TEXT(analyzer=StemmingAnalyzer()),
        )
        ix = index.create_in(str(folder), schema)
        writer = ix.writer(limitmb=256)
        for article in _articles(articles_dir):
            writer.add_document(id=article.id, title=article.title, body=article.ranked_text())
        writer.commit()
        self.searcher = ix.searcher()
        self.analyzer = StemmingAnalyzer()

    def search(self, text: str, limit: int = DEPTH) -> list[str]:
        from whoosh import query

        words = {token.text for token in self.analyzer(" ".join(_WORD_RE.findall(text)))}
        if not words:
            return []
        terms = [query.Term(field, word) for word in sorted(words) for field in ("title", "body")]
        hits = self.searcher.search(query.Or(terms), limit=limit)
        return [hit["id"] for hit in hits]

    def close(self) -> None:
        self.searcher.close()


class FTS5Search:
    """The FTS5 table of the performance baseline, asked for any of the words."""

    name = "fts5"

    def __init__(self, articles_dir: Path, work_dir: Path):
        from bench import fts5

        database = work_dir / "relevance-fts5.sqlite"
        fts5.build(articles_dir, database)
        self.connection = sqlite3.connect(database)
        self.sql = (
            "SELECT article_id FROM docs WHERE docs MATCH ? "
            "ORDER BY bm25(docs, 0.0, 5.0, 2.0, 1.0) LIMIT ?"
        )

    def search(self, text: str, limit: int = DEPTH) -> list[str]:
        words = dict.fromkeys(word.lower() for word in _WORD_RE.findall(text))
        if not words:
            return []
        expression = " OR ".join(f'"{word}"' for word in words)
        return [row[0] for row in self.connection.execute(self.sql, (expression, limit))]

    def close(self) -> None:
        self.connection.close()


def _articles(articles_dir: Path):
    for path in iter_article_files(articles_dir):
        try:
            yield read_article(path)
        except ArticleError:
            continue


SYSTEMS = {"app": AppSearch, "bm25f": PlainBM25F, "fts5": FTS5Search}
