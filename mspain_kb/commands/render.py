"""`mspain-kb render ID`: an article as self-contained HTML, for reading or as a handout."""

from __future__ import annotations

import sys
from pathlib import Path

from mspain_kb.commands.article_lookup import cannot_show, find_article_path
from mspain_kb.core.collection.article import ArticleError
from mspain_kb.core.vocabulary.glossary import GlossaryError
from mspain_kb.core.vocabulary.topics import VocabularyError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "render",
        help="show an article as HTML (glossary links, search highlights, print handout)",
        description=(
            "Render one article to self-contained HTML: glossary terms become links with a "
            "short definition, search words can be highlighted, promotional passages sit in a "
            "labelled warning box. --print gives the large-print handout with a glossary "
            "appendix and no links. Nothing in the output refers to the internet."
        ),
    )
    parser.add_argument("id", metavar="ID", help="the article id (its file name without .md)")
    parser.add_argument(
        "--highlight", metavar="QUERY", help="mark the words that match this search"
    )
    parser.add_argument(
        "--print", dest="print_mode", action="store_true", help="the large-print handout"
    )
    parser.add_argument(
        "--theme", choices=("light", "dark"), default="light", help="colours (default: light)"
    )
    parser.add_argument("--output", metavar="FILE", help="write the HTML to FILE, not the screen")
    parser.set_defaults(handler=run)


def run(args, services) -> int:
    from mspain_kb.core.render.page import article_page

    path = find_article_path(services, args.id)
    if path is None:
        return 1
    try:
        # The search's own stems, lay phrases expanded, so the page marks what search matched.
        page = article_page(
            path,
            services.glossary,
            services.vocabulary,
            services.search,
            query=args.highlight or "",
            print_mode=args.print_mode,
            theme=args.theme,
        )
    except ArticleError as exc:
        print(cannot_show(path, exc), file=sys.stderr)
        return 1
    except (GlossaryError, VocabularyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    rendered = page.rendered
    if args.output:
        try:
            Path(args.output).write_text(rendered.html, encoding="utf-8")
        except OSError as exc:
            print(f"error: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"Wrote {args.output} ({rendered.hit_count} highlighted words).", file=sys.stderr)
        return 0
    sys.stdout.write(rendered.html)
    return 0
