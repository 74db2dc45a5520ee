"""`python -m bench`: measure MS Pain KB at several collection sizes against issue 5's targets.

`python -m bench relevance ...` measures search quality instead (`bench/relevance.py`), and
`python -m bench bundle` the packaged application's size and start-up (`bench/bundle.py`).

For each size: generate (or reuse) the synthetic collection, then run each phase in its own
process: the Whoosh index build, start-up sync, search, rendering, the window, and the SQLite
FTS5 baseline over the same files. Prints one table per size; `--json FILE` keeps every figure.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench import generate, report
from bench.measure import run_phase

PHASES = ("build", "sync", "search", "render", "gui", "fts5")
NEEDS_INDEX = ("sync", "search", "gui")


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"sizes must be numbers like 1000,10000: {text!r}"
        ) from None
    if not sizes or min(sizes) < 10:
        raise argparse.ArgumentTypeError("each size must be at least 10 articles")
    return sizes


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=(
            "Measure index build, start-up sync, search latency, rendering, the window and "
            "memory on synthetic collections, with an SQLite FTS5 baseline for comparison. "
            "'python -m bench relevance --help': search quality on real health articles."
        ),
    )
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=[1000, 10000],
        help="collection sizes, comma-separated (default: 1000,10000; 100000 on request)",
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic collection")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="one repeat of everything: checks the benchmark runs, figures are rough",
    )
    parser.add_argument(
        "--phases",
        default=",".join(PHASES),
        help=f"phases to run, comma-separated (default: all of {','.join(PHASES)})",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every figure here")
    parser.add_argument(
        "--keep", action="store_true", help="keep the built indexes (printed at the end)"
    )
    return parser


def _options(size: int, quick: bool) -> dict:
    """Repeat counts: fewer builds for big collections, where one build takes minutes."""
    if quick:
        return {
            "build_repeats": 1,
            "sync_repeats": 1,
            "query_repeats": 1,
            "render_repeats": 1,
            "keystrokes": 3,
        }
    return {
        "build_repeats": 3 if size <= 2000 else 1,
        "sync_repeats": 5,
        "query_repeats": 5,
        "render_repeats": 7,
        "keystrokes": 30,
    }


def measure_size(size: int, seed: int, phases: list[str], quick: bool, work: Path) -> dict:
    """Every phase for one collection size; each phase in a fresh process."""
    started = time.perf_counter()
    articles_dir = generate.ensure_collection(size, seed)
    figures: dict = {
        "collection": {
            "articles_dir": str(articles_dir),
            "generate_or_reuse_s": round(time.perf_counter() - started, 1),
        }
    }
    options = _options(size, quick) | {
        "articles_dir": str(articles_dir),
        "index_dir": str(work / "index"),
        "work_dir": str(work),
        "long_article": str(generate.ensure_long_article(seed)),
    }
    timeout = 60 + size * 0.12  # generous: a 10,000-article build is about a minute
    for phase in phases:
        print(f"  {size:,} articles: {phase}...", file=sys.stderr, flush=True)
        if phase in NEEDS_INDEX and "error" in figures.get("build", {}):
            figures[phase] = {"error": "skipped: the index build failed"}
            continue
        figures[phase] = run_phase(phase, options, timeout)
    return figures


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if arguments[:1] == ["relevance"]:
        from bench import relevance

        return relevance.main(arguments[1:])
    if arguments[:1] == ["bundle"]:
        from bench import bundle

        return bundle.main(arguments[1:])
    args = build_parser().parse_args(argv)
    phases = [p.strip() for p in args.phases.split(",") if p.strip()]
    unknown = sorted(set(phases) - set(PHASES))
    if unknown:
        print(
            f"unknown phase(s): {', '.join(unknown)}; choose from {', '.join(PHASES)}",
            file=sys.stderr,
        )
        return 2
    if "build" not in phases and any(p in phases for p in NEEDS_INDEX):
        print(
            "sync, search and gui need the build phase (they use the index it makes)",
            file=sys.stderr,
        )
        return 2
    result = {
        "command": "python -m bench " + " ".join(argv if argv is not None else sys.argv[1:]),
        "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "machine": report.machine(),
        "seed": args.seed,
        "quick": args.quick,
        "sizes": {},
    }
    for size in args.sizes:
        work = Path(tempfile.mkdtemp(prefix=f"mspain-bench-{size}-"))
        try:
            figures = measure_size(size, args.seed, phases, args.quick, work)
        finally:
            if args.keep:
                print(f"  kept {work}", file=sys.stderr)
            else:
                shutil.rmtree(work, ignore_errors=True)
        result["sizes"][str(size)] = figures
        print(report.format_table(size, figures), flush=True)
        print(flush=True)
        if args.json:
            report.write_json(args.json, result)  # after every size, so nothing is lost
    if args.json:
        print(f"All figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
