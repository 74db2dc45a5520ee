"""`mspain-kb check`: every article file, OK or skipped with the reason, plus warnings."""

from __future__ import annotations

import json
import sys

from mspain_kb.commands.index import articles_folder_problem
from mspain_kb.core.articles import leftover_temp_files, load_collection

LEFTOVER_NOTE = "left by an import that was interrupted; not an article, safe to delete"


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check every article file and say which ones cannot be used and why",
        description=(
            "Read every article file. Prints OK, SKIPPED (with the reason; the article is "
            "left out of search until fixed) or WARNING (e.g. an unknown topic tag). "
            "Exits with status 1 when any file is skipped. Never changes a file."
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
    files: dict[str, dict] = {
        article.path.name: {"file": article.path.name, "status": "ok", "reasons": []}
        for article in articles
    }
    for found in problems:
        entry = files.setdefault(
            found.path.name, {"file": found.path.name, "status": "ok", "reasons": []}
        )
        entry["reasons"].append(found.reason)
        if found.skipped:
            entry["status"] = "skipped"
        elif entry["status"] == "ok":
            entry["status"] = "warning"
    report = sorted(files.values(), key=lambda entry: entry["file"])
    leftovers = [path.name for path in leftover_temp_files(folder)]
    skipped = sum(1 for entry in report if entry["status"] == "skipped")
    warnings = sum(1 for entry in report if entry["status"] == "warning")
    if args.json:
        summary = {"files": report, "ok": len(report) - skipped - warnings}
        summary.update(skipped=skipped, warnings=warnings, leftovers=leftovers)
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        for entry in report:
            reasons = "; ".join(entry["reasons"])
            print(
                f"{entry['status'].upper():8} {entry['file']}" + (f": {reasons}" if reasons else "")
            )
        for name in leftovers:
            print(f"{'LEFTOVER':8} {name}: {LEFTOVER_NOTE}")
        print(
            f"\n{len(report)} file(s): {len(report) - skipped - warnings} OK, "
            f"{warnings} with warnings, {skipped} skipped."
        )
    return 1 if skipped else 0
