"""Import many files and folders in one run: the loop the command line and the window share.

Folders are searched recursively. In a folder, only files of a kind the importer reads are
tried; others (pictures, spreadsheets) are listed as skipped, and hidden files and folders are
passed over. A file named on its own is always tried, whatever its name. A refused file never
stops the others. Before the run, leftovers of imports that were killed are cleaned up.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mspain_kb.core.collection.importing.importer import ImportRefused, ImportReport, import_file
from mspain_kb.core.collection.safe_write import Cleanup, clean_leftovers

READABLE_SUFFIXES = frozenset(
    {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".pdf", ".docx"}
)
# Documents people mean as articles: tried, so the refusal says what to do instead.
ADVISED_SUFFIXES = frozenset({".doc", ".rtf", ".odt"})

Progress = Callable[[int, int, str], None]


@dataclass
class ImportSummary:
    imported: list[ImportReport] = field(default_factory=list)
    refused: list[tuple[Path, str]] = field(default_factory=list)  # (file, reason)
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # (file, why not tried)
    cleanup: Cleanup = field(default_factory=Cleanup)
    not_tried: list[Path] = field(default_factory=list)  # left when the run was stopped

    @property
    def marked(self) -> list[ImportReport]:
        """The imported articles with passages marked as promotional."""
        return [report for report in self.imported if report.marked]

    def counts(self) -> str:
        """'3 imported (1 with promotional passages marked), 1 refused, 2 skipped'."""
        text = f"{len(self.imported)} imported"
        if self.marked:
            text += f" ({len(self.marked)} with promotional passages marked)"
        text = f"{text}, {len(self.refused)} refused, {len(self.skipped)} skipped"
        if self.not_tried:
            text += f", {len(self.not_tried)} not tried (the import was stopped)"
        return text

    def to_json(self) -> dict:
        return {
            "imported": [report.to_json() for report in self.imported],
            "errors": [{"file": str(path), "error": reason} for path, reason in self.refused],
            "skipped": [{"file": str(path), "reason": reason} for path, reason in self.skipped],
            "leftovers_removed": [path.name for path in self.cleanup.removed],
            "not_tried": [str(path) for path in self.not_tried],
        }


def collect_files(
    paths: Iterable[Path | str], articles_dir: Path | None = None
) -> tuple[list[Path], list[tuple[Path, str]]]:
    """(files to try, files skipped with the reason), folders searched recursively."""
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    articles = _resolved(articles_dir) if articles_dir else None
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            files.append(path)  # named on its own: always tried (or refused with a reason)
            continue
        for folder, subfolders, names in os.walk(path):
            folder_path = Path(folder)
            if articles is not None and _resolved(folder_path) == articles:
                subfolders[:] = []
                skipped.append((folder_path, "this is the articles folder itself"))
                continue
            subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
            for name in sorted(names):
                if name.startswith("."):
                    continue
                file = folder_path / name
                suffix = file.suffix.lower()
                if suffix in READABLE_SUFFIXES or suffix in ADVISED_SUFFIXES:
                    files.append(file)
                else:
                    kind = f"({suffix})" if suffix else "(no file name extension)"
                    skipped.append((file, f"not a kind of file the importer reads {kind}"))
    return files, skipped


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def import_many(
    paths: Iterable[Path | str],
    articles_dir: Path,
    vocabulary,
    *,
    title: str | None = None,
    tags=None,
    replace: bool = False,
    dry_run: bool = False,
    today: datetime.date | str | None = None,
    progress: Progress | None = None,
    stop_requested: Callable[[], bool] | None = None,
) -> ImportSummary:
    """Import every file in `paths` (folders recursively); see the module docstring.

    `stop_requested()` is asked before each file: once it says True, the files left are
    listed as not tried and the summary is returned (a file is never cut off half-way).
    """
    articles_dir = Path(articles_dir)
    summary = ImportSummary()
    if not dry_run and articles_dir.is_dir():
        summary.cleanup = clean_leftovers(articles_dir)
    files, summary.skipped = collect_files(paths, articles_dir)
    for done, path in enumerate(files):
        if stop_requested is not None and stop_requested():
            summary.not_tried = files[done:]
            break
        if progress is not None:
            progress(done, len(files), path.name)
        try:
            report = import_file(
                path,
                articles_dir,
                vocabulary,
                title=title,
                tags=tags,
                replace=replace,
                today=today,
                dry_run=dry_run,
            )
        except ImportRefused as exc:
            summary.refused.append((path, str(exc)))
            continue
        summary.imported.append(report)
    if progress is not None and files and not summary.not_tried:
        progress(len(files), len(files), "done")
    return summary
