"""Fixtures for the window tests (`make_window` is in tests/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture
def window(make_window):
    return make_window()
