"""'Where does it hurt?': a body map for people who can point at a pain but not name it.

`regions` reads and checks the data (resources/body_regions.toml) against the vocabulary and
the drawing (`drawing`, resources/body_map.svg); `findings` counts what the collection has for
the regions chosen. No Qt here: the window and `mspain-kb body-map` both use these.
"""

from mspain_kb.core.body_map.drawing import Drawing, DrawingError, RegionElement
from mspain_kb.core.body_map.findings import (
    Findings,
    PainCount,
    count_articles,
    what_the_collection_has,
)
from mspain_kb.core.body_map.regions import BodyMap, BodyMapError, Pain, Region, load_body_map

__all__ = [
    "BodyMap",
    "BodyMapError",
    "Drawing",
    "DrawingError",
    "Findings",
    "Pain",
    "PainCount",
    "Region",
    "RegionElement",
    "count_articles",
    "load_body_map",
    "what_the_collection_has",
]
