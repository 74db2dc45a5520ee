"""Ranking measures with binary relevance, and a paired bootstrap for differences.

For one query with ranked ids and a set of relevant ids:
- P@1: 1 when the first result is relevant.
- MRR@10: 1 / rank of the first relevant result within the top 10, else 0.
- Recall@10: the share of the relevant articles found in the top 10.
- nDCG@10: discounted gain of the relevant results in the top 10 over the best possible.
"""

from __future__ import annotations

import math
import statistics

import numpy as np

MEASURES = ("p@1", "mrr@10", "recall@10", "ndcg@10")
DEPTH = 10


def per_query(ranked: list[str], relevant: frozenset[str]) -> dict[str, float]:
    top = ranked[:DEPTH]
    hits = [doc in relevant for doc in top]
    first = next((rank for rank, hit in enumerate(hits, start=1) if hit), None)
    gain = sum(1 / math.log2(rank + 1) for rank, hit in enumerate(hits, start=1) if hit)
    ideal = sum(1 / math.log2(rank + 1) for rank in range(1, min(len(relevant), DEPTH) + 1))
    return {
        "p@1": 1.0 if hits and hits[0] else 0.0,
        "mrr@10": 1 / first if first else 0.0,
        "recall@10": sum(hits) / len(relevant) if relevant else 0.0,
        "ndcg@10": gain / ideal if ideal else 0.0,
    }


def mean_scores(rows: list[dict[str, float]]) -> dict[str, float]:
    return {m: round(statistics.fmean(r[m] for r in rows), 4) if rows else 0.0 for m in MEASURES}


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile of `values` (0 < share <= 1)."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(share * len(ordered))) - 1]


def paired_bootstrap(
    a: list[float], b: list[float], rounds: int = 2000, seed: int = 1
) -> dict[str, float]:
    """Mean of a - b over the same queries, with a 95% percentile bootstrap interval."""
    differences = np.asarray(a, dtype=float) - np.asarray(b, dtype=float)
    if not len(differences):
        return {"mean": 0.0, "low": 0.0, "high": 0.0}
    rng = np.random.default_rng(seed)
    samples = rng.integers(0, len(differences), size=(rounds, len(differences)))
    means = differences[samples].mean(axis=1).tolist()
    return {
        "mean": round(float(differences.mean()), 4),
        "low": round(percentile(means, 0.025), 4),
        "high": round(percentile(means, 0.975), 4),
    }
