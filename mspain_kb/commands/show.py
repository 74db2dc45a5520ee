"""`mspain-kb show ID`: one article's metadata and text."""

from __future__ import annotations

import difflib
import json
import sys

from mspain_kb.core.articles import ARTICLE_SUFFIX, ArticleError, read_article
from mspain_kb.core.index_files import scan_articles


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "show",
        help="print an article's details and text",
        description="Print an article's metadata (title, tags, summary, source, flags) and text.",
    )
    parser.add_argument("id", metavar="ID", help="the article id (its file name without .md)")
    parser.add_argument("--json", action="store_true", help="print the article as JSON")
    parser.set_defaults(handler=run)


def close_ids(services, wanted: str, limit: int = 3) -> list[str]:
    ids = [name[: -len(ARTICLE_SUFFIX)] for name in scan_articles(services.paths.articles_dir)]
    close = difflib.get_close_matches(wanted, ids, n=limit, cutoff=0.5)
    if len(close) < limit:  # also try the words of the id as a search
        result = services.search.search(wanted.replace("-", " "), limit=limit, snippets=False)
        close += [hit.id for hit in result.hits if hit.id not in close]
    return close[:limit]


def run(args, services) -> int:
    wanted = args.id.removesuffix(ARTICLE_SUFFIX)
    path = services.paths.articles_dir / f"{wanted}{ARTICLE_SUFFIX}"
    if "/" in wanted or "\\" in wanted or not path.is_file():
        print(f"There is no article with the id '{args.id}'.", file=sys.stderr)
        suggestions = close_ids(services, wanted)
        if suggestions:
            print(f"Did you mean: {', '.join(suggestions)}", file=sys.stderr)
        return 1
    try:
        article = read_article(path)
    except ArticleError as error:
        print(f"The article '{wanted}' cannot be shown: {error}.", file=sys.stderr)
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
    print()
    print(article.body)
    return 0
