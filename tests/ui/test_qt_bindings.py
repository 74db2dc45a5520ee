"""The installed Qt bindings survive a long session.

PySide6-Essentials 6.12.0 dropped a reference to None on every void Qt call and to True on
every signal emit; on Python 3.11 the app then aborted after minutes of use. pyproject.toml
excludes that release; this test fails if a leaking release is ever installed again.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QTimer, Signal


class _Sender(QObject):
    pinged = Signal()


def test_hours_of_qt_calls_do_not_use_up_none_true_or_false():
    """20,000 void calls, emits and disconnects leave the counts of None/True/False unchanged."""
    timer, sender = QTimer(), _Sender()
    before = {repr(value): sys.getrefcount(value) for value in (None, True, False)}
    for _ in range(20_000):
        timer.stop()
        sender.pinged.emit()
        sender.pinged.connect(timer.stop)
        sender.pinged.disconnect(timer.stop)
    after = {repr(value): sys.getrefcount(value) for value in (None, True, False)}
    lost = {name: before[name] - after[name] for name in before}
    assert all(count < 1_000 for count in lost.values()), f"references lost: {lost}"
