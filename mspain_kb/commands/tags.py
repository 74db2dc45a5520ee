"""`mspain-kb tags`: the topic vocabulary with the number of articles tagged with each."""

from __future__ import annotations

import json
import sys

from mspain_kb.commands.index import articles_folder_problem, sync_for_command


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "tags",
        help="list the topics and how many articles each has",
        description="List every topic (its tag id, label and description) with an article count.",
    )
    parser.add_argument("--json", action="store_true", help="print the list as JSON")
    parser.set_defaults(handler=run)


def topic_counts(services) -> list[dict]:
    """Each topic with its number of articles, as search counts them (deleted articles not
    counted)."""
    counts = services.search.topic_counts()
    return [
        {
            "id": topic.id,
            "label": topic.label,
            "kind": topic.kind,
            "description": topic.description,
            "count": counts.get(topic.id, 0),
        }
        for topic in services.vocabulary
    ]


def run(args, services) -> int:
    problem = articles_folder_problem(services)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    sync_for_command(services)
    topics = topic_counts(services)
    if args.json:
        print(json.dumps({"topics": topics}, ensure_ascii=False, indent=2))
        return 0
    width = max((len(topic["id"]) for topic in topics), default=0)
    for topic in topics:
        print(f"{topic['id']:<{width}}  {topic['count']:>4}  {topic['label']}")
    return 0
