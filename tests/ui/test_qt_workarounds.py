"""The window must survive long sessions despite known bugs in the Qt bindings."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer

import mspain_kb.ui  # noqa: F401 (importing the UI sets the guards)
from mspain_kb.ui.qt_workarounds import bindings_leak_none


def test_a_long_session_of_void_qt_calls_does_not_use_up_none():
    """50,000 void Qt calls (hours of use) leave None with plenty of references to spare."""
    timer = QTimer()
    for _ in range(50_000):
        timer.stop()
    assert sys.getrefcount(None) > 100_000


def test_the_leak_probe_sees_what_it_measures():
    """The probe's answer matches what a void call really does to None's count."""
    timer = QTimer()
    before = sys.getrefcount(None)
    for _ in range(100):
        timer.stop()
    leaked = sys.getrefcount(None) < before - 50
    assert bindings_leak_none() is leaked
