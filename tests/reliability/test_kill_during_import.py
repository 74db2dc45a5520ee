"""An import killed (SIGKILL) in the middle of writing the article file.

The kill lands at each step of the safe write (text in a temporary file; flushed; put in
place) and at random moments of a large import. Afterwards there is never a partial
article: either no new article, or the complete one, and the collection loads as before.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from mspain_kb.core.collection.files import load_collection
from mspain_kb.core.collection.importing.importer import import_file
from tests.reliability.conftest import FIXTURE_ARTICLES, folder_fingerprint
from tests.reliability.processes import kill_and_wait_for_group, start_cli, start_script

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent / "fixtures" / "import" / "001_50e3b19a5b7b8fe3.txt"


@pytest.fixture
def collection(tmp_path) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(FIXTURE_ARTICLES, folder)
    return folder


def reference_article(tmp_path, source: Path, vocabulary) -> bytes:
    """The article file a finished import of `source` writes."""
    report = import_file(source, tmp_path / "reference", vocabulary)
    return report.path.read_bytes()


def assert_no_partial_article(folder: Path, before: dict, reference: bytes, vocabulary) -> int:
    """Old articles unchanged; any new .md file is the complete article. Returns new count."""
    after = folder_fingerprint(folder)
    assert {name: after[name] for name in before} == before
    new = [name for name in after if name not in before and name.endswith(".md")]
    for name in new:
        if not name.startswith("."):
            assert (folder / name).read_bytes() == reference, f"{name} is a partial article"
    articles, problems = load_collection(folder, vocabulary.ids())
    # Earlier rounds of the soak test may have finished their import: count what was there.
    old_articles = [name for name in before if name.endswith(".md") and not name.startswith(".")]
    assert problems == [] and len(articles) == len(old_articles) + len(new)
    return len(new)


@pytest.mark.parametrize(
    ("step", "expect_article"),
    [("fsync", 0), ("move", 0), ("moved", 1), ("reserved-rename", 0)],
)
def test_kill_at_each_step_of_the_write_leaves_no_partial_article(
    tmp_path, collection, vocabulary, step, expect_article, make_index
):
    """Killed before the text is flushed, before it is put in place, just after, or (with no
    hard links) between reserving the name and renaming: never an empty or partial article."""
    reference = reference_article(tmp_path, SOURCE, vocabulary)
    before = folder_fingerprint(collection)
    process = start_script(HERE / "paused_import.py", step, str(collection), str(SOURCE))
    assert process.stdout.readline().strip() == b"PAUSED"
    assert kill_and_wait_for_group(process) == []
    assert assert_no_partial_article(collection, before, reference, vocabulary) == expect_article
    index = make_index(tmp_path / "index", collection)
    assert index.sync().problems == []  # a leftover temporary file is not an article
    assert index.doc_count() == 8 + expect_article


@pytest.mark.soak
def test_kill_at_random_moments_of_a_large_import(tmp_path, collection, vocabulary):
    """Ten imports of a 4 MB page killed at random moments: never a partial article (soak)."""
    page = tmp_path / "large.html"
    paragraph = "<p>Burning pain in the feet and legs at night, with pins and needles.</p>\n"
    page.write_text(
        "<html><head><title>A large page</title></head><body><h1>A large page</h1>\n"
        + paragraph * (4_000_000 // len(paragraph))
        + "</body></html>",
        encoding="utf-8",
    )
    reference = reference_article(tmp_path, page, vocabulary)
    started = time.monotonic()
    process = start_cli("--articles-dir", str(tmp_path / "timing"), "import", str(page))
    process.communicate(timeout=120)
    full = time.monotonic() - started
    rng = random.Random(6)
    killed = 0
    for _ in range(10):
        before = folder_fingerprint(collection)
        process = start_cli("--articles-dir", str(collection), "import", str(page))
        try:
            process.wait(timeout=rng.uniform(0.1, full))
        except subprocess.TimeoutExpired:
            killed += 1
        assert kill_and_wait_for_group(process) == []
        assert_no_partial_article(collection, before, reference, vocabulary)
    assert killed >= 5  # most runs really were interrupted
