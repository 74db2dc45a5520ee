"""`mspain-kb glossary [TERM]`: list the glossary, or explain one term and where it is used."""

from __future__ import annotations

import json
import shutil
import sys
import textwrap

from mspain_kb.core.collection.article import Article
from mspain_kb.core.collection.files import load_collection
from mspain_kb.core.vocabulary.glossary import Entry, Glossary, GlossaryError
from mspain_kb.core.vocabulary.topics import VocabularyError

NOT_ADVICE = "General information, not medical advice."


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
    articles = _articles(services)
    mentions = glossary.mentions(articles)
    wanted = " ".join(args.term).strip()
    if not wanted:
        return _list_entries(glossary, mentions, args.json)
    entry = glossary.lookup(wanted)
    if entry is None:
        return _unknown(glossary, wanted, args.json)
    if args.json:
        _print_json(_entry_json(entry, mentions))
        return 0
    _show_entry(entry, wanted, glossary, mentions.get(entry.slug, []), _labels(services))
    return 0


def _articles(services) -> list[Article]:
    """The collection, read afresh; unreadable files are simply not counted as mentions."""
    articles, _problems = load_collection(services.paths.articles_dir)
    return articles


def _labels(services) -> dict[str, str]:
    try:
        return {topic.id: topic.label for topic in services.vocabulary}
    except VocabularyError:
        return {}


def _entry_json(entry: Entry, mentions: dict[str, list[Article]]) -> dict[str, object]:
    data = entry.as_dict()
    data["articles"] = [
        {"id": article.id, "title": article.title} for article in mentions.get(entry.slug, [])
    ]
    return data


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _width() -> int:
    return max(60, min(100, shutil.get_terminal_size((100, 24)).columns))


def _list_entries(glossary: Glossary, mentions: dict[str, list[Article]], as_json: bool) -> int:
    if as_json:
        _print_json([_entry_json(entry, mentions) for entry in glossary.entries])
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
    articles: list[Article],
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
    if articles:
        print("Articles that mention it:")
        column = max(len(article.id) for article in articles) + 2
        for article in articles:
            print(f"  {article.id:<{column}}{article.title}")
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
