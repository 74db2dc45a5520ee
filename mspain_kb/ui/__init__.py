"""The desktop window: the only part of MS Pain KB that imports Qt (PySide6)."""
