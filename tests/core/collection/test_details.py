"""An article's details read and saved through the header, the body left byte for byte."""

from __future__ import annotations

import shutil

import pytest

from mspain_kb.core.collection.article import parse_header
from mspain_kb.core.collection.details import read_details, save_details
from mspain_kb.core.vocabulary.topics import load_vocabulary
from tests.conftest import REAL_ARTICLES

VOCABULARY = load_vocabulary()


@pytest.fixture
def leg_pain(tmp_path):
    path = tmp_path / "ms-and-leg-pain.md"
    shutil.copy(REAL_ARTICLES / path.name, path)
    return path


def test_details_of_a_bundled_article(leg_pain):
    details = read_details(leg_pain, VOCABULARY)
    assert details.title == "Can multiple sclerosis cause leg pain?"
    assert details.source_url == ""
    assert details.source_name.startswith("a web page about MS and leg pain")
    assert details.reviewed and details.review_date == ""
    assert set(details.suggested_tags) <= set(VOCABULARY.ids())
    assert "leg-pain" in details.suggested_tags


def test_marking_not_reviewed_then_reviewed(leg_pain):
    body = leg_pain.read_bytes().split(b"\n\n", 1)[1]
    details = read_details(leg_pain, VOCABULARY)
    save_details(leg_pain, details.with_changes(reviewed=False))
    meta, _ = parse_header(leg_pain.read_text(encoding="utf-8"))
    assert meta["flags"] == "promotional, needs-review"
    assert not read_details(leg_pain, VOCABULARY).reviewed

    save_details(leg_pain, details.with_changes(reviewed=True, review_date="2026-11-30"))
    meta, _ = parse_header(leg_pain.read_text(encoding="utf-8"))
    assert meta["flags"] == "promotional"
    assert meta["reviewed"] == "2026-11-30"
    assert leg_pain.read_bytes().split(b"\n\n", 1)[1] == body


def test_an_empty_title_is_refused_and_nothing_changes(leg_pain):
    before = leg_pain.read_bytes()
    details = read_details(leg_pain, VOCABULARY)
    with pytest.raises(ValueError, match="needs a title"):
        save_details(leg_pain, details.with_changes(title="  "))
    assert leg_pain.read_bytes() == before
