"""What the application bundle keeps of Qt and of the system (packaging/bundle_contents.py),
checked on PyInstaller-style tables of contents without building anything."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "packaging"))

import bundle_contents  # noqa: E402
from bundle_contents import plugin_kept, plugin_name, prune  # noqa: E402


@pytest.mark.parametrize(
    ("file_name", "name"),
    [
        ("libqxcb.so", "xcb"),
        ("qwindows.dll", "windows"),
        ("libqcocoa.dylib", "cocoa"),
        ("libqtexttospeech_speechd.so", "speechd"),
        ("qtexttospeech_sapi.dll", "sapi"),
        ("libcomposeplatforminputcontextplugin.so", "compose"),
        ("libqxcb-glx-integration.so", "xcb-glx"),
        ("qsvgicon.dll", "svgicon"),
    ],
)
def test_plugin_names_are_read_the_same_on_every_system(file_name, name):
    assert plugin_name(file_name) == name


def test_only_the_plugins_the_app_uses_are_kept():
    kept = [
        ("platforms", "libqxcb.so"),
        ("platforms", "libqoffscreen.so"),
        ("platforms", "qwindows.dll"),
        ("imageformats", "libqsvg.so"),
        ("iconengines", "libqsvgicon.so"),
        ("printsupport", "libcupsprintersupport.so"),
        ("texttospeech", "libqtexttospeech_speechd.so"),
        ("styles", "qmodernwindowsstyle.dll"),
    ]
    left_out = [
        ("platforms", "libqwayland.so"),  # XWayland runs the xcb plugin on Wayland desktops
        ("platforms", "libqeglfs.so"),
        ("platformthemes", "libqgtk3.so"),  # would bring GTK, cairo and pango
        ("imageformats", "libqjpeg.so"),
        ("imageformats", "libqpdf.so"),
        ("texttospeech", "libqtexttospeech_mock.so"),
        ("multimedia", "libffmpegmediaplugin.so"),
        ("tls", "libqopensslbackend.so"),
        ("sqldrivers", "libqsqlite.so"),
    ]
    assert all(plugin_kept(*plugin) for plugin in kept)
    assert not any(plugin_kept(*plugin) for plugin in left_out)


LINKS = {
    "/src/libqxcb.so": ["libQt6XcbQpa.so.6", "libxkbcommon.so.0", "libc.so.6"],
    "/src/libffmpegmediaplugin.so": ["libavcodec.so.61", "libQt6Multimedia.so.6"],
    "/src/libqgtk3.so": ["libcairo.so.2", "libQt6Gui.so.6"],
    "/src/QtGui.abi3.so": ["libQt6Gui.so.6"],
    "/src/libQt6Gui.so.6": ["libQt6Core.so.6"],
    "/src/_bz2.so": ["libbz2.so.1.0"],
    "/src/_imaging.so": ["libxcb-9065bb12.so.1.1.0"],
}


def linked(source: str) -> list[str]:
    return LINKS.get(source, [])


BINARIES = [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
    ("PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so", "/src/libffmpeg…", "BINARY"),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/src/libqgtk3.so", "BINARY"),
    ("PySide6/QtGui.abi3.so", "/src/QtGui.abi3.so", "EXTENSION"),
    ("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY"),
    ("PySide6/Qt/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY"),
    ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/src/libQt6XcbQpa.so.6", "BINARY"),
    ("PySide6/Qt/lib/libQt6Quick.so.6", "/src/libQt6Quick.so.6", "BINARY"),
    ("PySide6/Qt/lib/libavcodec.so.61", "/src/libavcodec.so.61", "BINARY"),
    ("libcairo.so.2", "/src/libcairo.so.2", "BINARY"),
    ("libxkbcommon.so.0", "/src/libxkbcommon.so.0", "BINARY"),
    ("python3.11/lib-dynload/_bz2.cpython-311-x86_64-linux-gnu.so", "/src/_bz2.so", "EXTENSION"),
    ("libbz2.so.1.0", "/src/libbz2.so.1.0", "BINARY"),
    ("PIL/_imaging.cpython-311-x86_64-linux-gnu.so", "/src/_imaging.so", "EXTENSION"),
    ("pillow.libs/libxcb-9065bb12.so.1.1.0", "/src/pillow-libxcb.so", "BINARY"),
    ("libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Quick.so.6", "SYMLINK"),
    ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
]
DATAS = [
    ("PySide6/Qt/translations/qtbase_de.qm", "/src/qtbase_de.qm", "DATA"),
    ("resources/body_map.svg", "/src/body_map.svg", "DATA"),
]


def test_libraries_only_left_out_plugins_link_are_left_out_too():
    binaries, datas, dropped = prune(BINARIES, DATAS, linked, linux=True)
    kept = {entry[0] for entry in binaries}
    assert {
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/lib/libQt6XcbQpa.so.6",  # linked by the xcb plugin
        "PySide6/Qt/lib/libQt6Gui.so.6",  # by QtGui's Python module
        "PySide6/Qt/lib/libQt6Core.so.6",  # by QtGui, so not directly by anything kept
        "libbz2.so.1.0",  # by Python's _bz2 module
        "pillow.libs/libxcb-9065bb12.so.1.1.0",  # Pillow's own copy is not the system's
        "libQt6Gui.so.6",  # a link to a kept library
    } <= kept
    assert {
        "PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so",
        "PySide6/Qt/lib/libavcodec.so.61",  # FFmpeg: only the left-out plugin linked it
        "PySide6/Qt/lib/libQt6Quick.so.6",  # linked by nothing
        "libQt6Quick.so.6",  # the link to it
        "libcairo.so.2",  # only the GTK theme linked it
        "libxkbcommon.so.0",  # the desktop's own library
    } <= set(dropped)
    assert not kept & set(dropped)
    assert [entry[0] for entry in datas] == ["resources/body_map.svg"]


def test_system_libraries_are_only_left_to_the_system_on_linux():
    binaries, _datas, _dropped = prune(BINARIES, DATAS, linked, linux=False)
    kept = {entry[0] for entry in binaries}
    assert "libxkbcommon.so.0" in kept and "libcairo.so.2" in kept
    assert "PySide6/Qt/lib/libavcodec.so.61" not in kept


def test_windows_layout_is_recognised():
    """PySide6 on Windows has its plugins and translations right under PySide6/."""
    assert bundle_contents.qt_plugin_location("PySide6\\plugins\\platforms\\qwindows.dll") == (
        "platforms",
        "qwindows.dll",
    )
    assert bundle_contents.is_translation("PySide6/translations/qt_fr.qm")
    assert bundle_contents.is_qt_library("PySide6/opengl32sw.dll")
    assert not bundle_contents.is_qt_library("PySide6/QtCore.pyd")


def test_version_is_read_from_the_package():
    from mspain_kb import __version__

    assert bundle_contents.app_version(REPO) == __version__
