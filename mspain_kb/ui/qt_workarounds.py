"""Guards against known bugs in the Qt bindings, applied once when `mspain_kb.ui` is imported.

PySide6-Essentials 6.12.0 on Python 3.11 drops one reference to `None` every time Python
calls a Qt method that returns void (`QTimer.stop`, `QLineEdit.setText`, painting in a
delegate...). `None` is an ordinary object on 3.11, so after some ten thousand such calls
(a few minutes of typing and scrolling) its count reaches zero and Python aborts with
"none_dealloc". Python 3.12 made `None` immortal, which is what this guard does on 3.11:
it gives `None` a reference count no session can use up. It only acts when a probe shows
the leak, so it switches itself off once the bindings are fixed.
"""

from __future__ import annotations

import ctypes
import sys

PROBE_CALLS = 16
NONE_RESERVE = 1 << 40  # about a trillion void calls


def bindings_leak_none() -> bool:
    """True if calling a void Qt method costs `None` a reference."""
    from PySide6.QtCore import QTimer

    timer = QTimer()
    before = sys.getrefcount(None)
    for _ in range(PROBE_CALLS):
        timer.stop()
    return sys.getrefcount(None) <= before - PROBE_CALLS // 2


def guard_none_refcount() -> bool:
    """Make `None` effectively immortal if the bindings leak it; True if the guard was set."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False  # None is immortal from 3.12 on.
    if not bindings_leak_none():
        return False
    # ob_refcnt is the first field of every CPython object (a Py_ssize_t).
    ctypes.c_ssize_t.from_address(id(None)).value += NONE_RESERVE
    return True
