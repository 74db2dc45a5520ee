"""What the one-folder bundle keeps of Qt and of the system: the rules the spec applies.

PyInstaller's Qt hooks collect every plugin of every Qt module the app touches, and with them
the Qt libraries those plugins link (QtQuick, QtPdf, FFmpeg, Wayland...). The spec drops the
plugins the app does not use (see `KEEP_PLUGINS`), the translations, and then every Qt library
that nothing kept still links. Libraries that belong to the user's desktop (sound server,
speech daemon, D-Bus, fonts, X11) are left to the system: a copy from the build machine could
disagree with the running daemons and configuration files, and the .deb names them in
Depends.

Imported by `mspain-kb.spec` (PyInstaller's spec runs with the build venv's Python); only the
standard library and PyInstaller's dependency reader are used.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

# Plugin folder -> plugin names kept (file name without "lib"/"q" prefix and extension).
# None keeps the whole folder.
KEEP_PLUGINS: dict[str, set[str] | None] = {
    # xcb: X11 and XWayland; offscreen: screenshots and tests; windows, cocoa: the other systems.
    "platforms": {"xcb", "offscreen", "windows", "cocoa"},
    # Compose key and dead keys (compose), input methods for other scripts (ibus).
    "platforminputcontexts": {"compose", "ibus"},
    # The body map and the icon are SVG; PNG, BMP and the like are built into QtGui.
    "imageformats": {"svg"},
    "iconengines": {"svgicon"},
    # QPrinter and the print preview: CUPS on Linux, the system's printing elsewhere.
    "printsupport": None,
    # Read aloud: Speech Dispatcher, Windows (SAPI, WinRT), macOS. Not Qt's silent "mock".
    "texttospeech": {"speechd", "sapi", "winrt", "darwin"},
    # The native look on Windows (windows11, modernwindows, windowsvista) and macOS.
    "styles": None,
    # Light or dark from the desktop portal (GNOME, KDE, Flatpak); D-Bus only, no GTK.
    "platformthemes": {"xdgdesktopportal"},
    # OpenGL on X11: QWidget windows use it for nothing, but Qt looks for it at start.
    "xcbglintegrations": {"xcb-glx", "xcb-egl"},
}

# Libraries of the user's system, never copied into the bundle (matched on the file name).
SYSTEM_LIBRARIES = re.compile(
    r"^lib("
    r"X11|X11-xcb|Xau|Xdmcp|Xext|Xrender|Xi|Xfixes|xkbcommon|xkbcommon-x11|xcb-.*|SM|ICE"
    r"|fontconfig|freetype|expat|png16|brotli(common|dec|enc)"
    r"|glib-2\.0|gobject-2\.0|gio-2\.0|gmodule-2\.0|gthread-2\.0|pcre2?-.*|ffi"
    r"|dbus-1|systemd|cap|gcrypt|gpg-error|lz4|zstd|lzma|bsd|md"
    r"|pulse|pulse-simple|pulsecommon-.*|sndfile|FLAC|vorbis|vorbisenc|ogg|opus|mpg123|mp3lame"
    r"|stdc\+\+|gcc_s|z"
    r"|asyncns|asound|speechd|cups|gssapi_krb5|krb5|k5crypto|com_err|krb5support|keyutils"
    r"|avahi-.*|gnutls|nettle|hogweed|gmp|idn2|unistring|tasn1|p11-kit"
    r")\.so(\..*)?$"
)


def plugin_kept(folder: str, file_name: str) -> bool:
    """Whether the Qt plugin `folder/file_name` belongs in the bundle."""
    if folder not in KEEP_PLUGINS:
        return False
    wanted = KEEP_PLUGINS[folder]
    return wanted is None or plugin_name(file_name) in wanted


def plugin_name(file_name: str) -> str:
    """`libqxcb.so` -> `xcb`, `qwindows.dll` -> `windows`, `libqtexttospeech_speechd.so` ->
    `speechd`, `libcomposeplatforminputcontextplugin.so` -> `compose`,
    `libqxcb-glx-integration.so` -> `xcb-glx`."""
    stem = file_name.split(".")[0].removeprefix("lib")
    stem = stem.removeprefix("qtexttospeech_").removesuffix("platforminputcontextplugin")
    return stem.removesuffix("-integration").removeprefix("q")


def _qt_part(dest: str) -> tuple[str, ...]:
    """The path below Qt's own folder: PySide6/Qt/ (Linux, macOS) or PySide6/ (Windows)."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if parts[:1] != ("PySide6",):
        return ()
    return parts[2:] if parts[1:2] == ("Qt",) else parts[1:]


def qt_plugin_location(dest: str) -> tuple[str, str] | None:
    """(folder, file name) when `dest` (a path inside the bundle) is a Qt plugin."""
    parts = _qt_part(dest)
    if len(parts) < 3 or parts[0] != "plugins":
        return None
    return parts[1], parts[-1]


def is_translation(dest: str) -> bool:
    return _qt_part(dest)[:1] == ("translations",)


def _name(dest: str) -> str:
    return PurePosixPath(dest.replace("\\", "/")).name


def is_extension_module(dest: str) -> bool:
    name = _name(dest)
    return name.endswith((".pyd", ".abi3.so")) or ".cpython-" in name


def is_qt_library(dest: str) -> bool:
    """A Qt library (or one Qt ships, such as ICU or FFmpeg), not a PySide6 Python module."""
    path = PurePosixPath(dest.replace("\\", "/"))
    if path.parts[:1] not in {("PySide6",), ("shiboken6",)} or is_extension_module(dest):
        return False
    return qt_plugin_location(dest) is None


def is_loose_library(dest: str) -> bool:
    """A shared library PyInstaller found as a dependency and put at the top of the folder
    (Linux); Python's own library is loaded by the executable, so it is never loose."""
    return "/" not in dest.replace("\\", "/") and bool(
        re.match(r"^lib.*\.so(\..*)?$", dest) and not dest.startswith("libpython")
    )


def is_system_library(dest: str) -> bool:
    """A library of the build machine's system, found as a dependency (top of the folder);
    copies that packages ship in their own folders (pillow.libs/...) are not."""
    return "/" not in dest.replace("\\", "/") and bool(SYSTEM_LIBRARIES.match(dest))


def prune(
    binaries: Iterable[tuple[str, str, str]],
    datas: Iterable[tuple[str, str, str]],
    imports_of: Callable[[str], Iterable[str]],
    linux: bool,
) -> tuple[list, list, list[str]]:
    """Keep the wanted plugins and the libraries something kept links; no system library.

    Entries are PyInstaller's (destination, source, type). `imports_of(source)` gives the
    names of the libraries a binary links. A Qt library (and, on Linux, a library found at
    the top of the folder) stays only when a kept binary links it, directly or not. Returns
    the binaries, the datas and the destinations left out."""
    binaries, datas = list(binaries), list(datas)
    dropped: list[str] = []

    def wanted(entry) -> bool:
        dest = entry[0]
        plugin = qt_plugin_location(dest)
        if plugin and not plugin_kept(*plugin):
            return False
        if is_translation(dest):
            return False
        return not (linux and entry[2] != "SYMLINK" and is_system_library(dest))

    for group in (binaries, datas):
        dropped += [entry[0] for entry in group if not wanted(entry)]
    binaries = [entry for entry in binaries if wanted(entry)]
    datas = [entry for entry in datas if wanted(entry)]

    def prunable(dest: str) -> bool:
        return is_qt_library(dest) or (linux and is_loose_library(dest))

    files = [entry for entry in binaries if entry[2] != "SYMLINK"]
    by_name = {_name(entry[0]): entry for entry in files if prunable(entry[0])}
    needed: set[str] = set()
    queue = [entry for entry in files if not prunable(entry[0])]
    seen: set[str] = set()
    while queue:
        entry = queue.pop()
        if entry[1] in seen:
            continue
        seen.add(entry[1])
        for linked in imports_of(entry[1]):
            name = _name(linked)
            if name in by_name and name not in needed:
                needed.add(name)
                queue.append(by_name[name])
    unneeded = {by_name[name][0] for name in by_name if name not in needed}
    dropped += sorted(unneeded)
    kept_dests = {entry[0] for group in (binaries, datas) for entry in group} - unneeded

    def still_there(entry) -> bool:
        if entry[0] in unneeded:
            return False
        return entry[2] != "SYMLINK" or entry[1].replace("\\", "/") in kept_dests

    dropped += [
        e[0]
        for group in (binaries, datas)
        for e in group
        if e[2] == "SYMLINK" and not still_there(e)
    ]
    return (
        [entry for entry in binaries if still_there(entry)],
        [entry for entry in datas if still_there(entry)],
        dropped,
    )


def from_python(source: str) -> bool:
    """Whether a collected binary is part of the Python installation itself (its library
    and standard extension modules), not of a package installed into the build venv."""
    base = Path(sys.base_prefix).resolve()
    path = Path(source).resolve()
    return base in path.parents and "site-packages" not in path.parts


def strip_debug_info(folder: Path, dests: Iterable[str]) -> None:
    """Remove debug sections (not symbols) from these files inside `folder`."""
    strip = shutil.which("strip")
    if strip is None:
        print("strip not found: Python's debug information stays in the bundle")
        return
    files = [str(folder / dest) for dest in dests if (folder / dest).is_file()]
    if files:
        subprocess.run([strip, "--strip-debug", *files], check=True)


def app_version(root: Path) -> str:
    """The version in mspain_kb/__init__.py, read without importing the package."""
    text = (root / "mspain_kb" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.M)
    if match is None:
        raise ValueError("no __version__ in mspain_kb/__init__.py")
    return match.group(1)
