"""The SQLite FTS5 baseline: the same collection, built and queried with the standard library.

It reads the articles with the project's own reader (the same parsing cost Whoosh pays),
indexes title, tags and the ranked text with the porter tokenizer, and answers top-10 queries
ranked by bm25() with a snippet(). The Whoosh figures are reported as ratios to these.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from bench.measure import cpu_seconds, current_rss_mb, summarize
from bench.queries import QUERY_CLASSES, to_fts5
from mspain_kb.core.collection.article import ArticleError
from mspain_kb.core.collection.files import iter_article_files, read_article

_SCHEMA = (
    "CREATE VIRTUAL TABLE docs USING fts5("
    "article_id UNINDEXED, title, tags, body, tokenize='porter unicode61')"
)
_QUERY = (
    "SELECT article_id, title, "
    "snippet(docs, 3, '<b class=\"match\">', '</b>', '…', 24) "
    "FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 0.0, 5.0, 2.0, 1.0) LIMIT 10"
)


def build(articles_dir: Path, database: Path) -> int:
    """Create the FTS5 database from every readable article; returns the number indexed."""
    database.unlink(missing_ok=True)
    connection = sqlite3.connect(database)
    try:
        connection.execute(_SCHEMA)
        rows = []
        for path in iter_article_files(articles_dir):
            try:
                article = read_article(path)
            except ArticleError:
                continue
            rows.append((article.id, article.title, " ".join(article.tags), article.ranked_text()))
        with connection:
            connection.executemany("INSERT INTO docs VALUES (?, ?, ?, ?)", rows)
            connection.execute("INSERT INTO docs(docs) VALUES ('optimize')")
        return len(rows)
    finally:
        connection.close()


def run(options: dict) -> dict:
    """Build once per build repeat, then time every query class (top 10 with snippets)."""
    articles_dir = Path(options["articles_dir"])
    database = Path(options["work_dir"]) / "fts5.sqlite"
    builds = []
    for _ in range(options.get("build_repeats", 1)):
        wall, cpu = time.perf_counter(), cpu_seconds()
        count = build(articles_dir, database)
        builds.append((time.perf_counter() - wall, cpu_seconds() - cpu, count))
    wall, cpu, count = min(builds)
    result: dict = {
        "build": {
            "articles": count,
            "wall_s": round(wall, 3),
            "cpu_s": round(cpu, 3),
            "articles_per_s": round(count / wall, 1) if wall else None,
            "wall_samples_s": [round(b[0], 3) for b in builds],
            "size_mb": _file_mb(database),
        }
    }
    connection = sqlite3.connect(database)
    try:
        start = time.perf_counter()
        connection.execute(_QUERY, ('"pain"',)).fetchall()
        result["first_query_ms"] = round((time.perf_counter() - start) * 1000, 3)
        classes = {}
        for name, queries in QUERY_CLASSES.items():
            samples, hits = [], 0
            for text, tags in queries:
                expression = to_fts5(text, tags)
                if expression is None:
                    continue
                for _ in range(options.get("query_repeats", 3)):
                    start = time.perf_counter()
                    rows = connection.execute(_QUERY, (expression,)).fetchall()
                    samples.append(time.perf_counter() - start)
                hits += bool(rows)
            classes[name] = summarize(samples) | {"queries_with_hits": hits}
        result["search"] = classes
    finally:
        connection.close()
    result["rss_after_queries_mb"] = current_rss_mb()
    return result


def _file_mb(path: Path) -> float:
    return round(path.stat().st_size / (1024 * 1024), 1)
