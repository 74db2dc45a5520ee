"""`mspain-kb index [--rebuild]`: bring the search index up to date and say what changed.

Also holds `sync_for_command`, which every command that searches calls first.
"""

from __future__ import annotations

import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "index",
        help="bring the search index up to date with the articles folder",
        description=(
            "Update the search index: only added, changed and removed articles are read. "
            "The index is a cache of the articles folder and never changes an article; "
            "--rebuild builds it again from scratch."
        ),
    )
    parser.add_argument("--rebuild", action="store_true", help="rebuild the index from scratch")
    parser.set_defaults(handler=run)


class TerminalProgress:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    WIDTH = 30

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.shown = False

    def __call__(self, done: int, total: int, message: str) -> None:
        if total <= 0:
            self.stream.write(f"\r{message}\n")
        else:
            filled = self.WIDTH * done // total
            bar = "#" * filled + " " * (self.WIDTH - filled)
            self.stream.write(f"\r[{bar}] {100 * done // total:3d}% {message}")
            self.shown = True
        self.stream.flush()

    def finish(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()


def articles_folder_problem(services) -> str:
    folder = services.paths.articles_dir
    if not folder.is_dir():
        return f"The articles folder {folder} does not exist (see --articles-dir)."
    return ""


def sync_for_command(services, progress=None):
    """Sync the index before a search; print the reason to stderr when it was rebuilt."""
    report = services.index.sync(progress=progress)
    for said in (report.reason, report.cleared.message):
        if said:
            print(said, file=sys.stderr)
    return report


def run(args, services) -> int:
    problem = articles_folder_problem(services)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    progress = TerminalProgress() if sys.stderr.isatty() else None
    try:
        report = services.index.sync(progress=progress, rebuild=args.rebuild)
    finally:
        if progress is not None:
            progress.finish()
    for said in (report.reason, report.cleared.message):
        if said:
            print(said)
    print(
        f"Added {report.added}, updated {report.updated}, removed {report.removed}, "
        f"unchanged {report.unchanged} in {report.seconds:.2f} s."
    )
    print(services.index.health())
    for problem in report.problems:
        print(f"  {problem}")
    return 0
