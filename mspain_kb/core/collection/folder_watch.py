"""Which article files change in the articles folder, as they change, however many it holds.

One watch on the folder (watchdog: inotify on Linux, ReadDirectoryChangesW on Windows,
FSEvents on macOS) names each article file created, written, removed or renamed, so the
index looks at those files only. Watching file by file instead (Qt's QFileSystemWatcher)
costs one system watch per file, which Linux limits, so a folder of 100,000 articles could
only be watched as a whole, and an article saved there was found only by a scan of the
whole folder (1.5 s) or at the next start.

Reading a file is not a change: the index reads articles all the time, so only events that
follow a write are passed on. A network share may send nothing for changes made on another
computer; those are found at the next start, or with File > Rebuild search index.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from watchdog.events import (
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

from mspain_kb.core.collection.article import ARTICLE_SUFFIX

# Events that follow a change to a file's content or name (never a read).
CHANGE_EVENTS = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileClosedEvent,  # closed after writing
    FileDeletedEvent,
    FileMovedEvent,
    DirDeletedEvent,  # the watched folder itself, removed or renamed
    DirMovedEvent,
]
STOP_SECONDS = 2.0  # waiting for the watch's thread to end


def is_article_name(name: str) -> bool:
    return name.endswith(ARTICLE_SUFFIX) and not name.startswith(".")


class FolderWatch:
    """Calls `on_change(name)` from its own thread for each article file that changed in
    `folder`, or `on_change(None)` when the folder itself went away (the watch then ends:
    `alive` is False, and `start` may be called again once the folder is back)."""

    def __init__(self, folder: Path, on_change: Callable[[str | None], None]):
        self.folder = Path(folder)
        self._on_change = on_change
        self._observer = None
        self._lock = threading.Lock()

    @property
    def alive(self) -> bool:
        observer = self._observer
        if observer is None or not observer.is_alive():
            return False
        emitters = observer.emitters  # one; it ends when the folder is removed
        return bool(emitters) and all(emitter.is_alive() for emitter in emitters)

    def start(self) -> None:
        """Start watching; raises OSError when the folder cannot be watched (missing, not a
        folder, or the system's limit of watches reached)."""
        with self._lock:
            self._stop_locked()
            observer = Observer()
            observer.schedule(_Handler(self), str(self.folder), event_filter=CHANGE_EVENTS)
            observer.daemon = True
            observer.start()  # raises here when the folder cannot be watched
            self._observer = observer

    def stop(self) -> None:
        with self._lock:
            self._stop_locked()

    def _stop_locked(self) -> None:
        observer, self._observer = self._observer, None
        if observer is not None:
            observer.stop()
            if observer.is_alive():
                observer.join(STOP_SECONDS)

    def _event(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            if _path(event.src_path) == self.folder:
                self._on_change(None)
            return
        for path in (event.src_path, getattr(event, "dest_path", "")):
            if not path:
                continue
            path = _path(path)
            if path.parent == self.folder and is_article_name(path.name):
                self._on_change(path.name)


class _Handler(FileSystemEventHandler):
    def __init__(self, watch: FolderWatch):
        self._watch = watch

    def on_any_event(self, event: FileSystemEvent) -> None:
        self._watch._event(event)


def _path(raw) -> Path:
    return Path(raw.decode() if isinstance(raw, bytes) else raw)
