"""What the collection has for the regions a person chose: each kind of pain and its count.

The count is the total of the very search a click on that kind of pain runs (same words, no
topic filter), so the number beside it is the number of results the person then sees.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mspain_kb.core.body_map.regions import BodyMap, BodyMapError, Pain, Region


@dataclass(frozen=True)
class PainCount:
    pain: Pain
    articles: int  # results of `pain.search`


@dataclass(frozen=True)
class Findings:
    regions: tuple[Region, ...]
    warnings: tuple[str, ...]
    pains: tuple[PainCount, ...]


def count_articles(pains: Iterable[Pain], search) -> list[PainCount]:
    """Run each kind of pain's search (no snippets, one hit) and keep its total."""
    return [
        PainCount(pain, search.search(pain.search, limit=1, snippets=False).total) for pain in pains
    ]


def chosen_regions(body_map: BodyMap, region_ids: Iterable[str]) -> tuple[Region, ...]:
    """The regions named, in the order of the map; an unknown id is a BodyMapError."""
    wanted = list(dict.fromkeys(region_ids))
    for region_id in wanted:
        if body_map.region(region_id) is None:
            names = ", ".join(region.id for region in body_map)
            raise BodyMapError(f"There is no region called '{region_id}'; choose from {names}.")
    return tuple(region for region in body_map if region.id in wanted)


def what_the_collection_has(body_map: BodyMap, region_ids: Iterable[str], search) -> Findings:
    """The kinds of pain of the chosen regions (each once) with their article counts."""
    regions = chosen_regions(body_map, region_ids)
    ids = [region.id for region in regions]
    return Findings(
        regions=regions,
        warnings=tuple(body_map.warnings_for(ids)),
        pains=tuple(count_articles(body_map.pains_for(ids), search)),
    )
