"""Which glossary entry a search is about, for the glossary pane to show beside the results.

The rule, first that applies:
1. the query is a glossary term or alias ("pins and needles" -> Numbness and tingling);
2. the query was read as topics: the topic most of its phrases were read as (the first on a
   tie), and that topic's entry named like its label (Lhermitte's sign), else its first
   glossary term when that names the topic too (a word of the label other than "pain",
   "muscle"...: Neuropathic pain for "Neuropathic (nerve) pain", but no guess such as
   Musculoskeletal pain for "Lower back pain"). "electric shock when I bend my neck":
   "electric shock" reads as nerve pain and Lhermitte's sign, "bend my neck" as Lhermitte's
   sign -> Lhermitte's sign;
3. the query names a glossary term that is not a familiar word ("spasticity in my legs"
   -> Spasticity; "pain in my legs" names none worth showing).
Otherwise none: the pane is cleared, so an entry never outlives the search it belonged to.
"""

from __future__ import annotations

from collections import Counter

from mspain_kb.core.search.query import GENERIC_LABEL_WORDS
from mspain_kb.core.vocabulary.text import stems
from mspain_kb.core.vocabulary.word_frequency import is_familiar


def context_entry(result, vocabulary, glossary):
    """The glossary Entry for a SearchResult (see the module's rule), or None."""
    if glossary is None:
        return None
    if result.glossary_entry is not None:
        return result.glossary_entry
    readings = Counter(match.topic_id for match in result.topics or ())
    if readings and vocabulary is not None:
        topic = vocabulary.get(readings.most_common(1)[0][0])
        if topic is not None:
            entry = glossary.lookup_exact(topic.label)
            if entry is None and topic.glossary:
                first = glossary.lookup_exact(topic.glossary[0])
                entry = first if first is not None and _names(first, topic.label) else None
            if entry is not None:
                return entry
    for match in glossary.find_terms(result.query or ""):
        if not is_familiar(match.entry, match.text):
            return match.entry
    return None


def _names(entry, label: str) -> bool:
    """True when the entry's name shares a telling word (not "pain", "and"...) with `label`."""
    generic = set(stems(" ".join(GENERIC_LABEL_WORDS)))
    return bool((set(stems(entry.term)) & set(stems(label))) - generic)
