"""The desktop window: the only part of MS Pain KB that imports Qt (PySide6)."""

from mspain_kb.ui.qt_workarounds import guard_singleton_refcounts

SINGLETON_GUARD_SET = guard_singleton_refcounts()
