"""`mspain-kb search QUERY`: ranked articles with snippets, topics read, tag counts, hints."""

from __future__ import annotations

import html
import json
import re
import sys

from mspain_kb.commands.index import articles_folder_problem, sync_for_command

_MATCH_RE = re.compile(r'<b class="match">(.*?)</b>', re.DOTALL)
_TAG_RE = re.compile(r"<[^>]+>")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "search",
        help='search the articles (words, symptoms, "phrases", tag:, title:, spas*)',
        description=(
            "Search the articles. Type words, a question or a whole paragraph; everyday "
            "symptom words work ('pins and needles' finds nerve pain). Also \"exact "
            'phrases", AND, OR, NOT, prefixes (spas*), title:WORD and tag:TOPIC (an id or a '
            "label). A misspelt word that is in no article gets a 'did you mean'."
        ),
    )
    parser.add_argument("query", metavar="QUERY", nargs="+", help="what to look for")
    parser.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="TAG",
        help="only articles with this topic (id or label); repeat to narrow further",
    )
    parser.add_argument(
        "--limit", type=int, default=10, metavar="N", help="show at most N articles (default 10)"
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument(
        "--record-missed",
        action="store_true",
        help="count the search in 'check --missed' when it finds nothing (the window always "
        "does; the command line only with this option, so scripts do not fill the list)",
    )
    parser.set_defaults(handler=run)


def terminal_snippet(snippet_html: str) -> str:
    """Snippet HTML -> plain text with each match shown as [word]."""
    text = _MATCH_RE.sub(lambda m: f"[{m.group(1)}]", snippet_html)
    return html.unescape(_TAG_RE.sub("", text))


def run(args, services) -> int:
    problem = articles_folder_problem(services)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    if args.limit < 1:
        print("--limit must be 1 or more.", file=sys.stderr)
        return 2
    sync_for_command(services)
    query = " ".join(args.query)
    search = services.search
    result = search.search(query, tags=tuple(args.tag), limit=args.limit)
    if args.record_missed and result.total == 0 and not args.tag:
        services.missed_searches.record(query)
    if args.json:
        print(json.dumps(search.to_json(result), ensure_ascii=False, indent=2))
        return 0
    print_listing(result, services.vocabulary)
    return 0


def print_listing(result, vocabulary) -> None:
    if result.message:
        print(result.message)
    for topic in result.topics:
        print(f'Read "{topic.text}" as the topic: {topic.topic_label} (tag:{topic.topic_id})')
    if result.total == 0:
        print(f'No articles match "{result.query}".')
    else:
        shown = len(result.hits)
        print(f"{result.total} article(s) match; showing {shown}.\n")
    for rank, hit in enumerate(result.hits, start=1):
        print(f"{rank:2}. {hit.title}  [{hit.id}]")
        line = f"    tags: {', '.join(hit.tags) or '-'}   score {hit.score:.2f}"
        if "promotional" in hit.flags:
            line += "   (contains marked promotional passages)"
        print(line)
        if hit.snippet:
            print(f"    {terminal_snippet(hit.snippet)}")
        print()
    if result.suggestion:
        print(f"Did you mean: {result.suggestion}")
    if result.facets:
        counts = ", ".join(f"{vocabulary.label(tag)} {n}" for tag, n in result.facets.items())
        print(f"Topics in these results: {counts}")
    entry = result.glossary_entry
    if entry is not None:
        print(f"\nGlossary: {entry.term}: {entry.definition}")
