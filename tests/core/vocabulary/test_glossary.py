"""The glossary: its content, lookup by name and misspelling, and the term finder for linking."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mspain_kb.core.collection.article import markdown_to_plain
from mspain_kb.core.collection.files import load_collection, read_article
from mspain_kb.core.vocabulary.glossary import (
    Entry,
    Glossary,
    GlossaryError,
    RequiredWord,
    load_glossary,
    load_required_terms,
    missing_required_terms,
    slugify,
    uncovered_required_words,
)
from mspain_kb.core.vocabulary.topics import load_vocabulary
from tests.conftest import REPO

REAL_ARTICLES = sorted((REPO / "articles").glob("*.md"))
FIXTURE_ARTICLES = REPO / "tests" / "fixtures" / "articles"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary()


def make_entry(term: str, aliases=(), related=(), topics=()) -> Entry:
    definition = f"{term} is a word used in tests. It has a second sentence."
    return Entry(
        term, slugify(term), tuple(aliases), definition, definition, tuple(related), tuple(topics)
    )


def article_text(article) -> str:
    return f"{article.title}\n\n{markdown_to_plain(article.body)}"


# --- Content of the bundled glossary ------------------------------------------------------


def test_glossary_has_at_least_fifty_entries_sorted_by_term(glossary):
    """The bundled glossary explains at least 50 terms, listed alphabetically."""
    assert len(glossary) >= 50
    terms = [entry.term.casefold() for entry in glossary.entries]
    assert terms == sorted(terms)


def test_slugs_are_unique_and_url_safe(glossary):
    """Every entry has its own stable id made of lower-case letters, digits and hyphens."""
    slugs = [entry.slug for entry in glossary.entries]
    assert len(slugs) == len(set(slugs))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) for slug in slugs)
    assert glossary.get("lhermittes-sign").term == "Lhermitte's sign"


def test_related_terms_and_topics_all_exist(glossary):
    """No entry points at a missing related term or an unknown topic, and no name is shared."""
    assert glossary.problems(load_vocabulary().ids()) == []


def test_every_entry_belongs_to_a_topic(glossary):
    """Each entry belongs to at least one topic, so the window can list it beside a topic."""
    assert [entry.term for entry in glossary.entries if not entry.topics] == []


def test_definitions_are_two_to_four_sentences(glossary):
    """Definitions stay short enough to read in a waiting room: two to four sentences."""
    for entry in glossary.entries:
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“(])", entry.definition)
        assert 2 <= len(sentences) <= 4, entry.term


def test_short_definition_is_the_first_sentence(glossary):
    """The tooltip text is the definition's first sentence, ending with a full stop."""
    for entry in glossary.entries:
        assert entry.definition.startswith(entry.short), entry.term
        assert entry.short.endswith("."), entry.term
        assert len(entry.short) < len(entry.definition), entry.term


DOSING = re.compile(
    r"\b\d+\s*(mg|mcg|µg|ml|g|milligrams?|units?)\b|\bmg\b|\bdoses?\b|\bdosage\b"
    r"|\b(take|use|apply)\b[^.]*\b(times|daily|a day|per day|every)\b|\btwice\b",
    re.IGNORECASE,
)


def test_definitions_contain_no_dosing_or_instructions(glossary):
    """No definition gives amounts, doses or 'take X times a day' style instructions."""
    offenders = [entry.term for entry in glossary.entries if DOSING.search(entry.definition)]
    assert offenders == []


def test_every_term_the_topic_vocabulary_names_has_an_entry(glossary):
    """Each glossary term listed in topics.toml resolves to an entry."""
    missing = [
        (topic.id, term)
        for topic in load_vocabulary()
        for term in topic.glossary
        if glossary.lookup_exact(term) is None
    ]
    assert missing == []


# --- Coverage: required clinical words ----------------------------------------------------


def test_every_required_word_has_an_entry(glossary):
    """Each word in resources/required_terms.txt is an entry's term or alias."""
    required = load_required_terms()
    assert len(required) >= 50
    assert missing_required_terms(glossary, required) == []


@pytest.mark.parametrize("path", REAL_ARTICLES, ids=lambda path: path.stem)
def test_real_article_uses_no_unexplained_required_word(glossary, path):
    """Every required clinical word an article uses, in any inflection, links to an entry."""
    article = read_article(path)
    assert uncovered_required_words(glossary, article_text(article), load_required_terms()) == []


def test_real_collection_is_present():
    """The coverage check above has real articles to run on."""
    assert REAL_ARTICLES


def test_fixture_articles_use_no_unexplained_required_word(glossary):
    """The small test collection is covered by the glossary too."""
    articles, problems = load_collection(FIXTURE_ARTICLES)
    assert articles and not problems
    required = load_required_terms()
    uncovered = {
        article.id: uncovered_required_words(glossary, article_text(article), required)
        for article in articles
    }
    assert all(words == [] for words in uncovered.values()), uncovered


def test_coverage_check_flags_a_required_word_without_entry(glossary):
    """An article using a required word that no entry covers is reported, with its spelling."""
    text = "Hemiparesis and spasticity can come together."
    required = [RequiredWord("hemiparesis"), RequiredWord("spasticity")]
    assert uncovered_required_words(glossary, text, required) == ["Hemiparesis"]
    assert missing_required_terms(glossary, required) == ["hemiparesis"]


def test_coverage_check_catches_an_inflection_the_glossary_lacks():
    """'injected' is flagged when the glossary only knows 'injection'."""
    small = Glossary([make_entry("Injection")])
    text = "The muscle was injected. One injection."
    required = [RequiredWord("injection")]
    assert uncovered_required_words(small, text, required) == ["injected"]


def test_quoted_required_word_ignores_everyday_inflections():
    """A quoted required word ("stretching") does not flag "long stretches of time"."""
    small = Glossary([make_entry("Stretching")])
    text = "Sitting for long stretches of time. Stretching helps."
    assert uncovered_required_words(small, text, [RequiredWord("stretching", exact=True)]) == []
    assert uncovered_required_words(small, text, [RequiredWord("stretching")]) == ["stretches"]


def test_required_terms_file_reads_comments_and_quotes(tmp_path):
    """Blank lines and # comments are skipped; quoted words are exact."""
    path = tmp_path / "required.txt"
    path.write_text('# heading\nmyelin  # the coating\n\n"stretching"\n', encoding="utf-8")
    assert load_required_terms(path) == [
        RequiredWord("myelin"),
        RequiredWord("stretching", exact=True),
    ]


# --- Lookup and suggestions ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("spasticity", "Spasticity"),
        ("SPASTIC", "Spasticity"),
        ("spasms", "Muscle spasm"),
        ("Botox", "Botulinum toxin"),
        ("NSAIDs", "NSAID"),
        ("nsaid", "NSAID"),
        ("MS", "Multiple sclerosis"),
        ("Lhermitte", "Lhermitte's sign"),
        ("lhermittes sign", "Lhermitte's sign"),
        ("Lhermitte’s Sign", "Lhermitte's sign"),
        ("stem-cell therapy", "Stem cell therapy"),
        ("Pain O Soma", "Carisoprodol"),
        ("anti-seizure medication", "Anticonvulsant"),
        ("demyelinating", "Demyelination"),
        ("dysésthesia", "Dysaesthesia"),
    ],
)
def test_lookup_finds_term_or_alias_ignoring_case_and_punctuation(glossary, text, term):
    """Terms and aliases are found whatever the case, apostrophe, hyphen or accent."""
    assert glossary.lookup(text).term == term


@pytest.mark.parametrize(
    ("typo", "term"),
    [
        ("spastisity", "Spasticity"),
        ("lhermite", "Lhermitte's sign"),
        ("neuropatic", "Neuropathic pain"),
        ("myelen", "Myelin"),
        ("mylein", "Myelin"),
        ("carisoprodal", "Carisoprodol"),
        ("ibuprofin", "Ibuprofen"),
        ("potasium", "Potassium"),
        ("neuropathic pian", "Neuropathic pain"),
    ],
)
def test_lookup_forgives_a_small_misspelling(glossary, typo, term):
    """One or two wrong letters still find the entry."""
    assert glossary.lookup(typo).term == term


UNRELATED_WORDS = ["banana", "keyboard", "holiday", "weather", "lesson", "spite", "gains"]


@pytest.mark.parametrize("word", [*UNRELATED_WORDS, "pian", "spa", "x", "", "?!"])
def test_lookup_does_not_invent_a_match_for_unrelated_words(glossary, word):
    """Ordinary words (even one consonant away from a term, like 'lesson'), very short words
    and empty input find no entry."""
    assert glossary.lookup(word) is None


def test_suggest_offers_close_terms_for_a_fragment(glossary):
    """'spas' suggests the spasm and spasticity entries; nonsense or one letter, nothing."""
    terms = [entry.term for entry in glossary.suggest("spas")]
    assert "Muscle spasm" in terms and "Spasticity" in terms
    assert len(glossary.suggest("spas", limit=2)) == 2
    assert glossary.suggest("qqqqzzzz") == []
    assert glossary.suggest("x") == []


def test_words_lists_every_term_and_alias_once(glossary):
    """words() gives each term and alias once, and each of them looks up its own entry."""
    words = glossary.words()
    assert len(words) == len(set(words))
    assert {"Botox", "Lhermitte's sign", "MS", "spasms"} <= set(words)
    assert all(glossary.lookup_exact(word) is not None for word in words)


# --- The term finder used for linking -----------------------------------------------------


def found(glossary, text):
    return [(match.text, match.entry.term) for match in glossary.find_terms(text)]


def test_find_terms_prefers_the_longest_term(glossary):
    """'muscle spasm' is one match, not 'spasm' on its own."""
    assert found(glossary, "A muscle spasm woke her.") == [("muscle spasm", "Muscle spasm")]


def test_find_terms_respects_word_boundaries(glossary):
    """'spasm' does not match inside 'spasmodic', nor 'MRI' inside 'MRIs2'."""
    assert found(glossary, "a spasmodic cough, MRIs2") == []


def test_find_terms_matches_inside_a_word_only_when_it_is_an_alias():
    """'spasmodic' is linked when the glossary lists it as an alias."""
    small = Glossary([make_entry("Muscle spasm", aliases=["spasm", "spasmodic"])])
    assert found(small, "A spasmodic pain.") == [("spasmodic", "Muscle spasm")]


def test_acronyms_match_only_in_capitals(glossary):
    """'MS' and 'NSAIDs' are found in capitals; 'ms', 'Ms' and 'nsaids' are ordinary text."""
    text = "MS pain, 5 ms later Ms Jones took NSAIDs, not nsaids."
    assert found(glossary, text) == [("MS", "Multiple sclerosis"), ("NSAIDs", "NSAID")]


def test_find_terms_ignores_case_for_ordinary_words(glossary):
    """Headings in capitals and sentence starts still find their terms."""
    assert found(glossary, "SPASTICITY. Spastic legs.") == [
        ("SPASTICITY", "Spasticity"),
        ("Spastic", "Spasticity"),
    ]


def test_find_terms_joins_words_across_line_breaks_and_hyphens(glossary):
    """A term split over two lines or written with a hyphen is still one match."""
    text = "stem-cell therapy and stem cell\ntherapy and Lhermitte’s sign"
    assert [term for _, term in found(glossary, text)] == [
        "Stem cell therapy",
        "Stem cell therapy",
        "Lhermitte's sign",
    ]


def test_find_terms_does_not_join_words_across_punctuation(glossary):
    """'nerve. Fibre' is two sentences, not the term 'nerve fibre'."""
    assert found(glossary, "the nerve. Fibre") == [("nerve", "Nerve")]


def test_find_terms_offsets_point_at_the_text_without_overlaps(glossary):
    """Matches come in reading order, never overlap, and their offsets slice the text."""
    articles, _ = load_collection(FIXTURE_ARTICLES)
    text = "\n\n".join(article.body for article in articles)
    matches = glossary.find_terms(text)
    assert matches
    for match in matches:
        assert text[match.start : match.end] == match.text
    for before, after in zip(matches, matches[1:], strict=False):
        assert before.end <= after.start


# --- Loading and validation ----------------------------------------------------------------


def write(tmp_path, text: str) -> Path:
    path = tmp_path / "glossary.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_glossary_file_is_a_clear_error(tmp_path):
    """A missing file raises GlossaryError saying it is missing."""
    with pytest.raises(GlossaryError, match="missing"):
        load_glossary(tmp_path / "nope.toml")


def test_broken_toml_is_a_clear_error(tmp_path):
    """A syntax error names the file and says it is not valid TOML."""
    with pytest.raises(GlossaryError, match="not valid TOML"):
        load_glossary(write(tmp_path, '[[entry]]\nterm = "Myelin\n'))


def test_entry_without_definition_is_named_in_the_error(tmp_path):
    """An entry with no definition is reported by number and term."""
    with pytest.raises(GlossaryError, match=r"entry 1 \('Myelin'\) has no definition"):
        load_glossary(write(tmp_path, '[[entry]]\nterm = "Myelin"\n'))


def test_aliases_must_be_a_list_of_words(tmp_path):
    """aliases = 3 is refused with a plain reason."""
    text = '[[entry]]\nterm = "Myelin"\ndefinition = "A coat. On nerves."\naliases = 3\n'
    with pytest.raises(GlossaryError, match="'aliases' must be a list"):
        load_glossary(write(tmp_path, text))


def test_problems_report_clashing_names_and_unknown_references():
    """Two entries sharing a name, a related term without entry, an unknown topic: all reported."""
    small = Glossary(
        [
            make_entry("Spasm", aliases=["cramp"], related=["Nothing here"], topics=["nope"]),
            make_entry("Cramp"),
        ]
    )
    problems = small.problems(topic_ids=["spasticity"])
    assert any("names both" in problem for problem in problems)
    assert any("'Nothing here' has no entry" in problem for problem in problems)
    assert any("unknown topic 'nope'" in problem for problem in problems)
