"""Reviewing an imported article in the window: the "Needs review" label on the result and
the article, and Collection > Edit details (the header rewritten, the body untouched)."""

from __future__ import annotations

import errno

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from ui_helpers import SYNC_TIMEOUT_MS, search

from mspain_kb.core.collection import header_edit
from mspain_kb.core.collection.article import format_article, parse_header
from mspain_kb.core.render.article import NEEDS_REVIEW_LINE
from mspain_kb.ui.edit_details_dialog import SUGGESTED
from mspain_kb.ui.search_panel import HTML_ROLE, plain_text

ARTICLE_ID = "burning-feet-leaflet"
BODY = """## Why feet burn

Many people with MS feel burning pain in their feet, or pins and needles, at night. This
nerve pain comes from damage to the nerves.

- Burning and tingling often get worse when resting.
- Nerve pain medicines can help.
"""


@pytest.fixture
def imported(articles_copy):
    """An imported leaflet nobody has checked yet: flagged, no summary, no topics."""
    path = articles_copy / f"{ARTICLE_ID}.md"
    text = format_article(
        "Burning feet leaflet",
        BODY,
        source="burning-feet.pdf",
        imported="2026-11-30",
        flags=("needs-review",),
    )
    path.write_text(text, encoding="utf-8")
    return path


def _body_bytes(path) -> bytes:
    data = path.read_bytes()
    return data[data.index(b"\n\n") :]


def _row_text(window, row: int = 0) -> str:
    results = window.search_panel.results
    return plain_text(results.model().index(row, 0).data(HTML_ROLE))


def _open_details(qtbot, window):
    window.controller.open_article(ARTICLE_ID)
    qtbot.waitUntil(lambda: window.actions_by_name["edit_details"].isEnabled())
    window.actions_by_name["edit_details"].trigger()
    dialog = window.controller.collection.details_dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_needs_review_shows_on_the_result_and_the_article(qtbot, imported, make_window):
    window = make_window(imported.parent)
    search(qtbot, window, "burning feet leaflet")
    assert window.search_panel.hit_ids()[0] == ARTICLE_ID
    assert "Needs review" in _row_text(window)
    window.controller.open_article(ARTICLE_ID)
    qtbot.waitUntil(lambda: window.view.current_article_id() == ARTICLE_ID)
    assert window.view.toPlainText().startswith(NEEDS_REVIEW_LINE)


def test_a_reviewed_article_has_no_label(qtbot, window):
    search(qtbot, window, "cramps")
    assert "Needs review" not in _row_text(window)


def test_edit_details_rewrites_the_header_only_and_the_window_follows(qtbot, imported, make_window):
    """Title, topics, summary, source and "reviewed" are saved; the body stays byte for byte;
    the article view and the search index show the change at once."""
    window = make_window(imported.parent)
    body_before = _body_bytes(imported)
    dialog = _open_details(qtbot, window)
    assert dialog.summary_warning.isVisible()
    suggested = [
        dialog.topics.item(row)
        for row in range(dialog.topics.count())
        if dialog.topics.item(row).text().endswith(SUGGESTED)
    ]
    assert [item.data(Qt.ItemDataRole.UserRole) for item in suggested] == ["neuropathic-pain"]
    assert suggested[0].checkState() == Qt.CheckState.Checked  # pre-ticked while unreviewed

    dialog.title_edit.selectAll()
    qtbot.keyClicks(dialog.title_edit, "Burning feet at night")
    qtbot.keyClicks(dialog.summary_edit, "Why feet can burn at night in MS, and what helps.")
    assert not dialog.summary_warning.isVisible()
    labels = [dialog.topics.item(row).text() for row in range(dialog.topics.count())]
    dialog.topics.setFocus()
    dialog.topics.setCurrentRow(labels.index("Leg pain"))
    qtbot.keyClick(dialog.topics, Qt.Key.Key_Space)
    qtbot.keyClicks(dialog.source_name_edit, "A leaflet by the clinic, 2025")
    qtbot.keyClicks(dialog.source_edit, "https://clinic.example/leaflets/burning-feet")
    assert not dialog.review_date_edit.isEnabled()
    qtbot.mouseClick(dialog.reviewed_box, Qt.MouseButton.LeftButton)
    assert dialog.review_date_edit.isEnabled()
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    with qtbot.waitSignal(window.controller.indexSynced, timeout=SYNC_TIMEOUT_MS) as synced:
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert synced.args[0].updated == 1
    assert not dialog.isVisible()

    assert _body_bytes(imported) == body_before
    meta, _body = parse_header(imported.read_text(encoding="utf-8"))
    assert meta["title"] == "Burning feet at night"
    assert meta["tags"] == "neuropathic-pain, leg-pain"
    assert meta["summary"] == "Why feet can burn at night in MS, and what helps."
    assert meta["source_name"] == "A leaflet by the clinic, 2025"
    assert meta["source_url"] == "https://clinic.example/leaflets/burning-feet"
    assert meta["source"] == "burning-feet.pdf"
    assert "needs-review" not in meta["flags"]
    assert meta["reviewed"] == dialog.review_date_edit.date().toString(Qt.DateFormat.ISODate)

    qtbot.waitUntil(lambda: window.view.toPlainText().startswith("Burning feet at night"))
    assert NEEDS_REVIEW_LINE not in window.view.toPlainText()
    search(qtbot, window, "burning feet at night")
    assert window.search_panel.hit_ids()[0] == ARTICLE_ID
    assert "Needs review" not in _row_text(window)


def test_changing_a_title_only_writes_no_review_date(qtbot, window):
    """A bundled, reviewed article: fixing its title does not invent a review date."""
    path = window.controller.services.paths.articles_dir / "muscle-spasms-and-ms.md"
    window.controller.open_article("muscle-spasms-and-ms")
    qtbot.waitUntil(lambda: window.actions_by_name["edit_details"].isEnabled())
    window.actions_by_name["edit_details"].trigger()
    dialog = window.controller.collection.details_dialog
    assert not dialog.summary_warning.isVisible()
    assert dialog.reviewed_box.isChecked()
    qtbot.keyClicks(dialog.title_edit, " (clinic copy)")
    with qtbot.waitSignal(window.controller.collection.changed):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    meta, _body = parse_header(path.read_text(encoding="utf-8"))
    assert meta["title"].endswith("(clinic copy)")
    assert "reviewed" not in meta
    assert meta["flags"] == ""


def test_a_failed_write_is_a_plain_message_and_the_old_file_stays(
    qtbot, imported, make_window, monkeypatch
):
    """The folder is read-only (the write fails): the dialog says so and nothing changes."""
    window = make_window(imported.parent)
    before = imported.read_bytes()

    def read_only(path, data, *, replace=False):
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(header_edit, "write_bytes_atomic", read_only)
    dialog = _open_details(qtbot, window)
    qtbot.keyClicks(dialog.title_edit, " (edited)")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    box = dialog.failure_box
    qtbot.waitUntil(box.isVisible)
    assert "could not be saved: Read-only file system" in box.text()
    assert "The article was not changed." in box.text()
    assert dialog.isVisible()
    assert imported.read_bytes() == before


def test_an_empty_title_is_refused_in_plain_words(qtbot, imported, make_window):
    window = make_window(imported.parent)
    before = imported.read_bytes()
    dialog = _open_details(qtbot, window)
    dialog.title_edit.clear()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.failure_box.text() == "An article needs a title."
    assert imported.read_bytes() == before


def test_edit_details_needs_an_open_article(window):
    window.controller.show_welcome()
    assert not window.actions_by_name["edit_details"].isEnabled()
