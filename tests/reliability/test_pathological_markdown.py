"""Article files whose Markdown is pathological are indexed and shown in bounded time.

Runs of unclosed brackets, deep nesting and the like made the indexer's plain-text step and
Python-Markdown take quadratic time (minutes) or overflow the stack. Each case is indexed,
searched, rendered for reading and for print, and shown in the window, within a deadline
that only a hang would miss.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mspain_kb.core.collection.article import format_article
from mspain_kb.core.collection.files import read_article
from mspain_kb.core.render.article import render_article
from mspain_kb.core.search.service import SearchService

DEADLINE_SECONDS = 10.0
SIZE = 40_000  # characters of each pattern: minutes before the fixes, well under 1 s now

CASES = {
    "unclosed-brackets": "[" * SIZE,
    "unclosed-image-brackets": "![" * (SIZE // 2),
    "unclosed-links": "[a](" * (SIZE // 4),
    "bracket-words": "[word " * (SIZE // 6),
    "unclosed-tags": "<" * SIZE,
    "nested-divs": "<div>" * (SIZE // 5),
    "nested-list": "\n".join("  " * depth + "- item" for depth in range(1500)),
    "nested-numbered-list": "\n".join("   " * depth + "1. item" for depth in range(1000)),
    "nested-quotes": "\n".join("> " * depth + "quote" for depth in range(1, 600)),
    "one-line-quotes": "> " * SIZE + "deep",
    "emphasis-runs": "*_" * (SIZE // 2),
    "backticks": "`" * SIZE,
    "table-pipes": ("|" * 40 + "\n") * (SIZE // 41),
    "admonitions": "!!! promotional\n" * (SIZE // 16),
    "entities": "&#" * (SIZE // 2),
    "one-long-word": "a" * (SIZE * 5),
}


def marker(name: str) -> str:
    """A word found only in the article `name` (one token: no hyphens)."""
    return "Marker" + name.replace("-", "")


def article_text(name: str, body: str) -> str:
    text = f"## Before\n\n{marker(name)}.\n\n{body}"
    return format_article(f"Pathological {name}", text, tags=["spasticity"])


def within_deadline(what: str, action, *args, **kwargs):
    started = time.monotonic()
    result = action(*args, **kwargs)
    elapsed = time.monotonic() - started
    assert elapsed < DEADLINE_SECONDS, f"{what} took {elapsed:.1f} s"
    return result


@pytest.fixture(scope="module")
def collection(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pathological") / "articles"
    folder.mkdir()
    for name, body in CASES.items():
        (folder / f"{name}.md").write_text(article_text(name, body), encoding="utf-8")
    return folder


def test_pathological_articles_are_indexed_and_found(
    tmp_path, collection, vocabulary, glossary, make_index
):
    """Every pathological article is indexed quickly and found by its marker word."""
    index = make_index(tmp_path / "index", collection)
    report = within_deadline("indexing", index.sync)
    assert report.problems == [] and index.doc_count() == len(CASES)
    search = SearchService(index, vocabulary, glossary)
    for name in CASES:
        result = within_deadline(f"search {name}", search.search, marker(name))
        assert [hit.id for hit in result.hits] == [name]
    index.close()


@pytest.mark.parametrize("name", list(CASES))
def test_pathological_article_renders_in_bounded_time(collection, glossary, vocabulary, name):
    """Reading view and handout of each case render within the deadline, text kept."""
    article = read_article(collection / f"{name}.md")
    for print_mode in (False, True):
        rendered = within_deadline(
            f"rendering {name}",
            render_article,
            article,
            glossary,
            vocabulary,
            print_mode=print_mode,
        )
        assert f"{marker(name)}." in rendered.html


def test_window_opens_a_pathological_article_without_freezing(make_window, collection):
    """The window shows the worst cases one after another, each within the deadline."""
    window = make_window(collection, wait=False)
    for name in ("unclosed-brackets", "nested-list", "nested-quotes"):
        within_deadline(f"opening {name}", window.controller.open_article, name)
        assert window.controller.current_article().id == name
        assert f"{marker(name)}." in window.view.toPlainText()


MARKDOWN_PIECES = st.sampled_from(
    ["[", "]", "(", ")", "![", "<", ">", "*", "_", "`", "#", "!!! promotional", "    ", "\t",
     "- ", "1. ", "> ", "|", "&#", "\n", "\n\n", "word ", "http://x.org", "---", "==="]
)  # fmt: skip


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(pieces=st.lists(MARKDOWN_PIECES, max_size=400), repeat=st.integers(1, 40))
def test_any_mix_of_markdown_syntax_renders_in_bounded_time(
    tmp_path, glossary, vocabulary, pieces, repeat
):
    """Random runs of Markdown syntax (up to ~16,000 pieces) render without error, in time."""
    path = tmp_path / "random.md"
    path.write_text(article_text("random", "".join(pieces) * repeat), encoding="utf-8")
    article = read_article(path)
    rendered = within_deadline(
        "rendering random Markdown", render_article, article, glossary, vocabulary
    )
    assert "Markerrandom." in rendered.html
