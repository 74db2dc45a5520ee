"""Search as you type: the answer shown is always for the latest text, and searches that
newer typing overtook while they waited are not run at all."""

from __future__ import annotations

import threading

from mspain_kb.core.search.search_result import SearchResult
from mspain_kb.ui.workers import SearchRunner


class _SlowService:
    """Holds the first search until released, as a long search on a big collection would."""

    def __init__(self):
        self.calls: list[str] = []
        self.release = threading.Event()

    def search(self, query, tags=(), limit=20, literal_phrases=()):
        self.calls.append(query)
        if len(self.calls) == 1:
            self.release.wait(5)
        return SearchResult(query=query, total=len(query))


def test_keys_typed_during_a_search_run_only_the_latest_text(qtbot):
    service = _SlowService()
    runner = SearchRunner(service)
    shown: list[str] = []
    runner.answered.connect(lambda result: shown.append(result.query))
    runner.request("s")
    qtbot.waitUntil(lambda: service.calls == ["s"])
    for text in ("sp", "spa", "spas"):
        runner.request(text)
        qtbot.wait(5)
    service.release.set()
    qtbot.waitUntil(lambda: shown == ["spas"])
    runner.wait(5000)
    assert service.calls == ["s", "spas"]
    assert shown == ["spas"]
