"""`mspain-kb gui` (also `mspain-kb` alone): open the window, or save a screenshot of it.

Qt is imported only inside `run`, so the rest of the command line never loads it. Without a
display the command says so in one line instead of letting Qt abort the process; when Qt
cannot start for another reason (a missing system library, a display that does not answer),
it prints Qt's own words and the one-line fix (`qt_failure_message`).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path

COMMAND_LINE_HINT = 'Use `mspain-kb search "QUERY"` to search from the command line.'
NO_DISPLAY_MESSAGE = (
    "No display: neither DISPLAY nor WAYLAND_DISPLAY names a running display, so the window "
    f"cannot open here. {COMMAND_LINE_HINT}"
)
# What Qt's X11 (xcb) platform loads from the system, measured with ldd on PySide6's
# libqxcb.so and the Qt libraries it pulls in (Debian and Ubuntu package names).
XCB_PACKAGES = (
    "libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 "
    "libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1 "
    "libxcb-xfixes0 libxcb-xkb1 libxcb1 libx11-xcb1 libxkbcommon-x11-0 libxkbcommon0 "
    "libegl1 libgl1 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3"
)
INSTALL_FIX = f"On Debian or Ubuntu: sudo apt install {XCB_PACKAGES}"
_SIZE_RE = re.compile(r"^\s*(\d{3,5})\s*[xX×]\s*(\d{3,5})\s*$")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "gui",
        help="open the window (what `mspain-kb` does with no command)",
        description=(
            "Open the MS Pain KB window: search by symptom, read articles beside the "
            "glossary, print handouts. With --screenshot, the real window is drawn off "
            "screen, does what --search/--open ask, and is saved as a PNG."
        ),
    )
    parser.add_argument("--screenshot", metavar="FILE", help="save a PNG of the window and exit")
    parser.add_argument("--search", metavar="QUERY", help="with --screenshot: search for QUERY")
    parser.add_argument(
        "--open", metavar="ID", help="with --screenshot: open this article (file name without .md)"
    )
    parser.add_argument(
        "--size",
        metavar="WxH",
        default="1280x800",
        help="window size for --screenshot (default: 1280x800)",
    )
    parser.add_argument(
        "--theme",
        choices=("light", "dark", "high-contrast"),
        help="with --screenshot: force a light, dark or high-contrast look",
    )
    parser.add_argument(
        "--glossary", metavar="TERM", help="with --screenshot: show this glossary term"
    )
    parser.add_argument(
        "--body-map",
        metavar="REGIONS",
        help="with --screenshot: save the 'Where does it hurt?' map instead, with these "
        "regions chosen (comma-separated ids, e.g. neck,feet; see `mspain-kb body-map`)",
    )
    parser.set_defaults(handler=run)


def parse_size(text: str) -> tuple[int, int] | None:
    match = _SIZE_RE.match(text or "")
    return (int(match.group(1)), int(match.group(2))) if match else None


def display_missing(env: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """True when this is Linux with no display to draw on (and no Qt platform chosen)."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if env.get("QT_QPA_PLATFORM") or not platform.startswith("linux"):
        return False
    if env.get("WAYLAND_DISPLAY"):
        return False
    display = env.get("DISPLAY", "")
    if not display:
        return True
    local = re.fullmatch(r"unix:(\d+)(\.\d+)?|:(\d+)(\.\d+)?", display)
    if local:
        number = local.group(1) or local.group(3)
        return not Path(f"/tmp/.X11-unix/X{number}").exists()
    return False


def qt_failure_message(qt_said: list[str], env: Mapping[str, str] | None = None) -> str:
    """What to print when Qt's platform plugin fails: the cause in plain words, Qt's own
    lines, and the fix. A display that does not answer is told apart from a plugin that
    could not load (usually a missing system library)."""
    env = os.environ if env is None else env
    said = "\n".join(
        f"  {line}" for text in qt_said for line in text.strip().splitlines() if line.strip()
    )
    platform = env.get("QT_QPA_PLATFORM", "")
    if any("could not connect to display" in text for text in qt_said):
        display = env.get("DISPLAY", "")
        if not display:
            return f"{NO_DISPLAY_MESSAGE}\nQt said:\n{said}"
        headline = (
            f"The window cannot open: the display {display!r} does not answer "
            "(no X server running there, or this user may not use it)."
        )
        fix = "Check the DISPLAY setting, or start the app from the desktop session."
    elif (
        platform
        and any(f'platform plugin "{platform}"' in text for text in qt_said)
        and (any("Could not find" in text for text in qt_said))
    ):
        headline = f"The window cannot open: Qt has no platform plugin named {platform!r}."
        fix = "Unset QT_QPA_PLATFORM, or set it to one of the plugins Qt lists above."
    else:
        headline = (
            "The window cannot open: Qt could not load its platform plugin, usually "
            "because a system library it needs is missing."
        )
        fix = INSTALL_FIX
    return f"{headline}\nQt said:\n{said}\n{fix}\n{COMMAND_LINE_HINT}"


def run(args, services) -> int:
    screenshot = getattr(args, "screenshot", None)
    size = parse_size(getattr(args, "size", "1280x800"))
    if size is None:
        print(f"error: --size must look like 1280x800, not {args.size!r}", file=sys.stderr)
        return 2
    if screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # Works anywhere, display or not.
    elif display_missing():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 2
    from mspain_kb.ui.app import explain_if_qt_cannot_start

    explain_if_qt_cannot_start(qt_failure_message)
    if screenshot:
        from mspain_kb.ui.screenshot import take_screenshot

        return take_screenshot(
            services,
            Path(screenshot),
            query=args.search,
            article_id=args.open,
            size=size,
            theme=args.theme,
            glossary_term=getattr(args, "glossary", None),
            body_map_regions=getattr(args, "body_map", None),
        )
    from mspain_kb.ui.app import run_window

    return run_window(services)
