"""`mspain-kb index` killed with SIGKILL at random moments while indexing 2,000 articles.

Twenty kills: the first ones during the very first build (no index yet), the rest during
rebuilds and during an incremental update of 300 changed articles. After every kill the
index on disk is either absent or complete, no helper process is left running, and the
next run that is allowed to finish leaves exactly the good articles indexed and
searchable. A soak test: `python3 run.py test -m soak` (about 2-4 minutes).
"""

from __future__ import annotations

import random
import subprocess
import time

import pytest

from bench import generate
from mspain_kb.config import resolve_paths
from mspain_kb.core.search.generations import read_current
from mspain_kb.core.search.index_files import Manifest
from mspain_kb.services import Services
from tests.reliability.processes import kill_and_wait_for_group, start_cli

pytestmark = pytest.mark.soak

ARTICLES = 2000
WORDS_PER_ARTICLE = 500
KILLS = 20
FIRST_BUILD_KILLS = 3


def make_collection(folder) -> int:
    folder.mkdir()
    for number in range(ARTICLES):
        name, text = generate.article_text(5, number, word_count=WORDS_PER_ARTICLE)
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "broken-binary.md").write_bytes(b"title: x\n\n\x00\x01")
    (folder / "broken-empty.md").write_bytes(b"")
    return ARTICLES  # the good ones


def touch_articles(folder, rng: random.Random, count: int) -> None:
    """Change `count` articles' text, so an incremental update has real work to do."""
    for path in rng.sample(sorted(folder.glob("bench-*.md")), count):
        path.write_text(path.read_text(encoding="utf-8") + f"\nEdited {rng.random()}.\n")


def on_disk_state(index_dir, good: int) -> str:
    """'none' or 'complete'; fails if the index that CURRENT names is a partial one."""
    from whoosh.filedb.filestore import FileStorage

    name = read_current(index_dir)
    if name is None:
        return "none"
    folder = index_dir / name
    manifest = Manifest.load(folder)
    assert manifest is not None, "CURRENT names a folder without a manifest"
    assert manifest.doc_count == good
    ix = FileStorage(str(folder)).open_index()
    try:
        assert ix.doc_count() == good, "the active index holds a partial build"
    finally:
        ix.close()
    return "complete"


def finish_a_run(articles, good: int, *args: str) -> float:
    """Let a run finish, check what it left, and return how long the run took."""
    started = time.monotonic()
    process = start_cli("--articles-dir", str(articles), "index", *args)
    out, err = process.communicate(timeout=300)
    seconds = time.monotonic() - started
    assert process.returncode == 0, err.decode()
    assert b"Traceback" not in err
    services = Services(resolve_paths(articles))
    try:
        assert services.index.doc_count() == good
        assert services.search.search("spasticity").total > 0
        assert services.index.sync().reason == ""  # what the run left is sound as it is
    finally:
        services.close()
    return seconds


def test_sigkill_during_indexing_never_leaves_a_partial_index(tmp_path):
    """20 random SIGKILLs while indexing 2,000 articles: never a partial index, no orphans."""
    rng = random.Random(20261121)
    articles = tmp_path / "articles"
    good = make_collection(articles)
    index_dir = resolve_paths(articles).index_dir
    build_seconds = 8.0  # a guess until the first finished build is timed
    outcomes = []
    for number in range(KILLS):
        if number == FIRST_BUILD_KILLS:
            build_seconds = finish_a_run(articles, good)
        incremental = number >= FIRST_BUILD_KILLS and number % 4 == 3
        if incremental:
            touch_articles(articles, rng, 300)
        args = [] if incremental or number < FIRST_BUILD_KILLS else ["--rebuild"]
        delay = rng.uniform(0.0, build_seconds * (0.4 if incremental else 0.95))
        process = start_cli("--articles-dir", str(articles), "index", *args)
        try:
            process.wait(timeout=delay)
            finished = True
        except subprocess.TimeoutExpired:
            finished = False
        left_behind = kill_and_wait_for_group(process)
        assert left_behind == [], f"kill {number}: helper processes still running"
        state = on_disk_state(index_dir, good)
        if number >= FIRST_BUILD_KILLS:
            assert state == "complete", f"kill {number}: the earlier index was lost"
        outcomes.append((round(delay, 1), "finished" if finished else "killed", state))
        if number % 7 == 6:
            finish_a_run(articles, good)
    finish_a_run(articles, good, "--rebuild")
    folders = [p for p in index_dir.iterdir() if p.is_dir()]
    assert len(folders) == 1, "leftovers of killed builds are cleared by the next rebuild"
    killed = sum(1 for _, how, _ in outcomes if how == "killed")
    print(f"\n{killed} of {KILLS} runs killed mid-way; build {build_seconds:.1f} s; {outcomes}")
    assert killed >= KILLS // 2  # the kills really landed during indexing
