"""Editor's notes added after a selected passage: found in the Markdown source from the words
on screen, inserted as an `!!! editor` block, nothing else in the file changed."""

from __future__ import annotations

import shutil

import pytest

from mspain_kb.core.collection.article import editor_note_problems
from mspain_kb.core.collection.editor_note import NotePlacementError, add_editor_note
from mspain_kb.core.collection.files import read_article
from tests.conftest import REAL_ARTICLES

NOTE = "Ask your MS nurse before changing any medicine."
SOURCE = "MS Trust, \u201cPain\u201d"
EXTRA_SECTION = """
## Living with leg pain

- Keep a **pain diary** for two weeks.
- Gentle regular exercise, such as [swimming](https://example.org/swim).
- Warm baths before bed.

| Service | When | Telephone |
|---|---|---|
| MS nurse helpline | Mon-Fri | 01234 567890 |
| Physiotherapy | Tuesdays | 01234 567891 |

The clinic's nurses can help with any of these.
"""


@pytest.fixture
def leg_pain(tmp_path):
    path = tmp_path / "ms-and-leg-pain.md"
    shutil.copy(REAL_ARTICLES / path.name, path)
    return path


@pytest.fixture
def with_list_and_table(leg_pain):
    with leg_pain.open("a", encoding="utf-8") as file:
        file.write(EXTRA_SECTION)
    return leg_pain


def _without_note(text: str, source: str = "") -> str:
    """The file's text with the inserted note (and the blank line before it) taken out."""
    inserted = f'\n!!! editor "Editor\'s note"\n    {NOTE}\n'
    if source:
        inserted += f"\n    Source: {source}\n"
    assert text.count(inserted) == 1
    return text.replace(inserted, "", 1)


def test_a_note_follows_the_paragraph_and_nothing_else_changes(leg_pain):
    before = leg_pain.read_text(encoding="utf-8")
    notes_before = read_article(leg_pain).editor_notes()
    selected = "sensations such as burning or stabbing pain"  # as the page shows it
    line = add_editor_note(leg_pain, selected, NOTE, SOURCE)
    after = leg_pain.read_text(encoding="utf-8")
    lines = after.splitlines()
    assert "burning or stabbing pain." in lines[line - 3]  # the paragraph, then a blank line
    assert lines[line - 2] == ""
    assert lines[line - 1] == '!!! editor "Editor\'s note"'
    assert lines[line] == f"    {NOTE}"
    assert lines[line + 2] == f"    Source: {SOURCE}"
    assert _without_note(after, SOURCE) == before
    article = read_article(leg_pain)
    assert article.editor_notes()[0] == f"{NOTE}\n\nSource: {SOURCE}"
    assert article.editor_notes()[1:] == notes_before
    assert not editor_note_problems(article)


def test_a_note_on_a_list_item_goes_after_the_whole_list(with_list_and_table):
    before = with_list_and_table.read_text(encoding="utf-8")
    line = add_editor_note(with_list_and_table, "Gentle regular exercise, such as swimming", NOTE)
    lines = with_list_and_table.read_text(encoding="utf-8").splitlines()
    assert lines[line - 3] == "- Warm baths before bed."
    assert lines[line - 1].startswith("!!! editor")
    assert lines[line + 1] == ""
    assert lines[line + 2] == "| Service | When | Telephone |"
    assert _without_note(with_list_and_table.read_text(encoding="utf-8")) == before


def test_a_note_on_a_table_cell_goes_after_the_table(with_list_and_table):
    before = with_list_and_table.read_text(encoding="utf-8")
    line = add_editor_note(with_list_and_table, "Mon-Fri", NOTE, context="Mon-Fri")
    lines = with_list_and_table.read_text(encoding="utf-8").splitlines()
    assert lines[line - 3] == "| Physiotherapy | Tuesdays | 01234 567891 |"
    assert lines[line + 2] == "The clinic's nurses can help with any of these."
    assert _without_note(with_list_and_table.read_text(encoding="utf-8")) == before


def test_words_that_appear_twice_need_the_paragraph_or_more_words(leg_pain):
    before = leg_pain.read_bytes()
    with pytest.raises(NotePlacementError, match=r"appear in \d+ places"):
        add_editor_note(leg_pain, "spasticity", NOTE)
    assert leg_pain.read_bytes() == before
    article = read_article(leg_pain)
    paragraph = next(
        block
        for block in article.body.split("\n\n")
        if "spasticity" in block.lower() and not block.startswith(("#", "!!!", "    "))
    )
    line = add_editor_note(leg_pain, "spasticity", NOTE, context=paragraph.replace("**", ""))
    lines = leg_pain.read_text(encoding="utf-8").splitlines()
    assert lines[line - 3] == paragraph.splitlines()[-1]


def test_a_selection_across_two_paragraphs_is_placed_after_the_second(leg_pain):
    first = "Nerve damage is a hallmark of MS"
    second = "### Spasticity and Muscle Contractions"
    text = leg_pain.read_text(encoding="utf-8")
    assert first in text and second in text
    line = add_editor_note(
        leg_pain, "to the legs can lead to sensations\u2029In MS the damage", NOTE
    )
    lines = leg_pain.read_text(encoding="utf-8").splitlines()
    assert lines[line - 1].startswith("!!! editor")
    assert lines[line - 3].startswith("    Source: MS Trust")  # after the existing note's box


def test_words_not_in_the_body_and_empty_notes_are_refused(leg_pain):
    before = leg_pain.read_bytes()
    with pytest.raises(NotePlacementError, match="not found"):
        add_editor_note(leg_pain, "Can multiple sclerosis cause leg pain? Not here", NOTE)
    with pytest.raises(NotePlacementError, match="empty"):
        add_editor_note(leg_pain, "burning or stabbing pain", "   \n ")
    with pytest.raises(NotePlacementError, match="Select the passage"):
        add_editor_note(leg_pain, "  ", NOTE)
    assert leg_pain.read_bytes() == before


def test_windows_line_endings_are_kept(tmp_path):
    path = tmp_path / "crlf.md"
    path.write_bytes(b"title: CRLF\r\nflags:\r\n\r\nFirst paragraph here.\r\n\r\nSecond one.\r\n")
    add_editor_note(path, "first paragraph", NOTE)
    data = path.read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert data.endswith(b"Second one.\r\n")
    assert b"First paragraph here.\r\n\r\n!!! editor" in data
