"""A deterministic synthetic article collection in the project's own file format.

Each article is drawn from its own `random.Random(f"{seed}:{number}")`, so article 17 is the
same file in a collection of 1,000 and of 10,000. Words follow a Zipf-like distribution over
common English, medical words, the glossary terms and the topic labels and lay phrases from
`resources/`, so the index sees realistic term frequencies: a few very common words and a
long tail of rare ones. About 3% of articles carry a promotional block.

Collections are cached in `bench/.cache/<size>-<seed>/` and generated only when missing or
when the generator's inputs changed (a fingerprint is kept in a hidden manifest file).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import random
import shutil
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bench import words
from mspain_kb.core.collection.article import PROMOTIONAL_FLAG, PROMOTIONAL_TITLE, format_article
from mspain_kb.resources import resource_path

GENERATOR_VERSION = 1
CACHE_ROOT = Path(__file__).resolve().parent / ".cache"
MANIFEST = ".bench-collection.json"
MIN_WORDS, MAX_WORDS, MODE_WORDS = 300, 3000, 700
PROMOTIONAL_SHARE = 0.03
ZIPF_EXPONENT = 1.05
TAIL_WORDS = 30_000


@dataclass(frozen=True)
class TopicWords:
    id: str
    label: str
    lay: tuple[str, ...]
    glossary: tuple[str, ...]


@dataclass(frozen=True)
class SourceWords:
    """Everything the generator draws from, with Zipf weights over the single words."""

    ranked: tuple[str, ...]
    cum_weights: tuple[float, ...]
    topics: tuple[TopicWords, ...]
    glossary_terms: tuple[str, ...]
    fingerprint: str


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}


@cache
def source_words() -> SourceWords:
    """Build the vocabulary from `bench/words.py` and the real topics and glossary files."""
    topics_path, glossary_path = resource_path("topics.toml"), resource_path("glossary.toml")
    topics = tuple(
        TopicWords(
            id=raw["id"],
            label=raw["label"],
            lay=tuple(raw.get("lay", ())),
            glossary=tuple(raw.get("glossary", ())),
        )
        for raw in _read_toml(topics_path).get("topic", [])
    )
    glossary = {term for topic in topics for term in topic.glossary}
    for entry in _read_toml(glossary_path).get("entry", []):
        glossary.add(entry.get("term", ""))
        glossary.update(entry.get("aliases", ()))
    glossary_terms = tuple(sorted(term for term in glossary if term))

    ranked: dict[str, None] = {}
    extra_words = [w for phrase in glossary_terms for w in phrase.lower().split()]
    for topic in topics:
        extra_words += [w for phrase in topic.lay for w in phrase.lower().split()]
    for word in itertools.chain(words.COMMON, words.MEDICAL, sorted(set(extra_words))):
        ranked.setdefault(word.strip(".,'\"()").lower(), None)
    ranked.pop("", None)
    for word in _tail_words(TAIL_WORDS, exclude=set(ranked)):
        ranked[word] = None
    weights = itertools.accumulate(1 / rank**ZIPF_EXPONENT for rank in range(1, len(ranked) + 1))

    digest = hashlib.sha256(f"v{GENERATOR_VERSION}".encode())
    for part in (Path(words.__file__), topics_path, glossary_path):
        digest.update(part.read_bytes() if part.exists() else b"-")
    return SourceWords(
        ranked=tuple(ranked),
        cum_weights=tuple(weights),
        topics=topics,
        glossary_terms=glossary_terms,
        fingerprint=digest.hexdigest()[:16],
    )


def _tail_words(count: int, exclude: set[str]) -> list[str]:
    """`count` distinct made-up rare words built from syllables, the same on every run."""
    rng = random.Random("bench-tail-words")
    found: dict[str, None] = {}
    while len(found) < count:
        word = "".join(rng.choices(words.TAIL_SYLLABLES, k=rng.randint(2, 4)))
        if word not in exclude:
            found.setdefault(word, None)
    return list(found)


def _sentence(rng: random.Random, source: SourceWords, topics: list[TopicWords]) -> str:
    chosen = rng.choices(source.ranked, cum_weights=source.cum_weights, k=rng.randint(8, 22))
    roll = rng.random()
    topic = rng.choice(topics)
    if roll < 0.25 and topic.glossary:
        chosen.insert(rng.randrange(len(chosen)), rng.choice(topic.glossary))
    elif roll < 0.35 and topic.lay:
        chosen.insert(rng.randrange(len(chosen)), rng.choice(topic.lay))
    elif roll < 0.40:
        chosen.insert(rng.randrange(len(chosen)), rng.choice(source.glossary_terms))
    elif roll < 0.43:
        chosen.insert(rng.randrange(len(chosen)), topic.label.lower())
    text = " ".join(chosen)
    return text[0].upper() + text[1:] + "."


def _promotional_block(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(2, 4)):
        text = " ".join(rng.choices(words.PROMOTIONAL, k=rng.randint(8, 16)))
        lines.append("    " + text[0].upper() + text[1:] + "!")
    return f'!!! {PROMOTIONAL_FLAG} "{PROMOTIONAL_TITLE}"\n' + "\n".join(lines)


def article_text(seed: int, number: int, word_count: int | None = None) -> tuple[str, str]:
    """(file name, file text) of synthetic article `number`; the same inputs give the same file."""
    rng = random.Random(f"{seed}:{number}")
    source = source_words()
    target = word_count or int(rng.triangular(MIN_WORDS, MAX_WORDS, MODE_WORDS))
    topics = rng.sample(source.topics, k=min(len(source.topics), rng.randint(1, 3)))
    promotional = rng.random() < PROMOTIONAL_SHARE

    headings = rng.sample(words.HEADINGS, k=min(len(words.HEADINGS), max(2, target // 350)))
    per_section = target // len(headings)
    sections = []
    for heading in headings:
        paragraphs, written = [], 0
        while written < per_section:
            sentences = []
            for _ in range(rng.randint(3, 6)):
                sentences.append(_sentence(rng, source, topics))
                written += len(sentences[-1].split())
                if written >= per_section:
                    break
            paragraphs.append(" ".join(sentences))
        sections.append(f"## {heading}\n\n" + "\n\n".join(paragraphs))
    if promotional:
        sections.insert(rng.randrange(1, len(sections) + 1), _promotional_block(rng))

    main_topic = topics[0]
    focus = rng.choice(
        [term for term in main_topic.glossary if term.lower() != main_topic.label.lower()]
        or source.glossary_terms
    )
    title = f"{main_topic.label}: {focus} and {rng.choice(words.HEADINGS).lower()} ({number})"
    text = format_article(
        title,
        "\n\n".join(sections),
        tags=[topic.id for topic in topics],
        summary=f"A synthetic benchmark article about {main_topic.label.lower()} and {focus}.",
        source=f"synthetic-{seed}-{number}.txt",
        imported="2026-11-21",
        flags=[PROMOTIONAL_FLAG] if promotional else [],
    )
    return f"bench-{number:06d}.md", text


def write_collection(target: Path, size: int, seed: int) -> None:
    """Write `size` articles into `target` (a new folder) plus the manifest."""
    target.mkdir(parents=True)
    for number in range(size):
        name, text = article_text(seed, number)
        (target / name).write_text(text, encoding="utf-8", newline="\n")
    manifest = {"size": size, "seed": seed, "fingerprint": source_words().fingerprint}
    (target / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


def _make_cache_root(cache_root: Path) -> None:
    """Create the cache folder with a `.gitignore` of `*`, so git never sees generated files."""
    cache_root.mkdir(parents=True, exist_ok=True)
    ignore = cache_root / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Generated by the benchmark; safe to delete.\n*\n", encoding="utf-8")


def _is_current(folder: Path, size: int, seed: int) -> bool:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    expected = {"size": size, "seed": seed, "fingerprint": source_words().fingerprint}
    return manifest == expected


def ensure_collection(size: int, seed: int, cache_root: Path = CACHE_ROOT) -> Path:
    """The cached collection folder for (size, seed), generating it when missing or stale.

    The folder is written under a temporary name and renamed when complete, so an interrupted
    run never leaves a half-written collection that looks finished.
    """
    _make_cache_root(cache_root)
    folder = cache_root / f"{size}-{seed}"
    if _is_current(folder, size, seed):
        return folder
    partial = cache_root / f".{size}-{seed}.partial"
    for stale in (partial, folder):
        if stale.exists():
            shutil.rmtree(stale)
    write_collection(partial, size, seed)
    partial.rename(folder)
    return folder


def ensure_long_article(seed: int, word_count: int = 5000, cache_root: Path = CACHE_ROOT) -> Path:
    """A single ~5,000-word article (outside any collection) for the rendering measurement."""
    _, text = article_text(seed, 999_999, word_count=word_count)
    path = cache_root / f"long-{word_count}-{seed}.md"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        _make_cache_root(cache_root)
        path.write_text(text, encoding="utf-8", newline="\n")
    return path
