""" "Where does it hurt?": the body map as people use it, by mouse, keyboard and screen reader."""

from __future__ import annotations

import dataclasses
import os
import shutil
import struct
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QAccessible, QColor, QPalette
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QMessageBox

from mspain_kb.config import resolve_paths
from mspain_kb.resources import resource_path
from mspain_kb.services import Services
from mspain_kb.ui.body_map import REGION_ROLE, BodyMapWidget
from mspain_kb.ui.body_map_dialog import DIALOG_SIZE, BodyMapLauncher
from mspain_kb.ui.body_picture import BodyPicture
from mspain_kb.ui.theme import dark_palette
from tests.conftest import REAL_ARTICLES
from tests.ui.ui_helpers import SYNC_TIMEOUT_MS


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    paths = resolve_paths(REAL_ARTICLES, tmp_path_factory.mktemp("index"))
    services = Services(paths)
    services.index.sync()
    yield services
    services.close()


@pytest.fixture
def body_map(qtbot, services):
    pool = QThreadPool()
    widget = BodyMapWidget(services.body_map, services.search, pool)
    qtbot.addWidget(widget)
    widget.resize(980, 560)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    pool.waitForDone()


def high_contrast_palette() -> QPalette:
    palette = QPalette()
    for role, colour in {
        QPalette.ColorRole.Window: "#000000",
        QPalette.ColorRole.WindowText: "#ffffff",
        QPalette.ColorRole.Base: "#000000",
        QPalette.ColorRole.Text: "#ffffff",
        QPalette.ColorRole.Highlight: "#ffff00",
        QPalette.ColorRole.HighlightedText: "#000000",
    }.items():
        palette.setColor(role, QColor(colour))
    return palette


def click_region(qtbot, widget, element_id: str) -> None:
    point = widget.picture.point_on(element_id)
    assert point is not None, element_id
    with qtbot.waitSignal(widget.countsShown, timeout=SYNC_TIMEOUT_MS):
        qtbot.mouseClick(widget.picture, Qt.MouseButton.LeftButton, pos=point)


def searches_shown(widget) -> list[str]:
    return [search for search, _text in widget.shown_pains()]


# The drawing ---------------------------------------------------------------------------------
def test_the_drawing_loads_in_qt_svg_without_complaint(qtlog):
    renderer = QSvgRenderer(str(resource_path("body_map.svg")))
    assert renderer.isValid()
    assert renderer.elementExists("lower-back-back") and renderer.elementExists("face-front")
    assert not [record for record in qtlog.records if "svg" in record.message.lower()]


@pytest.mark.parametrize(
    ("palette", "dark"),
    [(None, False), (dark_palette(), True), (high_contrast_palette(), True)],
    ids=["light", "dark", "high-contrast"],
)
def test_the_picture_draws_a_clear_body_in_each_theme(qtbot, services, palette, dark):
    picture = BodyPicture(services.body_map)
    qtbot.addWidget(picture)
    if palette is not None:
        picture.setPalette(palette)
    picture.resize(340, 446)
    image = picture.grab().toImage()
    background = picture.palette().color(QPalette.ColorRole.Window)
    pixels = [image.pixelColor(x, y) for y in range(0, image.height(), 3)
              for x in range(0, image.width(), 3)]  # fmt: skip
    body = [colour for colour in pixels if colour != background]
    assert len(body) > 0.25 * len(pixels)  # two figures fill a good part of the picture
    # The outline stands out from the background: light on dark, dark on light.
    contrast = [abs(colour.lightnessF() - background.lightnessF()) for colour in body]
    assert max(contrast) > 0.55


# Pointing with the mouse ----------------------------------------------------------------------
def test_clicking_a_region_chooses_it_and_lists_what_is_felt_there(qtbot, body_map, services):
    click_region(qtbot, body_map, "neck-front")
    assert body_map.chosen() == ["neck"]
    assert body_map.picture.chosen_regions() == {"neck"}
    neck = [pain.search for pain in services.body_map.region("neck").pains]
    assert searches_shown(body_map) == neck
    lhermitte = dict(body_map.shown_pains())["electric shock when I bend my neck"]
    assert "bend your neck forward" in lhermitte and "articles" in lhermitte


def test_clicking_the_back_view_and_again_to_unchoose(qtbot, body_map):
    click_region(qtbot, body_map, "lower-back-back")
    click_region(qtbot, body_map, "knees-back")
    assert body_map.chosen() == ["lower-back", "knees"]
    assert "lower back pain" in searches_shown(body_map)
    assert "knee pain" in searches_shown(body_map)
    click_region(qtbot, body_map, "lower-back-back")
    assert body_map.chosen() == ["knees"]
    assert "lower back pain" not in searches_shown(body_map)


def test_several_regions_list_each_kind_of_pain_once(qtbot, body_map):
    click_region(qtbot, body_map, "thighs-front")
    click_region(qtbot, body_map, "calves-back")
    searches = searches_shown(body_map)
    assert len(searches) == len(set(searches))
    assert {"stiff legs", "leg spasms", "restless legs", "leg cramps"} <= set(searches)


def test_hovering_lights_a_region_and_names_it(qtbot, body_map):
    picture = body_map.picture
    point = picture.point_on("feet-front")
    before = picture.grab().toImage().pixelColor(point)
    qtbot.mouseMove(picture, point)
    qtbot.waitUntil(lambda: picture.lit_regions() == {"feet"})
    assert picture.toolTip() == "Feet"
    assert picture.grab().toImage().pixelColor(point) != before
    assert body_map.chosen() == []  # pointing is not choosing
    body_map.hide()
    body_map.show()
    assert picture.lit_regions() == set()  # not lit again when the map comes back


def test_a_chest_or_eye_warning_shows_while_the_region_is_chosen(qtbot, body_map):
    click_region(qtbot, body_map, "chest-front")
    assert body_map.warning.isVisible()
    assert "emergency" in body_map.warning.text()
    click_region(qtbot, body_map, "chest-front")
    assert not body_map.warning.isVisible()


# The keyboard ---------------------------------------------------------------------------------
def test_arrow_keys_move_and_enter_or_space_choose(qtbot, body_map):
    regions = body_map.region_list
    regions.setFocus()
    qtbot.keyClick(regions, Qt.Key.Key_Home)
    qtbot.keyClick(regions, Qt.Key.Key_Down)
    qtbot.keyClick(regions, Qt.Key.Key_Down)
    assert regions.currentItem().data(REGION_ROLE) == "face"
    assert body_map.chosen() == []  # moving is not choosing
    assert body_map.picture.lit_regions() == {"face"}  # the picture shows where the keys are
    with qtbot.waitSignal(body_map.countsShown, timeout=SYNC_TIMEOUT_MS):
        qtbot.keyClick(regions, Qt.Key.Key_Return)
    assert body_map.chosen() == ["face"]
    assert "trigeminal neuralgia" in searches_shown(body_map)
    qtbot.keyClick(regions, Qt.Key.Key_Down)
    with qtbot.waitSignal(body_map.countsShown, timeout=SYNC_TIMEOUT_MS):
        qtbot.keyClick(regions, Qt.Key.Key_Space)
    assert body_map.chosen() == ["face", "eyes"]
    with qtbot.waitSignal(body_map.countsShown, timeout=SYNC_TIMEOUT_MS):
        qtbot.keyClick(regions, Qt.Key.Key_Enter)
    assert body_map.chosen() == ["face"]


def test_enter_on_a_kind_of_pain_asks_for_its_search(qtbot, body_map):
    regions = body_map.region_list
    regions.setFocus()
    qtbot.keyClick(regions, Qt.Key.Key_End)  # the feet
    with qtbot.waitSignal(body_map.countsShown, timeout=SYNC_TIMEOUT_MS):
        qtbot.keyClick(regions, Qt.Key.Key_Return)
    qtbot.keyClick(regions, Qt.Key.Key_Tab)
    qtbot.keyClick(body_map.clear_button, Qt.Key.Key_Tab)
    assert body_map.pain_list.hasFocus()
    qtbot.keyClick(body_map.pain_list, Qt.Key.Key_Home)
    qtbot.keyClick(body_map.pain_list, Qt.Key.Key_Down)
    with qtbot.waitSignal(body_map.searchRequested) as blocker:
        qtbot.keyClick(body_map.pain_list, Qt.Key.Key_Return)
    assert blocker.args == ["foot drop"]


def test_clear_unchooses_everything(qtbot, body_map):
    click_region(qtbot, body_map, "hands-back")
    with qtbot.waitSignal(body_map.countsShown, timeout=SYNC_TIMEOUT_MS):
        qtbot.mouseClick(body_map.clear_button, Qt.MouseButton.LeftButton)
    assert body_map.chosen() == [] and body_map.shown_pains() == []
    assert not body_map.clear_button.isEnabled()


# Screen readers --------------------------------------------------------------------------------
def test_each_region_has_an_accessible_name(body_map, services):
    interface = QAccessible.queryAccessibleInterface(body_map.region_list)
    assert interface.text(QAccessible.Text.Name) == "Body regions"
    names = [
        interface.child(row).text(QAccessible.Text.Name) for row in range(interface.childCount())
    ]
    assert names == [region.name for region in services.body_map]
    first = body_map.region_list.item(0)
    assert "All over" in first.data(Qt.ItemDataRole.AccessibleDescriptionRole)
    picture = QAccessible.queryAccessibleInterface(body_map.picture)
    assert picture.text(QAccessible.Text.Name) == "Body picture, front and back"


def test_a_kind_of_pain_is_read_with_its_search_and_count(qtbot, body_map):
    click_region(qtbot, body_map, "chest-front")
    item = body_map.pain_list.item(0)
    spoken = item.data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith("A tight band or squeezing around the chest")
    assert "Searches for MS hug." in spoken and "articles." in spoken


# In the window -----------------------------------------------------------------------------------
def open_map(qtbot, window):
    qtbot.mouseClick(window.body_map_button, Qt.MouseButton.LeftButton)
    dialog = window.controller.body_map.dialog
    qtbot.waitExposed(dialog)
    return dialog


def count_in(text: str) -> int:
    tail = text.rsplit("·", 1)[1].strip()
    return 0 if tail == "no articles yet" else int(tail.split()[0])


def test_choosing_a_kind_of_pain_searches_for_it_in_the_window(qtbot, window):
    """Click the lower back, press Enter on its first kind of pain: the search box shows the
    words, the results are shown, and their number is the count the map showed."""
    dialog = open_map(qtbot, window)
    click_region(qtbot, dialog.body_map, "lower-back-back")
    search, text = dialog.body_map.shown_pains()[0]
    assert search == "lower back pain"
    pains = dialog.body_map.pain_list
    pains.setFocus()
    pains.setCurrentRow(0)
    with qtbot.waitSignal(window.controller.searchShown, timeout=SYNC_TIMEOUT_MS) as blocker:
        qtbot.keyClick(pains, Qt.Key.Key_Return)
    result = blocker.args[0]
    assert not dialog.isVisible()
    assert window.search_box.text() == "lower back pain"
    assert result.total == count_in(text) > 0
    assert window.search_panel.shown_hits() == min(result.total, 20)
    assert window.search_panel.count_label.text().startswith(f"{result.total} article")
    assert "ms-lower-back-pain-and-lhermittes-sign" in window.search_panel.hit_ids()


def test_every_count_on_the_map_equals_the_results_a_click_shows(qtbot, window):
    """Even with a topic filter set beforehand: a click searches every topic, as counted."""
    with qtbot.waitSignal(window.controller.searchShown, timeout=SYNC_TIMEOUT_MS):
        window.search_panel.select_tag("medication")
    dialog = open_map(qtbot, window)
    click_region(qtbot, dialog.body_map, "calves-front")
    shown = dialog.body_map.shown_pains()
    assert len(shown) >= 4
    for row, (search, text) in enumerate(shown):
        if not dialog.isVisible():
            dialog = open_map(qtbot, window)
        pains = dialog.body_map.pain_list
        point = pains.visualItemRect(pains.item(row)).center()
        with qtbot.waitSignal(
            window.controller.searchShown,
            timeout=SYNC_TIMEOUT_MS,
            check_params_cb=lambda result, search=search: result.query == search,
        ) as blocker:
            qtbot.mouseClick(pains.viewport(), Qt.MouseButton.LeftButton, pos=point)
        assert window.search_box.text() == search
        assert window.search_panel.selected_tags() == []
        assert blocker.args[0].total == count_in(text), search


def test_the_map_comes_back_with_the_same_choice(qtbot, window):
    dialog = open_map(qtbot, window)
    click_region(qtbot, dialog.body_map, "hips-front")
    dialog.close()
    assert open_map(qtbot, window) is dialog
    assert dialog.body_map.chosen() == ["hips"]
    assert dialog.focusWidget() is dialog.body_map.region_list  # the keyboard starts there


def test_screenshot_of_the_map_for_the_docs(tmp_path, articles_copy):
    """`gui --screenshot FILE --body-map neck,feet` saves the map with those regions chosen;
    an unknown region is a one-line error."""
    env = {**os.environ, "MSPAIN_KB_ARTICLES": str(articles_copy)}
    command = [sys.executable, "-m", "mspain_kb", "gui", "--screenshot"]
    target = tmp_path / "map.png"
    done = subprocess.run(
        [*command, str(target), "--body-map", "neck,feet", "--theme", "dark"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (DIALOG_SIZE.width(), DIALOG_SIZE.height())
    done = subprocess.run(
        [*command, str(tmp_path / "x.png"), "--body-map", "neck,elbows"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    assert "'elbows'" in done.stderr and "Traceback" not in done.stderr


def test_alt_w_opens_the_map_from_the_window(qtbot, window):
    window.search_box.setFocus()
    qtbot.keyClick(window.search_box, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.controller.body_map.dialog is not None)
    assert window.controller.body_map.dialog.isVisible()


def test_a_damaged_regions_file_is_a_plain_message(qtbot, tmp_path, services, monkeypatch):
    resources = tmp_path / "resources"
    shutil.copytree(services.paths.resources_dir, resources)
    regions = resources / "body_regions.toml"
    regions.write_text(regions.read_text(encoding="utf-8").replace('"MS hug"', '""', 1))
    broken = Services(dataclasses.replace(services.paths, resources_dir=resources))
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: said.append(args[2]))
    launcher = BodyMapLauncher(broken, QThreadPool())
    assert launcher.open_map() is None
    assert launcher.dialog is None
    assert said == ["The body map cannot be shown: body_regions.toml: pain 'ms-hug' has no search"]
