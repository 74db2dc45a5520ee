"""The About box: version, where the articles, index and settings live, the licences of what
is bundled, and the note that this is information, not medical advice."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from mspain_kb import APP_NAME, __version__
from mspain_kb.ui.welcome import DISCLAIMER, DISCLAIMER_MORE

LICENCES = (
    "MS Pain KB is free software under the MIT licence. The glossary, topics and body map "
    "are written for it. It bundles the DejaVu Sans fonts (Bitstream Vera licence, with "
    "public-domain changes; the text is beside the fonts in resources/fonts/) and uses Qt "
    "for Python (PySide6, LGPL-3.0), Whoosh (BSD), Python-Markdown (BSD), ReportLab (BSD) "
    "and the other libraries listed in the README."
)


def show_about(parent: QWidget, paths) -> QMessageBox:
    rows = "".join(
        f"<tr><td>{label}</td><td><code>{html.escape(str(value))}</code></td></tr>"
        for label, value in (
            ("Articles folder", paths.articles_dir),
            ("Search index", paths.index_dir),
            ("Settings", paths.settings_dir),
        )
    )
    box = QMessageBox(parent)
    box.setWindowTitle(f"About {APP_NAME}")
    box.setIconPixmap(parent.windowIcon().pixmap(64, 64))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(
        f"<h3>{APP_NAME} {__version__}</h3>"
        "<p>An offline knowledge base about pain in multiple sclerosis, for clinic staff "
        "and patients. It never connects to the internet.</p>"
        f"<p><b>{DISCLAIMER}</b> {DISCLAIMER_MORE}</p>"
        f"<table cellspacing='4'>{rows}</table>"
        f"<p>{LICENCES}</p>"
    )
    box.open()
    return box
