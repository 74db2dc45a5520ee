"""`mspain-kb show ID`: one article's metadata and text."""

from __future__ import annotations

import json

from mspain_kb.commands.article_lookup import find_article
from mspain_kb.core.collection.article import promotional_blocks


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "show",
        help="print an article's details and text",
        description=(
            "Print an article's metadata (title, tags, summary, source, flags) and text; "
            "--json also gives the number of promotional passages and the editor's notes."
        ),
    )
    parser.add_argument("id", metavar="ID", help="the article id (its file name without .md)")
    parser.add_argument("--json", action="store_true", help="print the article as JSON")
    parser.set_defaults(handler=run)


def run(args, services) -> int:
    article = find_article(services, args.id)
    if article is None:
        return 1
    if args.json:
        data = {
            "id": article.id,
            "title": article.title,
            "path": str(article.path),
            "tags": list(article.tags),
            "summary": article.summary,
            "source": article.source,
            "imported": article.imported,
            "flags": list(article.flags),
            "promotional_passages": len(promotional_blocks(article.body)),
            "editor_notes": article.editor_notes(),
            "headings": [text for _, text in article.headings()],
            "body": article.body,
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    labels = ", ".join(services.vocabulary.label(tag) for tag in article.tags) or "-"
    print(article.title)
    print("=" * min(len(article.title), 79))
    print(f"id:       {article.id}")
    print(f"topics:   {labels}")
    print(f"summary:  {article.summary or '-'}")
    print(f"source:   {article.source or '-'}")
    print(f"imported: {article.imported or '-'}")
    if article.flags:
        print(f"flags:    {', '.join(article.flags)}")
    if article.editor_notes():
        print(f"notes:    {len(article.editor_notes())} editor's note(s)")
    print()
    print(article.body)
    return 0
