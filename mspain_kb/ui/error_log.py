"""Unexpected errors: a plain message for the user, the traceback in a log file in the
settings folder."""

from __future__ import annotations

import sys
import traceback
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from mspain_kb import APP_NAME, __version__

ERROR_LOG = "errors.log"


def install_crash_handler(settings_dir: Path) -> None:
    """Unexpected errors: a plain message for the user, the traceback in a log file."""
    log_path = Path(settings_dir) / ERROR_LOG

    def handle(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        logged = write_error_log(log_path, "".join(traceback.format_exception(exc_type, exc, tb)))
        where = f"Details were saved to {log_path}." if logged else ""
        if QApplication.instance() is not None:
            QMessageBox.warning(
                None,
                APP_NAME,
                f"Something went wrong: {exc}\n\nYour articles are safe. {where}",
            )
        else:
            print(f"Something went wrong: {exc}. {where}", file=sys.stderr)

    sys.excepthook = handle


def write_error_log(log_path: Path, text: str) -> bool:
    try:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(log_path, "a", encoding="utf-8") as log:
            log.write(f"--- {datetime.now().isoformat(timespec='seconds')} {__version__}\n{text}\n")
        return True
    except OSError:
        return False
