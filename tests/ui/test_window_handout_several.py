"""One handout of several articles: results chosen in the list, or the saved articles. The
window makes the same PDF as the core (and the command line) for those articles in order."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinterInfo, QPrintPreviewWidget
from PySide6.QtWidgets import QFileDialog

from mspain_kb.core.collection.files import read_article
from mspain_kb.core.handout import lay_out
from mspain_kb.core.handout.pdf import GLOSSARY_TITLE
from mspain_kb.ui import printing
from mspain_kb.ui.result_selection import selected_ids
from tests.ui.ui_helpers import pdf_page_texts, search

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _core_handout(window, ids: list[str]):
    """The handout the core (and `mspain-kb handout`) makes of these articles."""
    services = window.controller.services
    articles = [read_article(services.paths.articles_dir / f"{i}.md") for i in ids]
    options = printing.handout_options(window.controller.settings)
    return lay_out(articles, services.glossary, options)


def _click_row(qtbot, window, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    results = window.search_panel.results
    results.scrollToItem(results.item(row))
    point = results.visualItemRect(results.item(row)).center()
    qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, modifier, point)


@pytest.fixture
def one_printer(monkeypatch):
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: [QPrinterInfo()]))


@pytest.fixture
def no_printers(monkeypatch):
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: []))


def test_ctrl_click_chooses_results_without_opening_them_and_exports_one_pdf(
    qtbot, window, tmp_path
):
    """A click opens the first result; Ctrl+click on two more only chooses them (the article
    on screen stays); "Export selected as PDF" writes one PDF of the three, in list order,
    with one glossary: the core's bytes for those articles."""
    search(qtbot, window, "pain")
    ids = window.search_panel.hit_ids()
    assert len(ids) >= 3
    _click_row(qtbot, window, 0)
    assert window.controller.current_article().id == ids[0]
    _click_row(qtbot, window, 2, CTRL)
    _click_row(qtbot, window, 1, CTRL)
    assert window.controller.current_article().id == ids[0]  # choosing opened nothing
    results = window.search_panel.results
    assert selected_ids(results) == ids[:3]
    export = window.actions_by_name["export_selected"]
    assert export.isEnabled() and export in results.actions()  # also on the right-click menu

    target = tmp_path / "three.pdf"
    window.controller.handouts.export_ids(selected_ids(results), "Selected", str(target))
    expected = _core_handout(window, ids[:3])
    assert target.read_bytes() == expected.data
    pages = pdf_page_texts(target.read_bytes())
    titles = [
        read_article(window.controller.services.paths.articles_dir / f"{i}.md").title
        for i in ids[:3]
    ]
    text = " ".join(pages)
    assert all(title in text for title in titles)
    glossary_pages = [page for page in pages if GLOSSARY_TITLE in page]
    assert len(glossary_pages) == 1  # one glossary for the three, on one page
    assert all(term.term in glossary_pages[0] for term in expected.printed_terms)
    assert f"Page 1 of {len(pages)}" in pages[0]
    assert "3 articles" in window.statusBar().currentMessage()


def test_the_export_action_asks_where_and_suggests_a_name(qtbot, window, tmp_path, monkeypatch):
    """File › Export selected as PDF asks where to save, then writes there."""
    asked = []
    target = tmp_path / "for-the-patient.pdf"

    def choose(*args, **kwargs):
        asked.append(args[2])
        return str(target), "PDF files"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    search(qtbot, window, "pain")
    window.search_panel.results.setFocus()
    qtbot.keyClick(window.search_panel.results, Qt.Key.Key_A, CTRL)
    ids = window.search_panel.hit_ids()
    assert selected_ids(window.search_panel.results) == ids
    window.actions_by_name["export_selected"].trigger()
    assert asked and asked[0].endswith("selected-articles.pdf")
    assert target.read_bytes() == _core_handout(window, ids).data


def test_space_adds_and_removes_the_current_result_and_enter_still_opens(qtbot, window):
    """Down moves, Space adds the result to the chosen ones and Space again takes it out;
    Enter opens the current result and keeps the others chosen."""
    search(qtbot, window, "pain")
    ids = window.search_panel.hit_ids()
    results = window.search_panel.results
    results.setFocus()
    assert selected_ids(results) == ids[:1]
    qtbot.keyClick(results, Qt.Key.Key_Down, CTRL)  # move without choosing
    qtbot.keyClick(results, Qt.Key.Key_Space)
    assert selected_ids(results) == ids[:2]
    qtbot.keyClick(results, Qt.Key.Key_Down, CTRL)
    qtbot.keyClick(results, Qt.Key.Key_Space)
    assert selected_ids(results) == ids[:3]
    qtbot.keyClick(results, Qt.Key.Key_Space)
    assert selected_ids(results) == ids[:2]
    qtbot.keyClick(results, Qt.Key.Key_Up, CTRL)
    qtbot.keyClick(results, Qt.Key.Key_Return)
    assert window.controller.current_article().id == ids[1]
    assert selected_ids(results) == ids[:2]
    _click_row(qtbot, window, 0)  # a plain click: that one only, opened
    assert selected_ids(results) == ids[:1]
    assert window.controller.current_article().id == ids[0]


def test_print_selected_previews_every_page_of_the_handout(qtbot, window, one_printer):
    """Print handout of the selected opens a preview with all the pages of the one PDF."""
    search(qtbot, window, "pain")
    ids = window.search_panel.hit_ids()[:3]
    _click_row(qtbot, window, 0)
    _click_row(qtbot, window, 2, SHIFT)
    assert selected_ids(window.search_panel.results) == ids
    window.actions_by_name["print_selected"].trigger()
    dialog = window.controller.handouts.print_preview
    assert dialog.isVisible() and "3 articles" in dialog.windowTitle()
    preview = dialog.findChild(QPrintPreviewWidget)
    pages = _core_handout(window, ids).pages
    qtbot.waitUntil(lambda: preview.pageCount() == pages)
    assert pages > _core_handout(window, ids[:1]).pages
    dialog.reject()


def test_saved_articles_dialog_exports_them_all_as_one_handout(
    qtbot, window, tmp_path, monkeypatch
):
    """ "Export PDF…" in the Saved articles dialog writes one handout of the saved articles,
    in the list's order; one saved article no longer in the collection is left out, and the
    status bar says so."""
    services = window.controller.services
    saved = services.saved_articles
    saved.add("muscle-spasms-and-ms", "Muscle spasms and MS")
    saved.add("pain-management-for-ms", "Pain management for MS")
    saved.add("gone-article", "An article since removed")
    target = tmp_path / "saved.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF"))
    dialog = window.controller.reading_aids.show_saved_dialog()
    assert dialog.export_button.isEnabled()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    in_order = [i for i in saved.ids() if i != "gone-article"]
    assert target.read_bytes() == _core_handout(window, in_order).data
    message = window.statusBar().currentMessage()
    assert "saved.pdf" in message or "gone-article" in message


def test_print_all_saved_without_a_printer_offers_the_export_of_them_all(
    qtbot, window, tmp_path, monkeypatch, no_printers
):
    """Saved › Print all saved as a handout, with no printer: the offer to export saves the
    handout of all the saved articles, not the open one."""
    saved = window.controller.services.saved_articles
    saved.add("ms-and-leg-pain", "MS and leg pain")
    saved.add("muscle-spasms-and-ms", "Muscle spasms and MS")
    target = tmp_path / "all.pdf"
    asked = []

    def choose(*args, **kwargs):
        asked.append(args[2])
        return str(target), "PDF files"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    window.saved_menu.aboutToShow.emit()
    action = window.actions_by_name["print_saved"]
    assert action in window.saved_menu.actions() and action.isEnabled()
    action.trigger()
    box = window.controller.handouts.no_printer_box
    next(b for b in box.buttons() if "Export PDF" in b.text()).click()
    assert asked[0].endswith("saved-articles.pdf")
    assert target.read_bytes() == _core_handout(window, saved.ids()).data


def test_with_nothing_saved_the_saved_handout_actions_rest(qtbot, window):
    """With an empty saved list the Saved menu's handout actions are greyed out."""
    window.saved_menu.aboutToShow.emit()
    assert not window.actions_by_name["print_saved"].isEnabled()
    assert not window.actions_by_name["export_saved"].isEnabled()
    dialog = window.controller.reading_aids.show_saved_dialog()
    assert not dialog.print_button.isEnabled() and not dialog.export_button.isEnabled()
