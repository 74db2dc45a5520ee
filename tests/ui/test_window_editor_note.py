"""Collection > Add editor's note: select a passage in the article, write the note, and it
appears in a box after the passage's paragraph; the file changes by the note only."""

from __future__ import annotations

import errno

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDialogButtonBox
from ui_helpers import SYNC_TIMEOUT_MS

from mspain_kb.core.collection import editor_note
from mspain_kb.core.collection.files import read_article

LEG_PAIN = "ms-and-leg-pain"
NOTE = "Ask your MS nurse before changing any medicine."


def _select(qtbot, window, words: str, occurrence: int = 1) -> None:
    """Select `words` in the article view as a user dragging over them would."""
    view = window.view
    cursor = view.textCursor()
    cursor.setPosition(0)
    for _ in range(occurrence):
        cursor = view.document().find(words, cursor, QTextDocument.FindFlag.FindCaseSensitively)
        assert not cursor.isNull(), words
    view.setTextCursor(cursor)
    assert view.textCursor().selectedText() == words


def _open(qtbot, window, article_id: str = LEG_PAIN):
    window.controller.open_article(article_id)
    qtbot.waitUntil(lambda: window.actions_by_name["add_editor_note"].isEnabled())


def _try_note(qtbot, window, words: str):
    """Open the article, select `words`, write NOTE in the dialog and press Add; the dialog."""
    _open(qtbot, window)
    _select(qtbot, window, words)
    window.actions_by_name["add_editor_note"].trigger()
    dialog = window.controller.collection.note_dialog
    qtbot.keyClicks(dialog.note_edit, NOTE)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    return dialog


def test_a_note_is_added_after_the_selected_passage(qtbot, window):
    path = window.controller.services.paths.articles_dir / f"{LEG_PAIN}.md"
    before = path.read_text(encoding="utf-8")
    notes_before = len(read_article(path).editor_notes())
    _open(qtbot, window)
    _select(qtbot, window, "sensations such as burning or stabbing pain")
    window.actions_by_name["add_editor_note"].trigger()
    dialog = window.controller.collection.note_dialog
    assert "sensations such as burning or stabbing pain" in dialog.passage.text()
    assert dialog.source_warning.isVisible()
    qtbot.keyClicks(dialog.note_edit, NOTE)
    qtbot.keyClicks(dialog.source_edit, "MS Trust, Pain")
    assert not dialog.source_warning.isVisible()
    add = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert add.text() == "&Add note"
    with qtbot.waitSignal(window.controller.indexSynced, timeout=SYNC_TIMEOUT_MS) as synced:
        qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert synced.args[0].updated == 1
    after = path.read_text(encoding="utf-8")
    inserted = f'\n!!! editor "Editor\'s note"\n    {NOTE}\n\n    Source: MS Trust, Pain\n'
    assert after.replace(inserted, "", 1) == before
    paragraph_end = after.index("burning or stabbing pain.") + len("burning or stabbing pain.")
    assert after[paragraph_end:].startswith(f"\n{inserted}")
    assert len(read_article(path).editor_notes()) == notes_before + 1
    qtbot.waitUntil(lambda: NOTE in window.view.toPlainText())
    text = window.view.toPlainText()
    assert text.index("burning or stabbing pain") < text.index(NOTE)


def test_words_found_twice_are_placed_by_the_paragraph_selected_in(qtbot, window):
    """ "spasticity" is in several paragraphs: the note follows the one the user selected in."""
    path = window.controller.services.paths.articles_dir / f"{LEG_PAIN}.md"
    _open(qtbot, window)
    _select(qtbot, window, "spasticity", occurrence=2)
    paragraph = window.view.textCursor().block().text()
    window.actions_by_name["add_editor_note"].trigger()
    dialog = window.controller.collection.note_dialog
    qtbot.keyClicks(dialog.note_edit, NOTE)
    with qtbot.waitSignal(window.controller.collection.changed):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    text = path.read_text(encoding="utf-8")
    assert text.count("spasticity") + text.count("Spasticity") > 2
    paragraph_end = text.index(paragraph[-40:]) + 40
    assert text[paragraph_end:].startswith(f'\n\n!!! editor "Editor\'s note"\n    {NOTE}\n')


def test_without_a_selection_the_window_says_what_to_do(qtbot, window):
    _open(qtbot, window)
    window.actions_by_name["add_editor_note"].trigger()
    box = window.controller.collection.problem_box
    assert box.isVisible()
    assert box.text().startswith("Select the passage the note is about in the article first")
    assert window.controller.collection.note_dialog is None


def test_a_failed_write_keeps_the_note_and_the_old_file(qtbot, window, monkeypatch):
    path = window.controller.services.paths.articles_dir / f"{LEG_PAIN}.md"
    before = path.read_bytes()

    def read_only(path, data, *, replace=False):
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(editor_note, "write_bytes_atomic", read_only)
    dialog = _try_note(qtbot, window, "sensations such as burning or stabbing pain")
    assert "could not be saved: Read-only file system" in dialog.failure_box.text()
    assert dialog.isVisible() and dialog.note_edit.toPlainText() == NOTE
    assert path.read_bytes() == before


def test_a_selection_in_the_title_is_refused_in_plain_words(qtbot, window):
    path = window.controller.services.paths.articles_dir / f"{LEG_PAIN}.md"
    before = path.read_bytes()
    dialog = _try_note(qtbot, window, "Can multiple sclerosis cause leg pain?")
    assert "were not found in the article's text" in dialog.failure_box.text()
    assert path.read_bytes() == before
