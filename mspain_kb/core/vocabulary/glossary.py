"""The glossary: plain-language entries for clinical words, and the term finder for linking.

Entries live in `resources/glossary.toml` as `[[entry]]` tables with `term`, `aliases`,
`definition`, `related`, `topics` and `sources` (the public references the definition was
checked against, shown with it).

Matching rules (the renderer, the search and the command line all rely on them):

- `lookup` ignores case, accents, apostrophes, hyphens and extra spaces, so "lhermittes sign",
  "Lhermitte's Sign" and "stem-cell therapy" all find their entry. Failing that it accepts one
  small misspelling with the same first letter: up to 2 edits in words of 8 letters or more
  ("spastisity"); in words of 5-7 letters one typical slip only, a letter missing or extra, two
  letters swapped or one vowel for another ("myelen", "mylein"), because changing a consonant
  in a short word usually makes another real word ("lesson" is not "lesion"). Words shorter
  than 5 letters must be exact.
- `find_terms` matches whole words only ("spasm" never inside "spasmodic"), case-insensitively;
  spaces, line breaks and hyphens between the words of a term are interchangeable. Where two
  terms overlap, the one that starts first wins, and of those the longest ("muscle spasm" over
  "spasm"); matches never overlap.
- Acronyms are the exception to case-insensitivity: a term or alias written in capitals (an
  optional plural "s" allowed, as in "NSAIDs") matches only in capitals. "MS" is multiple
  sclerosis; "ms" and "Ms" are not.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein

from mspain_kb.core.vocabulary.text import ALNUM_RE, fold, stemmed_words
from mspain_kb.resources import resource_path

_GAP_RE = re.compile(r"[\s\-‐‑–'’]+")  # what may separate the words of one term in a text
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\"“])")
_ACRONYM_RE = re.compile(r"[A-Z][A-Z0-9]+s?")
_VOWELS = frozenset("aeiou")


class GlossaryError(Exception):
    """The glossary file is missing or malformed; the message says where and why."""


@dataclass(frozen=True)
class Entry:
    term: str  # display form, e.g. "Lhermitte's sign"
    slug: str  # stable and URL-safe, e.g. "lhermittes-sign" (links use glossary:<slug>)
    aliases: tuple[str, ...]
    definition: str
    short: str  # the first sentence of the definition, for tooltips
    related: tuple[str, ...]  # terms of other entries
    topics: tuple[str, ...]  # topic ids from topics.toml
    sources: tuple[str, ...] = ()  # public references the definition was checked against

    def as_dict(self) -> dict[str, object]:
        """The entry as plain JSON-ready data (lists, not tuples)."""
        return {
            "term": self.term,
            "slug": self.slug,
            "aliases": list(self.aliases),
            "definition": self.definition,
            "short": self.short,
            "related": list(self.related),
            "topics": list(self.topics),
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class TermMatch:
    entry: Entry
    start: int  # character offsets in the text searched
    end: int
    text: str  # the words as they appear in the text


def name_key(text: str) -> str:
    """The forgiving key used by `lookup`: "Lhermitte’s Sign" -> "lhermittes sign"."""
    folded = fold(text).replace("'", "")
    return " ".join(ALNUM_RE.findall(folded))


def slugify(term: str) -> str:
    """A stable, URL-safe id for a term: "Lhermitte's sign" -> "lhermittes-sign"."""
    return name_key(term).replace(" ", "-")


def first_sentence(text: str) -> str:
    return _SENTENCE_END_RE.split(" ".join(text.split()), maxsplit=1)[0]


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return fold(word)


def _is_acronym(form: str) -> bool:
    return bool(_ACRONYM_RE.fullmatch(form))


def _max_edits(key: str) -> int:
    length = len(key.replace(" ", ""))
    return 0 if length < 5 else 1 if length < 8 else 2


def _is_typical_slip(typed: str, key: str) -> bool:
    """One letter missing or extra, two letters swapped, or one vowel written for another."""
    operations = Levenshtein.editops(typed, key)
    if len(operations) != 1:
        return len(operations) == 2 and OSA.distance(typed, key) == 1  # a swap
    operation = operations[0]
    if operation.tag != "replace":
        return True
    return {typed[operation.src_pos], key[operation.dest_pos]} <= _VOWELS


class Glossary:
    """All entries, with lookup by name or misspelling and a fast term finder for texts."""

    def __init__(self, entries: Iterable[Entry]):
        self.entries: tuple[Entry, ...] = tuple(sorted(entries, key=lambda e: fold(e.term)))
        self._by_slug: dict[str, Entry] = {}
        self._by_key: dict[str, Entry] = {}
        self._clashes: list[str] = []
        # First word (folded) -> [(words, acronym, entry)], longest first: the term finder.
        self._starts: dict[str, list[tuple[list[str], bool, Entry]]] = {}
        for entry in self.entries:
            if entry.slug in self._by_slug:
                self._clashes.append(f"two entries have the id '{entry.slug}'")
            self._by_slug.setdefault(entry.slug, entry)
            for form in (entry.term, *entry.aliases):
                self._add_form(form, entry)
        for candidates in self._starts.values():
            candidates.sort(key=lambda item: -len(item[0]))
        self._keys = list(self._by_key)

    def _add_form(self, form: str, entry: Entry) -> None:
        key = name_key(form)
        if not key:
            return
        owner = self._by_key.setdefault(key, entry)
        if owner is not entry:
            self._clashes.append(f"'{form}' names both '{owner.term}' and '{entry.term}'")
            return
        acronym = _is_acronym(form)
        tokens = ALNUM_RE.findall(form if acronym else fold(form))
        self._starts.setdefault(_fold_word(tokens[0]), []).append((tokens, acronym, entry))

    def __iter__(self):
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, slug: str) -> Entry | None:
        return self._by_slug.get(slug)

    def lookup(self, text: str) -> Entry | None:
        """The entry for a term or alias, forgiving case, punctuation and one small typo."""
        key = name_key(text)
        if not key:
            return None
        if key in self._by_key:
            return self._by_key[key]
        edits = _max_edits(key)
        if not edits:
            return None
        choices = [k for k in self._keys if k[0] == key[0]]
        close = process.extract(key, choices, scorer=OSA.distance, score_cutoff=edits, limit=5)
        for candidate, _distance, _ in close:
            if edits > 1 or _is_typical_slip(key, candidate):
                return self._by_key[candidate]
        return None

    def lookup_exact(self, text: str) -> Entry | None:
        """The entry whose term or alias is `text`, ignoring case and punctuation; no typos."""
        return self._by_key.get(name_key(text))

    def suggest(self, text: str, limit: int = 5) -> list[Entry]:
        """Entries named like `text` (same start, or similar), best first: for "did you mean"."""
        key = name_key(text)
        if not key:
            return []
        found: list[Entry] = []
        exact = self.lookup(text)
        if exact:
            found.append(exact)
        found += [self._by_key[k] for k in self._keys if k.startswith(key)]
        if len(key) >= 3:  # shorter fragments match too much to be worth suggesting
            found += [self._by_key[k] for k in self._keys if f" {key}" in f" {k}"]
            scored = process.extract(key, self._keys, scorer=fuzz.ratio, limit=limit * 4)
            found += [self._by_key[k] for k, score, _ in scored if score >= 70]
        return list(dict.fromkeys(found))[:limit]

    def words(self) -> list[str]:
        """Every term and alias as written, sorted: for completion and spelling suggestions."""
        forms = {form for entry in self.entries for form in (entry.term, *entry.aliases)}
        return sorted(forms, key=lambda form: (fold(form), form))

    def find_terms(self, text: str) -> list[TermMatch]:
        """Every glossary term in plain text, in reading order, leftmost-longest, no overlaps."""
        tokens = list(ALNUM_RE.finditer(text))
        words = [match.group(0) for match in tokens]
        folded = [_fold_word(word) for word in words]
        matches: list[TermMatch] = []
        position = 0
        while position < len(tokens):
            if folded[position] not in self._starts:
                position += 1
                continue
            length, entry = self._match_at(text, tokens, words, folded, position)
            if entry is None:
                position += 1
                continue
            start, end = tokens[position].start(), tokens[position + length - 1].end()
            matches.append(TermMatch(entry, start, end, text[start:end]))
            position += length
        return matches

    def _match_at(self, text, tokens, words, folded, position) -> tuple[int, Entry | None]:
        """The longest form starting at token `position`, as (number of tokens, entry)."""
        for form_tokens, acronym, entry in self._starts[folded[position]]:
            end = position + len(form_tokens)
            found = words[position:end] if acronym else folded[position:end]
            if form_tokens == found and all(
                _GAP_RE.fullmatch(text, tokens[i - 1].end(), tokens[i].start())
                for i in range(position + 1, end)
            ):
                return len(form_tokens), entry
        return 0, None

    def related_entries(self, entry: Entry) -> list[Entry]:
        """The entries named in `entry.related` that exist."""
        found = (self._by_key.get(name_key(term)) for term in entry.related)
        return [other for other in found if other is not None and other is not entry]

    def problems(self, topic_ids: Iterable[str] | None = None) -> list[str]:
        """What a maintainer should fix: clashing names, unknown related terms or topics."""
        found = list(self._clashes)
        known_topics = set(topic_ids) if topic_ids is not None else None
        for entry in self.entries:
            for term in entry.related:
                if name_key(term) not in self._by_key:
                    found.append(f"'{entry.term}': related term '{term}' has no entry")
            for topic in entry.topics:
                if known_topics is not None and topic not in known_topics:
                    found.append(f"'{entry.term}': unknown topic '{topic}'")
        return found


def _strings(raw: dict, key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise GlossaryError(f"{where}: '{key}' must be a list of words in quotes")
    return tuple(item.strip() for item in value if item.strip())


def _entry_from(raw: object, where: str) -> Entry:
    if not isinstance(raw, dict):
        raise GlossaryError(f"{where} is not a table of term, aliases, definition...")
    term = raw.get("term")
    definition = raw.get("definition")
    if not isinstance(term, str) or not term.strip():
        raise GlossaryError(f"{where} has no term")
    if not isinstance(definition, str) or not definition.strip():
        raise GlossaryError(f"{where} ('{term}') has no definition")
    definition = " ".join(definition.split())
    return Entry(
        term=term.strip(),
        slug=slugify(term),
        aliases=_strings(raw, "aliases", where),
        definition=definition,
        short=first_sentence(definition),
        related=_strings(raw, "related", where),
        topics=_strings(raw, "topics", where),
        sources=_strings(raw, "sources", where),
    )


def load_glossary(path: Path | None = None) -> Glossary:
    """Read the glossary (default: the bundled resources/glossary.toml)."""
    path = Path(path) if path else resource_path("glossary.toml")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise GlossaryError(f"the glossary file {path} is missing") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise GlossaryError(f"cannot read the glossary file {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise GlossaryError(f"the glossary file {path} is not valid TOML: {exc}") from exc
    raw_entries = data.get("entry", [])
    if not isinstance(raw_entries, list):
        raise GlossaryError(f"{path}: entries must be written as [[entry]] tables")
    entries = [
        _entry_from(raw, f"{path.name}: entry {number}")
        for number, raw in enumerate(raw_entries, start=1)
    ]
    return Glossary(entries)


@dataclass(frozen=True)
class RequiredWord:
    """A clinical word that must have an entry; `exact` words (quoted in the list) match only
    as written, others in any inflection ("spasms" for "spasm")."""

    word: str
    exact: bool = False


def load_required_terms(path: Path | None = None) -> list[RequiredWord]:
    """The clinical words that must have an entry: one per line, `#` starts a comment.

    A word in double quotes counts only as written: `"stretching"` flags "stretching" but not
    "stretches" (as in "long stretches of time").
    """
    path = Path(path) if path else resource_path("required_terms.txt")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GlossaryError(f"cannot read the required terms list {path}: {exc}") from exc
    words = []
    for line in lines:
        word = line.split("#", 1)[0].strip()
        if len(word) > 2 and word[0] == word[-1] == '"':
            words.append(RequiredWord(word[1:-1].strip(), exact=True))
        elif word:
            words.append(RequiredWord(word))
    return words


def missing_required_terms(glossary: Glossary, required: Iterable[RequiredWord]) -> list[str]:
    """Required words that no entry names exactly (as its term or an alias)."""
    return [r.word for r in required if glossary.lookup_exact(r.word) is None]


def uncovered_required_words(
    glossary: Glossary, text: str, required: Iterable[RequiredWord]
) -> list[str]:
    """Words of `text` that are a required word but that no glossary match covers.

    Words are compared on Porter stems ("spasms" is "spasm", "injected" is "injection") unless
    the required word is exact. Stems do not join every family ("demyelinating" and
    "demyelination" differ), so list such forms in the required words separately.
    """
    words = [(stem, fold(text[start:end]), start, end) for stem, start, end in stemmed_words(text)]
    covered = [(m.start, m.end) for m in glossary.find_terms(text)]
    missing: dict[str, None] = {}
    for required_word in required:
        column = 1 if required_word.exact else 0
        wanted = tuple(w[column] for w in _required_words_of(required_word.word))
        size = len(wanted)
        for i in range(len(words) - size + 1) if size else ():
            if tuple(w[column] for w in words[i : i + size]) != wanted:
                continue
            start, end = words[i][2], words[i + size - 1][3]
            if _SENTENCE_BREAK_RE.search(text, start, end):
                continue  # "Leg Pain. Medications" (a heading, then the next) is not a term
            if not any(s <= start and end <= e for s, e in covered):
                missing.setdefault(text[start:end], None)
    return list(missing)


_SENTENCE_BREAK_RE = re.compile(r"[.!?;:]|\n[ \t]*\n")


def _required_words_of(word: str) -> list[tuple[str, str]]:
    return [(stem, fold(word[start:end])) for stem, start, end in stemmed_words(word)]
