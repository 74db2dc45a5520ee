"""`mspain-kb body-map [REGION...]`: the body map's regions, or what the collection has for some.

The same data and counts as the window's "Where does it hurt?" map.
"""

from __future__ import annotations

import json
import sys

from mspain_kb.commands.index import articles_folder_problem, sync_for_command
from mspain_kb.core.body_map import BodyMapError, what_the_collection_has
from mspain_kb.core.body_map.findings import chosen_regions


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "body-map",
        help="where does it hurt? the body regions, and the kinds of pain for some",
        description=(
            "Without REGION: list the regions of the body map. With one or more REGION ids: "
            "the kinds of pain felt there, each with the search it runs and how many articles "
            "that search finds."
        ),
    )
    parser.add_argument("regions", metavar="REGION", nargs="*", help="region ids, e.g. neck feet")
    parser.add_argument("--json", action="store_true", help="print the answer as JSON")
    parser.set_defaults(handler=run)


def run(args, services) -> int:
    try:
        body_map = services.body_map
    except BodyMapError as error:
        print(error, file=sys.stderr)
        return 2
    if not args.regions:
        return _list_regions(body_map, args.json)
    try:
        chosen_regions(body_map, args.regions)
    except BodyMapError as error:
        print(error, file=sys.stderr)
        return 2
    problem = articles_folder_problem(services)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    sync_for_command(services)
    findings = what_the_collection_has(body_map, args.regions, services.search)
    if args.json:
        print(json.dumps(_findings_json(findings), ensure_ascii=False, indent=2))
        return 0
    print("Where: " + ", ".join(region.name for region in findings.regions))
    for warning in findings.warnings:
        print(f"! {warning}")
    for found in findings.pains:
        print(f"{found.articles:>4}  {found.pain.words}")
        print(f"      search: {found.pain.search}")
    return 0


def _list_regions(body_map, as_json: bool) -> int:
    if as_json:
        regions = [
            {
                "id": region.id,
                "name": region.name,
                "description": region.description,
                "views": list(region.views),
                "topics": list(region.topics),
                "pains": [pain.id for pain in region.pains],
            }
            for region in body_map
        ]
        print(json.dumps({"regions": regions}, ensure_ascii=False, indent=2))
        return 0
    width = max(len(region.id) for region in body_map)
    for region in body_map:
        views = " and ".join(region.views)
        print(f"{region.id:<{width}}  {region.name} ({views})")
    return 0


def _findings_json(findings) -> dict:
    return {
        "regions": [region.id for region in findings.regions],
        "warnings": list(findings.warnings),
        "pains": [
            {
                "id": found.pain.id,
                "words": found.pain.words,
                "search": found.pain.search,
                "topics": list(found.pain.topics),
                "articles": found.articles,
            }
            for found in findings.pains
        ],
    }
