"""Profile one part of the app on a benchmark collection, to find where a missed target goes.

    python -m bench.profile build  --size 1000   # one-process build (worker processes hide
                                                 # their time from cProfile)
    python -m bench.profile search --size 10000  # every query class and the hostile set
    python -m bench.profile query  --size 10000 --query "spa*"

Prints the top functions by cumulative and by own time; `-o FILE` keeps the raw profile for
`python -m pstats FILE` or snakeviz.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import shutil
import sys
import tempfile
from pathlib import Path

from bench import generate
from bench.queries import HOSTILE, QUERY_CLASSES


def _open(articles_dir: Path, index_dir: Path, rebuild: bool):
    from mspain_kb.core.search.index import KnowledgeIndex
    from mspain_kb.core.search.schema import collection_phrases
    from mspain_kb.core.search.service import SearchService
    from mspain_kb.core.vocabulary.glossary import load_glossary
    from mspain_kb.core.vocabulary.topics import load_vocabulary

    vocabulary, glossary = load_vocabulary(), load_glossary()
    index = KnowledgeIndex(
        index_dir, articles_dir, vocabulary, collection_phrases(vocabulary, glossary)
    )
    index.sync(rebuild=rebuild)
    return index, SearchService(index, vocabulary, glossary)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.profile", description=__doc__.split("\n")[0]
    )
    parser.add_argument("target", choices=("build", "search", "query"))
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--query", default="spa*", help="for `query`: the text to profile")
    parser.add_argument("--index-dir", type=Path, help="reuse this index (default: build one)")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("-o", "--output", type=Path, help="write the raw profile here")
    args = parser.parse_args(argv)

    articles_dir = generate.ensure_collection(args.size, args.seed)
    scratch = Path(tempfile.mkdtemp(prefix="mspain-profile-"))
    index_dir = args.index_dir or scratch / "index"
    profiler = cProfile.Profile()
    try:
        if args.target == "build":
            from mspain_kb.core.search import index_writing

            index_writing.PARALLEL_THRESHOLD = 10**9  # one process, so cProfile sees it all
            profiler.runcall(_open, articles_dir, index_dir, True)
        else:
            index, service = _open(articles_dir, index_dir, rebuild=args.index_dir is None)
            service.search("pain")  # open the searcher outside the profile
            if args.target == "query":
                queries = [(args.query, ())] * 5
            else:
                queries = [q for group in QUERY_CLASSES.values() for q in group] + HOSTILE
            profiler.enable()
            for text, tags in queries:
                service.search(text, tags, limit=10)
            profiler.disable()
            index.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if args.output:
        profiler.dump_stats(args.output)
    for order in ("cumulative", "tottime"):
        stream = io.StringIO()
        pstats.Stats(profiler, stream=stream).sort_stats(order).print_stats(args.top)
        print(stream.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
