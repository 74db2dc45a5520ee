"""The medical content of the glossary: warnings where the reader sees them, facts as checked
against public references, and clinical words linked only in their medical sense.

These tests read the bundled `resources/glossary.toml` and render sentences with the real
renderer, so a change to a definition, an alias or the term finder that brings back one of the
errors found in review fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from mspain_kb.core.collection.article import parse_article
from mspain_kb.core.render.article import render_article
from mspain_kb.core.vocabulary.glossary import load_glossary, name_key
from mspain_kb.core.vocabulary.text import fold
from mspain_kb.core.vocabulary.topics import load_vocabulary

GLOSSARY = load_glossary()
VOCABULARY = load_vocabulary()

# Words that mean the reader must be warned: the tooltip (the definition's first sentence) is
# often all a patient reads, so wherever one of these appears it must appear there.
WARNING_RE = re.compile(
    r"\b(urgent|emergency|experimental|unproven|withdrawn|not an MS treatment"
    r"|not a treatment for MS pain|does not recommend)\b",
    re.IGNORECASE,
)
# A definition that cites guidance or a regulator, or that warns, names its references.
CITES_RE = re.compile(r"\b(NICE|European Medicines Agency|controlled drug|withdrawn)\b")


def entry(term: str):
    found = GLOSSARY.lookup_exact(term)
    assert found is not None, f"no glossary entry for {term!r}"
    return found


# --- warnings in the tooltip ------------------------------------------------------------


@pytest.mark.parametrize("item", GLOSSARY.entries, ids=lambda item: item.slug)
def test_a_warning_in_a_definition_is_in_its_tooltip(item):
    """Experimental, withdrawn, not-an-MS-treatment and get-urgent-help wording, wherever it
    appears in a definition, also appears in the first sentence shown on hover."""
    warnings = {match.group(0).lower() for match in WARNING_RE.finditer(item.definition)}
    in_tooltip = {match.group(0).lower() for match in WARNING_RE.finditer(item.short)}
    assert warnings <= in_tooltip, f"{item.term}: {warnings - in_tooltip} not in the tooltip"


TOOLTIP_MUST_SAY = [
    ("Stem cell therapy", "experimental and unproven"),
    ("Regenerative medicine", "mostly experimental"),
    ("Carisoprodol", "not an MS treatment"),
    ("Carisoprodol", "withdrawn in the EU and the UK because of misuse and addiction"),
    ("aHSCT", "not a treatment for MS pain"),
    ("MS hug", "get urgent medical help for chest pain"),
    ("Optic neuritis", "needs prompt attention"),
    ("Headache", "needs urgent medical help"),
    ("Sciatica", "get urgent medical help"),
    ("Baclofen", "must not be stopped suddenly without medical advice"),
    ("Paracetamol", "seriously damage the liver"),
    ("Cannabis-based medicine", "does not recommend cannabis-based medicines for chronic pain"),
    ("Nabiximols", "not recommended for pain"),
    ("Peripheral neuropathy", "not caused by MS"),
    ("Antidepressant", "also used to ease nerve pain"),
    ("Anticonvulsant", "also used to ease nerve pain"),
    ("Pseudo-relapse", "not a relapse"),
    ("Efficacy", 'whose efficacy is "still being researched" has not yet been shown to work'),
    ("Muscle spasm", "sudden jerk or kick"),
    ("Gabapentin", "controlled drug since 2019"),
    ("Pregabalin", "controlled drug since 2019"),
]


@pytest.mark.parametrize(("term", "words"), TOOLTIP_MUST_SAY)
def test_tooltip_carries_the_warning_or_the_reason_the_entry_exists(term, words):
    """What a reader must not miss is in the tooltip itself, not further down."""
    assert words in entry(term).short


@pytest.mark.parametrize("item", GLOSSARY.entries, ids=lambda item: item.slug)
def test_the_tooltip_is_a_full_sentence_about_the_entry(item):
    """The first sentence names the entry (its term or another name), so it makes sense alone
    beside an underlined word; it does not start with a pronoun pointing elsewhere, and it is
    not cut short at an abbreviation."""
    short = fold(item.short)
    assert not re.match(r"(it|this|these|they|such)\b", short), item.term
    names = [name_key(form) for form in (item.term, *item.aliases)]
    assert any(f" {name} " in f" {name_key(short)} " for name in names), item.term
    assert len(short.split()) >= 5 and not re.search(r"\b(e\.g|i\.e|etc|dr)\.$", short)


@pytest.mark.parametrize("item", GLOSSARY.entries, ids=lambda item: item.slug)
def test_a_definition_that_cites_guidance_or_warns_names_its_sources(item):
    """A definition quoting NICE or a regulator, or carrying a warning, lists the public
    references it was checked against (shown with the entry)."""
    if CITES_RE.search(item.definition) or WARNING_RE.search(item.definition):
        assert item.sources, f"{item.term} cites or warns but names no source"


# --- facts as checked -------------------------------------------------------------------

FACTS = [
    ("Relapse", ["at least 30 days after the last relapse", "pseudo-relapse"]),
    (
        "Anti-spasticity drug",
        ["baclofen or gabapentin first", "tizanidine or dantrolene next", "GP or the MS team"],
    ),
    ("Anti-spasticity drug", ["must not be stopped suddenly without medical advice"]),
    ("Lhermitte's sign", ["In MS it is usually caused", "other causes", "strange rather than"]),
    ("Nerve", ["not in the nerves of the arms and legs"]),
    ("MS hug", ["small muscles between the ribs", "hands or feet"]),
    ("Trigeminal neuralgia", ["usually on one side", "Carbamazepine"]),
    ("Allodynia", ["touch or a temperature"]),
    ("Magnetic resonance imaging", ["MRI can show lesions"]),
    ("Carisoprodol", ["European Medicines Agency", "2007", "controlled drug since 2012"]),
    ("Nabiximols", ["four-week trial", "specialist"]),
    ("Stem cell therapy", ["aHSCT"]),
    ("Atrophy", ["brain", "faster"]),
    ("Heat sensitivity", ["not a relapse", "burn"]),
]


@pytest.mark.parametrize(("term", "phrases"), FACTS)
def test_definition_states_the_checked_fact(term, phrases):
    """Each fact corrected in review is stated as the references give it."""
    for phrase in phrases:
        assert phrase in entry(term).definition, f"{term}: missing {phrase!r}"


NOT_SAID = [
    ("Lhermitte's sign", "It is caused by damage"),  # one cause presented as the only one
    ("Magnetic resonance imaging", "MRI shows lesions"),  # not every lesion shows or matters
    ("Carisoprodol", "some countries have restricted"),  # understates a withdrawal
    ("Anti-spasticity drug", "the choice is made with a specialist"),
]


@pytest.mark.parametrize(("term", "phrase"), NOT_SAID)
def test_definition_no_longer_says_what_review_found_wrong(term, phrase):
    assert phrase not in entry(term).definition


def test_inflammation_is_not_related_to_nsaids():
    """NSAIDs do not treat the inflammation of MS, so the entry must not point to them."""
    assert "NSAID" not in entry("Inflammation").related


@pytest.mark.parametrize(
    ("name", "term"),
    [
        ("HSCT", "aHSCT"),
        ("aHSCT", "aHSCT"),
        ("stem cell transplant", "aHSCT"),
        ("stem cells", "Stem cell therapy"),
        ("neuropathy", "Peripheral neuropathy"),
        ("MS girdle", "MS hug"),
        ("girdling", "MS hug"),
        ("protective covering", "Myelin"),
        ("neural tissue", "Central nervous system"),
        ("walking difficulties", "Gait"),
        ("stress management", "Relaxation technique"),
        ("Lyrica", "Pregabalin"),
        ("Sativex", "Nabiximols"),
        ("Uhthoff's phenomenon", "Heat sensitivity"),
    ],
)
def test_names_lead_to_the_right_entry(name, term):
    """Other names, brand names and lay names find the entry in their sense."""
    assert GLOSSARY.lookup_exact(name).term == term


def test_aHSCT_is_not_filed_under_regenerative_claims():
    """aHSCT is a specialist MS treatment, not one of the clinics' regenerative claims."""
    assert "regenerative-claims" not in entry("aHSCT").topics
    for phrase in ("stem cell transplant", "HSCT", "aHSCT"):
        topics = {t.id for m in VOCABULARY.match_lay_phrases(phrase) for t in m.topics}
        assert "regenerative-claims" not in topics, phrase


# --- linking in the medical sense only ---------------------------------------------------

# (sentence, phrase in it, the entry that phrase must link to, or None for no link at all)
LINKS = [
    ("MS is a chronic disease of the brain and spinal cord.", "chronic disease", None),
    ("Many people with MS live with chronic pain.", "chronic pain", "Chronic pain"),
    ("An acute relapse often settles in weeks.", "acute relapse", "Relapse"),
    ("Acute pain fades as an injury heals.", "Acute pain", "Acute pain"),
    ("A lumbar puncture can help confirm it.", "lumbar puncture", "Lumbar puncture"),
    ("Aches in the lumbar spine are common.", "lumbar spine", "Lumbar spine"),
    ("Degenerative disc disease is common with age.", "Degenerative disc disease", "Spinal disc"),
    ("Nerve degeneration builds up over years.", "Nerve degeneration", "Neurodegenerative"),
    ("Steroids are anti-inflammatory drugs.", "Steroids", "Steroid"),
    (
        "Steroids are anti-inflammatory drugs.",
        "anti-inflammatory drugs",
        "Anti-inflammatory medicine",
    ),
    ("Ibuprofen is a non-steroidal anti-inflammatory drug.", "non-steroidal", "NSAID"),
    ("Ibuprofen is a non-steroidal anti-inflammatory drug.", "anti-inflammatory", "NSAID"),
    ("The nurse offered a holistic needs assessment.", "holistic needs assessment", None),
    ("Some clinics sell holistic therapies.", "holistic therapies", "Complementary therapy"),
    ("Women are invited for cervical screening.", "cervical screening", None),
    ("Damage in the cervical spinal cord causes it.", "cervical spinal cord", "Cervical spine"),
    ("Stretching eases muscle tension.", "muscle tension", None),
    (
        "Progressive muscle relaxation helps her sleep.",
        "Progressive muscle relaxation",
        "Relaxation technique",
    ),
    ("Progressive MS gets worse slowly.", "Progressive MS", "Progression"),
    ("Diabetic neuropathy affects the feet.", "Diabetic neuropathy", "Peripheral neuropathy"),
    ("Neuropathic pain is common in MS.", "Neuropathic pain", "Neuropathic pain"),
    (
        "Her stem cell transplant was for very active MS.",
        "stem cell transplant",
        "aHSCT",
    ),
    ("A clinic abroad sells stem cell treatment.", "stem cell treatment", "Stem cell therapy"),
    ("Lesions in the neural tissue slow signals.", "neural tissue", "Central nervous system"),
    ("It damages the protective sheath of nerves.", "protective sheath", "Myelin"),
    ("Walking difficulties are common.", "Walking difficulties", "Gait"),
    ("Stress management techniques can help.", "Stress management", "Relaxation technique"),
    ("Her MS girdle came back at night.", "MS girdle", "MS hug"),
    ("A urine infection can cause a pseudo-relapse.", "urine infection", "Urinary tract infection"),
    ("A urine infection can cause a pseudo-relapse.", "pseudo-relapse", "Pseudo-relapse"),
    ("Sativex is a mouth spray.", "Sativex", "Nabiximols"),
    ("Uhthoff's phenomenon made her legs weak.", "Uhthoff's phenomenon", "Heat sensitivity"),
    ("Ms Jones has a slipped disc.", "Ms", None),
    ("Ms Jones has a slipped disc.", "slipped disc", "Spinal disc"),
]


def _links(sentence: str) -> list[tuple[str, str]]:
    article = parse_article(Path("sentence.md"), f"title: Test\n\n{sentence}\n")
    html = render_article(article, GLOSSARY, VOCABULARY, mark_every_term=True).html
    body = html.split("<hr>", 1)[1]  # the text, not the header
    soup = BeautifulSoup(body, "html.parser")
    return [
        (link.get_text(), link["href"].removeprefix("glossary:"))
        for link in soup.find_all("a", href=re.compile("^glossary:"))
    ]


@pytest.mark.parametrize(("sentence", "phrase", "term"), LINKS)
def test_rendered_sentence_links_the_phrase_in_its_medical_sense(sentence, phrase, term):
    """The real renderer links the phrase to the entry of its sense, or leaves it unlinked:
    "a chronic disease" is not chronic pain, "lumbar puncture" is not the lumbar spine."""
    assert phrase in sentence
    inside = [
        slug
        for text, slug in _links(sentence)
        if fold(text) in fold(phrase) or fold(phrase) in fold(text)
    ]
    if term is None:
        assert inside == [], f"{phrase!r} should link nothing, links {inside}"
    else:
        assert inside == [entry(term).slug], f"{phrase!r} links {inside}, not {term}"
