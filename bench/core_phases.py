"""Benchmark phases that drive the app's core: index build, start-up sync, search, rendering.

Each function takes the options dict from `bench.__main__` and returns plain figures. They
use only the public interfaces in docs/ARCHITECTURE.md, the same way the window does.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from bench.measure import (
    cpu_seconds,
    current_rss_mb,
    folder_size_mb,
    peak_rss_mb,
    rss_parts_mb,
    summarize,
    time_once,
)
from bench.queries import HOSTILE, QUERY_CLASSES

WINDOW_LIMIT = 20  # results per page in the window (ui/search_controller.py:RESULT_LIMIT)


def _core(options: dict, with_search: bool = True):
    """(vocabulary, glossary, index, search) opened on the benchmark's index folder."""
    from mspain_kb.core.search.index import KnowledgeIndex
    from mspain_kb.core.search.schema import collection_phrases
    from mspain_kb.core.vocabulary.glossary import load_glossary
    from mspain_kb.core.vocabulary.topics import load_vocabulary

    vocabulary = load_vocabulary()
    glossary = load_glossary()
    phrases = collection_phrases(vocabulary, glossary)
    index_dir, articles_dir = Path(options["index_dir"]), Path(options["articles_dir"])
    index = KnowledgeIndex(index_dir, articles_dir, vocabulary, phrases)
    search = None
    if with_search:
        from mspain_kb.core.search.service import SearchService

        search = SearchService(index, vocabulary, glossary)
    return vocabulary, glossary, index, search


def build(options: dict) -> dict:
    """Full index build from an empty folder, repeated; the last build is kept for later phases."""
    from mspain_kb.core.search.index import KnowledgeIndex
    from mspain_kb.core.search.schema import collection_phrases
    from mspain_kb.core.vocabulary.glossary import load_glossary
    from mspain_kb.core.vocabulary.topics import load_vocabulary

    vocabulary = load_vocabulary()
    phrases = collection_phrases(vocabulary, load_glossary())
    index_dir, articles_dir = Path(options["index_dir"]), Path(options["articles_dir"])
    walls, cpus, count = [], [], 0
    for _ in range(options.get("build_repeats", 1)):
        if index_dir.exists():
            shutil.rmtree(index_dir)
        index = KnowledgeIndex(index_dir, articles_dir, vocabulary, phrases)
        wall, cpu = time.perf_counter(), cpu_seconds()
        report = index.sync(rebuild=True)
        walls.append(time.perf_counter() - wall)
        cpus.append(cpu_seconds() - cpu)
        count = index.doc_count()
        index.close()
        if report.problems:
            raise RuntimeError(f"the build reported {len(report.problems)} problem(s)")
    best = min(range(len(walls)), key=walls.__getitem__)
    return {
        "articles": count,
        "wall_s": round(walls[best], 3),
        "cpu_s": round(cpus[best], 3),
        "articles_per_s": round(count / walls[best], 1),
        "wall_samples_s": [round(w, 3) for w in walls],
        "index_size_mb": folder_size_mb(index_dir),
    }


def _startup_sync_and_find(options: dict, word: str | None) -> tuple[float, float, object]:
    """Open the index as a fresh start-up does, sync, and (optionally) search for `word`.

    Returns (seconds to sync, seconds until the search answered, search result).
    """
    start = time.perf_counter()
    _, _, index, search = _core(options, with_search=word is not None)
    index.sync()
    synced = time.perf_counter() - start
    result = search.search(word, (), limit=10) if search else None
    answered = time.perf_counter() - start
    if search:
        search.close()
    index.close()
    return synced, answered, result


class _Changes:
    """Change, add and delete single articles in the cached collection, and undo it all."""

    def __init__(self, articles_dir: Path):
        self.articles_dir = articles_dir
        self.files = sorted(articles_dir.glob("bench-*.md"))
        self.originals: dict[Path, str] = {}
        self.added: list[Path] = []

    def make(self, kind: str, number: int, label: str) -> tuple[str, str, bool]:
        """Apply one change; returns (article id, word to search for, should it be found)."""
        marker = f"zzbench{label}{kind}{number}"
        if kind == "changed":
            path = self.files[(number * 97 + len(label)) % len(self.files)]
            self.originals.setdefault(path, path.read_text(encoding="utf-8"))
            path.write_text(self.originals[path] + f"\nA {marker} sentence.\n", "utf-8")
            return path.stem, marker, True
        if kind == "added":
            path = self.articles_dir / f"zz-bench-{label}-added-{number}.md"
            path.write_text(f"title: Added {number}\n\nA {marker} sentence.\n", "utf-8")
            self.added.append(path)
            return path.stem, marker, True
        path = self.articles_dir / f"zz-bench-{label}-added-{number}.md"
        path.unlink()
        return path.stem, f"zzbench{label}added{number}", False

    def undo(self) -> None:
        for path, text in self.originals.items():
            path.write_text(text, encoding="utf-8")
        for path in self.added:
            path.unlink(missing_ok=True)


def sync(options: dict) -> dict:
    """Sync with nothing changed, and after changing, adding and deleting one article.

    "startup" figures open the index afresh, as a new window does; "live" figures use an
    index and search service that are already open, as in a running window that notices a
    change. Every change is undone at the end (and re-synced), so the collection and the
    index are left as they were.
    """
    repeats = options.get("sync_repeats", 5)
    _startup_sync_and_find(options, None)  # imports and file cache warm, as on a second start
    unchanged = [_startup_sync_and_find(options, None)[0] for _ in range(repeats)]
    figures: dict = {"unchanged": summarize(unchanged)}
    changes = _Changes(Path(options["articles_dir"]))
    try:
        for kind in ("changed", "added", "deleted"):
            synced, answered, wrong = [], [], 0
            for number in range(repeats):
                article_id, marker, expected = changes.make(kind, number, "startup")
                seconds_synced, seconds_answered, result = _startup_sync_and_find(options, marker)
                wrong += any(hit.id == article_id for hit in result.hits) != expected
                synced.append(seconds_synced)
                answered.append(seconds_answered)
            figures[kind] = summarize(synced)
            figures[f"{kind}_in_search"] = summarize(answered)
            figures[f"{kind}_wrong_results"] = wrong

        _, _, index, service = _core(options)
        index.sync()
        service.search("pain", (), limit=10)
        # The window's folder watch names the file that changed (ui/folder_watch.py); when
        # it cannot (the folder was away, 500 or more files changed at once) it asks for a
        # scan of the whole folder: "live_scan".
        live = [(kind, "live", True) for kind in ("changed", "added", "deleted")]
        for kind, label, named in [*live, ("changed", "live_scan", False)]:
            answered, wrong = [], 0
            for number in range(repeats):
                article_id, marker, expected = changes.make(kind, number, label)
                start = time.perf_counter()
                index.sync(names=[f"{article_id}.md"] if named else None)
                result = service.search(marker, (), limit=10)
                answered.append(time.perf_counter() - start)
                wrong += any(hit.id == article_id for hit in result.hits) != expected
            figures[f"{label}_{kind}_in_search"] = summarize(answered)
            figures[f"{label}_{kind}_wrong_results"] = wrong
        service.close()
        index.close()
    finally:
        changes.undo()
        _startup_sync_and_find(options, None)
    return figures


def search(options: dict) -> dict:
    """Latency per query class (top 10 with snippets and facets), the hostile set, memory."""
    start = time.perf_counter()
    _, _, index, service = _core(options)
    loaded = time.perf_counter()
    first = service.search("pain", (), limit=10)
    figures: dict = {
        "open_and_first_query_ms": round((time.perf_counter() - start) * 1000, 1),
        # the same without loading the topics, glossary and speller (the window has them)
        "index_open_and_first_query_ms": round((time.perf_counter() - loaded) * 1000, 1),
        "rss_after_open_mb": current_rss_mb(),
        "first_query_total": first.total,
    }
    repeats = options.get("query_repeats", 3)
    from mspain_kb.core.vocabulary.english_words import load_english_words

    load_english_words()  # the window loads it in the background at start-up
    # ... and warms search up once the index is open (ui/workers.SearchWarmer): the posting
    # lists of topic and glossary words, the "did you mean" word list; each step is short.
    steps, started = 0, time.perf_counter()
    while service.warm_step():
        steps += 1
    figures["warm_up"] = {"steps": steps, "seconds": round(time.perf_counter() - started, 3)}
    # First time: no posting list decoded yet (each query after forgetting them all), as
    # for words nobody searched since the window opened or the index last changed.
    first_time = {}
    for name, queries in QUERY_CLASSES.items():
        samples = []
        for text, tags in queries:
            service.forget_decoded_postings()
            samples.append(time_once(service.search, text, tags, limit=10)[0])
        first_time[name] = summarize(samples)
    figures["classes_first_time"] = first_time
    classes = {}
    for name, queries in QUERY_CLASSES.items():
        samples, with_hits, with_snippets = [], 0, 0
        for text, tags in queries:
            # Warm: the same search just ran once. (A warm-up pass over every query first is
            # not enough on big collections: the decoded posting lists of all the queries
            # do not fit in the search service's cache, so early queries would be cold again.)
            service.search(text, tags, limit=10)
            for _ in range(repeats):
                seconds, result = time_once(service.search, text, tags, limit=10)
                samples.append(seconds)
            with_hits += bool(result.hits)
            with_snippets += any(hit.snippet for hit in result.hits)
        classes[name] = summarize(samples) | {
            "queries": len(queries),
            "queries_with_hits": with_hits,
            "queries_with_snippets": with_snippets,
        }
    figures["classes"] = classes

    window_samples = []  # the window asks for a page of 20 results, not 10
    for queries in QUERY_CLASSES.values():
        for text, tags in queries:
            window_samples.append(time_once(service.search, text, tags, limit=WINDOW_LIMIT)[0])
    figures["window_limit"] = summarize(window_samples)

    hostile = []
    for text, tags in HOSTILE:
        worst, error = 0.0, None
        for _ in range(max(1, repeats - 1)):
            try:
                seconds, _ = time_once(service.search, text, tags, limit=10)
            except Exception as exc:  # a crash on odd input is a finding, not a stop
                seconds, error = 0.0, f"{type(exc).__name__}: {exc}"[:200]
            worst = max(worst, seconds)
        shown = text if len(text) <= 40 else f"{text[:37]}... ({len(text)} chars)"
        hostile.append({"query": shown, "worst_ms": round(worst * 1000, 1), "error": error})
    figures["hostile"] = sorted(hostile, key=lambda item: -item["worst_ms"])
    figures["hostile_worst_ms"] = figures["hostile"][0]["worst_ms"]
    figures["hostile_errors"] = sum(1 for item in hostile if item["error"])
    figures["peak_rss_mb"] = peak_rss_mb()
    figures["rss_end_parts_mb"] = rss_parts_mb()
    service.close()
    index.close()
    return figures


def render(options: dict) -> dict:
    """Render a ~5,000-word article for the screen and for print (with its glossary appendix)."""
    from mspain_kb.core.collection.files import read_article
    from mspain_kb.core.render.article import render_article
    from mspain_kb.core.vocabulary.glossary import load_glossary
    from mspain_kb.core.vocabulary.text import stemmed_words
    from mspain_kb.core.vocabulary.topics import load_vocabulary

    article = read_article(Path(options["long_article"]))
    vocabulary, glossary = load_vocabulary(), load_glossary()
    highlight = {stem for stem, _, _ in stemmed_words("spasticity nerve pain walking")}
    figures: dict = {"words": len(article.body.split())}
    render_article(article, glossary, vocabulary)  # warm-up: imports and caches
    for mode, print_mode in (("screen", False), ("print", True)):
        samples = []
        for _ in range(options.get("render_repeats", 5)):
            seconds, rendered = time_once(
                render_article,
                article,
                glossary,
                vocabulary,
                highlight_terms=highlight,
                print_mode=print_mode,
            )
            samples.append(seconds)
        figures[mode] = summarize(samples) | {
            "html_kb": round(len(rendered.html) / 1024, 1),
            "glossary_terms": len(rendered.terms),
        }
    return figures
