"""The read-aloud controller, driven through a fake speech engine that records what it is told."""

from __future__ import annotations

import pytest

from mspain_kb.core.read_aloud.controller import (
    NOTHING_TO_READ,
    RATE_STEP,
    ReadAloud,
    State,
    speed_words,
)

TEXT = "Pain is common in MS. It can be treated. Ask your nurse."


class FakeEngine:
    """A speech engine that speaks nothing: it records calls; the test ends utterances."""

    def __init__(self, available=True, can_pause=True):
        self.available = available
        self.pausable = can_pause
        self.calls: list[tuple] = []
        self.finished = self.failed = None

    def connect(self, finished, failed):
        self.finished, self.failed = finished, failed

    def is_available(self):
        return self.available

    def unavailable_reason(self):
        return "No speech engine was found on this computer; install espeak-ng."

    def can_pause(self):
        return self.pausable

    def say(self, text):
        self.calls.append(("say", text))

    def stop(self):
        self.calls.append(("stop",))

    def pause(self):
        self.calls.append(("pause",))

    def resume(self):
        self.calls.append(("resume",))

    def set_rate(self, rate):
        self.calls.append(("rate", rate))

    def said(self) -> list[str]:
        return [call[1] for call in self.calls if call[0] == "say"]


class Recorder:
    def __init__(self):
        self.sentences, self.states, self.messages = [], [], []

    def controller(self, engine, **options) -> ReadAloud:
        return ReadAloud(
            engine,
            on_sentence=lambda *args: self.sentences.append(args),
            on_state=self.states.append,
            on_message=self.messages.append,
            **options,
        )


@pytest.fixture
def seen():
    return Recorder()


def test_sentences_are_spoken_in_order_with_their_offsets(seen):
    engine = FakeEngine()
    reader = seen.controller(engine)
    assert reader.start(TEXT)
    for _ in range(3):
        engine.finished()
    assert engine.said() == ["Pain is common in MS.", "It can be treated.", "Ask your nurse."]
    assert [TEXT[start:end] for _index, start, end in seen.sentences] == engine.said()
    assert [index for index, _start, _end in seen.sentences] == [0, 1, 2]
    assert seen.states == [State.PLAYING, State.STOPPED]
    assert reader.state is State.STOPPED and reader.current() is None


def test_the_selected_text_is_read_with_offsets_into_the_page(seen):
    page = "Title\n" + TEXT
    selection_start = page.index("It can")
    selection = page[selection_start : page.index("Ask")]
    engine = FakeEngine()
    seen.controller(engine).start(selection, offset=selection_start)
    engine.finished()
    assert engine.said() == ["It can be treated."]
    ((index, start, end),) = seen.sentences
    assert page[start:end] == "It can be treated."
    assert seen.states[-1] is State.STOPPED


def test_pause_and_resume_through_the_engine(seen):
    engine = FakeEngine(can_pause=True)
    reader = seen.controller(engine)
    reader.start(TEXT)
    reader.pause()
    assert reader.state is State.PAUSED and engine.calls[-1] == ("pause",)
    engine.finished()  # a late end of the paused sentence does not move on by itself
    assert engine.said() == ["Pain is common in MS."]
    reader.resume()
    assert reader.state is State.PLAYING
    assert engine.said() == ["Pain is common in MS.", "It can be treated."]  # it had ended


def test_resume_continues_the_paused_sentence(seen):
    engine = FakeEngine(can_pause=True)
    reader = seen.controller(engine)
    reader.start(TEXT)
    assert reader.toggle()  # pause
    assert reader.toggle()  # resume
    assert engine.calls[-2:] == [("pause",), ("resume",)]
    assert engine.said() == ["Pain is common in MS."]
    assert seen.states == [State.PLAYING, State.PAUSED, State.PLAYING]


def test_an_engine_that_cannot_pause_reads_the_sentence_again(seen):
    engine = FakeEngine(can_pause=False)
    reader = seen.controller(engine)
    reader.start(TEXT)
    engine.finished()
    reader.pause()
    assert engine.calls[-1] == ("stop",)
    reader.resume()
    assert engine.said() == ["Pain is common in MS.", "It can be treated.", "It can be treated."]
    assert [index for index, _s, _e in seen.sentences] == [0, 1, 1]


def test_stop_ends_reading_and_late_engine_reports_change_nothing(seen):
    engine = FakeEngine()
    reader = seen.controller(engine)
    reader.start(TEXT)
    reader.stop()
    assert engine.calls[-1] == ("stop",)
    assert reader.state is State.STOPPED
    engine.finished()
    assert engine.said() == ["Pain is common in MS."]
    assert not reader.toggle()  # nothing to pause or resume
    assert seen.states == [State.PLAYING, State.STOPPED]


def test_starting_again_stops_the_reading_in_progress(seen):
    engine = FakeEngine()
    reader = seen.controller(engine)
    reader.start(TEXT)
    engine.finished()
    reader.start("Another page. Read from the top.")
    assert engine.calls[-3:] == [("stop",), ("rate", 0.0), ("say", "Another page.")]
    assert reader.index == 0


def test_speed_steps_are_clamped_and_reach_the_engine(seen):
    engine = FakeEngine()
    reader = seen.controller(engine, rate=0.5)
    assert reader.faster() == 0.5 + RATE_STEP
    for _ in range(10):
        reader.faster()
    assert reader.rate == 1.0
    assert reader.set_rate(-7) == -1.0
    assert reader.slower() == -1.0
    reader.set_rate(0.0)
    reader.start(TEXT)
    assert ("rate", 0.0) in engine.calls
    reader.slower()
    assert engine.calls[-1] == ("rate", -RATE_STEP)


@pytest.mark.parametrize(
    ("rate", "words"),
    [(0.0, "normal"), (0.25, "1 step faster"), (-0.5, "2 steps slower"), (1.0, "4 steps faster")],
)
def test_speed_in_words(rate, words):
    assert speed_words(rate) == words


def test_without_an_engine_it_says_why_in_one_line_and_does_nothing(seen):
    engine = FakeEngine(available=False)
    reader = seen.controller(engine)
    assert not reader.start(TEXT)
    assert seen.messages == ["No speech engine was found on this computer; install espeak-ng."]
    reader.pause()
    reader.resume()
    reader.stop()
    assert engine.calls == []
    assert reader.state is State.STOPPED and seen.states == []


def test_nothing_to_read_is_said_plainly(seen):
    engine = FakeEngine()
    assert not seen.controller(engine).start("  \n ")
    assert seen.messages == [NOTHING_TO_READ]
    assert engine.said() == []


def test_an_engine_failure_stops_reading_with_its_reason(seen):
    engine = FakeEngine()
    reader = seen.controller(engine)
    reader.start(TEXT)
    engine.failed("the audio device was unplugged")
    assert reader.state is State.STOPPED
    assert seen.messages == ["Reading aloud stopped: the audio device was unplugged"]
