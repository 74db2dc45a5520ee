"""The topic vocabulary: topic tags, their labels and the lay words people use for them.

Lay phrases are matched on stemmed words (Whoosh's Porter stemmer, the same one the index
uses), so "cramping legs" finds the phrase "cramp" and "bending my neck" finds "bend my neck".
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mspain_kb.core.vocabulary.text import fold, stemmed_words
from mspain_kb.resources import resource_path

_STOP_WORDS = frozenset({"a", "an", "the", "my", "i", "me", "of", "in", "on", "at", "when", "is"})
# "&" is no word, but typed for "and" ("pins & needles").
_AMPERSAND_RE = re.compile(r"&")


class VocabularyError(Exception):
    """The topic vocabulary file is missing or malformed."""


@dataclass(frozen=True)
class Topic:
    id: str
    label: str
    description: str
    kind: str = "symptom"
    lay: tuple[str, ...] = ()
    glossary: tuple[str, ...] = ()


@dataclass(frozen=True)
class LayMatch:
    """A lay phrase found in a query, and the topics it was read as."""

    phrase: str  # the vocabulary phrase, e.g. "pins and needles"
    text: str  # the words as the user typed them
    start: int  # character offsets in the query
    end: int
    topics: tuple[Topic, ...]


def _key(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(word for word in words if word not in _STOP_WORDS)


def _lay_words(text: str) -> list[tuple[str, int, int]]:
    """(stem, start, end) of each word of a typed text, with "&" read as "and"."""
    ampersands = [("and", m.start(), m.end()) for m in _AMPERSAND_RE.finditer(fold(text))]
    return sorted(stemmed_words(text) + ampersands, key=lambda word: word[1])


class Vocabulary:
    """All topics, with lookups by id or label and lay-phrase matching."""

    def __init__(self, topics: Iterable[Topic]):
        self.topics: tuple[Topic, ...] = tuple(topics)
        self._by_id = {topic.id: topic for topic in self.topics}
        self._by_name: dict[str, Topic] = {}
        for topic in self.topics:
            for name in (topic.id, topic.label, topic.id.replace("-", " ")):
                self._by_name.setdefault(self._name_key(name), topic)
        # Stemmed phrase (stop words dropped) -> (phrase, topics), for lay matching.
        self._phrases: dict[tuple[str, ...], tuple[str, list[Topic]]] = {}
        for topic in self.topics:
            for phrase in (*topic.lay, topic.label):
                key = _key(stem for stem, _, _ in stemmed_words(phrase))
                if not key:
                    continue
                entry = self._phrases.setdefault(key, (phrase, []))
                if topic not in entry[1]:
                    entry[1].append(topic)
        self._longest = max((len(key) for key in self._phrases), default=0)

    @staticmethod
    def _name_key(name: str) -> str:
        return re.sub(r"[^a-z0-9]+", "", fold(name).replace("'s", ""))

    def __iter__(self):
        return iter(self.topics)

    def __len__(self) -> int:
        return len(self.topics)

    def ids(self) -> list[str]:
        return [topic.id for topic in self.topics]

    def get(self, topic_id: str) -> Topic | None:
        return self._by_id.get(topic_id)

    def resolve(self, name: str) -> Topic | None:
        """A topic by id or label, ignoring case, accents, spaces and apostrophes."""
        return self._by_id.get(name) or self._by_name.get(self._name_key(name))

    def label(self, topic_id: str) -> str:
        topic = self._by_id.get(topic_id)
        return topic.label if topic else topic_id

    def match_lay_phrases(self, text: str) -> list[LayMatch]:
        """Lay phrases in `text`, longest first where they overlap, in reading order."""
        words = [w for w in _lay_words(text) if w[0] not in _STOP_WORDS]
        matches: list[LayMatch] = []
        position = 0
        while position < len(words):
            found = None
            for length in range(min(self._longest, len(words) - position), 0, -1):
                key = tuple(stem for stem, _, _ in words[position : position + length])
                if key in self._phrases:
                    found = (length, self._phrases[key])
                    break
            if found is None:
                position += 1
                continue
            length, (phrase, topics) = found
            start, end = words[position][1], words[position + length - 1][2]
            matches.append(LayMatch(phrase, text[start:end], start, end, tuple(topics)))
            position += length
        return matches

    def suggest_tags(self, text: str, limit: int = 4, min_hits: int = 2) -> list[str]:
        """Topic ids whose label or lay words occur most often in `text` (for the importer)."""
        counts: Counter[str] = Counter()
        for match in self.match_lay_phrases(text):
            for topic in match.topics:
                counts[topic.id] += 1
        return [topic_id for topic_id, n in counts.most_common() if n >= min_hits][:limit]


def load_vocabulary(path: Path | None = None) -> Vocabulary:
    """Read the topic vocabulary (default: the bundled resources/topics.toml)."""
    path = path or resource_path("topics.toml")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise VocabularyError(f"cannot read the topic vocabulary {path}: {exc}") from exc
    topics = []
    for number, raw in enumerate(data.get("topic", []), start=1):
        try:
            topics.append(
                Topic(
                    id=str(raw["id"]),
                    label=str(raw["label"]),
                    description=str(raw.get("description", "")),
                    kind=str(raw.get("kind", "symptom")),
                    lay=tuple(str(word) for word in raw.get("lay", [])),
                    glossary=tuple(str(term) for term in raw.get("glossary", [])),
                )
            )
        except KeyError as exc:
            raise VocabularyError(f"topic {number} in {path} has no {exc.args[0]}") from exc
    return Vocabulary(topics)
