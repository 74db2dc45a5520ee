"""The `mspain-kb` command line: parses options, calls the core, prints. No logic of its own.

Each sub-command lives in `mspain_kb/commands/<name>.py` and exposes
`register(subparsers)`, which adds its parser and sets `handler=run` with
`run(args, services) -> int`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from mspain_kb import APP_NAME, __version__
from mspain_kb.config import ENV_ARTICLES, ENV_INDEX, resolve_paths

# Order is the order shown by --help.
COMMAND_MODULES = (
    "gui",
    "search",
    "tags",
    "body_map",
    "show",
    "glossary",
    "render",
    "handout",
    "import_",
    "index",
    "check",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mspain-kb",
        description=(
            f"{APP_NAME}: an offline knowledge base on multiple sclerosis pain. "
            "With no command, opens the window. Information, not medical advice."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--articles-dir",
        metavar="DIR",
        help=(
            f"the article collection (default: ${ENV_ARTICLES}, else the folder chosen in "
            "the window, else the bundled articles)"
        ),
    )
    parser.add_argument(
        "--index-dir",
        metavar="DIR",
        help=f"where the search index is kept (default: ${ENV_INDEX}, else the user cache)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"mspain_kb.commands.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from mspain_kb.services import Services

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args([*(argv if argv is not None else sys.argv[1:]), "gui"])
    paths = resolve_paths(args.articles_dir, args.index_dir)
    if paths.problem:
        print(paths.problem, file=sys.stderr)
    services = Services(paths)
    try:
        return int(args.handler(args, services) or 0)
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    finally:
        services.close()
