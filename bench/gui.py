"""Window measurements (start-up to first painted frame, keystroke to results shown).

Filled in when the window lands in mspain_kb/ui/.
"""

from __future__ import annotations


def run(options: dict) -> dict:
    import mspain_kb.ui  # noqa: F401  (raises ImportError until the window exists)

    raise ImportError("the window benchmark is not written yet")
