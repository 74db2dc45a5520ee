"""`mspain-kb handout ID... --output FILE.pdf`: the large-print patient handout as a PDF."""

from __future__ import annotations

import sys

from mspain_kb.commands.article_lookup import find_article
from mspain_kb.core.vocabulary.glossary import GlossaryError


def register(subparsers) -> None:
    from mspain_kb.core.handout.options import DEFAULT_FONT_SIZE, FONT_SIZES

    parser = subparsers.add_parser(
        "handout",
        help="write a large-print PDF handout of one or more articles",
        description=(
            "Write one PDF with the articles in the order given, each starting on a new page, "
            "and one short glossary at the end: the key clinical terms they use (everyday "
            "words left out) that fit on one page. The first page carries the date, the "
            "clinic's name and phone when given, and a note that this is information, not "
            "medical advice; every page says 'Page X of Y'. Promotional passages are left "
            "out (one line says how many); editor's notes are always printed. The window's "
            "Print and Export PDF make the same PDF. No display is needed."
        ),
    )
    parser.add_argument("ids", nargs="+", metavar="ID", help="article ids (file names without .md)")
    parser.add_argument(
        "--output", "-o", metavar="FILE.pdf", required=True, help="where to save the PDF"
    )
    parser.add_argument(
        "--font-size",
        type=int,
        choices=FONT_SIZES,
        default=DEFAULT_FONT_SIZE,
        help=f"body text size in points (default: {DEFAULT_FONT_SIZE})",
    )
    parser.add_argument(
        "--with-promotional",
        action="store_true",
        help="print the promotional passages too, boxed and labelled",
    )
    parser.add_argument(
        "--all-terms",
        action="store_true",
        help="explain every glossary term the articles use, with full definitions",
    )
    parser.add_argument("--clinic-name", metavar="NAME", default="", help="printed on page 1")
    parser.add_argument("--clinic-phone", metavar="PHONE", default="", help="printed on page 1")
    parser.set_defaults(handler=run)


def run(args, services) -> int:
    from mspain_kb.core.handout import HandoutError, HandoutOptions, lay_out, save_pdf

    articles = []
    for given in dict.fromkeys(args.ids):  # each article once, in the order given
        article = find_article(services, given)
        if article is None:
            return 1
        articles.append(article)
    options = HandoutOptions(
        font_size=args.font_size,
        include_promotional=args.with_promotional,
        all_terms=args.all_terms,
        clinic_name=args.clinic_name,
        clinic_phone=args.clinic_phone,
    )
    try:
        laid = lay_out(articles, services.glossary, options)
        target = save_pdf(args.output, laid.data)
    except (HandoutError, GlossaryError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    terms = len(laid.printed_terms)
    print(
        f"Wrote {target} ({laid.pages} page{'s' if laid.pages != 1 else ''}, "
        f"{terms} term{'s' if terms != 1 else ''} explained).",
        file=sys.stderr,
    )
    return 0
