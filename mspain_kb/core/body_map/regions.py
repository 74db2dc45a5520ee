"""The regions a person can point at, and the kinds of pain felt in each (body_regions.toml).

Loading checks the data against the topic vocabulary and the drawing, so a typo in either
file is one clear line naming the entry, not a region that silently finds nothing.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mspain_kb.core.body_map.drawing import VIEWS, Drawing, DrawingError, element_id

REGIONS_FILE = "body_regions.toml"
DRAWING_FILE = "body_map.svg"


class BodyMapError(ValueError):
    """The body map data or drawing is missing or does not fit together (one line)."""


@dataclass(frozen=True)
class Pain:
    id: str
    words: str  # the feeling in plain words
    search: str  # what a click searches for
    topics: tuple[str, ...]


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    description: str
    views: tuple[str, ...]
    pains: tuple[Pain, ...]
    warning: str = ""

    @property
    def topics(self) -> tuple[str, ...]:
        """The topics of its kinds of pain, each once, in order."""
        return tuple(dict.fromkeys(topic for pain in self.pains for topic in pain.topics))


@dataclass(frozen=True)
class BodyMap:
    regions: tuple[Region, ...]
    drawing: Drawing

    def __iter__(self):
        return iter(self.regions)

    def region(self, region_id: str) -> Region | None:
        return next((region for region in self.regions if region.id == region_id), None)

    def pains_for(self, region_ids: Iterable[str]) -> list[Pain]:
        """The kinds of pain of the chosen regions, each once, in the order of the map."""
        chosen = set(region_ids)
        pains = (pain for region in self.regions if region.id in chosen for pain in region.pains)
        return list({pain.id: pain for pain in pains}.values())

    def warnings_for(self, region_ids: Iterable[str]) -> list[str]:
        chosen = set(region_ids)
        return [region.warning for region in self.regions if region.id in chosen and region.warning]


def load_body_map(resources_dir: Path, vocabulary) -> BodyMap:
    """Read body_regions.toml and body_map.svg from `resources_dir` and check them together."""
    regions_path = Path(resources_dir) / REGIONS_FILE
    drawing_path = Path(resources_dir) / DRAWING_FILE
    try:
        data = tomllib.loads(regions_path.read_text(encoding="utf-8"))
        svg_text = drawing_path.read_text(encoding="utf-8")
    except OSError as error:
        raise BodyMapError(f"The body map cannot be read: {error}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise BodyMapError(f"{REGIONS_FILE}: not valid TOML ({error})") from None
    try:
        drawing = Drawing(svg_text, DRAWING_FILE)
    except DrawingError as error:
        raise BodyMapError(str(error)) from None
    return parse_body_map(data, drawing, vocabulary)


def parse_body_map(data: dict, drawing: Drawing, vocabulary) -> BodyMap:
    pains = _parse_pains(data.get("pain", []), vocabulary)
    regions = tuple(_parse_region(entry, pains) for entry in _tables(data.get("region"), "region"))
    if not regions:
        raise BodyMapError(f"{REGIONS_FILE}: no [[region]] entries")
    _check_unique([region.id for region in regions], "region")
    used = {pain.id for region in regions for pain in region.pains}
    unused = [pain_id for pain_id in pains if pain_id not in used]
    if unused:
        raise BodyMapError(f"{REGIONS_FILE}: pain '{unused[0]}' is not listed by any region")
    _check_drawing(regions, drawing)
    return BodyMap(regions, drawing)


def _tables(value, kind: str) -> list[dict]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
        raise BodyMapError(f"{REGIONS_FILE}: '{kind}' must be written as [[{kind}]] tables")
    return value


def _text(entry: dict, key: str, kind: str, *, required: bool = True) -> str:
    value = entry.get(key, "")
    name = entry.get("id", "?")
    if not isinstance(value, str):
        raise BodyMapError(f"{REGIONS_FILE}: {kind} '{name}': '{key}' must be text")
    value = " ".join(value.split())
    if required and not value:
        raise BodyMapError(f"{REGIONS_FILE}: {kind} '{name}' has no {key}")
    return value


def _text_list(entry: dict, key: str, kind: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    name = entry.get("id", "?")
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise BodyMapError(f"{REGIONS_FILE}: {kind} '{name}': '{key}' must be a list of text")
    if not value:
        raise BodyMapError(f"{REGIONS_FILE}: {kind} '{name}' has no {key}")
    return tuple(value)


def _parse_pains(entries, vocabulary) -> dict[str, Pain]:
    pains: dict[str, Pain] = {}
    for entry in _tables(entries, "pain"):
        pain_id = _text(entry, "id", "pain")
        if pain_id in pains:
            raise BodyMapError(f"{REGIONS_FILE}: pain '{pain_id}' is listed twice")
        topics = _text_list(entry, "topics", "pain")
        for topic in topics:
            if vocabulary.get(topic) is None:
                raise BodyMapError(
                    f"{REGIONS_FILE}: pain '{pain_id}' names topic '{topic}', "
                    "which is not in topics.toml"
                )
        pains[pain_id] = Pain(
            id=pain_id,
            words=_text(entry, "words", "pain"),
            search=_text(entry, "search", "pain"),
            topics=topics,
        )
    return pains


def _parse_region(entry: dict, pains: dict[str, Pain]) -> Region:
    region_id = _text(entry, "id", "region")
    views = _text_list(entry, "views", "region")
    for view in views:
        if view not in VIEWS:
            raise BodyMapError(
                f"{REGIONS_FILE}: region '{region_id}' has view '{view}' (use 'front' or 'back')"
            )
    pain_ids = _text_list(entry, "pains", "region")
    for pain_id in pain_ids:
        if pain_id not in pains:
            raise BodyMapError(
                f"{REGIONS_FILE}: region '{region_id}' lists pain '{pain_id}', "
                "which has no [[pain]] entry"
            )
    _check_unique(pain_ids, f"pain in region '{region_id}'")
    return Region(
        id=region_id,
        name=_text(entry, "name", "region"),
        description=_text(entry, "description", "region", required=False),
        views=tuple(dict.fromkeys(views)),
        pains=tuple(pains[pain_id] for pain_id in pain_ids),
        warning=_text(entry, "warning", "region", required=False),
    )


def _check_unique(ids: Sequence[str], kind: str) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise BodyMapError(f"{REGIONS_FILE}: {kind} '{item}' is listed twice")
        seen.add(item)


def _check_drawing(regions: Sequence[Region], drawing: Drawing) -> None:
    """Each region is drawn in exactly its views, and everything drawn is a region."""
    known = {region.id: region for region in regions}
    for region in regions:
        for view in VIEWS:
            wanted = element_id(region.id, view)
            drawn = wanted in drawing.elements
            if view in region.views and not drawn:
                raise BodyMapError(
                    f"{DRAWING_FILE}: region '{region.id}' has no element '{wanted}' "
                    f"in the {view} view"
                )
            if drawn and view not in region.views:
                raise BodyMapError(
                    f"{DRAWING_FILE}: element '{wanted}' is drawn, but region '{region.id}' "
                    f"is not in the {view} view in {REGIONS_FILE}"
                )
    for element in drawing.elements.values():
        if element.region_id not in known:
            raise BodyMapError(
                f"{DRAWING_FILE}: element '{element.element_id}' has no region "
                f"'{element.region_id}' in {REGIONS_FILE}"
            )
