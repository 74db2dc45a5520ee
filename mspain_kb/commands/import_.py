"""`mspain-kb import FILE...`: add text, Markdown or saved web pages to the collection."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mspain_kb.core.importer import ImportRefused, import_file


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import",
        help="add text, Markdown or saved web pages to the article collection",
        description=(
            "Import plain text, Markdown or HTML files as new articles. Page furniture "
            "(comment forms, share buttons, navigation, footers, scripts, tracking images) is "
            "removed; advertising and self-promotion are kept but marked as promotional. "
            "Nothing is overwritten: a taken file name gets -2, -3... unless --replace. "
            "Afterwards, review each new article: check its title and tags and write its "
            "one- or two-sentence summary."
        ),
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="the files to import")
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
    if args.title is not None and len(args.files) > 1:
        print("error: --title can only be used when importing a single file", file=sys.stderr)
        return 2
    if args.title is not None and not args.title.strip():
        print("error: --title must not be empty", file=sys.stderr)
        return 2
    articles_dir = services.paths.articles_dir
    reports, errors = [], []
    for name in args.files:
        try:
            report = import_file(
                Path(name),
                articles_dir,
                services.vocabulary,
                title=args.title,
                tags=args.tags,
                replace=args.replace,
                dry_run=args.dry_run,
            )
        except ImportRefused as exc:
            errors.append({"file": name, "error": str(exc)})
            print(f"error: {Path(name).name}: {exc}", file=sys.stderr)
            continue
        reports.append(report)
        if not args.json:
            print_report(report)
    if args.json:
        data = {"dry_run": args.dry_run, "imported": [r.to_json() for r in reports]}
        print(json.dumps({**data, "errors": errors}, indent=2, ensure_ascii=False))
    return 1 if errors else 0


def print_report(report) -> None:
    if not report.written:
        verb = "would import (dry run, nothing written)"
    else:
        verb = "replaced" if report.replaced else "imported"
    print(f"{verb}: {report.source} -> {report.path}")
    print(f"  title:    {report.title}")
    print(f"  tags:     {', '.join(report.tags) or '(none)'}")
    print(f"  encoding: {report.encoding} ({report.format})")
    for label, lines in (("removed", report.removed), ("marked", report.marked)):
        if not lines:
            print(f"  {label + ':':9} nothing")
        for line in lines:
            print(f"  {label + ':':9} {line}")
    for note in report.notes:
        print(f"  {'check:':9} {note}")
