"""The words patients use, read as topics (resources/topics.toml), in a table.

Each lay phrase must be read as exactly its topics, and a phrase with another sense must not
be read as a topic it only resembles ("ear ache" is not lower back pain, "brain zaps" are not
Lhermitte's sign). Matching is the vocabulary's own: stemmed words, stop words dropped, the
longest phrase first.
"""

from __future__ import annotations

import pytest

from mspain_kb.core.vocabulary.topics import load_vocabulary

VOCABULARY = load_vocabulary()

NEURO = "neuropathic-pain"
LHERMITTE = "lhermitte"
SPASTIC = "spasticity"
SPASMS = "muscle-spasms"
FATIGUE = "fatigue-immobility"
LEGS = "leg-pain"
BACK = "lower-back-pain"
MSK = "musculoskeletal-pain"
RELAPSE = "relapses"
MEDS = "medication"
PHYSIO = "physical-therapy"
HEAD = "head-face-pain"


def topics_of(phrase: str) -> set[str]:
    return {topic.id for match in VOCABULARY.match_lay_phrases(phrase) for topic in match.topics}


LAY_PHRASES = [
    # The MS hug and other nerve-pain wording.
    ("tight band", {NEURO}),
    ("tight chest", {NEURO}),
    ("a tight band round my waist", {NEURO}),
    ("band around my ribs", {NEURO}),
    ("MS girdle", {NEURO}),
    ("girdle", {NEURO}),
    ("banding", {NEURO}),
    ("like a corset", {NEURO}),
    ("squeezed", {NEURO}),
    ("crushing", {NEURO}),
    ("pressure around my chest", {NEURO}),
    ("tight gloves", {NEURO}),
    ("tight socks", {NEURO}),
    ("creepy crawlies", {NEURO}),
    ("skin crawling", {NEURO}),
    ("itching", {NEURO}),
    ("vibrating", {NEURO}),
    ("buzzing", {NEURO}),
    ("humming", {NEURO}),
    ("wet feeling", {NEURO}),
    ("water trickling", {NEURO}),
    ("icy", {NEURO}),
    ("freezing", {NEURO}),
    ("feet on fire", {NEURO}),
    ("the sheets hurt", {NEURO}),
    ("touch hurts", {NEURO}),
    ("zaps in my legs", {NEURO}),
    # Lhermitte's sign: only the specific phrases.
    ("zingers", {LHERMITTE}),
    ("when I bend my head", {LHERMITTE}),
    ("shock down my legs", {LHERMITTE}),
    ("jolt down my back", {LHERMITTE}),
    ("a shock when I look down", {LHERMITTE}),
    ("electric shock down my spine", {LHERMITTE}),
    # Spasticity and spasms, clonus.
    ("leg bouncing", {SPASTIC, SPASMS}),
    ("leg shaking", {SPASTIC, SPASMS}),
    ("foot tapping", {SPASTIC, SPASMS}),
    ("knee bouncing", {SPASTIC, SPASMS}),
    ("my legs lock", {SPASTIC}),
    ("robot legs", {SPASTIC}),
    ("legs kick out", {SPASMS}),
    ("legs shoot out", {SPASMS}),
    ("legs pull up", {SPASMS}),
    ("toes curling", {SPASMS}),
    ("clawed toes", {SPASMS}),
    ("jumpy legs", {SPASMS}),
    ("twitchy legs", {SPASMS}),
    # Fatigue and immobility.
    ("jelly legs", {FATIGUE}),
    ("legs like jelly", {FATIGUE}),
    ("legs like lead", {FATIGUE}),
    ("heavy legs", {SPASTIC, LEGS, FATIGUE}),
    ("legs feel heavy", {SPASTIC, FATIGUE}),
    ("my legs buckle", {FATIGUE}),
    ("foot drop", {FATIGUE}),
    ("drop foot", {FATIGUE}),
    ("dragging my foot", {FATIGUE}),
    ("tripping", {FATIGUE}),
    ("shattered", {FATIGUE}),
    ("knackered", {FATIGUE}),
    ("wiped out", {FATIGUE}),
    ("brain fog", {FATIGUE}),
    ("pressure sores", {FATIGUE}),
    # Legs, back, muscles and joints.
    ("restless legs", {LEGS}),
    ("pain in my feet", {LEGS}),
    ("sore feet", {LEGS}),
    ("sciatica", {LEGS, BACK}),
    ("trapped nerve", {BACK}),
    ("slipped disc", {BACK}),
    ("tailbone", {BACK}),
    ("arm pain", {MSK}),
    ("hand pain", {MSK}),
    ("neck pain", {MSK}),
    # Relapses.
    ("relapse", {RELAPSE}),
    ("flare up", {RELAPSE}),
    ("an MS attack", {RELAPSE}),
    ("new symptoms", {RELAPSE}),
    ("burning when I pee", {RELAPSE}),
    ("stem cell transplant", {RELAPSE}),
    ("aHSCT", {RELAPSE}),
    ("HSCT", {RELAPSE}),
    # Medicines by name, and what antidepressant withdrawal feels like.
    ("baclofen", {MEDS}),
    ("gabapentin", {MEDS}),
    ("Lyrica", {MEDS}),
    ("amitriptyline", {MEDS}),
    ("Sativex", {MEDS}),
    ("paracetamol", {MEDS}),
    ("tramadol", {MEDS}),
    ("brain zaps", {MEDS}),
    # Therapies.
    ("TENS machine", {PHYSIO}),
    ("hydrotherapy", {PHYSIO}),
    ("a splint", {PHYSIO}),
    ("occupational therapy", {PHYSIO}),
    # Head, face and eye pain.
    ("headache", {HEAD}),
    ("migraine", {HEAD}),
    ("eye pain", {HEAD}),
    ("pain behind my eye", {HEAD}),
    ("pain moving my eye", {HEAD}),
    ("face pain", {HEAD}),
    ("facial pain", {HEAD}),
    ("jaw pain", {HEAD}),
    ("toothache", {HEAD}),
    ("pain in my cheek", {HEAD}),
    ("trigeminal neuralgia", {HEAD}),
    ("electric shock in my face", {HEAD}),
    ("sore eyes", {HEAD}),
    ("ear ache", {HEAD}),
]


@pytest.mark.parametrize(("phrase", "expected"), LAY_PHRASES)
def test_lay_phrase_is_read_as_its_topics(phrase, expected):
    """The everyday words are read as exactly the topics they mean."""
    assert topics_of(phrase) == expected


NOT_THESE = [
    ("ear ache", {BACK, MSK}),
    ("pressure sores", {MSK}),
    ("sore eyes", {MSK}),
    ("brain zaps", {LHERMITTE}),
    ("zaps in my legs", {LHERMITTE}),
    ("electric shock in my face", {LHERMITTE}),
    ("jolt of pain in my leg", {LHERMITTE}),
    ("looking down at my feet when walking", {LHERMITTE}),
    ("head forward posture", {LHERMITTE}),
    ("legs shoot out", {NEURO}),
    ("burning when I pee", {NEURO}),
    ("tight band", {SPASTIC}),
    ("tight chest", {SPASTIC}),
    ("stem cell transplant", {"regenerative-claims"}),
    ("aHSCT", {"regenerative-claims"}),
    ("holistic needs assessment", {"alternative-therapies"}),
    ("a heart attack", {RELAPSE}),
    ("a panic attack", {RELAPSE}),
]


@pytest.mark.parametrize(("phrase", "wrong"), NOT_THESE)
def test_phrase_with_another_sense_is_not_read_as_a_look_alike_topic(phrase, wrong):
    """A phrase that only resembles a topic's words is not read as that topic."""
    assert not topics_of(phrase) & wrong


HEAT_WORDS = ("hot bath", "heat pack")


def test_heat_as_a_therapy_comes_with_the_caution():
    """Where hot baths or heat packs are offered as a therapy, the topic says that heat can
    worsen MS symptoms and burn numb skin, and explains heat sensitivity."""
    offering = [t for t in VOCABULARY if any(word in t.lay for word in HEAT_WORDS)]
    assert offering
    for topic in offering:
        assert "worsen MS symptoms" in topic.description, topic.id
        assert "burn numb skin" in topic.description, topic.id
        assert "heat sensitivity" in topic.glossary, topic.id


def test_head_face_and_eye_pain_is_a_symptom_topic_with_an_eye_warning():
    """The new topic is listed with the symptoms, and says eye pain with blurred vision needs
    prompt attention (optic neuritis)."""
    topic = VOCABULARY.resolve("Head, face and eye pain")
    assert topic is not None and topic.kind == "symptom"
    assert "prompt attention" in topic.description
    assert "optic neuritis" in topic.glossary


def test_injections_topic_describes_botulinum_toxin_as_for_particular_muscles():
    """Botulinum toxin treats spasticity in particular muscles, not "severe spasticity"."""
    description = VOCABULARY.get("injections").description
    assert "particular muscles" in description and "severe" not in description
