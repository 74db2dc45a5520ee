"""The relevance benchmark works: its collection, query sets and measures, and a smoke run.

The smoke run uses the 300-document MedQuAD sample in tests/fixtures/medquad/ (the full
dataset lives outside the repository). No score is asserted here: quality is measured by
`python -m bench relevance`, not by tests.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rapidfuzz.distance import Levenshtein

from bench import medquad, relevance_metrics, relevance_queries
from mspain_kb.core.collection.files import iter_article_files, read_article

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "tests" / "fixtures" / "medquad" / "medquad-sample.tar.xz"


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    folder, documents = medquad.ensure_collection(SAMPLE, tmp_path_factory.mktemp("cache"))
    return folder, documents


def test_each_document_becomes_an_article_with_its_questions_as_headings(sample):
    """Title = the document's focus; each question a heading followed by its answer."""
    folder, documents = sample
    assert len(documents) == 300
    by_id = {document.key: document for document in documents}
    articles = [read_article(path) for path in iter_article_files(folder)]
    assert len(articles) == 300
    for article in articles[::17]:
        document = by_id[article.id]
        assert article.title == document.focus
        assert [text for _, text in article.headings()] == [p.question for p in document.pairs]
        answer_words = re.findall(r"\w+", document.pairs[0].answer)[:8]
        assert " ".join(answer_words) in " ".join(re.findall(r"\w+", article.ranked_text()))


def test_query_sets_are_the_questions_as_typed_lowered_and_slipped(sample):
    """The same sampled questions three ways, each with the document it came from."""
    _, documents = sample
    sets, notes = relevance_queries.query_sets(documents, 50, seed=3)
    questions, lower, typo = sets["questions"], sets["lower"], sets["typo"]
    assert len(questions) == len(lower) == len(typo) == 50
    keys = {p.question: d.key for d in documents for p in d.pairs}
    for asked, lowered, slipped in zip(questions, lower, typo, strict=True):
        assert keys[asked.text] in asked.relevant
        assert lowered.relevant == slipped.relevant == asked.relevant
        assert "?" not in lowered.text and lowered.text == lowered.text.lower()
        changed = [
            (a, b) for a, b in zip(asked.text.split(), slipped.text.split(), strict=True) if a != b
        ]
        assert len(changed) <= 1
        assert all(Levenshtein.distance(a, b) <= 2 for a, b in changed)
    assert sets["lay"] and notes["lay_left_out"] >= 0
    again, _ = relevance_queries.query_sets(documents, 50, seed=3)
    assert again["typo"] == typo  # seeded: the same slips every run


def test_a_typo_is_one_slip_after_the_first_letter():
    rng = random.Random(5)
    for word in ("appendicitis", "glaucoma", "spleen"):
        for _ in range(20):
            slipped = relevance_queries.typo(word, rng)
            assert slipped[0] == word[0] and slipped != word
            assert Levenshtein.distance(word, slipped) <= 2  # a swap counts two edits


def test_measures_on_a_hand_worked_ranking():
    """Relevant at ranks 2 and 4 of two relevant articles."""
    scores = relevance_metrics.per_query(["x", "a", "y", "b"], frozenset({"a", "b"}))
    assert scores["p@1"] == 0.0
    assert scores["mrr@10"] == 0.5
    assert scores["recall@10"] == 1.0
    ideal = 1 + 1 / 1.584962500721156
    assert scores["ndcg@10"] == pytest.approx(
        (1 / 1.584962500721156 + 1 / 2.321928094887362) / ideal
    )
    assert relevance_metrics.per_query([], frozenset({"a"}))["mrr@10"] == 0.0


def test_paired_bootstrap_interval_contains_the_mean_difference():
    a = [1.0, 0.5, 1.0, 0.0, 1.0] * 20
    b = [0.5, 0.5, 1.0, 0.0, 0.0] * 20
    result = relevance_metrics.paired_bootstrap(a, b)
    assert result["low"] <= result["mean"] == 0.3 <= result["high"]
    assert relevance_metrics.paired_bootstrap(a, a) == {"mean": 0.0, "low": 0.0, "high": 0.0}


def test_relevance_benchmark_runs_on_the_sample_and_writes_its_figures(tmp_path):
    """`python -m bench relevance` on 300 documents prints the tables and writes the JSON."""
    out = tmp_path / "relevance.json"
    command = [sys.executable, "-m", "bench", "relevance", "--archive", str(SAMPLE)]
    command += ["--questions", "40", "--cache", str(tmp_path / "cache"), "--json", str(out)]
    completed = subprocess.run(
        command,
        cwd=REPO,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stderr
    assert "**questions** (40 queries)" in completed.stdout
    assert "| app |" in completed.stdout and "| bm25f |" in completed.stdout
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["collection"]["articles"] == 300
    assert set(report["figures"]) == {"questions", "lower", "typo", "lay"}
    for figures in report["figures"].values():
        assert set(figures) == {"app", "bm25f", "fts5"}
        for system in figures.values():
            assert {"p@1", "mrr@10", "recall@10", "ndcg@10", "no_result"} <= set(system)
            assert {"latency_p50_ms", "latency_p95_ms"} <= set(system)
    assert set(report["comparisons"]["lay"]) == {"bm25f", "fts5"}


def test_a_missing_archive_is_a_plain_error(tmp_path):
    """Without the dataset the benchmark says where it looked and how to point it elsewhere."""
    from bench import relevance

    code = relevance.main(["--archive", str(tmp_path / "none.tar.xz"), "--cache", str(tmp_path)])
    assert code == 2
