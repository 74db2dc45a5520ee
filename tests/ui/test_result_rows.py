"""A result row's words for screen readers are the words the row shows, block by block."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument

from mspain_kb.core.search.hits import Hit
from mspain_kb.ui.search_panel import plain_text, result_html


def test_a_rows_spoken_text_is_what_it_shows():
    hit = Hit(
        id="stem-cells",
        title="Stem cells & MS <a review>",
        path="stem-cells.md",
        source="",
        tags=["neuropathic-pain"],
        score=1.0,
        snippet="Clinics offer <b>stem</b> cells &amp; &quot;cures&quot;.",
        flags=["promotional", "needs-review"],
        summary="",
    )
    fragment = result_html(hit, lambda tag: "Neuropathic (nerve) pain")
    document = QTextDocument()
    document.setHtml(fragment)
    assert plain_text(fragment) == document.toPlainText().strip()
    assert plain_text(fragment).splitlines() == [
        "Stem cells & MS <a review>",
        "⚠ Contains promotional passages (marked in the article)",
        "Needs review",
        'Clinics offer stem cells & "cures".',
        "Topics: Neuropathic (nerve) pain",
    ]
