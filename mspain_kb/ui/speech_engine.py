"""The system's speech engine for read aloud, through Qt's QTextToSpeech (PySide6-Addons).

Engines: "winrt" or "sapi" on Windows, "darwin" on macOS, "speechd" (Speech Dispatcher, which
drives espeak-ng or another synthesiser) on Linux. Speech runs inside Qt's event loop: `say`
returns at once and `stateChanged` reports the end of each utterance, so nothing blocks the
window and no thread is needed. Qt's "mock" engine (silent, 100 ms a word) is never chosen by
itself; MSPAIN_KB_SPEECH_ENGINE names an engine to use instead of the system's default (the
tests use "mock").

The engine is created on first use, not at start-up: Speech Dispatcher takes a second or two
to list its voices. Where there is no engine, `is_available()` is False and
`unavailable_reason()` says why and what to install, in one line.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

try:
    from PySide6.QtTextToSpeech import QTextToSpeech
except ImportError:  # PySide6-Addons is an optional dependency
    QTextToSpeech = None

ENV_ENGINE = "MSPAIN_KB_SPEECH_ENGINE"
TEST_ENGINE = "mock"
NO_QT_SPEECH = (
    "Read aloud needs Qt's speech module, which is not installed "
    '(install it with: pip install "mspain-kb[speech]").'
)


def no_engine_reason(platform: str = sys.platform) -> str:
    if platform.startswith("linux"):
        hint = (
            "on Linux install Speech Dispatcher and espeak-ng "
            "(Debian, Ubuntu: sudo apt install speech-dispatcher speech-dispatcher-espeak-ng)."
        )
    elif platform == "win32":
        hint = "on Windows add a voice in Settings, Time & language, Speech."
    elif platform == "darwin":
        hint = "on macOS add a voice in System Settings, Accessibility, Spoken Content."
    else:
        hint = "install a speech synthesiser for your system."
    return f"No speech engine was found on this computer; {hint}"


class QtSpeechEngine(QObject):
    """The read-aloud controller's `SpeechEngine`, speaking through QTextToSpeech."""

    def __init__(self, engine_name: str | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._wanted = engine_name if engine_name is not None else os.environ.get(ENV_ENGINE, "")
        self._tts = None
        self._reason = ""
        self._created = False
        self._finished: Callable[[], None] = lambda: None
        self._failed: Callable[[str], None] = lambda reason: None
        self._speaking = False  # an utterance was handed over and has not ended
        self._stopping = False  # stop() was asked; the engine has not yet said it is ready
        self._pending: str | None = None  # said while stopping: spoken once the engine is ready
        self._round = 0  # bumped by say() and stop(), so a late "finished" is dropped
        self._rate = 0.0

    # SpeechEngine --------------------------------------------------------------------------
    def connect(self, finished: Callable[[], None], failed: Callable[[str], None]) -> None:
        self._finished, self._failed = finished, failed

    def is_available(self) -> bool:
        return self._engine() is not None

    def started(self) -> bool:
        """Whether the engine was already looked for (the first time can take a second)."""
        return self._created

    def unavailable_reason(self) -> str:
        self._engine()
        return self._reason

    def engine_name(self) -> str:
        tts = self._engine()
        return tts.engine() if tts is not None else ""

    def can_pause(self) -> bool:
        tts = self._engine()
        return bool(tts and tts.engineCapabilities() & QTextToSpeech.Capability.PauseResume)

    def say(self, text: str) -> None:
        tts = self._engine()
        if tts is None:
            return
        self._round += 1
        if self._stopping:
            self._pending = text
            return
        self._speaking = True
        tts.setRate(self._rate)
        tts.say(text)

    def stop(self) -> None:
        self._round += 1
        self._pending = None
        self._speaking = False
        tts = self._tts
        if tts is None or tts.state() == QTextToSpeech.State.Ready:
            return
        self._stopping = True
        tts.stop()
        if tts.state() in (QTextToSpeech.State.Ready, QTextToSpeech.State.Error):
            self._stopping = False  # the engine stopped at once; no later "ready" will come

    def pause(self) -> None:
        if self._tts is not None and self._tts.state() == QTextToSpeech.State.Speaking:
            self._tts.pause()

    def resume(self) -> None:
        if self._tts is not None and self._tts.state() == QTextToSpeech.State.Paused:
            self._tts.resume()

    def set_rate(self, rate: float) -> None:
        self._rate = max(-1.0, min(1.0, rate))
        if self._tts is not None:
            self._tts.setRate(self._rate)

    # Inside --------------------------------------------------------------------------------
    def _engine(self):
        if not self._created:
            self._created = True
            self._tts, self._reason = self._create()
        return self._tts

    def _create(self):
        if QTextToSpeech is None:
            return None, NO_QT_SPEECH
        engines = QTextToSpeech.availableEngines()
        if self._wanted:
            if self._wanted not in engines:
                others = ", ".join(e for e in engines if e != TEST_ENGINE) or "none"
                return None, (
                    f"The speech engine “{self._wanted}” ({ENV_ENGINE}) is not available on this "
                    f"computer; it has: {others}."
                )
            name = self._wanted
        else:
            real = [engine for engine in engines if engine != TEST_ENGINE]
            if not real:
                return None, no_engine_reason()
            name = real[0]
        tts = QTextToSpeech(name, self)
        if tts.state() == QTextToSpeech.State.Error:
            reason = tts.errorString() or "it gave no reason"
            tts.deleteLater()
            return None, f"The speech engine could not start ({reason}); {_hint()}"
        tts.stateChanged.connect(self._on_state)
        return tts, ""

    def _on_state(self, state) -> None:
        if state == QTextToSpeech.State.Ready:
            if self._stopping:
                self._stopping = False
                if self._pending is not None:
                    text, self._pending = self._pending, None
                    QTimer.singleShot(0, self, lambda: self.say(text))
                return
            if self._speaking:
                self._speaking = False
                round_ = self._round
                # Reported from the event loop, not inside Qt's signal, so the controller may
                # start the next sentence at once.
                QTimer.singleShot(0, self, lambda: self._report_finished(round_))
        elif state == QTextToSpeech.State.Error:
            self._speaking = self._stopping = False
            self._pending = None
            reason = self._tts.errorString() if self._tts is not None else ""
            self._failed(reason or "the speech engine reported an error")

    def _report_finished(self, round_: int) -> None:
        if round_ == self._round:
            self._finished()


def _hint() -> str:
    reason = no_engine_reason()
    return reason.split("; ", 1)[1] if "; " in reason else reason
