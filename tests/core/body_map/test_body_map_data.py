"""The body map's data and drawing: they fit each other and the vocabulary, and the counts
are the totals of the searches a click runs."""

from __future__ import annotations

import shutil
import tomllib

import pytest

from mspain_kb.core.body_map import (
    BodyMapError,
    Drawing,
    load_body_map,
    what_the_collection_has,
)
from mspain_kb.core.body_map.findings import chosen_regions
from mspain_kb.core.body_map.regions import DRAWING_FILE, REGIONS_FILE
from mspain_kb.core.search.index import KnowledgeIndex
from mspain_kb.core.search.service import SearchService
from mspain_kb.resources import bundled_dir
from tests.conftest import REAL_ARTICLES

RESOURCES = bundled_dir("resources")
REGIONS_TEXT = (RESOURCES / REGIONS_FILE).read_text(encoding="utf-8")
SVG_TEXT = (RESOURCES / DRAWING_FILE).read_text(encoding="utf-8")
# Everything a person can point at, as the product asks for it.
ASKED_FOR = {
    "head", "face", "eyes", "neck", "shoulders", "arms", "hands", "chest", "upper-back",
    "lower-back", "hips", "thighs", "knees", "calves", "feet", "whole-body",
}  # fmt: skip


@pytest.fixture(scope="module")
def body_map(vocabulary):
    return load_body_map(RESOURCES, vocabulary)


@pytest.fixture(scope="module")
def real_search(tmp_path_factory, vocabulary, phrases):
    index = KnowledgeIndex(tmp_path_factory.mktemp("index"), REAL_ARTICLES, vocabulary, phrases)
    index.sync()
    service = SearchService(index, vocabulary)
    yield service
    service.close()
    index.close()


def pains_of(body_map, region_id: str) -> dict[str, str]:
    """search -> words for one region."""
    return {pain.search: pain.words for pain in body_map.region(region_id).pains}


# The bundled data -------------------------------------------------------------------------
def test_every_region_asked_for_is_there(body_map):
    assert {region.id for region in body_map} >= ASKED_FOR


def test_every_region_maps_to_topics_that_exist(body_map, vocabulary):
    for region in body_map:
        assert region.topics, region.id
        for topic in region.topics:
            assert vocabulary.get(topic) is not None, (region.id, topic)


def test_every_search_is_read_as_one_of_its_topics(body_map, vocabulary):
    """The search a click runs finds the kind of pain's topic, not only its words."""
    for region in body_map:
        for pain in region.pains:
            read_as = {
                topic.id for match in vocabulary.match_lay_phrases(pain.search)
                for topic in match.topics
            }  # fmt: skip
            assert read_as & set(pain.topics), (pain.id, pain.search, read_as)


def test_every_drawn_region_has_data_and_every_region_is_drawn(body_map):
    drawing = body_map.drawing
    assert drawing.region_ids() == {region.id for region in body_map}
    for region in body_map:
        drawn_in = {element.view for element in drawing.elements_of(region.id)}
        assert drawn_in == set(region.views), region.id


def test_front_and_back_membership(body_map):
    assert body_map.region("lower-back").views == ("back",)
    assert body_map.region("upper-back").views == ("back",)
    assert body_map.region("face").views == ("front",)
    assert body_map.region("chest").views == ("front",)
    assert set(body_map.region("knees").views) == {"front", "back"}


def test_the_kinds_of_pain_the_product_names(body_map):
    face = pains_of(body_map, "face")
    assert "trigeminal neuralgia" in face and "face pain" in face
    assert "MS hug" in pains_of(body_map, "chest")
    neck = pains_of(body_map, "neck")
    assert "bend your neck" in neck["electric shock when I bend my neck"]
    legs = {**pains_of(body_map, "thighs"), **pains_of(body_map, "calves")}
    assert {"stiff legs", "leg spasms", "leg pain", "restless legs"} <= set(legs)
    assert {"burning feet", "foot drop"} <= set(pains_of(body_map, "feet"))
    assert "lower back pain" in pains_of(body_map, "lower-back")


def test_warnings_go_with_the_chest_and_the_eyes(body_map):
    assert "emergency" in body_map.region("chest").warning
    assert "prompt" in body_map.region("eyes").warning
    assert body_map.warnings_for(["feet"]) == []


def test_several_regions_give_each_kind_of_pain_once_in_map_order(body_map):
    pains = body_map.pains_for(["calves", "thighs"])
    searches = [pain.search for pain in pains]
    assert len(searches) == len(set(searches))
    thighs = [pain.search for pain in body_map.region("thighs").pains]
    assert searches[: len(thighs)] == thighs  # thighs come before calves on the map
    assert "leg cramps" in searches[len(thighs) :]


def test_an_unknown_region_is_named(body_map):
    with pytest.raises(BodyMapError, match="no region called 'legs'"):
        chosen_regions(body_map, ["legs"])


# Mistakes in the files: one line naming the entry -----------------------------------------
def load_with(tmp_path, vocabulary, regions_text=REGIONS_TEXT, svg_text=SVG_TEXT):
    (tmp_path / REGIONS_FILE).write_text(regions_text, encoding="utf-8")
    (tmp_path / DRAWING_FILE).write_text(svg_text, encoding="utf-8")
    return load_body_map(tmp_path, vocabulary)


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'search = "MS hug"\ntopics = ["neuropathic-pain"]',
            'search = "MS hug"\ntopics = ["nerve-pain"]',
            "pain 'ms-hug' names topic 'nerve-pain', which is not in topics.toml",
        ),
        ('search = "MS hug"', 'search = "  "', "pain 'ms-hug' has no search"),
        (
            'pains = ["knee-pain", "stiff-knees"]',
            'pains = ["knee-pain", "stiff-knee"]',
            "region 'knees' lists pain 'stiff-knee', which has no [[pain]] entry",
        ),
        (
            'pains = ["knee-pain", "stiff-knees"]',
            'pains = ["knee-pain"]',
            "pain 'stiff-knees' is not listed by any region",
        ),
        ('id = "knees"', 'id = "knee"', "region 'knee' has no element 'knee-front'"),
        (
            'id = "lower-back"\nname = "Lower back"\ndescription = "The small of the back, from '
            'the waist down to the top of the buttocks"\nviews = ["back"]',
            'id = "lower-back"\nname = "Lower back"\ndescription = "The small of the back, from '
            'the waist down to the top of the buttocks"\nviews = ["back", "side"]',
            "region 'lower-back' has view 'side'",
        ),
        ('id = "feet"', 'id = "head"', "region 'head' is listed twice"),
        ('[[pain]]\nid = "fatigue"', '[[pain]\nid = "fatigue"', "not valid TOML"),
    ],
)
def test_a_mistake_in_the_regions_file_is_one_line_naming_it(
    tmp_path, vocabulary, old, new, message
):
    with pytest.raises(BodyMapError) as caught:
        load_with(tmp_path, vocabulary, regions_text=replace_once(REGIONS_TEXT, old, new))
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'id="head-back"',
            'id="elbows-back" d="M0,0 L1,1 Z"/><path id="head-back"',
            "element 'elbows-back' has no region 'elbows'",
        ),
        (
            'id="knees-back"',
            'id="knees-behind"',
            "element 'knees-behind' in the back view should end in '-back'",
        ),
        (
            'id="head-back"',
            'id="face-back" d="M0,0 L1,1 Z"/><path id="head-back"',
            "element 'face-back' is drawn, but region 'face' is not in the back view",
        ),
        ('id="view-back"', 'id="view-rear"', "no group with id 'view-back'"),
        ("<svg ", "<svgg ", "not a valid SVG file"),
    ],
)
def test_a_mistake_in_the_drawing_is_one_line_naming_it(tmp_path, vocabulary, old, new, message):
    with pytest.raises(BodyMapError) as caught:
        load_with(tmp_path, vocabulary, svg_text=replace_once(SVG_TEXT, old, new))
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_region_listed_for_the_wrong_view_is_named(tmp_path, vocabulary):
    text = replace_once(
        REGIONS_TEXT,
        'views = ["front"]\npains = ["eye-pain"]',
        'views = ["back"]\npains = ["eye-pain"]',
    )
    with pytest.raises(BodyMapError, match="'eyes-front' is drawn, but region 'eyes' is not"):
        load_with(tmp_path, vocabulary, regions_text=text)


def test_a_missing_file_says_which(tmp_path, vocabulary):
    shutil.copy(RESOURCES / REGIONS_FILE, tmp_path / REGIONS_FILE)
    with pytest.raises(BodyMapError, match="cannot be read.*body_map.svg"):
        load_body_map(tmp_path, vocabulary)


def test_the_regions_file_is_plain_toml():
    data = tomllib.loads(REGIONS_TEXT)
    assert {"region", "pain"} == set(data)


# The drawing ---------------------------------------------------------------------------------
def test_styled_drawing_changes_only_the_colours_asked_for():
    drawing = Drawing(SVG_TEXT)
    styled = Drawing(drawing.styled({"neck-front": {"fill": "#123456"}}).decode("utf-8"))
    assert 'fill="#123456"' in styled.text
    assert styled.text.count("#123456") == 1
    assert styled.elements == drawing.elements
    with pytest.raises(ValueError, match="not a colour attribute"):
        drawing.styled({"neck-front": {"d": "M0,0"}})


def test_hit_map_keeps_only_the_areas_each_in_its_colour():
    drawing = Drawing(SVG_TEXT)
    hit_map = drawing.hit_map({"neck-front": "#010203", "feet-back": "#040506"}).decode("utf-8")
    assert hit_map.count("<path") == 2
    assert "#010203" in hit_map and "#040506" in hit_map
    assert "<text" not in hit_map and "whole-body" not in hit_map


def test_outlines_are_not_areas(body_map):
    outlines = [e.element_id for e in body_map.drawing.elements.values() if not e.area]
    assert sorted(outlines) == ["whole-body-back", "whole-body-front"]


# What the collection has --------------------------------------------------------------------
def test_counts_are_the_totals_of_the_searches_a_click_runs(body_map, real_search):
    findings = what_the_collection_has(body_map, ["calves", "neck", "face"], real_search)
    assert [region.id for region in findings.regions] == ["face", "neck", "calves"]
    counts = {found.pain.search: found.articles for found in findings.pains}
    assert len(counts) == len(findings.pains)  # each kind once
    for search, count in counts.items():
        shown = real_search.search(search, limit=1000)
        assert count == shown.total == len(shown.hits), search
    assert counts["electric shock when I bend my neck"] >= 1  # the Lhermitte article
    assert counts["trigeminal neuralgia"] == 0  # no article on it yet
