"""Random damage to a built index: any file, cut short, overwritten, or a few bits flipped with
its size and time kept. Every search still finds the right articles, says nothing of a
failure, and the index rebuilds when it needs to. A soak test (`run.py test -m soak`).

Damaged Whoosh files raise almost any error (damaged pickles raise AttributeError, KeyError,
TypeError...): the index tells damage by its files' sizes, times and checksums, so none of
these may escape as a failure, and none may be mistaken for a bug on sound files either.
"""

from __future__ import annotations

import os
import random

import pytest

from mspain_kb.config import resolve_paths
from mspain_kb.services import Services

pytestmark = pytest.mark.soak

ROUNDS = 200
QUERIES = {
    "lhermitte": "neck-shock",
    "cramps at night": "night-cramps",
    '"stiff legs"': "stiff-legs",
}


def damage_at_random(index_dir, rng: random.Random) -> str:
    files = sorted(
        p
        for p in index_dir.rglob("*")
        if p.is_file() and p.name != "lock" and "LOCK" not in p.name and ".held-" not in p.name
    )
    target = rng.choice(files)
    data, stat = bytearray(target.read_bytes()), target.stat()
    how = rng.choice(["cut", "overwrite", "flip"])
    if how == "cut":
        target.write_bytes(bytes(data[: rng.randrange(max(1, len(data)))]))
    elif how == "overwrite":
        target.write_bytes(os.urandom(max(64, len(data))))
    else:
        for _ in range(rng.randint(1, 8)):
            if data:
                data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        target.write_bytes(bytes(data))
        os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    return f"{target.name} ({how})"


def test_searches_answer_right_after_any_random_damage(fixture_articles):
    rng = random.Random(2024)
    paths = resolve_paths(fixture_articles)
    for round_number in range(ROUNDS):
        fresh = Services(paths)
        fresh.index.sync(rebuild=True)
        fresh.close()
        what = damage_at_random(paths.index_dir, rng)
        services = Services(paths)
        try:
            services.index.sync()
            for query, expected in QUERIES.items():
                result = services.search.search(query)
                assert expected in [hit.id for hit in result.hits], (round_number, what, query)
                assert "could not" not in result.message, (round_number, what)
        finally:
            services.close()
