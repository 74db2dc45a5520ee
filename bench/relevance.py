"""`python -m bench relevance`: search quality on MedQuAD's real health articles and questions.

Builds the collection (`bench/medquad.py`), the query sets (`bench/relevance_queries.py`)
and every system (`bench/relevance_systems.py`) over the same files, asks each system every
query in turn, and prints P@1, MRR@10, Recall@10, nDCG@10, queries with no result and
latency per system and set, with the app compared to each other system query by query
(a paired bootstrap 95% interval of the difference in MRR@10).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from bench import medquad, relevance_metrics, relevance_queries
from bench.measure import summarize
from bench.relevance_systems import SYSTEMS
from bench.report import machine

DEFAULT_SYSTEMS = ("app", "bm25f", "fts5")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench relevance",
        description=(
            "Measure search quality on MedQuAD (NIH health documents with their questions; "
            "CC BY 4.0, Ben Abacha and Demner-Fushman 2019): the app against plain Whoosh "
            "BM25F and SQLite FTS5 over the same articles."
        ),
    )
    parser.add_argument(
        "--archive",
        type=Path,
        default=medquad.DEFAULT_ARCHIVE,
        help="the MedQuAD archive (default: ../shared/datasets/medquad/medquad.tar.xz "
        "beside the checkout)",
    )
    parser.add_argument(
        "--questions",
        type=int,
        default=1000,
        metavar="N",
        help="how many of the documents' own questions to sample (default 1000)",
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the samples and typos")
    parser.add_argument(
        "--systems",
        default=",".join(DEFAULT_SYSTEMS),
        help="systems, comma-separated: app, bm25f, fts5, and app+embeddings when the "
        "optional wordllama package is installed (default: app,bm25f,fts5)",
    )
    parser.add_argument(
        "--sets",
        default=",".join(relevance_queries.SET_NAMES),
        help=f"query sets, comma-separated (default: {','.join(relevance_queries.SET_NAMES)})",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every figure here")
    parser.add_argument(
        "--details", type=Path, metavar="FILE", help="write every query's results here (JSON)"
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=medquad.CACHE_ROOT,
        help="where the article collection is written (default: bench/.cache)",
    )
    return parser


def _systems(names: list[str]) -> dict:
    available = dict(SYSTEMS)
    if "app+embeddings" in names:
        from bench.relevance_semantic import EmbeddingFusion

        available["app+embeddings"] = EmbeddingFusion
    unknown = [name for name in names if name not in available]
    if unknown:
        raise SystemExit(f"unknown system(s): {', '.join(unknown)}; choose from {sorted(SYSTEMS)}")
    return {name: available[name] for name in names}


def run(args) -> dict:
    started = time.perf_counter()
    articles_dir, documents = medquad.ensure_collection(args.archive, args.cache)
    sets, notes = relevance_queries.query_sets(documents, args.questions, args.seed)
    wanted_sets = [name.strip() for name in args.sets.split(",") if name.strip()]
    sets = {name: sets[name] for name in wanted_sets if name in sets}
    system_names = [name.strip() for name in args.systems.split(",") if name.strip()]
    classes = _systems(system_names)
    result: dict = {
        "command": "python -m bench relevance " + " ".join(args.argv),
        "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "machine": machine(),
        "collection": {
            "archive": str(args.archive),
            "articles": len(documents),
            "questions_in_archive": sum(len(d.pairs) for d in documents),
        },
        "sets": {name: len(queries) for name, queries in sets.items()},
        "notes": notes,
        "seed": args.seed,
        "systems": {},
        "figures": {},
        "comparisons": {},
    }
    details: dict = {}
    with tempfile.TemporaryDirectory(prefix="mspain-relevance-") as scratch:
        systems = {}
        for name, cls in classes.items():
            print(f"  building {name}...", file=sys.stderr, flush=True)
            begin = time.perf_counter()
            systems[name] = cls(articles_dir, Path(scratch), **_extra(name, systems))
            result["systems"][name] = {"build_s": round(time.perf_counter() - begin, 2)}
            result["systems"][name] |= getattr(systems[name], "figures", lambda: {})()
        try:
            for set_name, queries in sets.items():
                print(f"  {set_name}: {len(queries)} queries...", file=sys.stderr, flush=True)
                figures, per_query = _run_set(systems, queries)
                result["figures"][set_name] = figures
                result["comparisons"][set_name] = _compare(per_query, "app")
                details[set_name] = _details(queries, per_query)
        finally:
            for system in systems.values():
                system.close()
    result["wall_s"] = round(time.perf_counter() - started, 1)
    if args.details:
        args.details.write_text(json.dumps(details, indent=1), encoding="utf-8")
    return result


def _extra(name: str, built: dict) -> dict:
    """The embedding fusion re-uses the app system built just before it."""
    return {"app": built["app"]} if name == "app+embeddings" and "app" in built else {}


def _run_set(systems: dict, queries) -> tuple[dict, dict]:
    per_query: dict[str, list] = {name: [] for name in systems}
    for query in queries:
        for name, system in systems.items():
            begin = time.perf_counter()
            ranked = system.search(query.text)
            seconds = time.perf_counter() - begin
            scores = relevance_metrics.per_query(ranked, query.relevant)
            per_query[name].append({"ranked": ranked[:10], "seconds": seconds, **scores})
    figures = {}
    for name, rows in per_query.items():
        latency = summarize([row["seconds"] for row in rows])
        figures[name] = relevance_metrics.mean_scores(rows) | {
            "no_result": sum(1 for row in rows if not row["ranked"]),
            "latency_p50_ms": latency.get("median_ms"),
            "latency_p95_ms": latency.get("p95_ms"),
        }
    return figures, per_query


def _compare(per_query: dict, reference: str) -> dict:
    if reference not in per_query:
        return {}
    mine = per_query[reference]
    comparisons = {}
    for name, rows in per_query.items():
        if name == reference:
            continue
        comparisons[name] = {
            measure: relevance_metrics.paired_bootstrap(
                [row[measure] for row in mine], [row[measure] for row in rows]
            )
            for measure in ("mrr@10", "p@1")
        }
    return comparisons


def _details(queries, per_query: dict) -> list[dict]:
    return [
        {
            "query": query.text,
            "relevant": sorted(query.relevant),
            **{
                name: {"mrr": rows[i]["mrr@10"], "top": rows[i]["ranked"][:5]}
                for name, rows in per_query.items()
            },
        }
        for i, query in enumerate(queries)
    ]


def format_tables(result: dict) -> str:
    """Markdown: one table of figures per query set, then the paired comparisons."""
    lines = []
    header = (
        "| system | P@1 | MRR@10 | Recall@10 | nDCG@10 | no result | p50 ms | p95 ms |",
        "|---|---|---|---|---|---|---|---|",
    )
    for set_name, figures in result["figures"].items():
        lines += ["", f"**{set_name}** ({result['sets'][set_name]} queries)", "", *header]
        for name, f in figures.items():
            lines.append(
                f"| {name} | {f['p@1']:.3f} | {f['mrr@10']:.3f} | {f['recall@10']:.3f} | "
                f"{f['ndcg@10']:.3f} | {f['no_result']} | {f['latency_p50_ms']} | "
                f"{f['latency_p95_ms']} |"
            )
    lines += [
        "",
        "App minus each other system, query by query (mean, 95% bootstrap interval):",
        "",
        "| set | versus | MRR@10 | P@1 |",
        "|---|---|---|---|",
    ]
    for set_name, comparisons in result["comparisons"].items():
        for name, c in comparisons.items():
            mrr, p1 = c["mrr@10"], c["p@1"]
            lines.append(
                f"| {set_name} | {name} | {mrr['mean']:+.3f} ({mrr['low']:+.3f} to "
                f"{mrr['high']:+.3f}) | {p1['mean']:+.3f} ({p1['low']:+.3f} to {p1['high']:+.3f}) |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[2:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    args.argv = argv
    if args.questions < 1:
        print("--questions must be 1 or more", file=sys.stderr)
        return 2
    try:
        result = run(args)
    except medquad.DatasetError as error:
        print(error, file=sys.stderr)
        return 2
    print(format_tables(result), flush=True)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
        print(f"\nAll figures written to {args.json}")
    return 0
