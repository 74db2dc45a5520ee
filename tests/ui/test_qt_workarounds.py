"""The window must survive long sessions despite known bugs in the Qt bindings."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QTimer, Signal

import mspain_kb.ui  # noqa: F401 (importing the UI sets the guards)
from mspain_kb.ui.qt_workarounds import bindings_leak_singletons


class _Sender(QObject):
    pinged = Signal()


def test_a_long_session_of_qt_calls_does_not_use_up_none_true_or_false():
    """50,000 void calls, emits and disconnects (hours of use) leave every singleton alive."""
    timer, sender = QTimer(), _Sender()
    for _ in range(50_000):
        timer.stop()
        sender.pinged.emit()
        sender.pinged.connect(timer.stop)
        sender.pinged.disconnect(timer.stop)
    assert min(sys.getrefcount(value) for value in (None, True, False)) > 100_000


def test_the_leak_probe_sees_what_it_measures():
    """The probe's answer matches what a void call really does to None's count."""
    timer = QTimer()
    before = sys.getrefcount(None)
    for _ in range(100):
        timer.stop()
    leaked = sys.getrefcount(None) < before - 50
    assert bindings_leak_singletons() is leaked
