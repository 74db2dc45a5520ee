"""Which posting reader scores an index generation: a fast one only if it reads what
Whoosh's public API reads.

The fast readers rely on Whoosh internals: the posting array files written beside each
segment (`fast/segment_arrays.MappedPostings`, nothing to decode) and, when those do not
agree, the block reader (`fast/posting_arrays.BlockPostings`). When
a generation opens, it is compared with the public-API reader (`postings.Postings`) on a
sample: posting lists of a few hundred postings (several blocks, several segments), the
field lengths and deleted documents of a spread of articles, and the positions of one word:
about 10 ms at 10,000 articles, once per generation; the fast reader's lists are kept for
the searches; the verdict on the array files is also taken when a sync writes them and saved
in the manifest, so a later start need not test again. If anything differs, or the fast
reader fails (a changed internal shows as any error), search uses the public reader, which
is slower but correct, and the error log says why.
"""

from __future__ import annotations

import itertools
import traceback
from collections.abc import Callable

import numpy as np
import whoosh

from mspain_kb.core.search.fast.posting_arrays import BlockPostings
from mspain_kb.core.search.fast.segment_arrays import VERSION as ARRAYS_VERSION
from mspain_kb.core.search.fast.segment_arrays import ArrayFileError, MappedPostings
from mspain_kb.core.search.postings import Postings

SAMPLE_FIELDS = ("title", "headings", "summary", "body")
LONG_LIST = 128  # postings per block in Whoosh's codec: a longer list spans several blocks
LEXICON_LOOK = 64  # body words looked at for the sample (the start of the word list)
SAMPLE_DOCUMENTS = 64  # articles whose lengths and deletions are compared

Log = Callable[[str], object]


def checked_token() -> str:
    """What a recorded self-test verdict holds for: these array files and this Whoosh."""
    return f"{MappedPostings.name} v{ARRAYS_VERSION}, whoosh {whoosh.versionstring()}"


def verdict(ix) -> str:
    """Run the self-test on a committed index (at sync): `checked_token()` when the array
    files' reader agrees with the public one, else a note that it did not. Saved in the
    manifest, so opening the index later need not test again (`open_postings(checked=)`)."""
    with ix.searcher() as searcher:
        try:
            difference = first_difference(MappedPostings(searcher), Postings(searcher))
        except (OSError, ArrayFileError) as error:
            difference = str(error)
        if difference is None:
            return checked_token()
        return f"not used: {difference}"


def open_postings(searcher, log: Log | None = None, checked: str = "") -> Postings:
    """The reader to score `searcher`'s generation with (see the module docstring).
    `checked`: the verdict recorded when these index files were written."""
    if checked and checked == checked_token():
        fast = MappedPostings(searcher)
        if fast.mapped:  # (with no array file in use, the test is cheap and reads the blocks)
            return fast
    public = Postings(searcher)
    differences = []
    for fast_reader in (MappedPostings, BlockPostings):
        try:
            fast = fast_reader(searcher)
            difference = first_difference(fast, public)
        except Exception:  # the fast readers read Whoosh internals: any failure means "not here"
            if _public_fails_too(public):
                raise  # not the fast reader's doing (damaged files): the index repairs itself
            difference = "it failed:\n" + traceback.format_exc()
        if difference is None:
            if differences and log is not None:
                log(f"Search is using {fast.name} for this index: " + " ".join(differences))
            return fast
        differences.append(f"{fast_reader.name} did not read the same postings, {difference}")
    if log is not None:
        log(
            "Search is using Whoosh's public matcher API for this index (slower but correct): "
            + " ".join(differences)
        )
    return public


def first_difference(fast: Postings, public: Postings) -> str | None:
    """Where the two readers disagree on this searcher's sample, in words, or None."""
    if fast.size != public.size:
        return f"the number of documents ({fast.size} against {public.size})."
    for fieldname, text in sample_terms(public.reader):
        ids, weights = fast.postings(fieldname, text)
        live = fast.live[ids]
        expected_ids, expected_weights = public.postings(fieldname, text)
        if ids[live].tolist() != expected_ids.tolist() or not np.allclose(
            weights[live], expected_weights
        ):
            return f"the term {text!r} in {fieldname}."
    documents = np.unique(np.linspace(0, max(fast.size - 1, 0), SAMPLE_DOCUMENTS).astype(int))
    if fast.size and fast.live[documents].tolist() != [
        not public.reader.is_deleted(int(doc)) for doc in documents
    ]:
        return "which documents are deleted."
    get = public.reader.doc_field_length
    for fieldname in SAMPLE_FIELDS:
        lengths = fast.lengths(fieldname)[documents] if fast.size else []
        expected = [get(int(doc), fieldname) or 1 for doc in documents] if fast.size else []
        if list(lengths) != expected:
            return f"the lengths of the {fieldname} field."
    word = next((text for field, text in sample_terms(public.reader) if field == "body"), None)
    if word is not None:
        candidates = public.postings("body", word)[0][:SAMPLE_DOCUMENTS]
        found = fast.positions("body", word, candidates)
        expected = public.positions("body", word, candidates)
        if any(a.tolist() != b.tolist() for a, b in zip(found, expected, strict=True)):
            return f"the positions of {word!r}."
    return None


def sample_terms(reader) -> list[tuple[str, str]]:
    """(field, term) pairs: the shortest tag list longer than a block (else the longest),
    and among the first body words the shortest list longer than a block, the middle one
    and the shortest. Lists of a few hundred postings, so the public reader, one posting at
    a time, reads them in a few milliseconds."""
    found = []
    tags = sorted((reader.doc_frequency("tags", t), t) for t in reader.field_terms("tags"))
    long_tags = [pair for pair in tags if pair[0] > LONG_LIST]
    found += [("tags", t) for _, t in (long_tags[:1] or tags[-1:])]
    words = itertools.islice(reader.field_terms("body"), LEXICON_LOOK)
    counted = sorted((reader.doc_frequency("body", w), w) for w in words)
    long_words = [pair for pair in counted if pair[0] > LONG_LIST]
    middle = counted[len(counted) // 2 : len(counted) // 2 + 1]
    found += [("body", w) for _, w in {*long_words[:1], *middle, *counted[:1]}]
    return sorted(found)


def _public_fails_too(public: Postings) -> bool:
    """True when the public reader cannot read the sample either."""
    try:
        for fieldname, text in sample_terms(public.reader):
            public.postings(fieldname, text)
    except Exception:  # noqa: BLE001 - the caller re-raises the first error
        return True
    return False
