"""The query sets of the relevance benchmark, each query with the articles that answer it.

- **questions**: a fixed-seed sample of MedQuAD's own questions, as written ("What is (are)
  Kabuki syndrome ?"). The answer is the document the question came from; documents with
  the same focus (MedQuAD repeats some topics across its NIH sources) count as answers too.
- **lower**: the same questions lower-cased, without "?", as people type them.
- **typo**: the same questions with one typing slip (seeded) in one content word.
- **lay**: questions written the way a patient asks, not in the documents' title words
  (`bench/lay_questions.toml`), each with the focus names of the documents that answer it.
"""

from __future__ import annotations

import random
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from bench.medquad import Document, focus_key

LAY_FILE = Path(__file__).resolve().parent / "lay_questions.toml"
SET_NAMES = ("questions", "lower", "typo", "lay")
_WORD_RE = re.compile(r"[A-Za-z]{5,}")
# Words a typo would not change the meaning of the question for: its frame, not its subject.
_FRAME = "about affected causes clinical diagnose genetic inherited people research symptoms \
treatments trials changes related prevent outlook information being there which"
_FRAME_WORDS = frozenset(_FRAME.split())


@dataclass(frozen=True)
class Query:
    text: str
    relevant: frozenset[str]  # article ids


def _by_focus(documents: list[Document]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for document in documents:
        found.setdefault(document.focus_key, set()).add(document.key)
    return found


def own_questions(documents: list[Document], count: int, seed: int) -> list[Query]:
    """`count` questions drawn with `seed` from every (document, question) pair."""
    focus = _by_focus(documents)
    pairs = [(document, pair.question) for document in documents for pair in document.pairs]
    chosen = random.Random(seed).sample(pairs, min(count, len(pairs)))
    return [
        Query(question, frozenset(focus[document.focus_key] | {document.key}))
        for document, question in chosen
    ]


def lower_cased(queries: list[Query]) -> list[Query]:
    return [Query(" ".join(q.text.replace("?", " ").lower().split()), q.relevant) for q in queries]


def with_typo(queries: list[Query], seed: int) -> list[Query]:
    """Each question with one slip (a swapped, dropped, doubled or wrong letter) in one word
    of at least five letters that is not part of the question's frame."""
    rng = random.Random(seed)
    result = []
    for query in queries:
        words = [m for m in _WORD_RE.finditer(query.text) if m.group(0).lower() not in _FRAME_WORDS]
        if not words:
            result.append(query)
            continue
        match = rng.choice(words)
        slipped = typo(match.group(0), rng)
        text = query.text[: match.start()] + slipped + query.text[match.end() :]
        result.append(Query(text, query.relevant))
    return result


def typo(word: str, rng: random.Random) -> str:
    """One typing slip, never in the first letter (people rarely get that wrong)."""
    position = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("swap", "drop", "double", "replace"))
    if kind == "swap":
        return word[:position] + word[position + 1] + word[position] + word[position + 2 :]
    if kind == "drop":
        return word[:position] + word[position + 1 :]
    if kind == "double":
        return word[:position] + word[position] + word[position:]
    letters = "abcdefghijklmnopqrstuvwxyz".replace(word[position].lower(), "")
    return word[:position] + rng.choice(letters) + word[position + 1 :]


def lay_questions(documents: list[Document], path: Path = LAY_FILE) -> tuple[list[Query], int]:
    """The hand-written lay questions whose answers are in `documents`, and how many were left
    out because none of their answers is (the 300-document sample holds few)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    focus = _by_focus(documents)
    queries, missing = [], 0
    for item in data["question"]:
        relevant = set()
        for name in item["answers"]:
            relevant |= focus.get(focus_key(name), set())
        if relevant:
            queries.append(Query(item["text"], frozenset(relevant)))
        else:
            missing += 1
    return queries, missing


def query_sets(documents: list[Document], count: int, seed: int) -> tuple[dict, dict]:
    """{set name: [Query]} and notes about each set (sizes, left-out queries)."""
    questions = own_questions(documents, count, seed)
    lay, missing = lay_questions(documents)
    sets = {
        "questions": questions,
        "lower": lower_cased(questions),
        "typo": with_typo(questions, seed),
        "lay": lay,
    }
    notes = {"lay_left_out": missing}
    return sets, notes
