"""What a search gives back: the hits, the topics read, counts and hints, and their JSON."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TopicMatch:
    phrase: str  # the vocabulary phrase, e.g. "pins and needles"
    text: str  # the words as typed
    topic_id: str
    topic_label: str


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    path: str
    source: str
    tags: tuple[str, ...]
    score: float
    snippet: str  # HTML; matches in <b class="match">
    flags: tuple[str, ...]
    summary: str


@dataclass
class SearchResult:
    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    suggestion: str | None = None
    topics: list[TopicMatch] = field(default_factory=list)
    facets: dict[str, int] = field(default_factory=dict)
    glossary_entry: object | None = None
    fallback: bool = False
    message: str = ""  # everything below, and any other hint, as one text to show
    notes: list[str] = field(default_factory=list)  # what was set aside or read differently
    next_steps: object | None = None  # NextSteps, when nothing was found
    context_entry: object | None = None  # the glossary entry the query is about, if any


def result_to_json(result: SearchResult) -> dict:
    entry = result.glossary_entry
    return {
        "query": result.query,
        "hits": [
            {
                "id": hit.id,
                "title": hit.title,
                "path": hit.path,
                "source": hit.source,
                "tags": list(hit.tags),
                "score": hit.score,
                "snippet": hit.snippet,
                "flags": list(hit.flags),
                "summary": hit.summary,
            }
            for hit in result.hits
        ],
        "total": result.total,
        "suggestion": result.suggestion,
        "topics": [
            {"phrase": t.phrase, "text": t.text, "topic": t.topic_id, "label": t.topic_label}
            for t in result.topics
        ],
        "facets": dict(result.facets),
        "glossary": (
            None
            if entry is None
            else {"term": entry.term, "slug": entry.slug, "definition": entry.definition}
        ),
        "fallback": result.fallback,
        "message": result.message,
        "notes": list(result.notes),
    }
