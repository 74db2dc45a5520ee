"""The handout's typeface: DejaVu Sans, bundled in `resources/fonts/` and embedded in the PDF.

ReportLab's built-in Helvetica is not embedded and has no glyphs beyond Latin-1 ("≥", "⚠",
Greek letters would print as boxes). DejaVu Sans covers Latin, Greek, Cyrillic, arrows and
mathematical signs, has a large x-height and clearly different I, l and 1, and its licence
(`resources/fonts/LICENSE-DejaVu.txt`) allows bundling. Only the glyphs used are embedded.
"""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from mspain_kb.resources import resource_path

FAMILY = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
_FACES = {  # font name -> (file, bold, italic)
    FAMILY: ("DejaVuSans.ttf", 0, 0),
    BOLD: ("DejaVuSans-Bold.ttf", 1, 0),
    "DejaVuSans-Oblique": ("DejaVuSans-Oblique.ttf", 0, 1),
    "DejaVuSans-BoldOblique": ("DejaVuSans-BoldOblique.ttf", 1, 1),
}
_LOCK = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Make the family known to ReportLab (once per process), so <b> and <i> pick its faces.

    A missing or damaged font file raises OSError or ReportLab's TTFError with its name."""
    global _registered
    with _LOCK:
        if _registered:
            return
        for name, (file_name, bold, italic) in _FACES.items():
            pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file_name))))
            addMapping(FAMILY, bold, italic, name)
        _registered = True
