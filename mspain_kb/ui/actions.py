"""Menus, toolbar and keyboard shortcuts of the main window, using Qt's standard key sequences
where one exists, so shortcuts match what people know from other programs."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QToolBar

from mspain_kb import APP_NAME, __version__
from mspain_kb.core.handout import HandoutError, lay_out, save_pdf
from mspain_kb.ui import import_dialog, printing
from mspain_kb.ui.welcome import DISCLAIMER, DISCLAIMER_MORE

Key = QKeySequence.StandardKey


def _action(window, name: str, text: str, slot, shortcuts=(), tip: str = "") -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    keys = []
    for shortcut in shortcuts:
        keys += (
            QKeySequence.keyBindings(shortcut)
            if isinstance(shortcut, Key)
            else [QKeySequence(shortcut)]
        )
    keys = list({key.toString(): key for key in keys if not key.isEmpty()}.values())
    if keys:
        action.setShortcuts(keys)
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(
            f"{tip} ({keys[0].toString(QKeySequence.SequenceFormat.NativeText)})" if keys else tip
        )
    action.triggered.connect(slot)
    window.addAction(action)
    return action


def install(window) -> None:
    """Create every action on `window.actions_by_name`, then the menus and the toolbar."""
    view = window.view
    a = {}
    a["import"] = _action(
        window,
        "import",
        "&Import articles…",
        lambda: import_articles(window),
        [Key.Open],
        "Add text, Markdown or saved web pages to the collection",
    )
    a["print"] = _action(
        window,
        "print",
        "&Print…",
        lambda: print_article(window),
        [Key.Print],
        "Preview and print the article as a large-print handout",
    )
    a["export_pdf"] = _action(
        window,
        "export_pdf",
        "&Export PDF…",
        lambda: export_pdf(window),
        ["Ctrl+E"],
        "Save the handout as a PDF file",
    )
    a["open_folder"] = _action(
        window,
        "open_folder",
        "Open articles &folder",
        lambda: open_articles_folder(window),
        tip="Show the articles folder in the file manager",
    )
    a["reindex"] = _action(
        window,
        "reindex",
        "&Rebuild search index",
        lambda: window.syncer.sync(rebuild=True),
        (),
        "Build the search index again from the articles folder",
    )
    a["quit"] = _action(window, "quit", "&Quit", window.close, [Key.Quit, "Ctrl+Q"])
    a["focus_search"] = _action(
        window,
        "focus_search",
        "&Search",
        lambda: focus_search(window),
        ["Ctrl+L", "Ctrl+K"],
        "Go to the search box",
    )
    a["find"] = _action(
        window,
        "find",
        "&Find in article…",
        window.find_bar.open_bar,
        [Key.Find],
        "Find a word in the open article",
    )
    a["next_hit"] = _action(
        window,
        "next_hit",
        "&Next match",
        view.next_hit,
        [Key.FindNext, "F3"],
        "Go to the next search match",
    )
    a["previous_hit"] = _action(
        window,
        "previous_hit",
        "Pre&vious match",
        view.previous_hit,
        [Key.FindPrevious, "Shift+F3"],
        "Go to the previous match",
    )
    a["back"] = _action(window, "back", "&Back", view.backward, [Key.Back], "Previous page")
    a["forward"] = _action(window, "forward", "&Forward", view.forward, [Key.Forward], "Next page")
    a["home"] = _action(
        window,
        "home",
        "&Welcome page",
        lambda: show_welcome(window),
        ["Alt+Home"],
        "Show the welcome page",
    )
    a["zoom_in"] = _action(
        window, "zoom_in", "Zoom &in", view.zoom_in, [Key.ZoomIn, "Ctrl+="], "Larger text"
    )
    a["zoom_out"] = _action(
        window, "zoom_out", "Zoom &out", view.zoom_out, [Key.ZoomOut], "Smaller text"
    )
    a["zoom_reset"] = _action(
        window, "zoom_reset", "&Normal size", view.zoom_reset, ["Ctrl+0"], "Normal text size"
    )
    a["problems"] = _action(
        window,
        "problems",
        "&Problems with articles…",
        window.show_problems,
        tip="List article files that were skipped",
    )
    a["about"] = _action(window, "about", f"&About {APP_NAME}", lambda: show_about(window))
    a["about"].setMenuRole(QAction.MenuRole.AboutRole)
    a["quit"].setMenuRole(QAction.MenuRole.QuitRole)
    window.actions_by_name = a
    view.backwardAvailable.connect(a["back"].setEnabled)
    view.forwardAvailable.connect(a["forward"].setEnabled)
    a["back"].setEnabled(False)
    a["forward"].setEnabled(False)

    menus = {
        "&File": [
            "import",
            None,
            "print",
            "export_pdf",
            None,
            "open_folder",
            "reindex",
            None,
            "quit",
        ],
        "&Edit": ["focus_search", "find", "next_hit", "previous_hit"],
        "&View": ["back", "forward", "home", None, "zoom_in", "zoom_out", "zoom_reset"],
        "&Help": ["problems", None, "about"],
    }
    for title, names in menus.items():
        menu = window.menuBar().addMenu(title)
        for name in names:
            menu.addSeparator() if name is None else menu.addAction(a[name])

    toolbar = QToolBar("Main toolbar", window)
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for name in (
        "back",
        "forward",
        "home",
        None,
        "print",
        "export_pdf",
        None,
        "import",
        None,
        "zoom_out",
        "zoom_in",
    ):
        toolbar.addSeparator() if name is None else toolbar.addAction(a[name])
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
    article_available(window, False)


def article_available(window, available: bool) -> None:
    actions = getattr(window, "actions_by_name", None)
    if actions:
        for name in ("print", "export_pdf"):
            actions[name].setEnabled(available)


def focus_search(window) -> None:
    window.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
    window.search_box.selectAll()


def show_welcome(window) -> None:
    from mspain_kb.ui.article_view import WELCOME_SCHEME

    window.view.open_page(QUrl(f"{WELCOME_SCHEME}:"))


def handout(window):
    """The handout of the open article, laid out by the core with the saved options
    (`core.handout.Laid`), or None on the welcome page."""
    article = window.current_article()
    if article is None:
        return None
    options = printing.handout_options(window.settings)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        laid = lay_out([article], window.services.glossary, options)
    finally:
        QApplication.restoreOverrideCursor()
    window.last_handout = laid
    return laid


def print_article(window) -> bool:
    """Preview the handout, then print it from the preview. With no printer set up, say so
    and offer Export PDF: nothing is printed or written unless the user asks."""
    article = window.current_article()
    if article is None:
        return False
    if not printing.has_printer():
        offer_export_instead(window)
        return False
    try:
        laid = handout(window)
    except HandoutError as exc:
        window.status.say(f"The handout could not be made: {exc}.")
        QMessageBox.warning(window, APP_NAME, f"The handout could not be made: {exc}.")
        return False
    dialog = printing.preview_dialog(window, laid.data, article.title)
    window.print_preview = dialog
    dialog.open()
    return True


def offer_export_instead(window) -> QMessageBox:
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("No printer")
    box.setText("No printer is set up on this computer. Save the handout as a PDF instead?")
    export = box.addButton("&Export PDF…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(export)
    export.clicked.connect(lambda: export_pdf(window))
    window.status.say("No printer is set up: use Export PDF to save the handout.")
    window.no_printer_box = box
    box.open()
    return box


def export_pdf(window, path: str | None = None) -> Path | None:
    """Ask where to save (unless `path` is given) and write the handout as PDF."""
    article = window.current_article()
    if article is None:
        return None
    if path is None:
        suggested = str(Path.home() / f"{article.id}.pdf")
        path, _filter = QFileDialog.getSaveFileName(
            window, "Export handout as PDF", suggested, "PDF files (*.pdf)"
        )
        if not path:
            return None
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        target = target.with_suffix(".pdf")
    try:
        save_pdf(target, handout(window).data)
    except HandoutError as exc:
        window.status.say(f"The PDF was not saved: {exc}.")
        QMessageBox.warning(window, APP_NAME, f"The PDF was not saved: {exc}.")
        return None
    window.status.say(f"Handout saved to {target}")
    return target


def import_articles(window, paths=None):
    """Import chosen files through the core importer, show its report, then reindex."""
    paths = import_dialog.choose_files(window) if paths is None else paths
    if not paths:
        return None
    services = window.services
    outcome = import_dialog.import_files(paths, services.paths.articles_dir, services.vocabulary)
    if outcome.imported:
        window.syncer.sync()
        count = len(outcome.imported)
        window.status.say(f"{count} article{'s' if count != 1 else ''} imported")
    dialog = import_dialog.ImportReportDialog(outcome, window, services.vocabulary.label)
    dialog.open()
    window.import_report = dialog
    return outcome


def open_articles_folder(window) -> None:
    folder = window.services.paths.articles_dir
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def show_about(window) -> QMessageBox:
    paths = window.services.paths
    rows = "".join(
        f"<tr><td>{label}</td><td><code>{html.escape(str(value))}</code></td></tr>"
        for label, value in (
            ("Articles folder", paths.articles_dir),
            ("Search index", paths.index_dir),
            ("Settings", paths.settings_dir),
        )
    )
    box = QMessageBox(window)
    box.setWindowTitle(f"About {APP_NAME}")
    box.setIconPixmap(window.windowIcon().pixmap(64, 64))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(
        f"<h3>{APP_NAME} {__version__}</h3>"
        "<p>An offline knowledge base about pain in multiple sclerosis, for clinic staff "
        "and patients. It never connects to the internet.</p>"
        f"<p><b>{DISCLAIMER}</b> {DISCLAIMER_MORE}</p>"
        f"<table cellspacing='4'>{rows}</table>"
    )
    box.open()
    window.about_box = box
    return box
