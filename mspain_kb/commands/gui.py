"""`mspain-kb gui` (also `mspain-kb` alone): open the window, or save a screenshot of it.

Qt is imported only inside `run`, so the rest of the command line never loads it. Without a
display the command says so in one line instead of letting Qt abort the process.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path

NO_DISPLAY_MESSAGE = (
    "No display available: the window cannot open here. "
    'Use `mspain-kb search "QUERY"` to search from the command line.'
)
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
        "--theme", choices=("light", "dark"), help="with --screenshot: force a light or dark look"
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
    from mspain_kb.ui.app import exit_quietly_if_qt_cannot_start

    exit_quietly_if_qt_cannot_start(NO_DISPLAY_MESSAGE)
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
