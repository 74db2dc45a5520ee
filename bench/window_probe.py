"""Drive the real main window off screen and time what a user waits for.

Started by `bench.gui` as its own process, with the launch time in $BENCH_T0, so start-up
includes the interpreter, the imports and opening the index, as a double-click would. Uses
only the window's public objects and signals: the window's `show()`, `search_box` and
`search_panel.results`; its controller's `start()`, `search.runner.busy`, `searchShown` and
`indexSynced`.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

from bench.measure import summarize

T0 = float(os.environ.get("BENCH_T0", time.time()))
WAIT_MS = 60_000
MENTION_TERMS = (
    "fatigue",
    "allodynia",
    "neuropathic pain",
    "spasticity",
    "pins and needles",
    "myelin",
)
TYPED = ("leg pain at night", "pins and needles", "spasticity", "burning feet")


class _Typist:
    """Types into the real search box one key at a time, timing each key to results painted.

    Each key waits for its results before the next, like someone who pauses to read; the
    window's own signals mark the moments: `search.runner.busy(True)` when the search starts
    after the typing pause, `searchShown` when the results are laid out.
    """

    def __init__(self, app, window):
        self.app, self.window = app, window
        self.keystroke: list[float] = []
        self.after_pause: list[float] = []
        self.stalls = 0

    def type_text(self, text: str) -> None:
        from PySide6.QtCore import QEventLoop, QTimer
        from PySide6.QtTest import QTest

        box, window = self.window.search_box, self.window
        box.clear()
        self.app.processEvents()
        for char in text:
            times: dict[str, float] = {}
            loop = QEventLoop()

            def on_busy(busy, times=times):
                if busy:
                    times.setdefault("search_started", time.perf_counter())

            def on_shown(_result, times=times, loop=loop):
                times["shown"] = time.perf_counter()
                loop.quit()

            window.controller.search.runner.busy.connect(on_busy)
            window.controller.searchShown.connect(on_shown)
            start = time.perf_counter()
            QTest.keyClick(box, char)
            if "shown" not in times:
                QTimer.singleShot(WAIT_MS, loop.quit)
                loop.exec()
            window.controller.search.runner.busy.disconnect(on_busy)
            window.controller.searchShown.disconnect(on_shown)
            if "shown" not in times:
                self.stalls += 1
                continue
            window.search_panel.results.viewport().repaint()  # painted, not only laid out
            painted = time.perf_counter()
            self.keystroke.append(painted - start)
            self.after_pause.append(painted - times.get("search_started", start))

    def take(self) -> tuple[list[float], list[float]]:
        """The timings so far (keystroke, after the typing pause), and start afresh."""
        taken = (self.keystroke, self.after_pause)
        self.keystroke, self.after_pause = [], []
        return taken


def _instrument(window, services, marks: dict) -> dict[str, list[float]]:
    """Time the search (worker thread) and laying out results (main thread) per request,
    and note when "articles that mention this term" arrive in the glossary pane. Wraps the
    window's objects from outside; nothing in the window changes behaviour."""
    spent: dict[str, list[float]] = {"search": [], "show": []}

    def timed(function, bucket):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[bucket].append(time.perf_counter() - start)

        return wrapper

    services.search.search = timed(services.search.search, "search")
    window.search_panel.show_result = timed(window.search_panel.show_result, "show")
    set_mentions = window.glossary_panel.set_mentions

    def mentions_ready(*args, **kwargs):
        marks["mentions"] = time.time()
        return set_mentions(*args, **kwargs)

    window.glossary_panel.set_mentions = mentions_ready
    return spent


def _time_mentions(app, window, services, marks: dict) -> list[float]:
    """Choose glossary entries the way a user does, each timed until the pane lists the
    articles that mention it (asked of the index in the background)."""
    from PySide6.QtCore import QEventLoop

    times = []
    for term in MENTION_TERMS:
        entry = services.glossary.lookup(term)
        if entry is None:
            continue
        marks.pop("mentions", None)
        start = time.time()
        window.controller.show_glossary_entry(entry.slug)
        deadline = start + WAIT_MS / 1000
        while "mentions" not in marks and time.time() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 20)
        if "mentions" in marks:
            times.append(marks["mentions"] - start)
    return times


def _time_live_changes(app, window, services, articles_dir: Path, repeats: int) -> dict:
    """In the running window, change or add one article file and time until a search finds
    it: the folder watcher notices, the index updates, the search answers. Undone after."""
    from PySide6.QtCore import QEventLoop

    files = sorted(articles_dir.glob("bench-*.md"))
    originals: dict[Path, str] = {}
    added: list[Path] = []
    figures: dict = {}
    synced: list = []
    window.controller.indexSynced.connect(synced.append)
    try:
        for kind in ("changed", "added"):
            samples, missed = [], 0
            for number in range(repeats):
                marker = f"zzwindow{kind}{number}"
                if kind == "changed":
                    path = files[(number * 131 + 7) % len(files)]
                    originals.setdefault(path, path.read_text(encoding="utf-8"))
                    text = originals[path] + f"\nA {marker} sentence.\n"
                else:
                    path = articles_dir / f"zz-window-added-{number}.md"
                    added.append(path)
                    text = f"title: Added {number}\n\nA {marker} sentence.\n"
                synced.clear()
                start = time.perf_counter()
                path.write_text(text, encoding="utf-8")
                found = False
                deadline = start + 10
                while not found and time.perf_counter() < deadline:
                    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
                    if synced and any(report.changed for report in synced):
                        synced.clear()
                        hits = services.search.search(marker, (), limit=10).hits
                        found = any(hit.id == path.stem for hit in hits)
                if found:
                    samples.append(time.perf_counter() - start)
                missed += not found
            figures[f"window_{kind}_found"] = summarize(samples)
            figures[f"window_{kind}_missed"] = missed
    finally:
        for path, text in originals.items():
            path.write_text(text, encoding="utf-8")
        for path in added:
            path.unlink(missing_ok=True)
        end = time.perf_counter() + 5
        while time.perf_counter() < end and not synced:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 20)
        window.controller.indexSynced.disconnect(synced.append)
    return figures


def main() -> None:
    options = json.loads(sys.argv[2])
    out = Path(sys.argv[1])
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer

    from bench.measure import current_rss_mb, peak_rss_mb, rss_parts_mb, summarize
    from mspain_kb.config import Paths
    from mspain_kb.resources import bundled_dir
    from mspain_kb.services import Services
    from mspain_kb.ui.app import create_application, open_settings
    from mspain_kb.ui.window_controller import open_window

    figures: dict = {"imports_ms": round((time.time() - T0) * 1000)}
    # Throw-away settings, so the benchmark never changes a user's window state.
    settings_dir = Path(options.get("settings_dir") or tempfile.mkdtemp(prefix="mspain-bench-"))
    settings_dir.mkdir(parents=True, exist_ok=True)
    services = Services(
        Paths(
            articles_dir=Path(options["articles_dir"]),
            index_dir=Path(options["index_dir"]),
            resources_dir=bundled_dir("resources"),
            settings_dir=settings_dir,
        )
    )
    app = create_application()
    window = open_window(services, open_settings(settings_dir))
    marks: dict[str, float] = {}

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.Paint and "paint" not in marks:
                marks["paint"] = time.time()
                QTimer.singleShot(0, lambda: marks.setdefault("painted", time.time()))
            return False

    painter_watch = FirstPaint()
    window.installEventFilter(painter_watch)
    spent = _instrument(window, services, marks)
    controller = window.controller
    controller.indexSynced.connect(lambda _report: marks.setdefault("synced", time.time()))
    controller.searchShown.connect(lambda _result: marks.setdefault("first_results", time.time()))

    def search_at_first_frame():
        """A user who types the moment the window appears: is it usable at once?"""
        if "painted" not in marks:
            QTimer.singleShot(1, search_at_first_frame)
            return
        window.search_box.setText("spasticity")

    window.show()
    QTimer.singleShot(0, controller.start)
    QTimer.singleShot(0, search_at_first_frame)
    deadline = time.time() + WAIT_MS / 1000
    while not {"painted", "synced", "first_results"} <= set(marks) and time.time() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    for name in ("painted", "synced", "first_results"):
        if name in marks:
            figures[f"{name}_ms"] = round((marks[name] - T0) * 1000)
    figures["first_frame_ms"] = figures.get("painted_ms")
    if "first_results" in marks and "painted" in marks:
        waited = marks["first_results"] - marks["painted"]
        figures["first_search_after_frame_ms"] = round(waited * 1000)

    typing = _Typist(app, window)
    typing.type_text("spasticity")  # while the window still finishes its start-up jobs
    figures["keystroke_during_startup"] = summarize(typing.take()[0])
    spent["search"].clear()
    spent["show"].clear()
    for text in TYPED if options.get("keystrokes", 30) >= 30 else TYPED[2:3]:
        typing.type_text(text)
    keystroke, after_pause = typing.take()
    figures["keystrokes_without_results"] = typing.stalls
    figures["search_in_worker"] = summarize(spent["search"])
    figures["show_result_on_main_thread"] = summarize(spent["show"])
    figures["keystroke"] = summarize(keystroke)
    figures["keystroke_after_typing_pause"] = summarize(after_pause)
    figures["glossary_mentions"] = summarize(_time_mentions(app, window, services, marks))
    figures["rss_after_typing_mb"] = current_rss_mb()
    figures["rss_after_typing_parts_mb"] = rss_parts_mb()
    repeats = 8 if options.get("keystrokes", 30) >= 30 else 2
    articles_dir = Path(options["articles_dir"])
    figures |= _time_live_changes(app, window, services, articles_dir, repeats)
    figures["peak_rss_mb"] = peak_rss_mb()
    controller.shut_down()
    window.hide()
    services.close()
    out.write_text(json.dumps(figures), encoding="utf-8")
    sys.stdout.flush()
    os._exit(0)  # the figures are written; skip tearing down Qt and the worker threads


if __name__ == "__main__":
    main()
