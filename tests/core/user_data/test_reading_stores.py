"""Saved articles, recent history and "keep no history", as stored in the settings folder."""

from __future__ import annotations

import datetime
import json

import pytest

from mspain_kb.core.user_data.history import History, RecentArticle, RecentSearch
from mspain_kb.core.user_data.missed_searches import MissedSearches
from mspain_kb.core.user_data.preferences import Preferences
from mspain_kb.core.user_data.saved import SavedArticle, SavedArticles, is_missing

DAY = datetime.date(2026, 11, 30)


def at(minute: int) -> datetime.datetime:
    return datetime.datetime(2026, 11, 30, 9, minute)


@pytest.fixture
def settings(tmp_path):
    return tmp_path / "settings"


@pytest.fixture
def history(settings):
    return History(settings, Preferences(settings), limit=3)


# Saved articles -----------------------------------------------------------------------------
def test_saved_articles_keep_the_order_they_were_saved_in(settings):
    saved = SavedArticles(settings)
    assert saved.add("spasms", "Muscle spasms", DAY)
    assert saved.add("back-pain", "Lower back pain", DAY)
    assert not saved.add("spasms", "Muscle spasms", DAY)  # already there: nothing written
    assert SavedArticles(settings).entries() == [
        SavedArticle("spasms", "Muscle spasms", "2026-11-30"),
        SavedArticle("back-pain", "Lower back pain", "2026-11-30"),
    ]
    assert saved.contains("back-pain") and not saved.contains("leg-pain")


def test_saving_again_brings_a_changed_title_up_to_date_in_place(settings):
    saved = SavedArticles(settings)
    saved.add("spasms", "Spasms", DAY)
    saved.add("back-pain", "Lower back pain", DAY)
    assert saved.add("spasms", "Muscle spasms and MS", DAY)
    assert [(e.id, e.title) for e in saved.entries()] == [
        ("spasms", "Muscle spasms and MS"),
        ("back-pain", "Lower back pain"),
    ]


def test_remove_and_toggle(settings):
    saved = SavedArticles(settings)
    assert saved.toggle("spasms", "Muscle spasms") is True
    assert saved.toggle("back-pain", "Lower back pain") is True
    assert saved.toggle("spasms", "Muscle spasms") is False
    assert saved.ids() == ["back-pain"]
    assert saved.remove("back-pain")
    assert not saved.remove("back-pain")
    assert saved.entries() == []


def test_move_up_and_down_stops_at_the_ends(settings):
    saved = SavedArticles(settings)
    for article_id in ("a", "b", "c"):
        saved.add(article_id, article_id.upper(), DAY)
    assert saved.move("c", -1)
    assert saved.ids() == ["a", "c", "b"]
    assert saved.move("a", 1)
    assert saved.ids() == ["c", "a", "b"]
    assert not saved.move("c", -1)  # already first
    assert not saved.move("b", 5)  # already last
    assert not saved.move("unknown", 1)
    assert saved.move("b", -5)
    assert SavedArticles(settings).ids() == ["b", "c", "a"]


def test_reorder_puts_named_entries_first_and_keeps_the_rest(settings):
    saved = SavedArticles(settings)
    for article_id in ("a", "b", "c", "d"):
        saved.add(article_id, article_id.upper(), DAY)
    assert saved.reorder(["c", "a", "not-saved", "c"])
    assert saved.ids() == ["c", "a", "b", "d"]
    assert not saved.reorder(["c", "a", "b", "d"])  # the same order: nothing written


def test_a_removed_article_stays_in_the_list_under_its_title(settings, tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "spasms.md").write_text("title: Muscle spasms\n\nText.\n", encoding="utf-8")
    saved = SavedArticles(settings)
    saved.add("spasms", "Muscle spasms", DAY)
    saved.add("old-leaflet", "An old leaflet", DAY)
    missing = {entry.title: is_missing(entry, articles) for entry in saved.entries()}
    assert missing == {"Muscle spasms": False, "An old leaflet": True}


def test_a_damaged_saved_list_is_empty_with_a_message_and_kept_aside(settings):
    settings.mkdir()
    (settings / "saved-articles.json").write_text('{"version": 1, "articles": [', "utf-8")
    saved = SavedArticles(settings)
    assert saved.entries() == []
    assert saved.problem.startswith("The list of saved articles could not be read")
    assert (settings / "saved-articles.damaged.json").exists()
    assert saved.add("spasms", "Muscle spasms", DAY)
    assert saved.ids() == ["spasms"]


def test_saving_is_not_history(settings):
    """Saving is on purpose, so it works under "keep no history"."""
    Preferences(settings).set_keep_no_history(True)
    saved = SavedArticles(settings)
    assert saved.add("spasms", "Muscle spasms", DAY)
    assert saved.ids() == ["spasms"]


# History ------------------------------------------------------------------------------------
def test_history_is_newest_first_without_duplicates(history):
    history.add_article("spasms", "Muscle spasms", at(1))
    history.add_article("back-pain", "Lower back pain", at(2))
    history.add_article("spasms", "Muscle spasms", at(3))
    assert history.articles() == [
        RecentArticle("spasms", "Muscle spasms", "2026-11-30T09:03"),
        RecentArticle("back-pain", "Lower back pain", "2026-11-30T09:02"),
    ]


def test_searches_are_the_same_when_only_case_or_spacing_differs(history):
    history.add_search("Pins and needles", at(1))
    history.add_search("burning feet", at(2))
    history.add_search("  pins   AND needles ", at(3))
    history.add_search("   ", at(4))
    assert history.searches() == [
        RecentSearch("pins AND needles", "2026-11-30T09:03"),
        RecentSearch("burning feet", "2026-11-30T09:02"),
    ]


def test_each_list_is_capped_and_the_oldest_go(history):
    for minute, word in enumerate(("one", "two", "three", "four", "five")):
        history.add_search(word, at(minute))
        history.add_article(word, word.title(), at(minute))
    assert [s.text for s in history.searches()] == ["five", "four", "three"]
    assert [a.id for a in history.articles()] == ["five", "four", "three"]


def test_clear_forgets_both_lists_in_one_call(history, settings):
    history.add_article("spasms", "Muscle spasms", at(1))
    history.add_search("cramps", at(2))
    assert history.clear()
    assert history.articles() == [] and history.searches() == []
    assert not (settings / "history.json").exists()


def test_a_damaged_history_is_empty_with_a_one_line_message(history, settings):
    settings.mkdir()
    (settings / "history.json").write_text('{"version": 1, "articles": 5}', "utf-8")
    assert history.articles() == []
    assert history.problem.startswith("The history could not be read (it is damaged)")
    assert "\n" not in history.problem
    assert (settings / "history.damaged.json").exists()


# Keep no history ----------------------------------------------------------------------------
def test_keep_no_history_writes_nothing_at_all(tmp_path):
    """Not the history, not the searches that found nothing, not even a lock file."""
    settings = tmp_path / "settings"
    settings.mkdir()
    (settings / "preferences.json").write_text('{"version": 1, "keep_no_history": true}', "utf-8")
    preferences = Preferences(settings)
    history = History(settings, preferences)
    missed = MissedSearches(settings, preferences=preferences)
    assert not history.add_article("spasms", "Muscle spasms")
    assert not history.add_search("cramps")
    assert not missed.record("zebrafish")
    assert history.clear()
    assert [path.name for path in settings.iterdir()] == ["preferences.json"]


def test_the_preference_is_remembered_and_shared(settings):
    preferences = Preferences(settings)
    assert preferences.keep_no_history is False
    assert preferences.set_keep_no_history(True)
    again = Preferences(settings)
    assert again.keep_no_history is True
    assert json.loads((settings / "preferences.json").read_text("utf-8")) == {
        "version": 1,
        "keep_no_history": True,
    }
    missed = MissedSearches(settings, preferences=again)
    assert not missed.record("zebrafish")
    assert again.set_keep_no_history(False)
    assert missed.record("zebrafish")  # the same objects see the change at once


def test_damaged_preferences_mean_the_usual_settings_and_a_message(settings):
    settings.mkdir()
    (settings / "preferences.json").write_text('{"version": 1, "keep_no_history": "yes"}', "utf-8")
    preferences = Preferences(settings)
    assert preferences.keep_no_history is False
    assert preferences.problem == (
        "The preferences could not be read (it is damaged); the usual settings are used, "
        "and the damaged file is kept as preferences.damaged.json."
    )
