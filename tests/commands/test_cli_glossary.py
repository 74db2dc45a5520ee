"""`mspain-kb glossary` end to end through the command line, on the fixture articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import mspain_kb.core.vocabulary.glossary as glossary_module
from mspain_kb.cli import main
from mspain_kb.core.vocabulary.glossary import load_glossary
from tests.conftest import FIXTURES

FIXTURE_ARTICLES = FIXTURES / "articles"


def run_glossary(*args: str, articles_dir: Path = FIXTURE_ARTICLES) -> int:
    return main(["--articles-dir", str(articles_dir), "glossary", *args])


def test_list_shows_every_term_with_its_short_definition_aligned(capsys):
    """Each entry is one row: the term, then its first sentence starting in the same column."""
    assert run_glossary() == 0
    out = capsys.readouterr().out
    glossary = load_glossary()
    rows = {line.split("  ")[0]: line for line in out.splitlines() if line and line[0] != " "}
    columns = set()
    for entry in glossary.entries:
        row = rows[entry.term]
        first_word = entry.short.split()[0]
        columns.add(row.index(first_word, len(entry.term)))
    assert len(columns) == 1
    assert f"{len(glossary)} entries." in out


def test_one_entry_shows_definition_related_topics_and_articles(capsys):
    """An alias finds its entry, shown with related terms, topic labels and mentioning articles."""
    assert run_glossary("Lhermitte") == 0
    out = capsys.readouterr().out
    assert out.startswith("Lhermitte's sign\n")
    assert "brief electric-shock feeling" in out
    assert "Related: Cervical spine, Spinal cord, Neuropathic pain" in out
    assert "Lhermitte's sign (lhermitte)" in out
    assert "neck-shock" in out and "An electric feeling when bending the neck" in out
    assert "not medical advice" in out


def test_a_term_of_several_words_needs_no_quotes(capsys):
    """`mspain-kb glossary muscle spasm` shows the muscle spasm entry."""
    assert run_glossary("muscle", "spasm") == 0
    assert capsys.readouterr().out.startswith("Muscle spasm\n")


def test_misspelt_term_shows_the_closest_entry_and_says_so(capsys):
    """'spastisity' shows Spasticity, with a note that it is the closest match."""
    assert run_glossary("spastisity") == 0
    out = capsys.readouterr().out
    assert "showing the closest: Spasticity" in out
    assert "Spasticity\n==========" in out


def test_entry_with_no_mentions_says_so(capsys, tmp_path):
    """With an empty collection the entry still shows, and says no article mentions it."""
    assert run_glossary("myelin", articles_dir=tmp_path) == 0
    assert "No article mentions it yet." in capsys.readouterr().out


def test_articles_are_those_the_window_lists(capsys, tmp_path, glossary):
    """The command lists what search's `mentioning` gives the glossary pane: inflections
    count, a term named only in a promotional passage does not (one definition of
    "mentions", the index's)."""
    from mspain_kb.config import resolve_paths
    from mspain_kb.core.collection.article import PROMOTIONAL_TITLE, format_article
    from mspain_kb.services import Services

    articles = tmp_path / "articles"
    articles.mkdir()
    said = "## Spasms\n\nHis muscle spasms came at night."
    advert = f'Some text.\n\n!!! promotional "{PROMOTIONAL_TITLE}"\n    Try Pain O Soma.\n'
    (articles / "night-spasms.md").write_text(format_article("Nights", said), encoding="utf-8")
    (articles / "advert.md").write_text(format_article("An advert", advert), encoding="utf-8")
    assert run_glossary("--json", "muscle spasm", articles_dir=articles) == 0
    spasm = json.loads(capsys.readouterr().out)
    assert spasm["articles"] == [{"id": "night-spasms", "title": "Nights"}]
    assert run_glossary("--json", "carisoprodol", articles_dir=articles) == 0
    assert json.loads(capsys.readouterr().out)["articles"] == []
    services = Services(resolve_paths(articles))
    try:
        assert services.search.mentioning(glossary.lookup("muscle spasm")) == (
            [("night-spasms", "Nights")],
            1,
        )
    finally:
        services.close()


def test_unknown_term_prints_a_plain_message_and_suggestions(capsys):
    """An unknown word exits 1 with 'No glossary entry' and close suggestions, no traceback."""
    assert run_glossary("spas") == 1
    captured = capsys.readouterr()
    assert "No glossary entry for 'spas'." in captured.err
    assert "Did you mean:" in captured.err and "Spasticity" in captured.err
    assert "Traceback" not in captured.err


def test_unknown_term_without_suggestions_points_at_the_list(capsys):
    """A word nothing resembles tells the user how to see every entry."""
    assert run_glossary("banana") == 1
    err = capsys.readouterr().err
    assert "No glossary entry for 'banana'." in err
    assert "mspain-kb glossary" in err


def test_json_list_has_every_entry_with_its_articles(capsys):
    """--json gives all entries with term, aliases, definition, related, topics and articles."""
    assert run_glossary("--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == len(load_glossary())
    for item in data:
        assert {"term", "aliases", "definition", "related", "topics", "articles"} <= set(item)
    spasticity = next(item for item in data if item["term"] == "Spasticity")
    assert {"id": "stiff-legs", "title": "Spasticity and stiff legs"} in spasticity["articles"]


def test_json_one_entry(capsys):
    """--json TERM gives one entry, found by alias, with the articles that mention it."""
    assert run_glossary("--json", "cervical spinal cord") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["term"] == "Cervical spine"
    assert data["topics"] == ["lhermitte"]
    assert data["articles"] == [
        {"id": "neck-shock", "title": "An electric feeling when bending the neck"}
    ]


def test_json_unknown_term_is_an_error_object(capsys):
    """--json with an unknown word prints an error object and exits 1."""
    assert run_glossary("--json", "banana") == 1
    data = json.loads(capsys.readouterr().out)
    assert data == {"error": "No glossary entry for 'banana'.", "suggestions": []}


def test_broken_glossary_file_gives_a_one_line_error(capsys, monkeypatch, tmp_path):
    """A damaged glossary file is reported in one plain line with exit code 2."""
    broken = tmp_path / "glossary.toml"
    broken.write_text("[[entry]\n", encoding="utf-8")
    real_load = glossary_module.load_glossary
    monkeypatch.setattr(glossary_module, "load_glossary", lambda path=None: real_load(broken))
    assert run_glossary() == 2
    err = capsys.readouterr().err
    assert err.startswith("error: the glossary file") and "not valid TOML" in err
    assert len(err.strip().splitlines()) == 1


def test_help_describes_the_command(capsys):
    """`mspain-kb glossary --help` explains TERM and misspellings."""
    with pytest.raises(SystemExit):
        run_glossary("--help")
    assert "misspelling" in capsys.readouterr().out
