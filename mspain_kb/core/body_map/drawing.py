"""The body map drawing (resources/body_map.svg): which paths are regions, and recoloured copies.

The drawing has one group per view (`view-front`, `view-back`); inside it every region is one
element whose id is the region id followed by the view ("neck-front", "upper-back-back").
The window recolours the drawing from its palette by setting presentation attributes (fill,
stroke, stroke-width) here, because Qt's SVG renderer (SVG Tiny 1.2) takes no style sheets.
"""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

SVG_NS = "http://www.w3.org/2000/svg"
VIEWS = ("front", "back")
VIEW_GROUP = "view-{view}"
STYLE_ATTRIBUTES = frozenset({"fill", "stroke", "stroke-width", "fill-opacity", "stroke-opacity"})

# Written back without an "ns0:" prefix on every tag (ElementTree's default_namespace option
# refuses the plain attribute names SVG uses).
ET.register_namespace("", SVG_NS)


class DrawingError(ValueError):
    """The drawing cannot be read, or does not have the shape described above."""


@dataclass(frozen=True)
class RegionElement:
    element_id: str  # "neck-front"
    region_id: str  # "neck"
    view: str  # "front"
    area: bool  # False for outlines (fill="none"): nothing to point at inside them


def element_id(region_id: str, view: str) -> str:
    return f"{region_id}-{view}"


def _tag(element: ET.Element) -> str:
    return element.tag.rpartition("}")[2]


class Drawing:
    """The parsed SVG: its region elements, and copies with other colours."""

    def __init__(self, svg_text: str, name: str = "body_map.svg"):
        try:
            self._root = ET.fromstring(svg_text)
        except ET.ParseError as error:
            raise DrawingError(f"{name}: not a valid SVG file ({error})") from None
        if _tag(self._root) != "svg":
            raise DrawingError(f"{name}: the file is not an SVG drawing")
        self.name = name
        self.text = svg_text
        self.elements: dict[str, RegionElement] = {}
        for view in VIEWS:
            group = self._find(VIEW_GROUP.format(view=view))
            if group is None:
                raise DrawingError(f"{name}: no group with id '{VIEW_GROUP.format(view=view)}'")
            suffix = f"-{view}"
            for child in group.iter():
                child_id = child.get("id", "")
                if child is group or not child_id:
                    continue
                if not child_id.endswith(suffix) or child_id == suffix:
                    raise DrawingError(
                        f"{name}: element '{child_id}' in the {view} view should end in '{suffix}'"
                    )
                self.elements[child_id] = RegionElement(
                    child_id,
                    child_id[: -len(suffix)],
                    view,
                    area=child.get("fill") != "none",
                )

    def _find(self, wanted_id: str) -> ET.Element | None:
        for element in self._root.iter():
            if element.get("id") == wanted_id:
                return element
        return None

    def view_box(self) -> tuple[float, float, float, float]:
        box = self._root.get("viewBox", "").replace(",", " ").split()
        if len(box) != 4:
            raise DrawingError(f"{self.name}: no viewBox")
        left, top, width, height = (float(value) for value in box)
        return left, top, width, height

    def label_ids(self) -> list[str]:
        """The text elements ("Front", "Back"), to colour like the window's text."""
        return [
            element.get("id")
            for element in self._root.iter()
            if _tag(element) == "text" and element.get("id")
        ]

    def region_ids(self) -> set[str]:
        return {element.region_id for element in self.elements.values()}

    def elements_of(self, region_id: str) -> list[RegionElement]:
        return [element for element in self.elements.values() if element.region_id == region_id]

    def styled(self, styles: Mapping[str, Mapping[str, str]]) -> bytes:
        """The drawing with presentation attributes set per element id (others unchanged).

        `styles` maps an element id ("neck-front", "label-back", "view-front") to attributes,
        for example {"fill": "#3a6ea5", "stroke": "#1d3a57"}.
        """
        root = copy.deepcopy(self._root)
        for element in root.iter():
            attributes = styles.get(element.get("id", ""))
            for name, value in (attributes or {}).items():
                if name not in STYLE_ATTRIBUTES:
                    raise ValueError(f"not a colour attribute: {name}")
                element.set(name, value)
        return ET.tostring(root, encoding="utf-8")

    def hit_map(self, colours: Mapping[str, str]) -> bytes:
        """Only the areas, each filled with its own colour and no outline, in drawing order.

        Rendered off screen, the colour under the pointer says which element it is on.
        Elements not in `colours` (outlines, labels) are left out.
        """
        root = copy.deepcopy(self._root)
        for parent in list(root.iter()):
            for child in list(parent):
                child_id = child.get("id", "")
                if child_id in colours:
                    child.set("fill", colours[child_id])
                    child.set("stroke", "none")
                elif _tag(child) not in ("g",) or not _holds_any(child, colours):
                    parent.remove(child)
        return ET.tostring(root, encoding="utf-8")


def _holds_any(group: ET.Element, ids: Iterable[str]) -> bool:
    wanted = set(ids)
    return any(element.get("id") in wanted for element in group.iter())
