"""Page cleanup on its own: which whole lines are furniture, and which paragraphs are clear
promotion. When unsure, the text stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from mspain_kb.core.collection.article import (
    PROMOTIONAL_TITLE,
    parse_article,
    split_promotional,
)
from mspain_kb.core.collection.importing.page_cleanup import (
    PROMO_THRESHOLD,
    describe,
    furniture_kind,
    judge_promotional,
    mark_promotional,
    remove_furniture,
    shorten,
)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Leave a Reply", "comment form"),
        (
            "**Your email address will not be published.** Required fields are marked *",
            "comment form",
        ),
        ("Share on Facebook", "share buttons"),
        ("- Skip to content", "navigation"),
        ("Home › Conditions › MS", "breadcrumb"),
        ("© 2024 Some Clinic. All rights reserved.", "footer"),
        ("This website uses cookies to improve your experience.", "cookie banner"),
    ],
)
def test_whole_furniture_lines_are_recognised(line, kind):
    assert furniture_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "Share your worries with your MS nurse; they can help.",
        "Read more about spasticity in the next section, where we explain the treatments.",
        "Home exercises can ease stiffness.",
        "",
        "x " * 200,
    ],
)
def test_lines_that_may_be_article_text_stay(line):
    """A line is furniture only when all of it is: sentences that start alike are kept."""
    assert furniture_kind(line) is None


def test_furniture_removal_keeps_the_rest_of_the_block_and_reports_each_line():
    removed: list[str] = []
    block = "Leave a Reply\nStretching helps spasticity.\nShare on Twitter"
    assert remove_furniture(block, removed) == "Stretching helps spasticity."
    assert removed == ['comment form: "Leave a Reply"', 'share buttons: "Share on Twitter"']


def test_one_signal_alone_is_never_enough():
    """ "Our team" is one point: a clinic describing itself is not yet an advert."""
    verdict = judge_promotional("Our team of nurses sees people with MS every week.")
    assert 0 < verdict.score < PROMO_THRESHOLD and not verdict.is_clear


def test_a_drug_advert_is_clear_and_named():
    verdict = judge_promotional("Buy Pain O Soma 500 mg online without a prescription today.")
    assert verdict.is_clear and verdict.kinds[0] == "drug advertising"


def test_marked_paragraphs_stay_word_for_word_inside_one_promotional_block():
    advert = "Buy Pain O Soma 500 mg online without a prescription."
    blocks = ["Spasms are common in MS.", advert, "Talk to your MS team."]
    marked, report = mark_promotional(blocks, [False, False, False])
    assert marked[0] == blocks[0] and marked[2] == blocks[2]
    assert marked[1].startswith(f'!!! promotional "{PROMOTIONAL_TITLE}"')
    article = parse_article(Path("a.md"), "title: A\n\n" + "\n\n".join(marked))
    assert split_promotional(article.body)[1] == [advert]
    assert report == [describe("drug advertising", advert)]


def test_a_call_to_action_is_marked_only_beside_self_promotion():
    promotion = "At Bright Spine Clinic, we provide access to new treatments. Call us today."
    call = "Ask about it: this may be a treatment option for you."
    marked, _ = mark_promotional([promotion, call], [False, False])
    assert len(marked) == 1 and call in marked[0]
    alone, report = mark_promotional(["Spasms are common.", call], [False, False])
    assert alone == ["Spasms are common.", call] and report == []


def test_skipped_blocks_are_never_judged():
    advert = "Buy Pain O Soma 500 mg online without a prescription."
    assert mark_promotional([advert], [True]) == ([advert], [])


def test_report_lines_are_one_short_line():
    text = "word " * 40
    assert "\n" not in shorten(text) and len(shorten(text)) <= 71 and shorten(text).endswith("…")
