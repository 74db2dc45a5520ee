"""Which articles use a glossary term: the index queries behind the glossary pane's list.

Each form of the term (the term and every alias) is a phrase on `title` and `body`, stemmed
like the text, so inflections count ("spasms" for "spasm") and promotional passages, which
the index keeps out of the body, do not.
"""

from __future__ import annotations

from whoosh import query as wq

MENTION_FIELDS = ("title", "body")


def mention_clauses(schema, entry) -> list:
    """One term or phrase query per field for the entry's term and each alias.

    A form that contains a shorter one ("nerve pain medicine" and "nerve pain") adds no
    article, only phrase-matching time, so it is left out.
    """
    forms = {
        tuple(token.text for token in schema["body"].analyzer(f, mode="query"))
        for f in (entry.term, *entry.aliases)
    }
    forms.discard(())
    kept = [
        words
        for words in sorted(forms, key=len)
        if not any(
            other != words and _contains(words, other)
            for other in forms
            if len(other) <= len(words)
        )
    ]
    clauses = []
    for words in kept:
        for name in MENTION_FIELDS:
            clauses.append(
                wq.Term(name, words[0]) if len(words) == 1 else wq.Phrase(name, list(words))
            )
    return clauses


def _contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    return any(words[i : i + len(part)] == part for i in range(len(words) - len(part) + 1))
