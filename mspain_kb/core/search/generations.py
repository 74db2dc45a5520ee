"""The index folder: which generation is current, new build folders, the write lock, and
clearing what interrupted builds and replaced generations leave behind.

    lock            file lock taken by whichever process writes (readers never take it)
    CURRENT         the name of the active generation folder, replaced atomically
    v6-<ns>-<pid>/  one generation: Whoosh files plus manifest.json (v<schema version>,
                    when and by which process it was started)
      .held-<pid>   a process that has this generation open, or is building it, holds a file
                    lock on this file for as long as it does

A full rebuild writes a new generation folder and then points CURRENT at it. A rebuild
killed part-way leaves its folder behind (about 7 MB at 1,500 articles), and a generation
replaced while another window still had it open cannot be removed at once. `clear_leftovers`
removes, under the write lock, every generation folder that CURRENT does not name and that
no live process holds (a held folder's lock cannot be taken), and says how much it freed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import filelock

from mspain_kb.core.collection.safe_write import write_atomic

CURRENT_NAME = "CURRENT"
LOCK_NAME = "lock"
HELD_PREFIX = ".held-"
LOCK_TIMEOUT_SECONDS = 120
WAITING_MESSAGE = "Another MS Pain KB window is updating the index; waiting…"

Progress = Callable[[int, int, str], None]


def read_current(index_dir: Path) -> str | None:
    """Name of the active index folder, or None when there is none."""
    try:
        name = (index_dir / CURRENT_NAME).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not name or "/" in name or "\\" in name or name.startswith("."):
        return None
    return name


def write_current(index_dir: Path, folder_name: str) -> None:
    write_atomic(index_dir / CURRENT_NAME, folder_name + "\n", replace=True)


def new_folder_name(schema_version: int) -> str:
    return f"v{schema_version}-{time.time_ns()}-{os.getpid()}"


def has_traces(index_dir: Path) -> bool:
    """True when an earlier index left a pointer or folders here (damage, not a first run)."""
    try:
        with os.scandir(index_dir) as entries:
            return any(e.name == CURRENT_NAME or e.is_dir() for e in entries)
    except OSError:
        return False


@contextlib.contextmanager
def write_lock(index_dir: Path, progress: Progress | None):
    """Hold the index write lock, telling the user when another process has it (waits up to
    LOCK_TIMEOUT_SECONDS, then raises filelock.Timeout)."""
    lock = filelock.FileLock(str(index_dir / LOCK_NAME))
    try:
        lock.acquire(timeout=0.2)
    except filelock.Timeout:
        if progress is not None:
            progress(0, 0, WAITING_MESSAGE)
        lock.acquire(timeout=LOCK_TIMEOUT_SECONDS)
    try:
        yield lock
    finally:
        lock.release()


@contextlib.contextmanager
def write_lock_if_free(index_dir: Path):
    """The write lock if no other process holds it (yields True), else at once False."""
    lock = filelock.FileLock(str(index_dir / LOCK_NAME))
    try:
        lock.acquire(timeout=0)
    except filelock.Timeout:
        yield False
        return
    except OSError:  # a read-only index folder: nothing can be cleared there anyway
        yield False
        return
    try:
        yield True
    finally:
        lock.release()


class Hold:
    """This process's claim on one generation folder: a locked `.held-<pid>` file inside it.

    Best effort: where the folder cannot be written (read-only media), nothing is held and
    nothing can be cleared either."""

    def __init__(self, folder: Path):
        self.path = folder / f"{HELD_PREFIX}{os.getpid()}"
        self._lock: filelock.BaseFileLock | None = filelock.FileLock(str(self.path))
        try:
            self._lock.acquire(timeout=0)
        except (filelock.Timeout, OSError):
            self._lock = None

    def release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None
            with contextlib.suppress(OSError):
                self.path.unlink()


def _is_held(folder: Path) -> bool:
    """True when a live process holds `folder` (its `.held-` file is locked)."""
    try:
        markers = [p for p in folder.iterdir() if p.name.startswith(HELD_PREFIX)]
    except OSError:
        return False
    for marker in markers:
        lock = filelock.FileLock(str(marker))
        try:
            lock.acquire(timeout=0)
        except filelock.Timeout:
            return True
        except OSError:
            continue
        lock.release()
        with contextlib.suppress(OSError):
            marker.unlink()  # left by a process that ended without letting go
    return False


@dataclass
class Cleared:
    """Generation folders removed from the index folder, and the space they took."""

    folders: list[str] = field(default_factory=list)
    bytes: int = 0

    def __bool__(self) -> bool:
        return bool(self.folders)

    @property
    def message(self) -> str:
        if not self.folders:
            return ""
        count = len(self.folders)
        what = "an old index folder" if count == 1 else f"{count} old index folders"
        return f"Removed {what} left by an interrupted or replaced build ({_size(self.bytes)})."


def clear_leftovers(index_dir: Path, keep: set[str]) -> Cleared:
    """Remove generation folders not in `keep` (CURRENT, the folders this process holds)
    that no live process holds. Call with the write lock held, so no build is running."""
    cleared = Cleared()
    try:
        folders = [p for p in index_dir.iterdir() if p.is_dir() and p.name not in keep]
    except OSError:
        return cleared
    for folder in sorted(folders):
        if _is_held(folder):
            continue
        size = folder_bytes(folder)
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            cleared.folders.append(folder.name)
            cleared.bytes += size
    return cleared


def folder_bytes(folder: Path) -> int:
    total = 0
    for path in folder.rglob("*"):
        with contextlib.suppress(OSError):
            if path.is_file():
                total += path.stat().st_size
    return total


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB"
    return f"{max(1, round(count / 1024))} KB"
