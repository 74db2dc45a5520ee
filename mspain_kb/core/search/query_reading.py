"""What a typed query means: its words, and query syntax only where it cannot be plain text.

People type questions and sentences ("what helps burning feet at night?", a pasted
paragraph), so punctuation is read as punctuation: a "?" ends a question, a bracket or a
stray quote mark is not a command. Syntax is honoured only where it is unambiguous:

- `"..."` phrases when the quote marks pair up (`"..."~N`: words within N of each other);
- `word*` with at least two letters before the `*`, and `wo*d` / `wo?d` inside a word;
- `word~` / `word~2`: the word or one within one or two typing slips;
- `title:`, `headings:`, `summary:`, `body:` right before a word or a phrase (`tag:` is
  taken out of the text before this, by `query.extract_tags`);
- AND, OR and NOT in capitals between words (NOT also first), unless the whole query is in
  capitals; brackets only in a query that uses those operators, and only when they pair up.

Everything else is words. English function words ("my", "what", "does", "can't": Whoosh's
English stop list, from NLTK) are left out of the plain words: a question is full of them,
and a collection that rarely uses "my" would otherwise count it as a rare, telling word.
Inside quotes and after `title:` they stay. `read()` gives the query for Whoosh's parser, in
which every piece of syntax is deliberate, and notes saying what was set aside (an unpaired
quote mark, a `*` after one letter), so nothing the user typed disappears without a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mspain_kb.core.vocabulary.text import FUNCTION_WORDS, WORD_RE

FIELDS = ("title", "headings", "summary", "body")
OPERATORS = ("AND", "OR", "NOT")
MAX_FUZZY_DISTANCE = 2
MAX_SLOP = 20  # "..."~N: words at most this far apart
# Characters that belong to a word or to the syntax written inside one.
_RUN_RE = re.compile(r"[\w'’*?~]+")
_FIELD_RE = re.compile(r"^([A-Za-z]+):(.*)$", re.DOTALL)
_FUZZY_RE = re.compile(r"^([^\W_]{2,}(?:'[^\W_]+)*)~(\d?)$")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "’": "'", "‘": "'"})

NOTE_UNPAIRED_QUOTE = "A quote mark had no partner, so those words were searched one by one."
NOTE_SHORT_WILDCARD = "Type at least two letters before * or ? (for example spas*)."
NOTE_EMPTY_FIELD = "{name}: needs a word right after it (for example title:cramps)."
NOTE_UNKNOWN_FIELD = (
    "'{name}:' is not something the search knows (try title: or tag:); its words were searched."
)
NOTE_LONE_OPERATOR = "{op} needs words on both sides, so it was read as an ordinary word."


@dataclass
class Token:
    kind: str  # word, prefix (a * or ? inside), fuzzy, phrase, op, open, close
    text: str = ""
    field: str | None = None
    words: tuple[str, ...] = ()  # phrase words
    slop: int = 1


@dataclass
class Reading:
    query: str  # for Whoosh's parser: words, plus only the syntax that was meant
    words: list[str] = field(default_factory=list)  # plain words as typed, for spelling
    notes: list[str] = field(default_factory=list)
    operators: bool = False  # AND, OR or NOT were used as operators
    plain: bool = True  # nothing but plain words (no phrase, field, wildcard or operator)


def read(text: str) -> Reading:
    """Read cleaned query text (tag: clauses already taken out)."""
    notes: list[str] = []
    text = text.translate(_QUOTES)
    shouting = any(ch.isalpha() for ch in text) and not any(ch.islower() for ch in text)
    tokens: list[Token] = []
    for outside, phrase in _split_phrases(text, notes):
        if outside is not None:
            tokens += _chunks(outside, shouting, notes)
        if phrase is not None:
            words, slop = phrase
            owner = _take_field(tokens)
            if words:
                tokens.append(Token("phrase", field=owner, words=words, slop=slop))
    for token in tokens:
        if token.kind == "field":  # a field name with nothing after it
            notes.append(NOTE_EMPTY_FIELD.format(name=token.text))
    tokens = [t for t in tokens if t.kind != "field"]
    tokens = _check_operators(tokens, notes)
    operators = any(t.kind == "op" for t in tokens)
    tokens = _check_brackets(tokens, operators)
    words = [t.text for t in tokens if t.kind == "word"]
    if not operators:
        tokens = _without_repeats(tokens)
        tokens = [t for t in tokens if not _is_function_word(t)]
    plain = all(t.kind == "word" and t.field is None for t in tokens)
    query = " ".join(_render(t) for t in tokens)
    return Reading(query, words, _unique(notes), operators, plain)


def _is_function_word(token: Token) -> bool:
    """A plain word such as "my", "what" or "can't" (its part before the apostrophe)."""
    if token.kind != "word" or token.field is not None:
        return False
    return token.text.lower().split("'")[0] in FUNCTION_WORDS


def _split_phrases(text: str, notes: list[str]):
    """(text outside quotes, (phrase words, slop) or None) pairs, in order."""
    parts = text.split('"')
    if len(parts) % 2 == 0:  # an odd number of quote marks: the last one has no partner
        notes.append(NOTE_UNPAIRED_QUOTE)
        parts[-2:] = [parts[-2] + " " + parts[-1]]
    for index in range(0, len(parts), 2):
        outside = parts[index]
        phrase = None
        if index + 1 < len(parts):
            inside = parts[index + 1]
            slop_match = re.match(r"~(\d+)", parts[index + 2]) if index + 2 < len(parts) else None
            if slop_match:
                parts[index + 2] = parts[index + 2][slop_match.end() :]
            words = tuple(w.lower() for w in WORD_RE.findall(inside.replace("’", "'")))
            slop = min(int(slop_match.group(1)), MAX_SLOP) if slop_match else 1
            phrase = (words, max(slop, 1))
        yield outside, phrase


def _take_field(tokens: list[Token]) -> str | None:
    """A field name just before a phrase (`title:"muscle spasm"`) applies to it."""
    if tokens and tokens[-1].kind == "field":
        return tokens.pop().text
    return None


def _chunks(text: str, shouting: bool, notes: list[str]) -> list[Token]:
    tokens: list[Token] = []
    for chunk in text.split():
        if chunk in OPERATORS and not shouting:
            tokens.append(Token("op", chunk))
            continue
        owner = None
        match = _FIELD_RE.match(chunk)
        if match and match.group(1).lower() in FIELDS:
            owner, chunk = match.group(1).lower(), match.group(2)
            if not chunk:
                tokens.append(Token("field", owner))
                continue
        elif match and match.group(2) and match.group(2)[0].isalnum():
            notes.append(NOTE_UNKNOWN_FIELD.format(name=match.group(1)))
        tokens += _pieces(chunk, owner, notes)
    return tokens


def _pieces(chunk: str, owner: str | None, notes: list[str]) -> list[Token]:
    """Words and in-word syntax of one space-free chunk; other characters separate words."""
    tokens: list[Token] = []
    position = 0
    for run in _RUN_RE.finditer(chunk):
        tokens += [Token(_BRACKETS[ch]) for ch in chunk[position : run.start()] if ch in "()"]
        tokens += _run_tokens(run.group(0), owner, notes)
        position = run.end()
    tokens += [Token(_BRACKETS[ch]) for ch in chunk[position:] if ch in "()"]
    return tokens


_BRACKETS = {"(": "open", ")": "close"}


def _run_tokens(run: str, owner: str | None, notes: list[str]) -> list[Token]:
    run = run.replace("’", "'").strip("'?~")  # a question mark ends a word, it is not syntax
    fuzzy = _FUZZY_RE.match(run)
    if fuzzy:
        distance = min(int(fuzzy.group(2) or 1), MAX_FUZZY_DISTANCE)
        if distance == 0:
            return [Token("word", fuzzy.group(1), owner)]
        return [Token("fuzzy", f"{fuzzy.group(1)}~{distance}", owner)]
    tokens: list[Token] = []
    for part in run.replace("~", " ").split():  # a ~ anywhere else is punctuation
        part = part.strip("'?")
        if "*" in part or "?" in part:
            lead = re.split(r"[*?]", part, maxsplit=1)[0]
            if len(lead) >= 2 and lead.isalnum():
                tokens.append(Token("prefix", re.sub(r"\*+", "*", part), owner))
                continue
            notes.append(NOTE_SHORT_WILDCARD)
            part = re.sub(r"[*?]", " ", part)
        tokens += [Token("word", word, owner) for word in WORD_RE.findall(part)]
    return tokens


def _check_operators(tokens: list[Token], notes: list[str]) -> list[Token]:
    """AND/OR between two searchable parts, NOT before one; others become plain words."""
    checked: list[Token] = []
    for index, token in enumerate(tokens):
        if token.kind != "op":
            checked.append(token)
            continue
        before = checked[-1] if checked else None
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        then_not = token.text != "NOT" and after is not None and after.text == "NOT"
        follows = after is not None and (after.kind in _TERMS or after.kind == "open" or then_not)
        leads = before is not None and (before.kind in _TERMS or before.kind == "close")
        if follows and (leads or token.text == "NOT"):
            checked.append(token)
        else:
            notes.append(NOTE_LONE_OPERATOR.format(op=token.text))
            checked.append(Token("word", token.text.lower()))
    return checked


_TERMS = ("word", "prefix", "fuzzy", "phrase")


def _check_brackets(tokens: list[Token], operators: bool) -> list[Token]:
    """Brackets group only in a query with operators, and only when they pair up."""
    depth = 0
    balanced = True
    for token in tokens:
        depth += {"open": 1, "close": -1}.get(token.kind, 0)
        balanced = balanced and depth >= 0
    if operators and balanced and depth == 0:
        return tokens
    return [t for t in tokens if t.kind not in ("open", "close")]


def _without_repeats(tokens: list[Token]) -> list[Token]:
    """A word typed twice counts once (a pasted paragraph repeats words; so do hostile inputs)."""
    seen: set[tuple] = set()
    kept = []
    for token in tokens:
        key = (token.kind, token.field, token.text.lower(), token.words)
        if token.kind in _TERMS and key in seen:
            continue
        seen.add(key)
        kept.append(token)
    return kept


def _render(token: Token) -> str:
    prefix = f"{token.field}:" if token.field else ""
    if token.kind == "phrase":
        slop = f"~{token.slop}" if token.slop > 1 else ""
        return f'{prefix}"{" ".join(token.words)}"{slop}'
    if token.kind == "op":
        return token.text
    if token.kind == "open":
        return "("
    if token.kind == "close":
        return ")"
    return prefix + token.text.lower()  # lower case: never read as AND/OR/NOT by the parser


def _unique(notes: list[str]) -> list[str]:
    return list(dict.fromkeys(notes))
