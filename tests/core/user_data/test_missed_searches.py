"""The local list of searches that found nothing."""

from __future__ import annotations

import datetime
import json

import pytest

from mspain_kb.core.user_data.missed_searches import (
    FILE_NAME,
    MissedSearch,
    MissedSearches,
    normalise,
)

DAY1, DAY2 = datetime.date(2026, 11, 1), datetime.date(2026, 11, 20)


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("Burning FEET at night?", "burning feet at night"),
        ('"trigeminal neuralgia" AND tag:medication', "trigeminal neuralgia"),
        ("  spas*   ", "spas"),
        ("what's  fibro-fog, really!", "what's fibro-fog really"),
        ("?!", ""),
    ],
)
def test_words_are_normalised(query, words):
    assert normalise(query) == words


def test_counts_and_dates_most_frequent_first(tmp_path):
    store = MissedSearches(tmp_path)
    store.record("Fibro fog", today=DAY1)
    store.record("restless legs", today=DAY1)
    store.record("fibro FOG?", today=DAY2)
    assert MissedSearches(tmp_path).entries() == [
        MissedSearch("fibro fog", 2, "2026-11-20"),
        MissedSearch("restless legs", 1, "2026-11-01"),
    ]


def test_nothing_is_kept_when_disabled_or_empty(tmp_path):
    assert not MissedSearches(tmp_path, enabled=False).record("fibro fog")
    assert not MissedSearches(tmp_path).record("  ?? ")
    assert not (tmp_path / FILE_NAME).exists()


@pytest.mark.parametrize(
    "content", [b"{not json", b"[1, 2]", b'{"searches": [{"words": 1}]}', b"\xff\xfe"]
)
def test_a_damaged_file_is_an_empty_list_and_a_one_line_message(tmp_path, content):
    (tmp_path / FILE_NAME).write_bytes(content)
    store = MissedSearches(tmp_path)
    assert store.entries() == []
    assert store.problem.startswith("The list of searches that found nothing could not be read")
    assert "\n" not in store.problem
    assert store.record("fibro fog", today=DAY1)
    assert store.entries() == [MissedSearch("fibro fog", 1, "2026-11-01")]
    assert store.problem == ""
    assert (tmp_path / "missed-searches.damaged.json").read_bytes() == content


def test_the_file_is_plain_json_written_whole(tmp_path):
    MissedSearches(tmp_path).record("fibro fog", today=DAY1)
    data = json.loads((tmp_path / FILE_NAME).read_text(encoding="utf-8"))
    assert data == {
        "version": 1,
        "searches": [{"words": "fibro fog", "count": 1, "last": "2026-11-01"}],
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == [FILE_NAME, FILE_NAME + ".lock"]


def test_an_unwritable_settings_folder_is_a_message_not_a_crash(tmp_path):
    blocker = tmp_path / "settings"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    store = MissedSearches(blocker)
    assert not store.record("fibro fog")
    assert store.problem.startswith("The list of searches that found nothing cannot be saved")


def test_clear_forgets_the_list_and_counting_starts_again(tmp_path):
    store = MissedSearches(tmp_path)
    store.record("fibro fog", today=DAY1)
    assert store.clear()
    assert not (tmp_path / FILE_NAME).exists()
    assert MissedSearches(tmp_path).entries() == []
    store.record("fibro fog", today=DAY2)
    assert store.entries() == [MissedSearch("fibro fog", 1, "2026-11-20")]
