"""The Whoosh index: a cache of `articles/` that is kept in step cheaply, rebuilt safely and
repaired when its files turn out damaged.

The index folder holds generations (see generations.py). Incremental updates write into the
active one (Whoosh commits atomically); a full rebuild writes a fresh folder and then points
CURRENT at it, so a crash mid-rebuild leaves the old index (or none), never a half index
that looks good. When the folder cannot be written at all, the index is built in memory for
the session and `reason` says so.

Reading goes through `read(work)`: `work` gets the shared searcher of the current
generation; a generation another process replaced is re-opened first, and one whose files
turn out damaged is rebuilt, after which `work` runs once more and the reason is handed
back. Whether an error means damage is decided by the files, not by the error's type:
damaged Whoosh files raise almost anything (zlib.error, UnpicklingError, but also
AttributeError, KeyError, ModuleNotFoundError or MemoryError from a damaged pickle, as random
damage showed), so an error counts as damage only when the index files no longer match the
sizes, times and checksums saved with them. On sound files the error is a bug and
propagates (the checksums are compared at most once per generation, so a bug never costs a
checksum per keystroke). Searching never reads the articles folder: changed articles come
in with `sync`.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import filelock
from whoosh.filedb.filestore import FileStorage, RamStorage

from mspain_kb.core.collection.files import Problem
from mspain_kb.core.search import generations, index_writing, merging, postings_check
from mspain_kb.core.search.fast import segment_arrays
from mspain_kb.core.search.generations import Cleared, Hold, Progress
from mspain_kb.core.search.index_files import FolderUnreachable, Manifest, scan_articles
from mspain_kb.core.search.phrase_tokens import known_phrases_of
from mspain_kb.core.search.schema import SCHEMA_VERSION, build_schema

T = TypeVar("T")

# What a first build or a rebuild says: plain words for what happened, not alarms. Only real
# damage says "damaged" (and that nothing in the articles was lost).
REASON_MISSING = "The articles were prepared for searching."
REASON_DAMAGED = (
    "The search index was damaged and has been rebuilt from the articles; no article was lost."
)
REASON_OLD = "The search index was brought up to date for this version of the app."
REASON_REQUESTED = "The search index has been rebuilt, as asked."
REASON_VOCABULARY = "The glossary or topic words have changed; searching now uses the new words."
REASON_BUSY = "The index is busy in another window; showing what it held before."


def prepared_sentence(count: int) -> str:
    """ "4 articles prepared for searching.": what a first build says once it has counted."""
    return f"{count} article{'' if count == 1 else 's'} prepared for searching."


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
    cleared: Cleared = field(default_factory=Cleared)  # leftover folders removed, and space
    unreachable: bool = False  # the articles folder could not be listed: index kept as it was

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
        self._hold: Hold | None = None  # this process's claim on the open generation
        self._manifest = Manifest()
        self._manifest_signature: tuple | None = None  # of the file self._manifest matches
        self._searcher = None
        self._retired = None  # the previous generation's searcher, closed at the next swap
        self._verified = -1  # the generation whose files were last checksummed and sound
        self._cleared = Cleared()  # leftovers removed since the last report
        self._guard = threading.RLock()  # held while the open generation changes
        self._writing = threading.RLock()  # one writer (sync or merge) at a time

    # ----------------------------------------------------------------- public API

    def sync(
        self, progress: Progress | None = None, rebuild: bool = False, names=None
    ) -> SyncReport:
        """Bring the index in step with the articles folder; rebuild when asked or needed.
        Leftover generation folders are removed on the way (`SyncReport.cleared`).

        `names`: only these article files may have changed (a folder watcher knows): they
        are looked at instead of the whole folder (a full scan if the index is not open)."""
        started = time.perf_counter()
        with self._writing, self._guard:
            report = self._sync(progress, rebuild, names=names)
            report.cleared, self._cleared = self._cleared, Cleared()
        report.seconds = time.perf_counter() - started
        report.problems = self._manifest.problem_list(self.articles_dir)
        if report.reason:
            self.last_reason = report.reason
        return report

    def small_segment_count(self) -> int:
        """How many small segments (live updates not merged yet) the open index has."""
        with self._guard:
            ix = self._ix
        return 0 if ix is None else merging.small_segment_count(ix)

    def merge_small_segments(self) -> bool:
        """Merge the small segments live updates left into one (`merging.py`), while
        searches go on; they wait only for the swap. Skipped (False) when there are fewer
        than two, the index is kept in memory, or another process is writing."""
        with self._writing:
            with self._guard:
                ix, folder = self._ix, self._folder
            if ix is None or folder is None or merging.small_segment_count(ix) < 2:
                return False
            with generations.write_lock_if_free(self.index_dir) as free:
                if not free or self._replaced_or_changed() or folder != self._folder:
                    return False

                def after_swap() -> None:
                    self._save_manifest(folder, self._manifest.copy(), ix, None)
                    self._refresh_searcher()

                return merging.merge_small(ix, folder, self._guard, after_swap)

    def read(self, work: Callable[[object], T]) -> tuple[T, str]:
        """`work(searcher)` on the current generation, and what the index had to do first
        ('' or a reason such as REASON_DAMAGED). When `work` fails because the index files
        are damaged or were replaced, the index is re-opened or rebuilt and `work` runs once
        more; any other error propagates."""
        searcher, notice = self._current_searcher()
        try:
            return work(searcher), notice
        except Exception as error:
            repaired = self._recover_from(error)
            if repaired is None:
                raise
        searcher, again = self._current_searcher()
        return work(searcher), _join(notice, repaired, again)

    def searcher(self):
        """The shared searcher for the current index generation (opened on first use)."""
        return self._current_searcher()[0]

    def files_changed(self) -> bool:
        """True when the open index's files are not as this process last saw them, because
        another process updated them or they were damaged (cheap: stats only; no lock, so a
        search never waits here for a sync running in another thread)."""
        folder, manifest = self._folder, self._manifest
        return folder is not None and not manifest.matches_files(folder)

    def checked_reader(self) -> str:
        """The fast reader's self-test verdict saved with the open index files ('' if none)."""
        return self._manifest.checked_reader

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
            self._forget()
            self._close_retired()

    # ----------------------------------------------------------------- reading

    def _current_searcher(self):
        """(searcher, notice): the generation is re-opened when another process replaced it
        and rebuilt when it is gone or damaged (stats and CURRENT only: cheap)."""
        with self._guard:
            notice = ""
            if self._ix is None or self._replaced_or_changed():
                notice = self._reopen(verify=False)
            if self._searcher is None:
                self._searcher = self._ix.searcher()
            return self._searcher, notice

    def _replaced_or_changed(self) -> bool:
        if self._folder is None:
            return False
        moved = generations.read_current(self.index_dir) != self._folder.name
        return moved or self.files_changed()

    def _recover_from(self, error: Exception) -> str | None:
        """After `error` while reading: '' or a reason when the index was replaced or damaged
        and has been re-opened or rebuilt; None when its files are sound (a bug)."""
        with self._guard:
            if self._replaced_or_changed():
                return self._reopen(verify=False)
            if self._folder is None or self._verified == self.generation:
                return None
            generation = self.generation
            reason = self._reopen(verify=True)
            if self.generation == generation:  # the checksums match: the files are sound
                self._verified = generation
                return None
            return reason

    def _reopen(self, verify: bool) -> str:
        """Open the current generation, or rebuild it when it is missing or damaged. Articles
        changed since are left to the next sync. Returns the reason of a rebuild, or ''."""
        if self.in_memory:
            return "" if self._ix is not None else self._sync(None, rebuild=False).reason
        return self._sync(None, rebuild=False, verify=verify, update=False).reason

    # ----------------------------------------------------------------- sync steps

    def _sync(
        self,
        progress: Progress | None,
        rebuild: bool,
        verify: bool = False,
        update: bool = True,
        names=None,
    ) -> SyncReport:
        if not update and not rebuild and not self.in_memory and not self._open_current(verify):
            return SyncReport(unchanged=self._manifest.doc_count)  # reading: no folder scan
        disk, unreachable = self._scan(names)
        if unreachable is not None:
            kept = self._kept_as_it_was(unreachable, verify)
            if kept is not None:
                return kept
        if self.in_memory:
            return self._sync_in_memory(disk, progress, rebuild)
        reason = REASON_REQUESTED if rebuild else self._open_current(verify)
        arrays_done = bool(self._manifest.checked_reader)  # array files written and checked
        if not reason and (not update or not self._manifest.differences(disk)) and arrays_done:
            return SyncReport(unchanged=len(disk))
        try:
            self.index_dir.mkdir(parents=True, exist_ok=True)
            with generations.write_lock(self.index_dir, progress):
                if not rebuild:  # Another process may have done the work while we waited.
                    reason = self._open_current(verify)
                disk, unreachable = self._scan(None if reason else names)
                if unreachable is not None and not reason:
                    return self._kept_as_it_was(unreachable, verify)
                if reason:
                    report = self._rebuild(disk, progress, reason)
                elif update:
                    # Named files (a watcher's): a small segment of its own, no merging now.
                    report = self._update(disk, progress, merge=names is None)
                else:
                    report = SyncReport(unchanged=len(disk))
                if unreachable is not None:  # nothing to keep: an empty index, and why
                    report.reason, report.unreachable = unreachable.strerror, True
                if not reason and not self._manifest.checked_reader:
                    self._save_manifest(self._folder, self._manifest, self._ix, progress)
                    self._refresh_searcher()
                self._clear_leftovers()
                return report
        except filelock.Timeout:
            return SyncReport(unchanged=len(disk), reason=REASON_BUSY)
        except OSError as error:
            return self._fall_back_to_memory(disk, progress, error)

    def _scan(self, names=None) -> tuple[dict, FolderUnreachable | None]:
        """The articles folder's listing; one that cannot be listed is empty, with the error.
        With `names`, the listing is the manifest's with only those files looked at."""
        try:
            if names is not None and self._ix is not None and self._manifest.files:
                listing = self._manifest.listing_with(self.articles_dir, names)
                if listing is not None:
                    return listing, None
            return scan_articles(self.articles_dir), None
        except FolderUnreachable as error:
            return {}, error

    def _kept_as_it_was(self, error: FolderUnreachable, verify: bool) -> SyncReport | None:
        """The articles folder cannot be listed: keep a sound index as it is (an empty listing
        is not "every article removed"); None when there is no sound index to keep."""
        sound = self._ix is not None if self.in_memory else not self._open_current(verify)
        if not sound:
            return None
        return SyncReport(
            unchanged=self._manifest.doc_count, reason=error.strerror, unreachable=True
        )

    def _open_current(self, verify: bool = False) -> str:
        """Open the active index if it is sound; return '' or the reason to rebuild.

        `verify` also compares the index files' checksums (it reads them all)."""
        folder_name = generations.read_current(self.index_dir)
        if folder_name is None:
            self._forget()
            return REASON_DAMAGED if generations.has_traces(self.index_dir) else REASON_MISSING
        folder = self.index_dir / folder_name
        if self._ix is not None and folder == self._folder:
            signature = Manifest.signature(folder)
            if signature is not None and signature == self._manifest_signature:
                manifest = self._manifest  # the one this process last read or wrote
            else:
                manifest = Manifest.load(folder)
            if manifest is not None and manifest.matches_files(folder, deep=verify):
                if manifest.stamp != self._manifest.stamp:
                    self._manifest = manifest
                    self._refresh_searcher()
                self._manifest_signature = signature
                return ""
        self._forget()
        if not folder.is_dir():
            return REASON_DAMAGED if generations.has_traces(self.index_dir) else REASON_MISSING
        signature = Manifest.signature(folder)
        manifest = Manifest.load(folder)
        if manifest is None:
            return REASON_DAMAGED
        if manifest.schema != SCHEMA_VERSION:
            return REASON_OLD
        if not manifest.matches_files(folder, deep=verify):
            return REASON_DAMAGED
        hold = Hold(folder)
        try:
            ix = FileStorage(str(folder)).open_index()
            sound = ix.doc_count() == manifest.doc_count
            phrases = known_phrases_of(ix.schema, "body")
        except Exception:
            hold.release()
            # A damaged table of contents or schema (a pickle) raises almost anything; on
            # files that match their checksums the error is a bug.
            if manifest.matches_files(folder, deep=True):
                raise
            return REASON_DAMAGED
        if not sound or phrases != self.phrases:
            # Multi-word glossary and topic terms are indexed as single tokens; an index
            # built with another set still answers correctly, but new terms would stay slow.
            ix.close()
            hold.release()
            return REASON_DAMAGED if not sound else REASON_VOCABULARY
        self._ix, self._folder, self._manifest, self._hold = ix, folder, manifest, hold
        self._manifest_signature = signature
        self.generation += 1
        self._clear_leftovers_if_free()
        return ""

    def _update(self, disk: dict, progress: Progress | None, merge: bool = True) -> SyncReport:
        """Add, change and delete only what differs from the manifest."""
        changes = self._manifest.differences(disk)
        report = SyncReport(unchanged=len(disk) - len(changes.added) - len(changes.changed))
        if not changes:
            return report
        manifest = index_writing.apply_changes(
            self._ix,
            self._manifest,
            self.articles_dir,
            disk,
            changes,
            self.known_tags,
            progress,
            merge=merge,
        )
        report.added, report.updated = len(changes.added), len(changes.changed)
        report.removed = len(changes.removed)
        self._save_manifest(self._folder, manifest, self._ix, progress)
        self._refresh_searcher()
        return report

    def _rebuild(self, disk: dict, progress: Progress | None, reason: str) -> SyncReport:
        """Build a complete index in a new folder, then make it the active one."""
        folder = self.index_dir / generations.new_folder_name(SCHEMA_VERSION)
        folder.mkdir()
        hold = Hold(folder)
        try:
            ix = FileStorage(str(folder)).create_index(build_schema(self.phrases))
            manifest = index_writing.fill(ix, self.articles_dir, disk, self.known_tags, progress)
            self._save_manifest(folder, manifest, ix, progress)
            ix.close()
            generations.write_current(self.index_dir, folder.name)
        except BaseException:
            hold.release()
            shutil.rmtree(folder, ignore_errors=True)
            raise
        self._forget()
        hold.release()  # the write lock keeps it safe until _open_current holds it again
        self._open_current()
        return SyncReport(added=len(disk), rebuilt=True, reason=reason)

    def _save_manifest(
        self, folder: Path | None, manifest: Manifest, ix, progress: Progress | None
    ) -> None:
        """Write the new segments' posting array files, then the manifest that records
        them with every index file."""
        if folder is not None:
            self._manifest_signature = None  # read it again if saving fails half-way
            written = segment_arrays.write_missing(ix, folder, progress)
            if written or not manifest.checked_reader:
                manifest.checked_reader = postings_check.verdict(ix)
            manifest.save(folder)
            if folder == self._folder:
                self._manifest_signature = Manifest.signature(folder)
        self._manifest = manifest

    # ----------------------------------------------------------------- leftovers

    def _clear_leftovers(self) -> None:
        """Remove other generations no live process holds (call under the write lock)."""
        keep = {name for name in (generations.read_current(self.index_dir),) if name}
        if self._folder is not None:
            keep.add(self._folder.name)
        cleared = generations.clear_leftovers(self.index_dir, keep)
        self._cleared.folders += cleared.folders
        self._cleared.bytes += cleared.bytes

    def _clear_leftovers_if_free(self) -> None:
        """On opening a generation: clear leftovers when no other process is writing."""
        with generations.write_lock_if_free(self.index_dir) as free:
            if free:
                self._clear_leftovers()

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
        manifest = index_writing.fill(ix, self.articles_dir, disk, self.known_tags, progress)
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
            with suppress(OSError):
                self._retired.close()
            self._retired = None

    def _forget(self) -> None:
        """Let go of the open generation. Its searcher is retired, not closed, so a search
        still running on it in another thread can finish (its open files stay readable)."""
        if self._searcher is not None:
            self._close_retired()
            self._retired, self._searcher = self._searcher, None
        if self._ix is not None:
            with suppress(OSError):
                self._ix.close()
        if self._hold is not None:
            self._hold.release()
        self._ix, self._folder, self._manifest, self._hold = None, None, Manifest(), None
        self._manifest_signature = None


def _join(*messages: str) -> str:
    return " ".join(message for message in messages if message)
