"""The benchmark still works: its synthetic articles are valid and the run writes its figures.

No timing is asserted here; performance is measured by `python -m bench`, not by tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bench import generate
from mspain_kb.core.collection.files import iter_article_files, read_article
from mspain_kb.core.vocabulary.topics import load_vocabulary

REPO = Path(__file__).resolve().parent.parent


def test_generated_articles_are_valid_project_articles(tmp_path):
    """Every generated file reads as an article with known tags, headings and 300-3,000ish words."""
    known = set(load_vocabulary().ids())
    generate.write_collection(tmp_path / "c", 60, seed=7)
    articles = [read_article(path) for path in iter_article_files(tmp_path / "c")]
    assert len(articles) == 60
    for article in articles:
        assert article.title and article.tags and set(article.tags) <= known
        assert len(article.headings()) >= 2
        assert 250 <= len(article.ranked_text().split()) <= 3200


def test_some_generated_articles_carry_a_marked_promotional_block(tmp_path):
    """About 3% of articles are promotional, flagged, with the advert kept out of ranking."""
    generate.write_collection(tmp_path / "c", 300, seed=7)
    articles = [read_article(path) for path in iter_article_files(tmp_path / "c")]
    promotional = [article for article in articles if article.is_promotional]
    assert 1 <= len(promotional) <= 25
    for article in promotional:
        assert "promotional" in article.flags
        assert article.promotional_text().strip()
        assert "miracle" not in article.ranked_text() or "miracle" in article.promotional_text()


def test_generator_is_deterministic_for_a_seed_and_differs_between_seeds():
    """The same seed gives the same file; another seed gives another article."""
    assert generate.article_text(3, 5) == generate.article_text(3, 5)
    assert generate.article_text(3, 5) != generate.article_text(4, 5)


def test_generated_text_uses_glossary_terms_and_lay_words(tmp_path):
    """The collection contains the real glossary terms and lay phrases people search for."""
    generate.write_collection(tmp_path / "c", 100, seed=1)
    text = " ".join(
        read_article(path).ranked_text().lower() for path in iter_article_files(tmp_path / "c")
    )
    assert "pins and needles" in text or "tingling" in text
    assert "spasticity" in text and "lhermitte's sign" in text


def test_quick_benchmark_runs_end_to_end_and_writes_json(tmp_path):
    """`python -m bench --sizes 30 --quick --json F` prints a table and writes every section."""
    out = tmp_path / "bench.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    completed = subprocess.run(
        [sys.executable, "-m", "bench", "--sizes", "30", "--quick", "--json", str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    assert "30 articles" in completed.stdout and "full build" in completed.stdout
    report = json.loads(out.read_text(encoding="utf-8"))
    assert {"command", "machine", "sizes"} <= set(report)
    figures = report["sizes"]["30"]
    assert {"build", "sync", "search", "render", "gui", "fts5"} <= set(figures)
    assert figures["fts5"]["build"]["articles"] == 30
    assert figures["build"]["articles"] == 30
    assert set(figures["search"]["classes"]) == {
        "single word",
        "several words",
        "phrase",
        "prefix",
        "typo",
        "tag filter",
        "tag plus words",
        "lay symptom phrase",
    }
