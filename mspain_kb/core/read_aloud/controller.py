"""Read text aloud a sentence at a time, through any speech engine, with no window code.

The controller cuts the text into sentences (`sentences.split_sentences`), hands the engine
one sentence at a time, and tells the window which sentence is being read (its character
offsets, for the highlight), whether it is playing, paused or stopped, and any one-line
message. One sentence per utterance keeps the highlight exact on every engine (not all report
word progress), lets a speed change apply from the next sentence, and gives engines that cannot
pause a place to resume: the sentence that was interrupted is read again.

Where no speech engine exists the controller only reports the engine's one-line reason and
does nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Protocol

from mspain_kb.core.read_aloud.sentences import Sentence, split_sentences

RATE_STEP = 0.25  # engine rates run from -1.0 (slowest) through 0.0 (normal) to 1.0 (fastest)
NOTHING_TO_READ = "There is no text to read here."


class SpeechEngine(Protocol):
    """What the controller needs from a speech library (see `ui/speech_engine.py`)."""

    def connect(self, finished: Callable[[], None], failed: Callable[[str], None]) -> None:
        """Call `finished()` when an utterance ends by itself (not after `stop`), and
        `failed(reason)` when speech fails."""

    def is_available(self) -> bool: ...

    def unavailable_reason(self) -> str:
        """One line saying why there is no speech, and what to install."""

    def can_pause(self) -> bool: ...

    def say(self, text: str) -> None: ...

    def stop(self) -> None: ...

    def pause(self) -> None: ...

    def resume(self) -> None: ...

    def set_rate(self, rate: float) -> None: ...


class State(Enum):
    STOPPED = "stopped"
    PLAYING = "playing"
    PAUSED = "paused"


class ReadAloud:
    def __init__(
        self,
        engine: SpeechEngine,
        *,
        on_sentence: Callable[[int, int, int], None] = lambda index, start, end: None,
        on_state: Callable[[State], None] = lambda state: None,
        on_message: Callable[[str], None] = lambda text: None,
        rate: float = 0.0,
    ):
        """`on_sentence(index, start, end)`: sentence `index` is being read, at those offsets
        (into the text given to `start`, plus its offset)."""
        self.engine = engine
        self.on_sentence = on_sentence
        self.on_state = on_state
        self.on_message = on_message
        self.state = State.STOPPED
        self.sentences: list[Sentence] = []
        self.index = -1  # the sentence being read, -1 when stopped
        self.rate = _clamp(rate)
        self._ended_while_paused = False
        engine.connect(self._utterance_finished, self._engine_failed)

    # What the window asks ------------------------------------------------------------------
    def available(self) -> bool:
        return self.engine.is_available()

    def start(self, text: str, offset: int = 0) -> bool:
        """Read `text` from its first sentence (offsets reported are shifted by `offset`, e.g.
        where a selection starts). False, with a message, when there is nothing to read or no
        engine."""
        self.stop()
        if not self.engine.is_available():
            self.on_message(self.engine.unavailable_reason())
            return False
        sentences = split_sentences(text, offset)
        if not sentences:
            self.on_message(NOTHING_TO_READ)
            return False
        self.sentences, self.index = sentences, 0
        self.engine.set_rate(self.rate)
        self._set_state(State.PLAYING)
        self._speak()
        return True

    def pause(self) -> None:
        if self.state is not State.PLAYING:
            return
        self._ended_while_paused = False
        self._set_state(State.PAUSED)
        if self.engine.can_pause():
            self.engine.pause()
        else:
            self.engine.stop()

    def resume(self) -> None:
        if self.state is not State.PAUSED:
            return
        self._set_state(State.PLAYING)
        if self._ended_while_paused:
            self._next()
        elif self.engine.can_pause():
            self.engine.resume()
        else:
            self._speak()  # the interrupted sentence again, from its start

    def toggle(self) -> bool:
        """Pause while playing, resume while paused; False when stopped (nothing to toggle)."""
        if self.state is State.PLAYING:
            self.pause()
        elif self.state is State.PAUSED:
            self.resume()
        else:
            return False
        return True

    def stop(self) -> None:
        if self.state is State.STOPPED:
            return
        self.engine.stop()
        self._finish()

    def set_rate(self, rate: float) -> float:
        """Reading speed from -1.0 to 1.0 (0 is the engine's normal); applies from the next
        sentence on engines that cannot change speed mid-sentence."""
        self.rate = _clamp(rate)
        self.engine.set_rate(self.rate)
        return self.rate

    def faster(self) -> float:
        return self.set_rate(self.rate + RATE_STEP)

    def slower(self) -> float:
        return self.set_rate(self.rate - RATE_STEP)

    def current(self) -> Sentence | None:
        return self.sentences[self.index] if 0 <= self.index < len(self.sentences) else None

    # What the engine reports ---------------------------------------------------------------
    def _utterance_finished(self) -> None:
        if self.state is State.PAUSED:
            self._ended_while_paused = True  # the engine paused only at the sentence's end
        elif self.state is State.PLAYING:
            self._next()

    def _engine_failed(self, reason: str) -> None:
        if self.state is not State.STOPPED:
            self._finish()
        self.on_message(f"Reading aloud stopped: {reason}")

    # Inside --------------------------------------------------------------------------------
    def _next(self) -> None:
        self._ended_while_paused = False
        self.index += 1
        if self.index < len(self.sentences):
            self._speak()
        else:
            self._finish()

    def _speak(self) -> None:
        sentence = self.sentences[self.index]
        self.on_sentence(self.index, sentence.start, sentence.end)
        self.engine.say(sentence.text)

    def _finish(self) -> None:
        self.sentences, self.index = [], -1
        self._ended_while_paused = False
        self._set_state(State.STOPPED)

    def _set_state(self, state: State) -> None:
        if state is not self.state:
            self.state = state
            self.on_state(state)


def speed_words(rate: float) -> str:
    """ "normal", "2 steps faster", "1 step slower": the speed as people would say it."""
    steps = round(rate / RATE_STEP)
    if steps == 0:
        return "normal"
    word = "step" if abs(steps) == 1 else "steps"
    return f"{abs(steps)} {word} {'faster' if steps > 0 else 'slower'}"


def _clamp(rate: float) -> float:
    return max(-1.0, min(1.0, round(float(rate) / RATE_STEP) * RATE_STEP))
