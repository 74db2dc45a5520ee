"""`mspain-kb glossary [TERM]`: list the glossary, or explain one term and where it is used."""

from __future__ import annotations

import json
import shutil
import sys
import textwrap

from mspain_kb.commands.index import sync_for_command
from mspain_kb.core.vocabulary.glossary import Entry, Glossary, GlossaryError
from mspain_kb.core.vocabulary.topics import VocabularyError

NOT_ADVICE = "General information, not medical advice."
Mentions = tuple[list[tuple[str, str]], int]  # (id, title) of the first articles, how many


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "glossary",
        help="list the glossary, or explain one term (typos are forgiven)",
        description=(
            "With no TERM, list every glossary entry with a one-line definition. With a TERM "
            "(a term, another name for it, or a small misspelling such as 'spastisity'), show "
            "its full plain-language definition, related terms, the public references it was "
            "checked against, topics and the articles that mention it."
        ),
    )
    parser.add_argument(
        "term", nargs="*", metavar="TERM", help="the word to explain, e.g. Lhermitte or 'MS hug'"
    )
    parser.add_argument("--json", action="store_true", help="print the entries as JSON")
    parser.set_defaults(handler=run)


def run(args, services) -> int:
    try:
        glossary: Glossary = services.glossary
    except GlossaryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    wanted = " ".join(args.term).strip()
    if not wanted:
        return _list_entries(glossary, services, args.json)
    entry = glossary.lookup(wanted)
    if entry is None:
        return _unknown(glossary, wanted, args.json)
    mentions = _mentions(services)
    if args.json:
        _print_json(_entry_json(entry, mentions(entry)))
        return 0
    _show_entry(entry, wanted, glossary, mentions(entry), _labels(services))
    return 0


def _mentions(services):
    """`mentions(entry) -> ([(id, title)], total)`: the articles that use an entry, as the
    window lists them (asked of the index, brought up to date first)."""
    sync_for_command(services)
    return services.search.mentioning


def _labels(services) -> dict[str, str]:
    try:
        return {topic.id: topic.label for topic in services.vocabulary}
    except VocabularyError:
        return {}


def _entry_json(entry: Entry, mentioned: Mentions) -> dict[str, object]:
    articles, total = mentioned
    data = entry.as_dict()
    data["articles"] = [{"id": article_id, "title": title} for article_id, title in articles]
    data["article_count"] = total
    return data


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _width() -> int:
    return max(60, min(100, shutil.get_terminal_size((100, 24)).columns))


def _list_entries(glossary: Glossary, services, as_json: bool) -> int:
    if as_json:
        mentions = _mentions(services)
        _print_json([_entry_json(entry, mentions(entry)) for entry in glossary.entries])
        return 0
    column = max(len(entry.term) for entry in glossary.entries) + 2 if len(glossary) else 0
    width = _width()
    for entry in glossary.entries:
        lines = textwrap.wrap(entry.short, width=max(30, width - column)) or [""]
        print(f"{entry.term:<{column}}{lines[0]}")
        for line in lines[1:]:
            print(" " * column + line)
    print(f"\n{len(glossary)} entries. Run 'mspain-kb glossary TERM' for one in full.")
    return 0


def _show_entry(
    entry: Entry,
    wanted: str,
    glossary: Glossary,
    mentioned: Mentions,
    labels: dict[str, str],
) -> None:
    width = _width()
    if glossary.lookup_exact(wanted) is None:
        print(f"(No entry is called '{wanted}'; showing the closest: {entry.term}.)\n")
    print(entry.term)
    print("=" * len(entry.term))
    if entry.aliases:
        print(textwrap.fill("Also: " + ", ".join(entry.aliases), width=width))
    print()
    print(textwrap.fill(entry.definition, width=width))
    print()
    related = [other.term for other in glossary.related_entries(entry)]
    if related:
        print(textwrap.fill("Related: " + ", ".join(related), width=width))
    if entry.sources:
        print(textwrap.fill("Checked against: " + "; ".join(entry.sources), width=width))
    if entry.topics:
        topics = [f"{labels.get(topic_id, topic_id)} ({topic_id})" for topic_id in entry.topics]
        print(textwrap.fill("Topics: " + ", ".join(topics), width=width))
    articles, total = mentioned
    if articles:
        print("Articles that mention it (those that use it most first):")
        column = max(len(article_id) for article_id, _ in articles) + 2
        for article_id, title in articles:
            print(f"  {article_id:<{column}}{title}")
        if total > len(articles):
            more = total - len(articles)
            print(f"  … and {more} more: search for '{entry.term}' to see them all.")
    else:
        print("No article mentions it yet.")
    print()
    print(NOT_ADVICE)


def _unknown(glossary: Glossary, wanted: str, as_json: bool) -> int:
    message = f"No glossary entry for '{wanted}'."
    suggestions = [entry.term for entry in glossary.suggest(wanted)]
    if as_json:
        _print_json({"error": message, "suggestions": suggestions})
        return 1
    print(message, file=sys.stderr)
    if suggestions:
        print("Did you mean: " + ", ".join(suggestions) + "?", file=sys.stderr)
    else:
        print("Run 'mspain-kb glossary' to see every entry.", file=sys.stderr)
    return 1
