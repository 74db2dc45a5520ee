"""What the index stores: its fields, how their text is analysed, and which multi-word terms
are indexed as one token.

The schema is built from the phrases the app loaded (its vocabulary and glossary), never from
files read behind the caller's back, so the index, the search and the tests all use the
same set. An index built with another set is rebuilt when it opens (see index.py).
"""

from __future__ import annotations

from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema

from mspain_kb.core.search.phrase_tokens import MAX_PHRASE_WORDS, PhraseTokenFilter
from mspain_kb.core.vocabulary.text import ALNUM_RE

# Bump whenever the schema, the analysis, or the module of a class pickled into the schema
# changes (PHRASE_FILTER below): an index of another version is rebuilt before it is opened,
# where unpickling it would fail. 6: the phrase filter moved to core/search/phrase_tokens.py.
# 7: words split at dots and underscores, as typed questions are. 8: known phrases as
# tokens in the title, headings and summary too.
SCHEMA_VERSION = 8
# The app's own classes the schema pickles into every index, by import path.
PICKLED_CLASSES = frozenset({"mspain_kb.core.search.phrase_tokens.PhraseTokenFilter"})


def text_analyzer():
    """Words, lower-cased, stop words dropped, Porter-stemmed.

    Words are split where a typed question's words are (vocabulary/text.py): Whoosh's own
    pattern keeps "mstrust.org.uk" or "pain_diary" whole, which a search for "mstrust" or
    for the same text typed in the search box would then never find."""
    return StemmingAnalyzer(expression=ALNUM_RE)


def collection_phrases(vocabulary, glossary) -> frozenset[tuple[str, ...]]:
    """Stems of every multi-word glossary term, alias, topic label and lay phrase."""
    analyzer = text_analyzer()
    forms: set[str] = set()
    for entry in glossary.entries if glossary is not None else ():
        forms.update((entry.term, *entry.aliases))
    for topic in vocabulary or ():
        forms.update((topic.label, *topic.lay))
    stems = {tuple(token.text for token in analyzer(form)) for form in forms}
    return frozenset(words for words in stems if 1 < len(words) <= MAX_PHRASE_WORDS)


def build_schema(phrases) -> Schema:
    # Known multi-word terms also become single tokens in every searched field
    # (phrase_tokens.py), so "nerve pain" in quotes reads no positions: at 100,000 articles
    # the positions of common words in the titles alone took 60 ms to read.
    analyzer = text_analyzer() | PhraseTokenFilter(phrases)
    return Schema(
        id=ID(unique=True, stored=True),
        path=STORED(),
        title=TEXT(analyzer=analyzer, stored=True, spelling=True),
        headings=TEXT(analyzer=analyzer, spelling=True),
        summary=TEXT(analyzer=analyzer, stored=True, spelling=True),
        # The ranked plain text (no promotional blocks); stored with character offsets so
        # snippets are cut from stored positions instead of re-analysing the text. No
        # unstemmed spelling copy: it doubled build time (see spelling.py).
        body=TEXT(analyzer=analyzer, stored=True, chars=True),
        tags=KEYWORD(commas=True, lowercase=True, scorable=True, stored=True),
        flags=KEYWORD(commas=True, lowercase=True, stored=True),
        source=STORED(),
        # Title then id, one value per article, so equal scores always come back in the same
        # order (a column: read for every article at once without unpacking stored fields).
        sort_key=COLUMN(),
    )
