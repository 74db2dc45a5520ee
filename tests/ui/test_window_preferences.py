"""Edit › Preferences: the handout's settings and "Keep no history", chosen with the keyboard,
stored on OK and used by the next export."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from ui_helpers import pdf_page_texts

from mspain_kb.ui import printing

PAIN = "pain-management-for-ms"
SCREEN_AT_200_PERCENT = (720, 450)  # a 1440x900 screen at QT_SCALE_FACTOR=2, in Qt's units
TITLE_BAR = 40


def _open_preferences(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = window.controller.reading_aids.preferences_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def _press(qtbot, dialog, button: QDialogButtonBox.StandardButton) -> None:
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)


def test_clinic_name_phone_and_text_size_chosen_by_keyboard_go_into_the_next_export(
    qtbot, window, tmp_path
):
    """Ctrl+, opens the dialog; the clinic's name and phone typed there and 18 point chosen
    are printed on the next handout, and promotional passages are included when ticked."""
    window.controller.open_article(PAIN)
    before = pdf_page_texts(window.controller.handouts.handout().data)
    left_out = "promotional passage from the original page was left out"
    assert left_out in " ".join(before)  # left out by default, said in one line
    dialog = _open_preferences(qtbot, window)
    assert dialog.clinic_name.text() == "" and dialog.clinic_phone.text() == ""  # blank at first
    qtbot.waitUntil(dialog.clinic_name.hasFocus)  # the first field, ready to type in
    qtbot.keyClicks(dialog.clinic_name, "Riverside MS Clinic")
    qtbot.keyClick(dialog.clinic_name, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.clinic_phone, "01632 960 123")
    qtbot.keyClick(dialog.clinic_phone, Qt.Key.Key_Tab)
    assert dialog.font_size.hasFocus()
    qtbot.keyClick(dialog.font_size, Qt.Key.Key_Down)
    assert dialog.font_size.currentText().startswith("18 point")
    qtbot.keyClick(dialog.font_size, Qt.Key.Key_Tab)
    assert dialog.include_promotional.hasFocus()
    qtbot.keyClick(dialog.include_promotional, Qt.Key.Key_Space)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # OK is the default button
    assert not dialog.isVisible()

    options = printing.handout_options(window.controller.settings)
    assert (options.clinic_name, options.clinic_phone) == ("Riverside MS Clinic", "01632 960 123")
    assert options.font_size == 18 and options.include_promotional and not options.all_terms
    target = window.controller.handouts.export_pdf(str(tmp_path / "handout.pdf"))
    pages = pdf_page_texts(target.read_bytes())
    assert "Riverside MS Clinic, phone 01632 960 123" in pages[0]
    assert left_out not in " ".join(pages)


def test_cancel_keeps_the_settings_as_they_were(qtbot, window):
    """Typing in the dialog and pressing Esc changes nothing."""
    dialog = _open_preferences(qtbot, window)
    qtbot.keyClicks(dialog.clinic_name, "Not this one")
    dialog.all_terms.setChecked(True)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    options = printing.handout_options(window.controller.settings)
    assert options.clinic_name == "" and not options.all_terms
    again = _open_preferences(qtbot, window)
    assert again.clinic_name.text() == "" and not again.all_terms.isChecked()


def test_all_terms_chosen_there_explains_more_terms(qtbot, window):
    """ "Explain every glossary term" gives a longer glossary than the key terms alone."""
    window.controller.open_article(PAIN)
    key_terms = window.controller.handouts.handout().printed_terms
    dialog = _open_preferences(qtbot, window)
    dialog.all_terms.setChecked(True)
    _press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert len(window.controller.handouts.handout().printed_terms) > len(key_terms)


def test_keep_no_history_there_is_the_history_menus_own_setting(qtbot, window):
    """Ticking "Keep no history" in Preferences turns it on as the History menu does (the
    menu's tick follows, the recent articles are cleared), and unticking turns it off."""
    services = window.controller.services
    window.controller.open_article(PAIN)
    assert [entry.id for entry in services.history.articles()] == [PAIN]
    dialog = _open_preferences(qtbot, window)
    assert not dialog.keep_no_history.isChecked()
    dialog.keep_no_history.setChecked(True)
    _press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert services.preferences.keep_no_history
    assert window.actions_by_name["keep_no_history"].isChecked()
    assert services.history.articles() == []
    assert "History is off" in window.statusBar().currentMessage()

    dialog = _open_preferences(qtbot, window)
    assert dialog.keep_no_history.isChecked()
    dialog.keep_no_history.setChecked(False)
    _press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert not services.preferences.keep_no_history
    assert not window.actions_by_name["keep_no_history"].isChecked()


def test_the_dialog_fits_a_screen_at_200_percent(qtbot, window):
    """At 200% scale a 1440x900 screen is 720x450 in Qt's units: the whole dialog fits, with
    room for its title bar, and every label can be read in full."""
    dialog = _open_preferences(qtbot, window)
    hint = dialog.sizeHint()
    width, height = SCREEN_AT_200_PERCENT
    assert hint.width() <= width and hint.height() <= height - TITLE_BAR
    for box in (dialog.include_promotional, dialog.all_terms, dialog.keep_no_history):
        assert box.sizeHint().width() <= box.width()
