"""Guards against known bugs in the Qt bindings, applied once when `mspain_kb.ui` is imported.

PySide6-Essentials 6.12.0 on Python 3.11 drops references to Python's singletons: one to
`None` each time Python calls a Qt method that returns void (`QTimer.stop`, `setText`,
painting a result...), one to `True` on every `signal.emit()`, one to `True`/`False` on
every `signal.disconnect()`. These objects are ordinary on 3.11, so after some thousands of
calls (minutes of typing and scrolling) a count reaches zero and Python aborts with
"none_dealloc" or "bool_dealloc". 6.11.3 does not leak. Python 3.12 made the singletons
immortal, which is what this guard does on 3.11: it gives them a reference count no session
can use up. It acts only when a probe shows a leak, so it switches itself off once the
bindings are fixed.
"""

from __future__ import annotations

import ctypes
import sys

PROBE_CALLS = 16
SINGLETON_RESERVE = 1 << 40  # about a trillion leaked references
SINGLETONS = (None, True, False)


def _leaks(singleton, call) -> bool:
    before = sys.getrefcount(singleton)
    for _ in range(PROBE_CALLS):
        call()
    return sys.getrefcount(singleton) <= before - PROBE_CALLS // 2


def bindings_leak_singletons() -> bool:
    """True if void Qt calls or signal emits cost `None` or `True` a reference."""
    from PySide6.QtCore import QObject, QTimer, Signal

    class _Probe(QObject):
        pinged = Signal()

    timer, probe = QTimer(), _Probe()
    return _leaks(None, timer.stop) or _leaks(True, probe.pinged.emit)


def guard_singleton_refcounts() -> bool:
    """Make None/True/False effectively immortal if the bindings leak them; True if set."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False  # The singletons are immortal from 3.12 on.
    if not bindings_leak_singletons():
        return False
    for singleton in SINGLETONS:
        # ob_refcnt is the first field of every CPython object (a Py_ssize_t).
        ctypes.c_ssize_t.from_address(id(singleton)).value += SINGLETON_RESERVE
    return True
