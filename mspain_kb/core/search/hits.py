"""What a scored search shows: the best articles as hits, with snippets cut around the words
that matched (Whoosh's highlighter, fed the matches the array scorer recorded).

The passage shown is where the user's own words are in the body. An article that matched
without them in its body (by its topic, its title or summary) shows the passage with the
words the query stood for instead, the first group of `fallback_groups` the body has (the
glossary entry's words, then the topic's); only with none of those, its summary."""

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


BODY = "body"


def results_for(searcher, scored, snippets: bool, fallback_groups=()) -> searching.Results:
    """Whoosh's Results for the scored search's best documents (`scored.top`), with the
    matched words of each for the highlighter when `snippets` (`fallback_groups`: stems to
    mark in a body the user's words are not in, see the module's notes)."""
    parsed = scored.parsed
    shown = [q for q in (parsed.query, *(p.query for p in parsed.topic_parts)) if q]
    results = searching.Results(searcher, wq.Or(shown) if shown else wq.Every(), scored.top)
    if snippets:
        docnums = (docnum for _, docnum in scored.top)
        results.docterms, results.termdocs = scored.scorer.terms_of(docnums)
        _add_fallback_terms(searcher, results, fallback_groups)
        results.fragmenter = highlight.PinpointFragmenter(
            maxchars=SNIPPET_CHARS, surround=60, autotrim=True
        )
        results.formatter = _MatchFormatter()
    return results


def _add_fallback_terms(searcher, results, groups) -> None:
    """For each document with no matched word in its body, record as matched the first
    group of stems its body has, so the highlighter cuts the passage around them."""
    if not groups or BODY not in searcher.schema:
        return
    reader = searcher.reader()
    for docnum, terms in results.docterms.items():
        if any(field == BODY for field, _ in terms):
            continue
        for group in groups:
            found = [key for key in _body_keys(group) if _has(reader, key, docnum)]
            if found:
                terms.extend(found)
                for key in found:
                    results.termdocs.setdefault(key, []).append(docnum)
                break


def _body_keys(stems) -> list[tuple[str, bytes]]:
    return [(BODY, stem.encode("utf-8")) for stem in sorted(stems)]


def _has(reader, key: tuple[str, bytes], docnum: int) -> bool:
    """Whether the document's body has the term (one skip along its posting list)."""
    if key not in reader:
        return False
    postings = reader.postings(*key)
    postings.skip_to(docnum)
    return postings.is_active() and postings.id() == docnum


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
