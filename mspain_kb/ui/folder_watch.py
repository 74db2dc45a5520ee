"""Notice changes in the articles folder while the window runs (debounced), and which files.

The watch itself is in the core (`core/collection/folder_watch.py`: one watch on the folder
names each article file that changed, from its own thread). Here the names are brought to
the window's thread and gathered: a save usually touches a file several times in a row, and
a copy of many files fires once per file, so one `changed` signal is sent once things have
been quiet for a moment, with the names of the article files that changed, and the index
looks at those only. When they cannot be known (the folder went away, too many at once)
`changed` carries None: a full scan.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from mspain_kb.core.collection.folder_watch import FolderWatch

QUIET_MS = 60
RETRY_MS = 2000  # how often to try again to watch a folder that went away
MAX_NAMES = 500  # more changed files than this at once: a full scan is as quick

log = logging.getLogger(__name__)


class FolderWatcher(QObject):
    changed = Signal(object)  # sorted file names that changed, or None: scan the whole folder
    _noticed = Signal(object)  # from the watch's thread: one file name, or None

    def __init__(self, folder: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.folder = Path(folder)
        self._timer = QTimer(self, singleShot=True, interval=QUIET_MS)
        self._timer.timeout.connect(self._report)
        self._pending: set[str] | None = set()  # None: a full scan is needed
        self._noticed.connect(self._note)  # queued: the watch calls from its own thread
        self._watch = FolderWatch(self.folder, self._noticed.emit)
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self._retry.timeout.connect(self.watch)
        self._stopped = False
        self._lost = False  # the watch ended or never started: changes may have been missed
        self.problem = ""  # why the folder is not watched, in plain words, or ""

    def watch(self) -> None:
        """Start watching; while the folder cannot be watched (a drive unplugged, a share
        down), try again every RETRY_MS, and once it can, ask for a scan of what was missed.
        Cheap when the watch is running."""
        if self._stopped or self._watch.alive:
            return
        try:
            self._watch.start()
        except OSError as error:
            if not self.problem:
                log.info("articles folder %s is not watched: %s", self.folder, error)
            self.problem = (
                f"Changes in {self.folder} are not noticed while the window is open "
                f"({error.strerror or error}); they are found at the next start."
            )
            self._lost = True
            self._retry.start()
            return
        self.problem = ""
        if self._lost:
            self._lost = False
            self._note(None)

    def _note(self, name: str | None) -> None:
        if self._stopped:
            return
        if name is None or self._pending is None:
            self._pending = None
        else:
            self._pending.add(name)
            if len(self._pending) > MAX_NAMES:
                self._pending = None
        self._timer.start()

    def _report(self) -> None:
        pending, self._pending = self._pending, set()
        self.changed.emit(None if pending is None else sorted(pending))
        if pending is None and not self._stopped and not self._watch.alive:
            self._lost = True  # the folder went away: watch it again once it is back
            self._retry.start()

    def stop(self) -> None:
        self._stopped = True
        self._timer.stop()
        self._retry.stop()
        self._watch.stop()
