"""Read aloud through QTextToSpeech: Qt's silent mock engine, and once through a real one."""

from __future__ import annotations

import os
import sys

import pytest

from mspain_kb.core.read_aloud.controller import ReadAloud, State
from mspain_kb.ui.speech_engine import QTextToSpeech, QtSpeechEngine, no_engine_reason

pytestmark = pytest.mark.skipif(
    QTextToSpeech is None, reason='PySide6-Addons is not installed (pip install ".[speech]")'
)
TEXT = "Pain is common in MS. It can be treated. Ask your nurse."
SENTENCES = ["Pain is common in MS.", "It can be treated.", "Ask your nurse."]
TIMEOUT_MS = 20_000


class Progress:
    def __init__(self, engine):
        self.sentences: list[str] = []
        self.states: list[State] = []
        self.messages: list[str] = []
        self.reader = ReadAloud(
            engine,
            on_sentence=lambda _i, start, end: self.sentences.append(self.text[start:end]),
            on_state=self.states.append,
            on_message=self.messages.append,
        )
        self.text = ""

    def start(self, text: str) -> bool:
        self.text = text
        return self.reader.start(text)

    def done(self) -> bool:
        return self.reader.state is State.STOPPED


def test_the_mock_engine_reads_every_sentence_in_order(qtbot):
    engine = QtSpeechEngine("mock")
    progress = Progress(engine)
    assert engine.is_available() and engine.can_pause()
    assert progress.start(TEXT)
    qtbot.waitUntil(progress.done, timeout=TIMEOUT_MS)
    assert progress.sentences == SENTENCES
    assert progress.states == [State.PLAYING, State.STOPPED]


def test_pause_holds_the_sentence_and_resume_goes_on(qtbot):
    engine = QtSpeechEngine("mock")
    progress = Progress(engine)
    progress.start(TEXT)
    progress.reader.pause()
    qtbot.wait(1000)  # longer than the first sentence takes
    assert progress.sentences == SENTENCES[:1]
    assert progress.reader.state is State.PAUSED
    progress.reader.resume()
    qtbot.waitUntil(progress.done, timeout=TIMEOUT_MS)
    assert progress.sentences == SENTENCES


def test_starting_again_while_speaking_reads_the_new_text_from_its_start(qtbot):
    """The engine's "ready" after the stop is not taken for the end of the new sentence."""
    engine = QtSpeechEngine("mock")
    progress = Progress(engine)
    progress.start(TEXT)
    qtbot.waitUntil(lambda: len(progress.sentences) == 2, timeout=TIMEOUT_MS)
    progress.sentences.clear()
    progress.start("A new page starts here. It has two sentences.")
    qtbot.waitUntil(progress.done, timeout=TIMEOUT_MS)
    assert progress.sentences == ["A new page starts here.", "It has two sentences."]


def test_an_engine_that_is_not_there_says_so_and_stays_harmless():
    engine = QtSpeechEngine("no-such-engine")
    progress = Progress(engine)
    assert not engine.is_available()
    assert not progress.start(TEXT)
    (message,) = progress.messages
    assert message.startswith("The speech engine “no-such-engine” (MSPAIN_KB_SPEECH_ENGINE)")
    assert "\n" not in message
    progress.reader.toggle()
    progress.reader.stop()
    assert progress.states == []


def test_the_missing_engine_message_says_what_to_install():
    assert "espeak-ng" in no_engine_reason("linux")
    assert "Speech" in no_engine_reason("win32")
    assert "Spoken Content" in no_engine_reason("darwin")


@pytest.fixture
def silent_speech_dispatcher(isolated_user_dirs, monkeypatch):
    """On Linux: a private Speech Dispatcher for this test, playing into ALSA's null device."""
    home = isolated_user_dirs
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(home / "runtime"))
    monkeypatch.delenv("SPEECHD_ADDRESS", raising=False)
    (home / "runtime").mkdir(mode=0o700)
    (home / ".asoundrc").write_text("pcm.!default { type null }\n", encoding="utf-8")
    config = home / "config" / "speech-dispatcher"
    config.mkdir(parents=True)
    (config / "speechd.conf").write_text('AudioOutputMethod "alsa"\nTimeout 3\n', "utf-8")


def test_a_real_speech_engine_reads_every_sentence(qtbot, request):
    """Speech Dispatcher on Linux (silenced), SAPI or WinRT on Windows, AVFoundation on macOS.

    Skipped where the computer has no speech engine; CI installs one, so there it must run.
    """
    if sys.platform.startswith("linux"):
        request.getfixturevalue("silent_speech_dispatcher")
    engine = QtSpeechEngine("")
    if not engine.is_available():
        reason = f"no speech engine on this computer: {engine.unavailable_reason()}"
        if os.environ.get("CI"):
            pytest.fail(f".ci/run installs a speech engine, but there is {reason}")
        pytest.skip(reason)
    assert engine.engine_name() != "mock"
    progress = Progress(engine)
    assert progress.start(TEXT)
    qtbot.waitUntil(progress.done, timeout=60_000)
    assert progress.messages == []
    assert progress.sentences == SENTENCES
