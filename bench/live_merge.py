"""Live updates in a long-running window, then the background merge, at one size.

    python -m bench.live_merge [--size 10000] [--edits 30]

Builds an index over a copy of the synthetic collection, times the warm searches of every
query class, then makes `--edits` live updates (one named file each, as the folder watcher
syncs them: a small segment each), times the searches again, merges the small segments in
a thread while searches run without pause (how long they wait), and times them once more.
Prints JSON: segments, merge seconds, search times (ms) at each stage, and how many queries
kept the same best article and the same top ten.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import threading
import time
from pathlib import Path

from bench import generate
from bench.queries import QUERY_CLASSES


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return round(ordered[min(len(ordered) - 1, int(fraction * len(ordered)))], 1)


def _timed(service, queries, rounds: int = 3) -> dict:
    for text, tags in queries:
        service.search(text, tags, limit=10)  # warm: this stage's first search is not timed
    samples = []
    for _ in range(rounds):
        for text, tags in queries:
            start = time.perf_counter()
            service.search(text, tags, limit=10)
            samples.append((time.perf_counter() - start) * 1000)
    return {"median": round(statistics.median(samples), 1), "p95": _percentile(samples, 0.95)}


def _top_ten(service, queries) -> list[list[str]]:
    return [[hit.id for hit in service.search(t, g, limit=10).hits] for t, g in queries]


def measure(size: int, edits: int, work: Path) -> dict:
    from mspain_kb.core.search.index import KnowledgeIndex
    from mspain_kb.core.search.schema import collection_phrases
    from mspain_kb.core.search.service import SearchService
    from mspain_kb.core.vocabulary.glossary import load_glossary
    from mspain_kb.core.vocabulary.topics import load_vocabulary

    articles = work / "articles"
    shutil.copytree(generate.ensure_collection(size, 1), articles)
    vocabulary, glossary = load_vocabulary(), load_glossary()
    phrases = collection_phrases(vocabulary, glossary)
    index = KnowledgeIndex(work / "index", articles, vocabulary, phrases)
    index.sync()
    service = SearchService(index, vocabulary, glossary)
    queries = [query for queries in QUERY_CLASSES.values() for query in queries]
    figures: dict = {"size": size, "edits": edits, "queries": len(queries)}
    figures["search_one_segment_ms"] = _timed(service, queries)
    names = sorted(path.name for path in articles.glob("*.md"))
    synced = []
    for number in range(edits):
        path = articles / names[number * (len(names) // edits)]
        path.write_text(path.read_text("utf-8") + f"\nA quillwort{number} note.\n", "utf-8")
        start = time.perf_counter()
        index.sync(names=[path.name])
        synced.append((time.perf_counter() - start) * 1000)
    figures["live_update_sync_ms"] = {"median": round(statistics.median(synced), 1)}
    figures["segments_before_merge"] = len(index.searcher().reader().leaf_readers())
    figures["search_before_merge_ms"] = _timed(service, queries)
    before = _top_ten(service, queries)
    during, done, merge = [], threading.Event(), {}

    def run_merge() -> None:
        start = time.perf_counter()
        merge["merged"] = index.merge_small_segments()
        merge["seconds"] = round(time.perf_counter() - start, 2)
        done.set()

    thread = threading.Thread(target=run_merge)
    thread.start()
    while not done.is_set():
        text, tags = queries[len(during) % len(queries)]
        start = time.perf_counter()
        service.search(text, tags, limit=10)
        during.append((time.perf_counter() - start) * 1000)
    thread.join()
    figures["merge"] = merge
    figures["search_during_merge_ms"] = {
        "count": len(during),
        "p95": _percentile(during, 0.95),
        "max": round(max(during), 1),
    }
    figures["segments_after_merge"] = len(index.searcher().reader().leaf_readers())
    figures["search_after_merge_ms"] = _timed(service, queries)
    after = _top_ten(service, queries)
    figures["same_best_article"] = sum(a[:1] == b[:1] for a, b in zip(after, before, strict=True))
    figures["same_top_ten"] = sum(set(a) == set(b) for a, b in zip(after, before, strict=True))
    service.close()
    index.close()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.live_merge", description=__doc__)
    parser.add_argument("--size", type=int, default=10000, help="articles (default 10000)")
    parser.add_argument("--edits", type=int, default=30, help="live updates (default 30)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="mspain-bench-merge-"))
    try:
        print(json.dumps(measure(args.size, args.edits, work), indent=1))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
