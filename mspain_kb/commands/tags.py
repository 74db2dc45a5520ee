"""`mspain-kb tags`: the topic vocabulary with the number of articles tagged with each."""

from __future__ import annotations

import json
import sys

from whoosh.query import Term

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
    """Each topic with its number of articles (deleted articles not counted)."""
    searcher = services.index.searcher()

    def count(topic_id: str) -> int:
        return sum(1 for _ in searcher.docs_for_query(Term("tags", topic_id)))

    return [
        {
            "id": topic.id,
            "label": topic.label,
            "kind": topic.kind,
            "description": topic.description,
            "count": count(topic.id),
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
