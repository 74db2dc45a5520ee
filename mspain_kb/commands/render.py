"""`mspain-kb render ID`: an article as self-contained HTML, for reading or as a handout."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

from mspain_kb.core.articles import ARTICLE_SUFFIX, ArticleError, iter_article_files, read_article
from mspain_kb.core.glossary import GlossaryError
from mspain_kb.core.topics import VocabularyError


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


def _suggestions(articles_dir: Path, wanted: str, limit: int = 3) -> list[str]:
    """Closest article ids, by id and by title, for a mistyped id."""
    by_id: dict[str, str] = {}
    for path in iter_article_files(articles_dir):
        by_id[path.stem] = path.stem
        try:
            by_id[read_article(path).title.casefold()] = path.stem
        except ArticleError:
            continue
    close = difflib.get_close_matches(wanted.casefold(), list(by_id), n=limit * 2, cutoff=0.4)
    return list(dict.fromkeys(by_id[name] for name in close))[:limit]


def run(args, services) -> int:
    from mspain_kb.core.render import render_article

    articles_dir = services.paths.articles_dir
    article_id = args.id.removesuffix(ARTICLE_SUFFIX)
    path = articles_dir / f"{article_id}{ARTICLE_SUFFIX}"
    if "/" in article_id or "\\" in article_id or not path.is_file():
        hint = _suggestions(articles_dir, article_id)
        more = f" Did you mean: {', '.join(hint)}?" if hint else ""
        print(f"error: no article with the id '{args.id}'.{more}", file=sys.stderr)
        return 1
    try:
        article = read_article(path)
    except ArticleError as exc:
        print(f"error: {path.name} cannot be shown: {exc}", file=sys.stderr)
        return 1
    try:
        # The search's own stems, lay phrases expanded, so the page marks what search matched.
        stems = services.search.highlight_terms(args.highlight) if args.highlight else ()
        rendered = render_article(
            article,
            services.glossary,
            services.vocabulary,
            highlight_terms=stems,
            print_mode=args.print_mode,
            theme=args.theme,
        )
    except (GlossaryError, VocabularyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
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
