"""The fixed query sets: one list per query class, and the hostile set.

Each query is (text, tags), passed to `SearchService.search(text, tags, limit=10)` exactly as
the window does. `to_fts5` turns the same query into SQLite FTS5 syntax for the baseline.
"""

from __future__ import annotations

import re

Query = tuple[str, tuple[str, ...]]

QUERY_CLASSES: dict[str, list[Query]] = {
    "single word": [
        (word, ())
        for word in (
            "spasticity",
            "fatigue",
            "baclofen",
            "bladder",
            "myelin",
            "tingling",
            "posture",
            "massage",
            "cramps",
            "walking",
            "sleep",
            "acupuncture",
        )
    ],
    "several words": [
        (text, ())
        for text in (
            "leg pain at night",
            "spasticity stretching exercise",
            "nerve pain medication",
            "fatigue and sleep",
            "bladder infection pain",
            "balance walking aid",
            "heat sensitivity cooling",
            "back pain posture",
            "muscle tone physiotherapy",
            "burning feet numbness",
        )
    ],
    "phrase": [
        (text, ())
        for text in (
            '"multiple sclerosis"',
            '"nerve pain"',
            '"muscle spasm"',
            '"spinal cord"',
            '"side effects"',
            '"trigeminal neuralgia"',
            '"pins and needles"',
            '"magnetic resonance imaging"',
        )
    ],
    "prefix": [
        (text, ())
        for text in ("spastic*", "neuro*", "stiff*", "physio*", "cramp*", "inflam*", "medic*")
    ],
    "typo": [
        (text, ())
        for text in (
            "spastisity",
            "lhermite",
            "baclophen",
            "neuropathik pain",
            "fatige",
            "acupunture",
            "myelen",
            "physiotherapie",
        )
    ],
    "tag filter": [
        ("", (tag,))
        for tag in ("spasticity", "neuropathic-pain", "leg-pain", "medication", "lhermitte")
    ],
    "tag plus words": [
        ("night cramps", ("muscle-spasms",)),
        ("stretching", ("spasticity",)),
        ("burning", ("neuropathic-pain",)),
        ("walking aid", ("fatigue-immobility",)),
        ("side effects", ("medication",)),
        ("posture", ("lower-back-pain",)),
    ],
    "lay symptom phrase": [
        (text, ())
        for text in (
            "pins and needles",
            "legs feel like wood",
            "electric shock down my spine",
            "burning feet at night",
            "band around my chest",
            "stiff in the morning",
            "legs kick at night",
            "sore joints",
        )
    ],
}

_LONG_WORDS = " ".join(["spasticity pain nerve walking fatigue"] * 60)
_MANY_ORS = " OR ".join(
    [
        "spasticity",
        "pain",
        "nerve",
        "walking",
        "fatigue",
        "myelin",
        "bladder",
        "sleep",
        "heat",
        "balance",
        "cramp",
        "tone",
        "posture",
        "massage",
        "stretching",
        "injection",
        "lesion",
        "relapse",
        "tremor",
        "vision",
    ]
    * 3
)

HOSTILE: list[Query] = [
    (text, ())
    for text in (
        "*a*",
        "s*",
        "spa*",
        "a*",
        "*",
        "?",
        "*ing",
        "n*e",
        _LONG_WORDS,  # ~1,900 characters of ordinary words
        "x" * 2000,  # one absurdly long word
        _MANY_ORS,  # 60 terms joined with OR
        "spasticity~2 fatigue~2 myelin~2 neuropathy~2",
        "spastisity fatige lhermite baclophen myelen acupunture",
        '"pain pain pain pain pain pain pain pain"',
        "((((((spasticity",
        'pain AND NOT pain OR "unbalanced',
        "tag: title: body:",
        "ÿ§¶ 𝔰𝔭𝔞𝔰𝔪 ∑∂ƒ",
    )
]

_TOKEN_RE = re.compile(r"[^\W_]+\*?", re.UNICODE)


def to_fts5(text: str, tags: tuple[str, ...]) -> str | None:
    """The FTS5 MATCH expression for a query; None when there is nothing to match.

    Words are ANDed (FTS5's implicit operator), quoted phrases stay phrases, `word*` stays a
    prefix query, tags become a `tags:` column filter. FTS5 has no typo tolerance and no
    lay-phrase expansion: it matches the words literally.
    """
    parts = [f'"{phrase}"' for phrase in re.findall(r'"([^"]+)"', text)]
    rest = re.sub(r'"[^"]*"', " ", text)
    for token in _TOKEN_RE.findall(rest):
        if token.upper() in ("AND", "OR", "NOT"):
            continue
        parts.append(f'"{token[:-1]}"*' if token.endswith("*") else f'"{token}"')
    parts += [f'tags : "{tag}"' for tag in tags]
    return " AND ".join(parts) if parts else None
