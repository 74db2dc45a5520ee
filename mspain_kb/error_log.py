"""The error log: `errors.log` in the settings folder, where the app writes down what went
wrong behind the scenes (a traceback, a fast path it gave up), with the time and version,
so a problem the user never saw can still be found and reported."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from mspain_kb import __version__

ERROR_LOG_NAME = "errors.log"


class ErrorLog:
    def __init__(self, settings_dir: Path):
        self.path = Path(settings_dir) / ERROR_LOG_NAME

    def write(self, text: str) -> bool:
        """Add `text` as one entry; False when the log cannot be written (nothing else)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a", encoding="utf-8") as log:
                stamp = datetime.now().isoformat(timespec="seconds")
                log.write(f"--- {stamp} {__version__}\n{text}\n")
            return True
        except OSError:
            return False
