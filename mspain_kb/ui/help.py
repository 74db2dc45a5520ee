"""The Help menu's pages: the keyboard shortcuts (read from the window's own actions, so the
list never goes stale) and a short guide to searching, reading, printing and importing."""

from __future__ import annotations

import html
import re

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from mspain_kb import APP_NAME
from mspain_kb.ui.welcome import DISCLAIMER, DISCLAIMER_MORE, URGENT

# Keys that belong to a widget rather than to a menu action.
WIDGET_KEYS = (
    ("Enter (in the results)", "Open the chosen article and move into it"),
    ("Down (in the search box)", "Move to the results"),
    ("Page Up, Page Down", "Scroll the article"),
    ("Tab, Shift+Tab", "Move to the next or previous control"),
    ("Esc", "Close the suggestions or the find bar"),
)
DIALOG_SIZE = (520, 420)


def typed(key: str) -> bool:
    """True for keys typed on an ordinary keyboard ("Ctrl+P", "F3"), not the dedicated
    "Open" or "Back" keys some keyboards have, which Qt's standard bindings also list."""
    return "+" in key or len(key) == 1 or bool(re.fullmatch(r"F\d+", key))


def shortcut_rows(actions: dict[str, QAction]) -> list[tuple[str, str]]:
    """(keys, what they do) for every action that has a shortcut, in menu order."""
    rows = []
    for action in actions.values():
        keys = [key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()]
        keys = [key for key in keys if typed(key)]
        if keys:
            rows.append((", ".join(keys), action.text().replace("&", "").rstrip("…")))
    return rows


def shortcuts_html(actions: dict[str, QAction]) -> str:
    rows = [*shortcut_rows(actions), *WIDGET_KEYS]
    body = "".join(
        f"<tr><td><b>{html.escape(keys)}</b></td><td>{html.escape(what)}</td></tr>"
        for keys, what in rows
    )
    return f"<h2>Keyboard shortcuts</h2><table cellspacing='6'>{body}</table>"


GUIDE_HTML = f"""<h2>How to use {html.escape(APP_NAME)}</h2>
<p><b>{html.escape(DISCLAIMER)}</b> {html.escape(DISCLAIMER_MORE)}</p>
<p><b>{html.escape(URGENT)}</b></p>
<h3>Search</h3>
<p>Type a symptom in your own words in the search box at the top (Ctrl+L takes you there),
for example “pins and needles” or “stiff legs at night”. Results appear as you type. Choose
topics on the left to narrow them. If you cannot name it, use “Where does it hurt?” and
point at the body.</p>
<h3>Read</h3>
<p>Press Enter or click a result to open it; the words you searched for are marked, and
F3 moves to the next one. Underlined words are glossary terms: click one to read what it
means in the glossary. F6 moves between the search box, the results, the article and the
glossary. Ctrl+plus and Ctrl+minus make all the text larger or smaller; the View menu
also has light, dark and high-contrast themes.</p>
<h3>Print</h3>
<p>File &gt; Print (Ctrl+P) prints the open article as a large-print handout with the terms
explained; File &gt; Export PDF saves the same handout as a file.</p>
<h3>Add articles</h3>
<p>File &gt; Import articles adds text, Markdown, saved web pages, PDF and Word files to
the collection; the report says what was changed or left out.</p>
<h3>Offline</h3>
<p>{html.escape(APP_NAME)} never connects to the internet. A link to a web page opens only
when you click it, in your own browser.</p>
"""


def show_page(parent: QWidget, title: str, page_html: str) -> QDialog:
    """A plain dialog with one readable page and a Close button (not modal)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    browser = QTextBrowser()
    browser.setOpenExternalLinks(False)
    browser.setHtml(page_html)
    browser.setAccessibleName(title)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser)
    layout.addWidget(buttons)
    available = parent.screen().availableGeometry().size() if parent.screen() else None
    width, height = DIALOG_SIZE
    if available is not None:
        width, height = min(width, available.width()), min(height, available.height())
    dialog.resize(width, height)
    dialog.browser = browser
    dialog.open()
    browser.setFocus()
    return dialog


def show_shortcuts(parent: QWidget, actions: dict[str, QAction]) -> QDialog:
    return show_page(parent, "Keyboard shortcuts", shortcuts_html(actions))


def show_guide(parent: QWidget) -> QDialog:
    return show_page(parent, f"How to use {APP_NAME}", GUIDE_HTML)
