"""`mspain-kb check`: every article file, OK or skipped with the reason, plus warnings, the
articles still to review, and (with --missed) the searches that found nothing.

It also counts what each article holds besides its own text (promotional passages kept from
the original page, editor's notes added by the clinic) and warns about a note without a
"Source:" line."""

from __future__ import annotations

import json
import sys

from mspain_kb.commands.index import articles_folder_problem
from mspain_kb.core.collection.article import editor_note_problems, promotional_blocks
from mspain_kb.core.collection.files import load_collection
from mspain_kb.core.collection.header_edit import NEEDS_REVIEW_FLAG
from mspain_kb.core.collection.safe_write import leftover_temp_files

NOTE = "editor's note"
LEFTOVER_NOTE = (
    "left by an interrupted import (or one still running); not an article; "
    "removed by the next import once it is an hour old"
)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check every article file and say which ones cannot be used and why",
        description=(
            "Read every article file. Prints OK, SKIPPED (with the reason; the article is "
            "left out of search until fixed) or WARNING (e.g. an unknown topic tag, or an "
            "editor's note without a 'Source:' line), and how many promotional passages "
            "and editor's notes each article holds, then the imported articles that still "
            "need review (flag 'needs-review') and any files left by an interrupted import. "
            "Exits with status 1 when any file is "
            "skipped. Never changes a file."
        ),
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--missed",
        action="store_true",
        help="instead, list what people searched for in the window and did not find "
        "(most frequent first, with counts and the last date)",
    )
    parser.set_defaults(handler=run)


def run_missed(args, services) -> int:
    store = services.missed_searches
    entries = store.entries()
    if store.problem:
        print(store.problem, file=sys.stderr)
    if args.json:
        rows = [{"words": e.words, "count": e.count, "last": e.last} for e in entries]
        print(json.dumps({"missed": rows}, ensure_ascii=False, indent=2))
        return 0
    if not entries:
        print("No searches without results have been recorded.")
        return 0
    print(f"{'COUNT':>5}  {'LAST':10}  WORDS")
    for entry in entries:
        print(f"{entry.count:>5}  {entry.last:10}  {entry.words}")
    print(f"\n{len(entries)} search(es) found nothing: consider adding leaflets on them.")
    return 0


def run(args, services) -> int:
    if args.missed:
        return run_missed(args, services)
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
    to_review = sorted(
        (a for a in articles if NEEDS_REVIEW_FLAG in a.flags), key=lambda a: a.path.name
    )
    skipped = sum(1 for entry in report if entry["status"] == "skipped")
    warnings = sum(1 for entry in report if entry["status"] == "warning")
    notes = sum(entry["editor_notes"] for entry in report)
    promotional = sum(entry["promotional"] for entry in report)
    if args.json:
        summary = {"files": report, "ok": len(report) - skipped - warnings}
        summary.update(skipped=skipped, warnings=warnings, leftovers=leftovers)
        summary["needs_review"] = [{"file": a.path.name, "title": a.title} for a in to_review]
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
        if to_review:
            print(f"\n{len(to_review)} imported article(s) need review (flag 'needs-review'):")
        for article in to_review:
            print(f"{'REVIEW':8} {article.path.name}: {article.title}")
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
