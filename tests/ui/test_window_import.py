"""Importing from the window: files and folders in the background, progress, Cancel, the
report, the first new article opened, and leftovers of killed imports cleaned at start."""

from __future__ import annotations

import os
import threading
import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton
from ui_helpers import SYNC_TIMEOUT_MS, search

from mspain_kb.core.collection.importing import import_batch
from tests.document_builders import leaflet_docx, leaflet_pdf, scanned_pdf


def _folder_of_leaflets(tmp_path):
    folder = tmp_path / "leaflets"
    (folder / "charity").mkdir(parents=True)
    (folder / "charity" / "pain.pdf").write_bytes(leaflet_pdf())
    (folder / "spasms.docx").write_bytes(leaflet_docx())
    (folder / "scan.pdf").write_bytes(scanned_pdf())
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    return folder


def test_a_folder_is_imported_with_a_summary_and_the_first_article_opens(
    qtbot, tmp_path, window, monkeypatch
):
    """File > Import folder: sub-folders too; the report says what was imported, refused and
    skipped in the command line's words; the first new article opens and search finds it."""
    folder = _folder_of_leaflets(tmp_path)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    imports = window.controller.imports
    # The folder watch may find the first new article while the second is still importing,
    # so the two can arrive in one sync or in two: count what all syncs added.
    added = []
    window.controller.indexSynced.connect(lambda report: added.append(report.added))
    with qtbot.waitSignal(imports.finished, timeout=SYNC_TIMEOUT_MS) as finished:
        window.actions_by_name["import_folder"].trigger()
    summary = finished.args[0]
    qtbot.waitUntil(lambda: sum(added) == 2, timeout=SYNC_TIMEOUT_MS)
    report = imports.report.text.toPlainText()
    assert f"{summary.counts()}." in report
    assert "2 imported" in report and "1 refused, 1 skipped" in report
    assert "scan.pdf: the PDF has no text layer" in report
    assert "photo.jpg: not a kind of file the importer reads (.jpg)" in report
    assert imports.report.isVisible()
    first = summary.imported[0]
    assert window.view.current_article_id() == first.path.stem
    assert first.title in window.windowTitle()
    imports.report.close()
    hits = search(qtbot, window, first.title).hits
    assert first.path.stem in [hit.id for hit in hits]


def test_progress_shows_the_file_and_cancel_stops_between_files(
    qtbot, tmp_path, window, monkeypatch
):
    """The bar names the file being imported; Cancel lets it finish and tries no more."""
    folder = _folder_of_leaflets(tmp_path)
    release = threading.Event()
    real_import_file = import_batch.import_file

    def slow_import_file(path, *args, **kwargs):
        release.wait(10)  # a long leaflet: the user has time to press Cancel
        return real_import_file(path, *args, **kwargs)

    monkeypatch.setattr(import_batch, "import_file", slow_import_file)
    imports = window.controller.imports
    assert imports.import_folder(str(folder))
    dialog = imports.progress_dialog
    qtbot.waitUntil(lambda: dialog.labelText().startswith("Importing 1 of 3: "))
    assert dialog.isVisible() and dialog.maximum() == 3
    cancel = dialog.findChild(QPushButton)
    assert cancel.text() == "Cancel"
    with qtbot.waitSignal(imports.finished, timeout=SYNC_TIMEOUT_MS) as finished:
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        release.set()
    summary = finished.args[0]
    assert len(summary.imported) + len(summary.refused) == 1
    assert len(summary.not_tried) == 2
    report = imports.report.text.toPlainText()
    assert "2 not tried (the import was stopped)" in report
    assert imports.progress_dialog is None


def test_a_second_import_waits_for_the_first(qtbot, tmp_path, window, monkeypatch):
    """While an import runs, another is not started and the status bar says why."""
    folder = _folder_of_leaflets(tmp_path)
    release = threading.Event()
    real_import_file = import_batch.import_file
    monkeypatch.setattr(
        import_batch,
        "import_file",
        lambda *a, **k: (release.wait(10), real_import_file(*a, **k))[1],
    )
    imports = window.controller.imports
    assert imports.import_folder(str(folder))
    assert not imports.import_folder(str(folder))
    assert window.statusBar().currentMessage() == "An import is already running."
    with qtbot.waitSignal(imports.finished, timeout=SYNC_TIMEOUT_MS):
        release.set()


def test_old_leftovers_are_cleaned_at_start_and_the_window_says_so(
    qtbot, articles_copy, make_window
):
    """A temporary file left by a killed import an hour ago is removed when the window starts."""
    leftover = articles_copy / ".importing-killed.tmp"
    leftover.write_text("half an article", encoding="utf-8")
    two_hours_ago = time.time() - 7200
    os.utime(leftover, (two_hours_ago, two_hours_ago))
    window = make_window(articles_copy, wait=False)
    said = []
    window.statusBar().messageChanged.connect(said.append)
    window.controller.start()
    qtbot.waitUntil(lambda: not leftover.exists(), timeout=SYNC_TIMEOUT_MS)
    qtbot.waitUntil(
        lambda: (
            "Removed 1 file left in the articles folder by an import that was interrupted." in said
        )
    )


def test_a_recent_leftover_is_kept_and_nothing_is_said(qtbot, articles_copy, make_window):
    """A temporary file from a minute ago may be an import still writing: it stays, silently."""
    recent = articles_copy / ".importing-busy.tmp"
    recent.write_text("being written", encoding="utf-8")
    window = make_window(articles_copy, wait=False)
    said = []
    window.statusBar().messageChanged.connect(said.append)
    with qtbot.waitSignal(window.controller.imports.leftoversCleaned) as cleaned:
        window.controller.start()
    assert cleaned.args == [0]
    assert recent.exists()
    assert not [text for text in said if "left in the articles folder" in text]
