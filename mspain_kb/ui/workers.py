"""Slow work off the GUI thread: index syncs, searches and warming search up, with progress
and finished signals.

Each job is a QRunnable whose signals live on a small QObject, so results arrive on the GUI
thread through queued connections. Searches carry a generation number: only the answer to
the latest request is shown, older ones are dropped when they arrive.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, QTimer, Signal

from mspain_kb.core.collection.article import ArticleError
from mspain_kb.core.vocabulary.glossary import GlossaryError
from mspain_kb.core.vocabulary.topics import VocabularyError

# Errors a job meets in normal use (a file that cannot be read, a damaged resource): said in
# plain words. Anything else is a bug: the window still hears that the job failed, and the
# error goes on to the error log (and fails the tests).
EXPECTED_ERRORS = (OSError, ArticleError, GlossaryError, VocabularyError)
UNEXPECTED = "something went wrong (the details are in the error log)"

# The typing pause before a search starts: none beyond the keys already waiting in the event
# queue. Requests overtaken by newer typing are skipped before they run and their answers
# dropped by generation number, so a search per keystroke costs at most one stale search.
SEARCH_DELAY_MS = 0
WARM_DELAY_MS = 300  # after a sync, before warming starts: the search a change brings first
# Live updates leave a small segment each; they are merged in the sync worker once no change
# has come for MERGE_QUIET_MS, or MERGE_SOON_MS when MERGE_SOON of them have piled up, or at
# once at MERGE_AT_ONCE. A merge holds the writer for about a second at 10,000 articles, so
# merging at once in the middle of a run of edits kept the next edit from search as long.
MERGE_QUIET_MS = 3000
MERGE_SOON = 10
MERGE_SOON_MS = 400
MERGE_AT_ONCE = 40


class _JobSignals(QObject):
    progress = Signal(int, int, str)  # done, total, message
    finished = Signal(object)  # the job's result
    failed = Signal(str)  # a plain-words reason


class _Job(QRunnable):
    """Run `work(progress)` in a pool thread and report through signals."""

    def __init__(self, work: Callable[[Callable[[int, int, str], None]], object]):
        super().__init__()
        self.setAutoDelete(False)  # Python keeps the job (and its signals) alive until answered.
        self.signals = _JobSignals()
        self._work = work

    def run(self) -> None:
        try:
            result = self._work(self.signals.progress.emit)
        except EXPECTED_ERRORS as exc:
            self.signals.failed.emit(str(exc) or exc.__class__.__name__)
            return
        except Exception:
            self.signals.failed.emit(UNEXPECTED)
            raise  # to sys.excepthook: the error log
        self.signals.finished.emit(result)


class IndexSyncer(QObject):
    """Brings the search index up to date in the background, one sync at a time.

    A request made while a sync runs is remembered and run after it (a rebuild request wins).
    Once the folder is quiet, the same worker merges the small segments live updates left
    (`KnowledgeIndex.merge_small_segments`: searches go on while it writes).
    """

    started = Signal()
    progress = Signal(int, int, str)
    finished = Signal(object, str)  # SyncReport, the index's one-line health
    failed = Signal(str)
    merged = Signal()  # small segments merged: a new index generation, the same articles

    def __init__(self, index, parent: QObject | None = None):
        super().__init__(parent)
        self._index = index
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._running = False
        self._pending: bool | None = None  # None: nothing queued; else the rebuild flag.
        self._pending_names: set[str] | None = None  # of the queued sync (None: scan all)
        self._job: _Job | None = None
        self._merge_timer = QTimer(self, singleShot=True, interval=MERGE_QUIET_MS)
        self._merge_timer.timeout.connect(self._merge)

    @property
    def running(self) -> bool:
        return self._running

    @property
    def merge_planned(self) -> bool:
        """True while a merge waits for the folder to be quiet."""
        return self._merge_timer.isActive()

    def sync(self, rebuild: bool = False, names: Sequence[str] | None = None) -> None:
        """Sync (or rebuild); `names`: only these article files changed (None: scan all)."""
        self._merge_timer.stop()  # not quiet: merge after this sync, once it is
        if self._running:
            self._queue(rebuild, names)
            return
        self._running = True
        index = self._index

        def work(progress):
            # Health is read here too: the index may hold its lock for a while, and the GUI
            # thread must never wait on it.
            report = index.sync(progress=progress, rebuild=rebuild, names=names)
            return report, index.health(), index.small_segment_count()

        job = _Job(work)
        job.signals.progress.connect(self.progress)
        job.signals.finished.connect(self._on_finished)
        job.signals.failed.connect(self._on_failed)
        self._job = job
        self.started.emit()
        self._pool.start(job)

    def _queue(self, rebuild: bool, names: Sequence[str] | None) -> None:
        """Remember a request made while a sync runs: a rebuild or a full scan wins."""
        if self._pending is None:
            self._pending, self._pending_names = rebuild, None if names is None else set(names)
            return
        self._pending = self._pending or rebuild
        if names is None or self._pending_names is None:
            self._pending_names = None
        else:
            self._pending_names |= set(names)

    def _on_finished(self, answer) -> None:
        report, health, small_segments = answer
        queued = self._pending is not None  # a sync to run next: the merge waits for after it
        self._done()
        if not queued and small_segments >= 2:
            self._merge_timer.start(_merge_delay_ms(small_segments))
        self.finished.emit(report, health)

    def _merge(self) -> None:
        """Merge the small segments in the sync worker (after any sync asked for)."""
        if self._running:
            return  # the sync running plans the merge again when it ends
        self._running = True
        index = self._index
        job = _Job(lambda _progress: index.merge_small_segments())
        job.signals.finished.connect(self._on_merged)
        job.signals.failed.connect(self._on_failed)
        self._job = job
        self._pool.start(job)

    def _on_merged(self, merged: bool) -> None:
        self._done()
        if merged:
            self.merged.emit()

    def _on_failed(self, reason: str) -> None:
        self._done()
        self.failed.emit(reason)

    def _done(self) -> None:
        self._running = False
        self._job = None
        if self._pending is not None:
            rebuild, self._pending = self._pending, None
            names = None if self._pending_names is None else sorted(self._pending_names)
            QTimer.singleShot(0, lambda: self.sync(rebuild, names))

    def wait(self, timeout_ms: int = -1) -> bool:
        """Block until the pool is idle (for shutdown and tests); a merge not started yet is
        dropped (the next sync plans it again), so none starts on an index being closed."""
        self._merge_timer.stop()
        return self._pool.waitForDone(timeout_ms)


class SearchRunner(QObject):
    """Searches as the user types, in one worker: overtaken requests skipped, stale answers
    dropped."""

    answered = Signal(object)  # SearchResult of the latest request
    failed = Signal(str)
    busy = Signal(bool)

    def __init__(self, search_service, limit: int = 50, parent: QObject | None = None):
        super().__init__(parent)
        self._search = search_service
        self._limit = limit
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._generation = 0
        self._request: tuple[str, tuple[str, ...], tuple[str, ...], int] = ("", (), (), limit)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_now)
        self._jobs: dict[int, _Job] = {}

    @property
    def generation(self) -> int:
        return self._generation

    def request(
        self,
        query: str,
        tags: Sequence[str] = (),
        delay: bool = True,
        literal=(),
        limit: int | None = None,
    ) -> None:
        """Search for `query` filtered by `tags`; typing restarts the short wait.

        `literal`: lay phrases the user chose to search as typed rather than as a topic;
        `limit`: how many hits to show this time (default: the runner's own limit).
        """
        self._request = (query, tuple(tags), tuple(literal), limit or self._limit)
        if delay:
            self._timer.start()
        else:
            self.run_now()

    @property
    def pending(self) -> bool:
        """True while a request waits for the typing pause or for its answer."""
        return self._timer.isActive() or bool(self._jobs)

    def cancel(self) -> None:
        """Forget the request in progress: its answer, when it comes, is dropped."""
        self._timer.stop()
        self._generation += 1
        self.busy.emit(False)

    def run_now(self) -> None:
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        query, tags, literal, limit = self._request
        search = self._search

        def work(_progress):
            if generation != self._generation:
                return None  # typed over while waiting for the worker: not worth running
            return search.search(query, tags=tags, limit=limit, literal_phrases=literal)

        job = _Job(work)
        job.signals.finished.connect(lambda result: self._on_answer(generation, result))
        job.signals.failed.connect(lambda reason: self._on_failed(generation, reason))
        self._jobs[generation] = job
        self.busy.emit(True)
        self._pool.start(job)

    def _on_answer(self, generation: int, result) -> None:
        self._jobs.pop(generation, None)
        if generation != self._generation:
            return  # A newer request is on its way; this answer is stale.
        self.busy.emit(False)
        self.answered.emit(result)

    def _on_failed(self, generation: int, reason: str) -> None:
        self._jobs.pop(generation, None)
        if generation == self._generation:
            self.busy.emit(False)
            self.failed.emit(reason)

    def wait(self, timeout_ms: int = -1) -> bool:
        return self._pool.waitForDone(timeout_ms)


class SearchWarmer(QObject):
    """Gets search ready for the first searches in a low-priority worker, in small steps
    (`SearchService.warm_step`), once the index is open; each step takes the search lock
    for a few milliseconds only, so a keystroke's search never waits long behind it. The
    worker sends no signal back (it may outlive the window at exit): it just stops."""

    def __init__(self, search_service, parent: QObject | None = None):
        super().__init__(parent)
        self._search = search_service
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setThreadPriority(QThread.Priority.LowestPriority)
        self._state = threading.Lock()
        self._running = self._again = self._stopped = False
        self._delay = QTimer(self, singleShot=True, interval=WARM_DELAY_MS)
        self._delay.timeout.connect(self._start_now)

    def start(self) -> None:
        """Warm the current index generation (again after each change), once the search
        that usually follows a change has had the worker's time."""
        self._delay.start()

    def _start_now(self) -> None:
        with self._state:
            if self._stopped:
                return
            if self._running:
                self._again = True  # a newer generation came while warming: warm it after
                return
            self._running = True
        self._pool.start(self._warm)

    def _warm(self) -> None:
        try:
            while True:
                while not self._stopped and self._search.warm_step():
                    QThread.yieldCurrentThread()
                with self._state:
                    if self._stopped or not self._again:
                        return
                    self._again = False
        finally:
            with self._state:
                self._running = False

    def stop(self) -> None:
        """Stop after the step in progress, and wait for it (at shutdown)."""
        self._delay.stop()
        self._stopped = True
        self._pool.waitForDone()


def run_in_background(
    pool: QThreadPool, work: Callable[[], object], on_done: Callable[[object], None]
) -> _Job:
    """Run a small one-off job (for example "articles that mention this term")."""
    job = _Job(lambda _progress: work())
    job.signals.finished.connect(on_done)
    pool.start(job)
    return job


def _merge_delay_ms(small_segments: int) -> int:
    """How long the folder must stay quiet before the small segments are merged."""
    if small_segments >= MERGE_AT_ONCE:
        return 0
    return MERGE_SOON_MS if small_segments >= MERGE_SOON else MERGE_QUIET_MS
