"""`mspain-kb check`: every article file, OK or skipped with the reason, plus warnings.

It also counts what each article holds besides its own text (promotional passages kept from
the original page, editor's notes added by the clinic) and warns about a note without a
"Source:" line."""

from __future__ import annotations

import json
import sys

from mspain_kb.commands.index import articles_folder_problem
from mspain_kb.core.articles import (
    editor_note_problems,
    leftover_temp_files,
    load_collection,
    promotional_blocks,
)

NOTE = "editor's note"
LEFTOVER_NOTE = "left by an import that was interrupted; not an article, safe to delete"


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check every article file and say which ones cannot be used and why",
        description=(
            "Read every article file. Prints OK, SKIPPED (with the reason; the article is "
            "left out of search until fixed) or WARNING (e.g. an unknown topic tag, or an "
            "editor's note without a 'Source:' line), and how many promotional passages "
            "and editor's notes each article holds. Exits with status 1 when any file is "
            "skipped. Never changes a file."
        ),
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.set_defaults(handler=run)


def run(args, services) -> int:
    problem = articles_folder_problem(services)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    folder = services.paths.articles_dir
    articles, problems = load_collection(folder, services.vocabulary.ids())
    files: dict[str, dict] = {}
    for article in articles:
        note_problems = editor_note_problems(article)
        files[article.path.name] = {
            "file": article.path.name,
            "status": "warning" if note_problems else "ok",
            "reasons": note_problems,
            "promotional": len(promotional_blocks(article.body)),
            "editor_notes": len(article.editor_notes()),
        }
    for found in problems:
        unread = {"status": "ok", "reasons": [], "promotional": 0, "editor_notes": 0}
        entry = files.setdefault(found.path.name, {"file": found.path.name, **unread})
        entry["reasons"].append(found.reason)
        if found.skipped:
            entry["status"] = "skipped"
        elif entry["status"] == "ok":
            entry["status"] = "warning"
    report = sorted(files.values(), key=lambda entry: entry["file"])
    leftovers = [path.name for path in leftover_temp_files(folder)]
    skipped = sum(1 for entry in report if entry["status"] == "skipped")
    warnings = sum(1 for entry in report if entry["status"] == "warning")
    notes = sum(entry["editor_notes"] for entry in report)
    promotional = sum(entry["promotional"] for entry in report)
    if args.json:
        summary = {"files": report, "ok": len(report) - skipped - warnings}
        summary.update(skipped=skipped, warnings=warnings, leftovers=leftovers)
        summary.update(promotional=promotional, editor_notes=notes)
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        for entry in report:
            reasons = "; ".join(entry["reasons"])
            counts = _counts(entry)
            print(
                f"{entry['status'].upper():8} {entry['file']}"
                + (f" ({counts})" if counts else "")
                + (f": {reasons}" if reasons else "")
            )
        for name in leftovers:
            print(f"{'LEFTOVER':8} {name}: {LEFTOVER_NOTE}")
        print(
            f"\n{len(report)} file(s): {len(report) - skipped - warnings} OK, "
            f"{warnings} with warnings, {skipped} skipped. "
            f"{_plural(promotional, 'promotional passage')}, "
            f"{_plural(notes, NOTE)}."
        )
    return 1 if skipped else 0


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _counts(entry: dict) -> str:
    parts = []
    if entry["promotional"]:
        parts.append(_plural(entry["promotional"], "promotional passage"))
    if entry["editor_notes"]:
        parts.append(_plural(entry["editor_notes"], NOTE))
    return ", ".join(parts)
