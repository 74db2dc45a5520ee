"""The body outline people point at, drawn from the SVG in the window's palette colours.

Every change (a region chosen, under the pointer, current in the list) recolours the drawing
and renders it again as vectors, so it stays crisp at any scale. Which region is under the
pointer comes from a hit map: the drawing rendered off screen with each region filled in its
own colour, read back once per size as an array of element numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

NO_ELEMENT = -1
MARGIN = 6
WHOLE_OUTLINE_WIDTH = "3"  # an outline region (the whole body) when chosen


def mix(first: QColor, second: QColor, amount: float) -> QColor:
    """`amount` of the way from `first` to `second` (0 gives `first`)."""
    return QColor.fromRgbF(
        first.redF() + (second.redF() - first.redF()) * amount,
        first.greenF() + (second.greenF() - first.greenF()) * amount,
        first.blueF() + (second.blueF() - first.blueF()) * amount,
    )


@dataclass(frozen=True)
class MapColours:
    fill: str  # a region at rest
    seam: str  # the thin lines between regions
    outline: str  # the body's outline
    hover: str  # under the pointer, or current in the list
    chosen: str
    chosen_lit: str  # chosen, and under the pointer
    chosen_seam: str
    tint: str  # every region while the whole body is chosen
    text: str  # "Front" and "Back"


def map_colours(palette: QPalette) -> MapColours:
    """Colours from the palette, so light, dark and high-contrast themes all read well."""
    background = palette.color(QPalette.ColorRole.Window)
    ink = palette.color(QPalette.ColorRole.WindowText)
    accent = palette.color(QPalette.ColorRole.Highlight)
    return MapColours(
        fill=mix(background, mix(ink, accent, 0.5), 0.10).name(),
        seam=mix(background, ink, 0.35).name(),
        outline=mix(background, ink, 0.72).name(),
        hover=mix(background, accent, 0.40).name(),
        chosen=accent.name(),
        chosen_lit=mix(accent, ink, 0.15).name(),
        chosen_seam=mix(accent, ink, 0.45).name(),
        tint=mix(background, accent, 0.20).name(),
        text=ink.name(),
    )


def picture_styles(drawing, colours: MapColours, chosen: set[str], lit: set[str]) -> dict:
    """Presentation attributes per element: chosen regions filled, `lit` ones (pointer or
    keyboard) lighter; a chosen outline region (the whole body) tints every area."""
    whole_chosen = any(not e.area and e.region_id in chosen for e in drawing.elements.values())
    styles: dict[str, dict[str, str]] = {}
    for element in drawing.elements.values():
        region = element.region_id
        if not element.area:
            stroke = colours.outline
            if region in chosen:
                stroke = colours.chosen
            elif region in lit:
                stroke = colours.hover
            style = {"stroke": stroke}
            if region in chosen or region in lit:
                style["stroke-width"] = WHOLE_OUTLINE_WIDTH
            styles[element.element_id] = style
            continue
        if region in chosen:
            fill = colours.chosen_lit if region in lit else colours.chosen
            styles[element.element_id] = {"fill": fill, "stroke": colours.chosen_seam}
        elif region in lit:
            styles[element.element_id] = {"fill": colours.hover, "stroke": colours.seam}
        else:
            fill = colours.tint if whole_chosen else colours.fill
            styles[element.element_id] = {"fill": fill, "stroke": colours.seam}
    for label in drawing.label_ids():
        styles[label] = {"fill": colours.text}
    return styles


def _hit_colour(number: int) -> str:
    # Odd multipliers give each number below 256 its own red, green and blue, and spread
    # neighbouring numbers apart, so an anti-aliased edge rarely looks like a third region.
    return f"#{number * 73 % 256:02x}{number * 151 % 256:02x}{number * 199 % 256:02x}"


class BodyPicture(QWidget):
    """Clicking a region emits its id; the picture never changes what is chosen by itself."""

    regionClicked = Signal(str)

    def __init__(self, body_map, parent: QWidget | None = None):
        super().__init__(parent)
        self._drawing = body_map.drawing
        self._names = {region.id: region.name for region in body_map}
        self._areas = [e for e in self._drawing.elements.values() if e.area]
        self._codes = np.array(
            [int(_hit_colour(n + 1)[1:], 16) for n in range(len(self._areas))], dtype=np.uint32
        )
        self._order = np.argsort(self._codes)
        self._chosen: set[str] = set()
        self._hovered = ""  # under the pointer
        self._current = ""  # current in the list, while the list has the focus
        self._hits: np.ndarray | None = None  # element number per pixel, for this size
        self._renderer = QSvgRenderer(self)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(150, 190)
        self.setAccessibleName("Body picture, front and back")
        self.setAccessibleDescription(
            "Click where it hurts. The list of body regions does the same with the keyboard."
        )
        self._restyle()

    # State --------------------------------------------------------------------------------
    def set_chosen(self, region_ids: Iterable[str]) -> None:
        chosen = set(region_ids)
        if chosen != self._chosen:
            self._chosen = chosen
            self._restyle()

    def set_current(self, region_id: str) -> None:
        if region_id != self._current:
            self._current = region_id
            self._restyle()

    def lit_regions(self) -> set[str]:
        """The regions drawn lighter: under the pointer, or current in the list."""
        return {region for region in (self._hovered, self._current) if region}

    def chosen_regions(self) -> set[str]:
        return set(self._chosen)

    def _set_hovered(self, region_id: str) -> None:
        if region_id == self._hovered:
            return
        self._hovered = region_id
        self.setToolTip(self._names.get(region_id, ""))
        if region_id:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.unsetCursor()
        self._restyle()

    def _restyle(self) -> None:
        colours = map_colours(self.palette())
        styles = picture_styles(self._drawing, colours, self._chosen, self.lit_regions())
        self._renderer.load(self._drawing.styled(styles))
        self.update()

    # Geometry and hit testing ----------------------------------------------------------------
    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(320, 420)

    def drawing_rect(self) -> QRectF:
        """Where the drawing sits: as large as fits, centred, in its own proportions."""
        _left, _top, width, height = self._drawing.view_box()
        area = QRectF(self.rect()).adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        scale = min(area.width() / width, area.height() / height)
        size_w, size_h = width * scale, height * scale
        return QRectF(
            area.left() + (area.width() - size_w) / 2,
            area.top() + (area.height() - size_h) / 2,
            size_w,
            size_h,
        )

    def _hit_numbers(self) -> np.ndarray:
        if self._hits is None or self._hits.shape != (self.height(), self.width()):
            self._hits = self._render_hit_map()
        return self._hits

    def _render_hit_map(self) -> np.ndarray:
        colours = {area.element_id: _hit_colour(n + 1) for n, area in enumerate(self._areas)}
        renderer = QSvgRenderer(self._drawing.hit_map(colours))
        image = QImage(max(self.width(), 1), max(self.height(), 1), QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter, self.drawing_rect())
        painter.end()
        words = image.bytesPerLine() // 4
        pixels = np.frombuffer(image.constBits(), dtype=np.uint32, count=image.height() * words)
        pixels = pixels.reshape(image.height(), words)[:, : image.width()]
        opaque = (pixels >> 24) == 0xFF
        rgb = pixels & 0xFFFFFF
        sorted_codes = self._codes[self._order]
        slot = np.clip(np.searchsorted(sorted_codes, rgb), 0, len(sorted_codes) - 1)
        exact = opaque & (sorted_codes[slot] == rgb)
        return np.where(exact, self._order[slot], NO_ELEMENT).astype(np.int16)

    def region_at(self, point: QPoint) -> str:
        """The region id under `point` (widget coordinates), or "" off the body."""
        hits = self._hit_numbers()
        x, y = point.x(), point.y()
        if not (0 <= y < hits.shape[0] and 0 <= x < hits.shape[1]):
            return ""
        number = int(hits[y, x])
        return self._areas[number].region_id if number != NO_ELEMENT else ""

    def point_on(self, element_id: str) -> QPoint | None:
        """A point well inside one drawn element ("knees-back"): the element's pixel nearest
        to the middle of all its pixels (for two knees, the inner side of one of them)."""
        numbers = [n for n, area in enumerate(self._areas) if area.element_id == element_id]
        if not numbers:
            return None
        ys, xs = np.nonzero(self._hit_numbers() == numbers[0])
        if not len(xs):
            return None
        nearest = int(np.argmin((xs - xs.mean()) ** 2 + (ys - ys.mean()) ** 2))
        return QPoint(int(xs[nearest]), int(ys[nearest]))

    # Events -------------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        self._renderer.render(painter, self.drawing_rect())
        painter.end()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._hits = None
        super().resizeEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.type() in (event.Type.PaletteChange, event.Type.StyleChange):
            self._restyle()
        super().changeEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._set_hovered(self.region_at(event.position().toPoint()))
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._set_hovered("")
        super().leaveEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._set_hovered("")  # no leave event comes when the window hides under the pointer
        super().hideEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        region = self.region_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and region:
            self.regionClicked.emit(region)
            return
        super().mousePressEvent(event)
