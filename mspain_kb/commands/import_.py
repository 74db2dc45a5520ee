"""`mspain-kb import FILE|FOLDER...`: add leaflets, text, Markdown or saved web pages."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mspain_kb.commands.index import TerminalProgress
from mspain_kb.core.collection.importing.import_batch import import_many


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import",
        help="add PDF or Word leaflets, text, Markdown or saved web pages to the collection",
        description=(
            "Import PDF and Word (.docx) leaflets, plain text, Markdown or HTML files as new "
            "articles. Folders are searched recursively; files of other kinds in them are "
            "listed as skipped. Page furniture (running headers and footers, page numbers, "
            "comment forms, share buttons, navigation, scripts, images) is removed; "
            "advertising and self-promotion are kept but marked as promotional. Nothing is "
            "overwritten: a taken file name gets -2, -3... unless --replace. Every new "
            "article is flagged 'needs-review' ('mspain-kb check' lists them): check its "
            "title, headings and tags, write its one- or two-sentence summary, then remove "
            "the flag. A progress bar shows on a terminal and a summary ends the run."
        ),
    )
    parser.add_argument(
        "files", nargs="+", metavar="FILE|FOLDER", help="the files and folders to import"
    )
    parser.add_argument("--title", help="the article title (only with a single file)")
    parser.add_argument(
        "--tags", help="topic ids or labels, comma separated (default: suggested from the text)"
    )
    parser.add_argument(
        "--replace", action="store_true", help="overwrite an article with the same file name"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would be imported, write nothing"
    )
    parser.add_argument("--json", action="store_true", help="print the reports as JSON")
    parser.set_defaults(handler=run)


def run(args, services) -> int:
    if args.title is not None and (len(args.files) > 1 or Path(args.files[0]).is_dir()):
        print("error: --title can only be used when importing a single file", file=sys.stderr)
        return 2
    if args.title is not None and not args.title.strip():
        print("error: --title must not be empty", file=sys.stderr)
        return 2
    progress = TerminalProgress() if sys.stderr.isatty() and not args.json else None
    try:
        summary = import_many(
            args.files,
            services.paths.articles_dir,
            services.vocabulary,
            title=args.title,
            tags=args.tags,
            replace=args.replace,
            dry_run=args.dry_run,
            progress=progress,
        )
    finally:
        if progress is not None:
            progress.finish()
    for path, reason in summary.refused:
        print(f"error: {path.name}: {reason}", file=sys.stderr)
    if args.json:
        print(
            json.dumps({"dry_run": args.dry_run, **summary.to_json()}, indent=2, ensure_ascii=False)
        )
    else:
        for report in summary.imported:
            print_report(report)
        print_summary(summary, several=len(args.files) > 1 or Path(args.files[0]).is_dir())
    return 1 if summary.refused else 0


def print_summary(summary, several: bool) -> None:
    """Counts, then one line per refused and skipped file, and what was cleaned up."""
    for path in summary.cleanup.removed:
        print(f"cleaned up: {path.name} (left by an import that was interrupted)")
    if any(report.written for report in summary.imported):
        print(
            "\nEach new article is flagged 'needs-review': check its title, headings and topics, "
            "write its summary, then remove 'needs-review' from its flags line "
            "('mspain-kb check' lists the articles still to review)."
        )
    if not several and not summary.skipped:
        return
    print(f"\nSummary: {summary.counts()}.")
    for path, reason in summary.refused:
        print(f"  refused: {path}: {reason}")
    for path, reason in summary.skipped:
        print(f"  skipped: {path}: {reason}")


def print_report(report) -> None:
    if not report.written:
        verb = "would import (dry run, nothing written)"
    else:
        verb = "replaced" if report.replaced else "imported"
    print(f"{verb}: {report.source} -> {report.path}")
    print(f"  title:    {report.title}")
    print(f"  tags:     {', '.join(report.tags) or '(none)'}")
    if report.encoding:
        print(f"  encoding: {report.encoding} ({report.format})")
    else:
        print(f"  format:   {report.format.upper() if report.format == 'pdf' else 'Word'}")
    for label, lines in (("removed", report.removed), ("marked", report.marked)):
        if not lines:
            print(f"  {label + ':':9} nothing")
        for line in lines:
            print(f"  {label + ':':9} {line}")
    for note in report.notes:
        print(f"  {'check:':9} {note}")
