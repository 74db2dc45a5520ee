"""What a scored search shows: the best articles as hits, with snippets cut around the words
that matched (Whoosh's highlighter, fed the matches the array scorer recorded)."""

from __future__ import annotations

import html

from whoosh import highlight, searching
from whoosh import query as wq

from mspain_kb.core.search.search_result import Hit

SNIPPET_CHARS = 240


class _MatchFormatter(highlight.HtmlFormatter):
    """Marks each matched word as <b class="match">; everything else is HTML-escaped."""

    def __init__(self):
        super().__init__(tagname="b", between=" … ")

    def format_token(self, text, token, replace=False):
        return f'<b class="match">{self._text(highlight.get_text(text, token, replace))}</b>'


def results_for(searcher, scored, snippets: bool) -> searching.Results:
    """Whoosh's Results for the scored search's best documents (`scored.top`), with the
    matched words of each for the highlighter when `snippets`."""
    parsed = scored.parsed
    shown = [q for q in (parsed.query, *(p.query for p in parsed.topic_parts)) if q]
    results = searching.Results(searcher, wq.Or(shown) if shown else wq.Every(), scored.top)
    if snippets:
        docnums = (docnum for _, docnum in scored.top)
        results.docterms, results.termdocs = scored.scorer.terms_of(docnums)
        results.fragmenter = highlight.PinpointFragmenter(
            maxchars=SNIPPET_CHARS, surround=60, autotrim=True
        )
        results.formatter = _MatchFormatter()
    return results


def hit_of(hit, snippets: bool) -> Hit:
    """One result as the front ends show it: stored fields, score and snippet (the summary
    when no matched word is in the body)."""
    fields = hit.fields()
    summary = fields.get("summary", "")
    snippet = ""
    if snippets:
        snippet = " ".join((hit.highlights("body", top=2) or "").split())
        if not snippet and summary:
            snippet = html.escape(summary, quote=False)
    return Hit(
        id=fields["id"],
        title=fields.get("title", fields["id"]),
        path=fields.get("path", ""),
        source=fields.get("source", ""),
        tags=_split(fields.get("tags", "")),
        score=round(float(hit.score or 0.0), 4),
        snippet=snippet,
        flags=_split(fields.get("flags", "")),
        summary=summary,
    )


def _split(value: str) -> tuple[str, ...]:
    return tuple(part for part in (value or "").split(",") if part)
