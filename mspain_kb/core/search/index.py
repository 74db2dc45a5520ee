"""The Whoosh index: a cache of `articles/` that is kept in step cheaply and rebuilt safely.

Layout of the index folder:

    lock            file lock taken by whichever process writes (readers never take it)
    CURRENT         the name of the active generation folder, replaced atomically
    v1-<stamp>/     Whoosh files plus manifest.json (file stats, problems, index file stats)

Incremental updates write into the active folder (Whoosh commits atomically). A full rebuild
writes a fresh folder and then points CURRENT at it, so a crash mid-rebuild leaves the old
index (or none), never a half index that looks good. When the folder cannot be written at
all, the index is built in memory for the session and `reason` says so.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import filelock
from whoosh.filedb.filestore import FileStorage, RamStorage

from mspain_kb.core.collection.files import Problem
from mspain_kb.core.search.fast.parallel_writer import ParallelWriter
from mspain_kb.core.search.index_files import (
    CURRENT_NAME,
    OPEN_ERRORS,
    Manifest,
    read_current,
    read_for_index,
    scan_articles,
    write_current,
)
from mspain_kb.core.search.phrase_tokens import known_phrases_of
from mspain_kb.core.search.schema import SCHEMA_VERSION, build_schema

Progress = Callable[[int, int, str], None]

PARALLEL_THRESHOLD = 1000  # below this, one writer process is faster than starting two
WRITER_MEMORY_MB = 128
LOCK_TIMEOUT_SECONDS = 120
# Segments are committed as separate files (compound=False): a compound file is read into
# memory when opened, which the GUIDE measured at ~850 MB for 50k articles against ~31 MB.
WAITING_MESSAGE = "Another MS Pain KB window is updating the index; waiting…"

REASON_MISSING = "The search index was missing and has been built."
REASON_DAMAGED = "The search index was damaged and has been rebuilt."
REASON_OLD = "The search index was made by an older version and has been rebuilt."
REASON_REQUESTED = "The search index has been rebuilt as requested."
REASON_VOCABULARY = (
    "The glossary or topic words have changed; the search index has been rebuilt to match."
)


@dataclass
class SyncReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    seconds: float = 0.0
    rebuilt: bool = False
    reason: str = ""
    problems: list[Problem] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.rebuilt)


class KnowledgeIndex:
    """The search index over one articles folder. Never writes into `articles_dir`.

    `phrases`: the multi-word terms indexed as one token each (`schema.collection_phrases`
    of the vocabulary and glossary in use); an index built with another set is rebuilt.
    """

    def __init__(self, index_dir, articles_dir, vocabulary, phrases):
        self.index_dir = Path(index_dir)
        self.articles_dir = Path(articles_dir)
        self.vocabulary = vocabulary
        self.phrases = frozenset(phrases)
        self.known_tags = frozenset(vocabulary.ids()) if vocabulary is not None else None
        self.generation = 0  # bumped whenever the searcher sees new content
        self.in_memory = False
        self.last_reason = ""
        self._ix = None
        self._folder: Path | None = None
        self._manifest = Manifest()
        self._searcher = None
        self._retired = None  # the previous generation's searcher, closed at the next swap
        self._guard = threading.RLock()

    # ----------------------------------------------------------------- public API

    def sync(
        self, progress: Progress | None = None, rebuild: bool = False, verify: bool = False
    ) -> SyncReport:
        """Bring the index in step with the articles folder; rebuild when asked or needed.

        `verify` also compares the index files' checksums (it reads them all): search asks
        for it after a failure, to tell damage that kept each file's size and time.
        """
        started = time.perf_counter()
        with self._guard:
            report = self._sync(progress, rebuild, verify)
        report.seconds = time.perf_counter() - started
        report.problems = self._manifest.problem_list(self.articles_dir)
        if report.reason:
            self.last_reason = report.reason
        return report

    def files_changed(self) -> bool:
        """True when the open index's files are not as this process last saw them, because
        another process updated them or they were damaged (cheap: stats only; no lock, so a
        search never waits here for a sync running in another thread)."""
        folder, manifest = self._folder, self._manifest
        return folder is not None and not manifest.matches_files(folder)

    def searcher(self):
        """The shared searcher for the current index generation (opened on first use)."""
        with self._guard:
            if self._ix is None:
                self.sync()
            if self._searcher is None:
                self._searcher = self._ix.searcher()
            return self._searcher

    def doc_count(self) -> int:
        return self.searcher().doc_count()

    def problems(self) -> list[Problem]:
        """Article files skipped or read with warnings at the last sync."""
        if self._ix is None:
            self.sync()
        return self._manifest.problem_list(self.articles_dir)

    def health(self) -> str:
        """One line for the status bar."""
        if self._ix is None:
            return "Search index not opened yet."
        skipped = sum(1 for problem in self.problems() if problem.skipped)
        text = f"{self.doc_count()} articles indexed"
        if skipped:
            text += f", {skipped} skipped (run 'mspain-kb check')"
        if self.in_memory:
            text += "; index kept in memory (the index folder cannot be written)"
        return text + "."

    def close(self) -> None:
        with self._guard:
            self._drop_searcher()
            if self._ix is not None:
                self._ix.close()
                self._ix = None

    # ----------------------------------------------------------------- sync steps

    def _sync(self, progress: Progress | None, rebuild: bool, verify: bool) -> SyncReport:
        disk = scan_articles(self.articles_dir)
        if self.in_memory:
            return self._sync_in_memory(disk, progress, rebuild)
        reason = REASON_REQUESTED if rebuild else self._open_current(verify)
        if not reason and not self._manifest.differences(disk):
            return SyncReport(unchanged=len(disk))
        try:
            self.index_dir.mkdir(parents=True, exist_ok=True)
            with _write_lock(self.index_dir / "lock", progress):
                if not rebuild:  # Another process may have done the work while we waited.
                    reason = self._open_current(verify)
                disk = scan_articles(self.articles_dir)
                if reason:
                    return self._rebuild(disk, progress, reason)
                return self._update(disk, progress)
        except filelock.Timeout:
            return SyncReport(
                unchanged=len(disk),
                reason="The index is busy in another window; showing what it held before.",
            )
        except OSError as error:
            return self._fall_back_to_memory(disk, progress, error)

    def _open_current(self, verify: bool = False) -> str:
        """Open the active index if it is sound; return '' or the reason to rebuild."""
        folder_name = read_current(self.index_dir)
        if folder_name is None:
            self._forget()
            return self._missing_or_damaged()
        folder = self.index_dir / folder_name
        if self._ix is not None and folder == self._folder:
            manifest = Manifest.load(folder)
            if manifest is not None and manifest.matches_files(folder, deep=verify):
                if manifest.stamp != self._manifest.stamp:
                    self._manifest = manifest
                    self._refresh_searcher()
                return ""
        self._forget()
        if not folder.is_dir():
            return self._missing_or_damaged()
        manifest = Manifest.load(folder)
        if manifest is None:
            return REASON_DAMAGED
        if manifest.schema != SCHEMA_VERSION:
            return REASON_OLD
        if not manifest.matches_files(folder, deep=verify):
            return REASON_DAMAGED
        try:
            ix = FileStorage(str(folder)).open_index()
            if ix.doc_count() != manifest.doc_count:
                ix.close()
                return REASON_DAMAGED
            # Multi-word glossary and topic terms are indexed as single tokens; an index built
            # with another set still answers correctly, but new terms would stay slow.
            if known_phrases_of(ix.schema, "body") != self.phrases:
                ix.close()
                return REASON_VOCABULARY
        except OPEN_ERRORS:
            return REASON_DAMAGED
        self._ix, self._folder, self._manifest = ix, folder, manifest
        self.generation += 1
        return ""

    def _missing_or_damaged(self) -> str:
        """'Missing' on a first run; 'damaged' when an earlier index left a pointer or folders."""
        try:
            with os.scandir(self.index_dir) as entries:
                traces = any(e.name == CURRENT_NAME or e.is_dir() for e in entries)
        except OSError:
            traces = False
        return REASON_DAMAGED if traces else REASON_MISSING

    def _update(self, disk: dict, progress: Progress | None) -> SyncReport:
        """Add, change and delete only what differs from the manifest."""
        changes = self._manifest.differences(disk)
        report = SyncReport(unchanged=len(disk) - len(changes.added) - len(changes.changed))
        if not changes:
            return report
        manifest = self._manifest.copy()
        writer = self._ix.writer(limitmb=WRITER_MEMORY_MB, compound=False)
        try:
            for name in changes.removed:
                writer.delete_by_term("id", name[: -len(".md")])
                manifest.forget(name)
                report.removed += 1
            todo = changes.added + changes.changed
            for done, name in enumerate(todo):
                document = self._read(name, disk[name], manifest)
                if document is not None:
                    writer.update_document(**document)
                elif name in changes.changed:
                    writer.delete_by_term("id", name[: -len(".md")])
                _report_progress(progress, done, len(todo))
            report.added, report.updated = len(changes.added), len(changes.changed)
            writer.commit(merge=True)
        except BaseException:
            _cancel(writer)
            raise
        self._save_manifest(self._folder, manifest)
        self._refresh_searcher()
        return report

    def _rebuild(self, disk: dict, progress: Progress | None, reason: str) -> SyncReport:
        """Build a complete index in a new folder, then make it the active one."""
        folder = self.index_dir / f"v{SCHEMA_VERSION}-{time.time_ns()}-{os.getpid()}"
        folder.mkdir()
        try:
            ix = FileStorage(str(folder)).create_index(build_schema(self.phrases))
            manifest = self._fill(ix, disk, progress)
            self._save_manifest(folder, manifest)
            ix.close()
            write_current(self.index_dir, folder.name)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        self._forget()
        self._remove_old_folders(keep=folder.name)
        self._open_current()
        return SyncReport(added=len(disk), rebuilt=True, reason=reason)

    def _fill(self, ix, disk: dict, progress: Progress | None) -> Manifest:
        """Add every article in `disk` to the empty index `ix`; return the new manifest."""
        manifest = Manifest()
        names = sorted(disk)
        parallel = len(names) >= PARALLEL_THRESHOLD and (os.cpu_count() or 1) > 1
        if parallel and not isinstance(ix.storage, RamStorage):
            start = "spawn" if threading.active_count() > 1 else None  # never fork a GUI
            writer = ParallelWriter(
                ix,
                procs=2,
                multisegment=True,
                limitmb=WRITER_MEMORY_MB,
                start_method=start,
                compound=False,
            )
        else:
            writer = ix.writer(limitmb=WRITER_MEMORY_MB, compound=False)
        try:
            for done, name in enumerate(names):
                document = self._read(name, disk[name], manifest)
                if document is not None:
                    writer.add_document(**document)
                _report_progress(progress, done, len(names))
            _report_progress(progress, len(names), len(names), force=True)
            writer.commit()
        except BaseException:
            _cancel(writer)
            raise
        return manifest

    def _read(self, name: str, stat: tuple[int, int], manifest: Manifest) -> dict | None:
        """Read one article for the index, recording it and its problems in `manifest`."""
        path = self.articles_dir / name
        document, problems = read_for_index(path, self.known_tags)
        manifest.record(name, stat, problems, indexed=document is not None)
        return document

    def _save_manifest(self, folder: Path | None, manifest: Manifest) -> None:
        if folder is not None:
            manifest.save(folder)
        self._manifest = manifest

    # ----------------------------------------------------------------- in memory

    def _fall_back_to_memory(self, disk: dict, progress: Progress | None, error: OSError):
        self._forget()
        self.in_memory = True
        report = self._sync_in_memory(disk, progress, rebuild=True)
        report.reason = (
            f"The index folder {self.index_dir} cannot be written "
            f"({error.strerror or error}); the index is kept in memory for this session."
        )
        return report

    def _sync_in_memory(self, disk: dict, progress: Progress | None, rebuild: bool):
        if self._ix is not None and not rebuild:
            return self._update(disk, progress)
        ix = RamStorage().create_index(build_schema(self.phrases))
        manifest = self._fill(ix, disk, progress)
        self._forget()
        self._ix, self._folder, self._manifest = ix, None, manifest
        self.generation += 1
        return SyncReport(added=len(disk), rebuilt=True)

    # ----------------------------------------------------------------- helpers

    def _refresh_searcher(self) -> None:
        """Open a new searcher at the next searcher() call.

        Not Whoosh's Searcher.refresh(): it re-uses the readers of unchanged segments and so
        kept showing an article deleted from an existing segment. The previous searcher is
        closed one generation later, so a search still running on it in another thread can
        finish.
        """
        if self._searcher is not None:
            self._close_retired()
            self._retired, self._searcher = self._searcher, None
        self.generation += 1

    def _close_retired(self) -> None:
        if self._retired is not None:
            with suppress(OPEN_ERRORS):
                self._retired.close()
            self._retired = None

    def _drop_searcher(self) -> None:
        self._close_retired()
        if self._searcher is not None:
            with suppress(OPEN_ERRORS):
                self._searcher.close()
            self._searcher = None

    def _forget(self) -> None:
        self._drop_searcher()
        if self._ix is not None:
            with suppress(OPEN_ERRORS):
                self._ix.close()
        self._ix, self._folder, self._manifest = None, None, Manifest()

    def _remove_old_folders(self, keep: str) -> None:
        """Remove earlier generations and leftovers of interrupted builds (best effort)."""
        for entry in self.index_dir.iterdir():
            if entry.is_dir() and entry.name != keep:
                shutil.rmtree(entry, ignore_errors=True)


@contextmanager
def _write_lock(path: Path, progress: Progress | None):
    """Hold the index write lock, telling the user when another process has it."""
    lock = filelock.FileLock(str(path))
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


def _cancel(writer) -> None:
    """Cancel a writer; one that failed inside commit (a full disk) is already closed, and
    cancelling it again must not hide the real error behind Whoosh's 'writer is closed'."""
    with suppress(Exception):
        writer.cancel()


def _report_progress(progress: Progress | None, done: int, total: int, force=False) -> None:
    if progress is not None and (force or done % 50 == 0):
        progress(done, total, "Indexing articles…")
