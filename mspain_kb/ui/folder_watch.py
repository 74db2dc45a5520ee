"""Notice changes in the articles folder while the window runs (debounced), and which files.

A save usually touches a file several times in a row, and a copy of many files fires once
per file; one `changed` signal is sent once things have been quiet for a moment, with the
names of the article files that changed, so the index looks at those only instead of
stat-ing the whole folder. The names come from the watched files (up to MAX_WATCHED_FILES)
and from comparing the folder's list of names (no stat) with the last one; when they cannot
be known (the folder cannot be listed, too many at once) `changed` carries None: a full scan.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

QUIET_MS = 60
# Files watched one by one (an edit in place shows only that way; inotify watches are limited,
# and watching takes about 40 µs a file): beyond this, the folder only (files that come or
# go by name; a file replaced by renaming, as most editors save, is found by a scan of the
# folder; an edit in place is then seen at the next start).
MAX_WATCHED_FILES = 20_000
WATCH_CHUNK = 250  # files added to the watch per turn of the event loop
MAX_NAMES = 500  # more changed files than this at once: a full scan is as quick
ARTICLE_SUFFIX = ".md"


class FolderWatcher(QObject):
    changed = Signal(object)  # sorted file names that changed, or None: scan the whole folder

    def __init__(self, folder: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.folder = Path(folder)
        self._timer = QTimer(self, singleShot=True, interval=QUIET_MS)
        self._timer.timeout.connect(self._report)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._on_folder_changed)
        self._watcher.fileChanged.connect(self._on_file_changed)
        self._names: set[str] | None = None  # the folder's article names as last listed
        self._pending: set[str] | None = set()  # None: a full scan is needed
        self._to_add: list[str] = []  # file names still to watch
        self._watched: set[str] = set()  # file names watched
        self._adder = QTimer(self, singleShot=True, interval=0)
        self._adder.timeout.connect(self._add_some)

    def watch(self) -> None:
        """(Re)watch the folder and its article files; call again after files come and go.
        Only the difference is added or removed, a chunk at a time, so the window never
        waits for thousands of files to be watched at once."""
        self._names = self._list()
        if self._names is None:
            self._unwatch(self._watcher.files() + self._watcher.directories())
            self._watched.clear()
            return
        if str(self.folder) not in self._watcher.directories():
            self._watcher.addPath(str(self.folder))
        wanted = self._names if len(self._names) <= MAX_WATCHED_FILES else set()
        gone = self._watched - wanted
        self._unwatch([str(self.folder / name) for name in gone])
        self._watched -= gone
        self._to_add = sorted(wanted - self._watched)
        if self._to_add:
            self._adder.start()

    def _add_some(self) -> None:
        chunk, self._to_add = self._to_add[:WATCH_CHUNK], self._to_add[WATCH_CHUNK:]
        # Beyond the system's limit of watches, the folder's listing still tells.
        self._watcher.addPaths([str(self.folder / name) for name in chunk])
        self._watched.update(chunk)
        if self._to_add:
            self._adder.start()

    def _unwatch(self, paths) -> None:
        if paths:  # files already deleted are no longer watched: Qt just returns them
            self._watcher.removePaths(paths)

    def _list(self) -> set[str] | None:
        try:
            return {name for name in os.listdir(self.folder) if _is_article(name)}
        except OSError:
            return None

    def _on_file_changed(self, path: str) -> None:
        name = Path(path).name
        if path not in self._watcher.files():
            # Replaced (an editor's save by renaming) or removed: Qt stopped watching it.
            self._watched.discard(name)
            if os.path.exists(path) and self._watcher.addPath(path):
                self._watched.add(name)
        self._note({name})

    def _on_folder_changed(self, _path: str) -> None:
        names, before = self._list(), self._names
        if names is None or before is None:
            self._note(None)
            return
        self._names = names
        if names != before:
            self._note(names ^ before)
        elif len(names) > MAX_WATCHED_FILES:
            # An article not watched may have been replaced (most editors save by renaming a
            # new file over the old): only a scan can tell which.
            self._note(None)
        # else no article came or went (an editor's temporary file): the file watch tells
        # of edits

    def _note(self, names: set[str] | None) -> None:
        if names is None or self._pending is None:
            self._pending = None
        else:
            self._pending |= names
            if len(self._pending) > MAX_NAMES:
                self._pending = None
        self._timer.start()

    def _report(self) -> None:
        pending, self._pending = self._pending, set()
        self.changed.emit(None if pending is None else sorted(pending))

    def stop(self) -> None:
        self._watcher.blockSignals(True)
        self._timer.stop()
        self._adder.stop()


def _is_article(name: str) -> bool:
    return name.endswith(ARTICLE_SUFFIX) and not name.startswith(".")
