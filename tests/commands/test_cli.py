"""The index, search, tags, show and check commands, end to end on the real articles."""

from __future__ import annotations

import json
import re

import pytest

from mspain_kb.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_index_reports_what_it_did(capsys):
    """The first run builds and says why; the second finds nothing to do."""
    code, out, _ = run(capsys, "index")
    assert code == 0
    assert "The articles were prepared for searching." in out
    assert "Added 4, updated 0, removed 0, unchanged 0" in out
    code, out, _ = run(capsys, "index")
    assert "Added 0, updated 0, removed 0, unchanged 4" in out
    code, out, _ = run(capsys, "index", "--rebuild")
    assert code == 0 and "rebuilt, as asked" in out


def test_search_prints_a_readable_listing(capsys):
    """Ranked titles with ids, the topic read from the lay phrase, matches shown as [word]."""
    code, out, err = run(capsys, "search", "pins", "and", "needles")
    assert code == 0
    assert "prepared for searching" in err  # the reason goes to stderr
    assert 'Read "pins and needles" as the topic: Neuropathic (nerve) pain' in out
    assert re.search(r"^ 1\. .+  \[[a-z-]+\]$", out, re.MULTILINE)
    assert "Topics in these results:" in out
    _, out, _ = run(capsys, "search", "stretching")
    assert "<b" not in out
    assert re.search(r"\[stretching\]", out, re.IGNORECASE)


def test_search_json_has_the_documented_keys(capsys):
    """--json gives hits with id, title, path, source, tags, score, snippet and flags."""
    code, out, _ = run(capsys, "search", "tag:lhermitte", "--json")
    data = json.loads(out)
    assert code == 0
    assert {"hits", "suggestion", "topics", "facets", "total", "query"} <= set(data)
    assert [hit["id"] for hit in data["hits"]] == ["ms-lower-back-pain-and-lhermittes-sign"]
    assert {"id", "title", "path", "source", "tags", "score", "snippet", "flags"} <= set(
        data["hits"][0]
    )


def test_search_typo_says_did_you_mean(capsys):
    """A misspelling still lists articles and suggests the right word."""
    code, out, _ = run(capsys, "search", "spastisity")
    assert code == 0
    assert "Showing results for spasticity" in out
    assert "Did you mean: spasticity" in out
    assert "muscle-spasms-and-ms" in out


def test_search_says_what_it_set_aside(capsys):
    """A question with an unpaired quote mark still lists articles and explains the quote."""
    code, out, _ = run(capsys, "search", 'why do my legs feel "stiff at night?')
    assert code == 0
    assert "A quote mark had no partner" in out
    assert re.search(r"^ 1\. ", out, re.MULTILINE)
    _, out, _ = run(capsys, "search", 'why do my legs feel "stiff at night?', "--json")
    assert json.loads(out)["notes"] == [
        "A quote mark had no partner, so those words were searched one by one."
    ]


def test_several_tags_narrow_the_results(capsys):
    """Each --tag narrows further; a tag label works like an id."""
    _, out, _ = run(capsys, "search", "pain", "--tag", "spasticity", "--json")
    broad = {hit["id"] for hit in json.loads(out)["hits"]}
    _, out, _ = run(
        capsys, "search", "pain", "--tag", "spasticity", "--tag", "Lhermitte's sign", "--json"
    )
    narrow = {hit["id"] for hit in json.loads(out)["hits"]}
    assert narrow == {"ms-lower-back-pain-and-lhermittes-sign"} and narrow < broad


def test_search_with_odd_input_answers_plainly(capsys):
    """Unbalanced syntax is not an error for the user."""
    code, out, err = run(capsys, "search", '"(((AND')
    assert code == 0 and "Traceback" not in out + err


def test_tags_lists_topics_with_counts(capsys):
    """Every topic appears with the number of articles tagged with it."""
    code, out, _ = run(capsys, "tags", "--json")
    topics = {topic["id"]: topic["count"] for topic in json.loads(out)["topics"]}
    assert code == 0 and topics["lhermitte"] == 1 and topics["spasticity"] == 4
    _, out, _ = run(capsys, "tags")
    assert "Lhermitte's sign" in out


def test_show_prints_metadata_and_text(capsys):
    """An article's title, topics, source and text are printed; --json has the fields."""
    code, out, _ = run(capsys, "show", "ms-and-leg-pain")
    assert code == 0
    assert out.startswith("Can multiple sclerosis cause leg pain?")
    assert "source:   000_808507a4ec7493ce.txt" in out and "flags:    promotional" in out
    _, out, _ = run(capsys, "show", "ms-and-leg-pain", "--json")
    data = json.loads(out)
    assert data["tags"][0] == "leg-pain" and data["promotional_passages"] == 2
    assert len(data["editor_notes"]) == 1 and "Source: MS Trust" in data["editor_notes"][0]


def test_show_unknown_id_suggests_close_ones(capsys):
    """A mistyped id exits 1 with the closest ids offered."""
    code, out, err = run(capsys, "show", "ms-leg-pain")
    assert code == 1
    assert "no article with the id 'ms-leg-pain'" in err
    assert "ms-and-leg-pain" in err


def test_check_passes_on_the_real_articles(capsys):
    """All bundled articles are OK."""
    code, out, _ = run(capsys, "check")
    assert code == 0 and "4 OK" in out and "0 skipped" in out


def test_check_counts_promotional_passages_and_editor_notes(capsys):
    """Each article line says what it holds besides its own text; so does the total."""
    _, out, _ = run(capsys, "check")
    assert "OK       pain-management-for-ms.md (1 promotional passage, 2 editor's notes)" in out
    assert "OK       muscle-spasms-and-ms.md\n" in out
    assert "3 promotional passages, 4 editor's notes." in out
    _, out, _ = run(capsys, "check", "--json")
    data = json.loads(out)
    counts = {entry["file"]: entry["editor_notes"] for entry in data["files"]}
    assert counts["ms-and-leg-pain.md"] == 1 and data["editor_notes"] == 4


def test_check_warns_about_an_editor_note_without_a_source(capsys, articles_copy):
    """A note must name its reference; without one the article is a WARNING, still usable."""
    path = articles_copy / "muscle-spasms-and-ms.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + '\n!!! editor "Editor\'s note"\n    Trust us.\n', encoding="utf-8")
    code, out, _ = run(capsys, "--articles-dir", str(articles_copy), "check")
    assert code == 0
    assert (
        "WARNING  muscle-spasms-and-ms.md (1 editor's note): "
        "editor's note 1 has no 'Source:' line" in out
    )


def test_check_lists_broken_files_and_fails(capsys, articles_copy):
    """A broken file is listed as skipped with its reason, and the exit status is 1."""
    (articles_copy / "broken.md").write_bytes(b"\xff\xfe not utf-8 \x00")
    (articles_copy / "odd-tags.md").write_text("title: Odd\ntags: not-a-topic\n\nSome text.\n")
    code, out, _ = run(capsys, "--articles-dir", str(articles_copy), "check")
    assert code == 1
    assert "SKIPPED  broken.md: the file is binary" in out
    assert "WARNING  odd-tags.md: unknown topic tag(s): not-a-topic" in out
    data_code, out, _ = run(capsys, "--articles-dir", str(articles_copy), "check", "--json")
    data = json.loads(out)
    assert data_code == 1 and data["skipped"] == 1 and data["warnings"] == 1


def test_check_names_leftovers_of_an_interrupted_import(capsys, articles_copy):
    """A temp file from a killed import is named, and changes no status."""
    (articles_copy / ".importing-k3j9.tmp").write_text("half an article")
    code, out, _ = run(capsys, "--articles-dir", str(articles_copy), "check")
    assert code == 0
    assert "LEFTOVER .importing-k3j9.tmp: left by an interrupted import" in out
    assert (articles_copy / ".importing-k3j9.tmp").exists()  # check never deletes
    _, out, _ = run(capsys, "--articles-dir", str(articles_copy), "check", "--json")
    assert json.loads(out)["leftovers"] == [".importing-k3j9.tmp"]


def test_good_articles_stay_searchable_beside_broken_ones(capsys, articles_copy):
    """A broken file does not stop the others from being indexed and found."""
    (articles_copy / "broken.md").write_bytes(b"")
    code, out, _ = run(capsys, "--articles-dir", str(articles_copy), "index")
    assert code == 0 and "broken.md: skipped: the file is empty" in out
    _, out, _ = run(
        capsys, "--articles-dir", str(articles_copy), "search", "tag:lhermitte", "--json"
    )
    assert len(json.loads(out)["hits"]) == 1


@pytest.mark.parametrize("command", ["search x", "tags", "index", "check"])
def test_missing_articles_folder_is_a_plain_error(capsys, tmp_path, command):
    """Pointing at a folder that does not exist gives one plain line and status 2."""
    code, out, err = run(capsys, "--articles-dir", str(tmp_path / "nope"), *command.split())
    assert code == 2
    assert "does not exist" in err and len(err.strip().splitlines()) == 1


def test_tags_counts_follow_deleted_articles(capsys, articles_copy):
    """After an article is deleted, its topics count one fewer."""
    run(capsys, "--articles-dir", str(articles_copy), "tags")
    (articles_copy / "ms-lower-back-pain-and-lhermittes-sign.md").unlink()
    _, out, _ = run(capsys, "--articles-dir", str(articles_copy), "tags", "--json")
    topics = {topic["id"]: topic["count"] for topic in json.loads(out)["topics"]}
    assert topics["lhermitte"] == 0 and topics["spasticity"] == 3


def test_check_lists_imported_articles_that_need_review(capsys, articles_copy, tmp_path):
    """Imported articles are flagged until reviewed; the bundled ones are not listed."""
    source = tmp_path / "leaflet.txt"
    source.write_text("Burning feet at night\n\nNerve pain in the feet.\n", encoding="utf-8")
    run(capsys, "--articles-dir", str(articles_copy), "import", str(source))
    code, out, _ = run(capsys, "--articles-dir", str(articles_copy), "check")
    assert code == 0
    assert "1 imported article(s) need review (flag 'needs-review'):" in out
    assert "REVIEW   burning-feet-at-night.md: Burning feet at night" in out
    _, out, _ = run(capsys, "--articles-dir", str(articles_copy), "check", "--json")
    assert json.loads(out)["needs_review"] == [
        {"file": "burning-feet-at-night.md", "title": "Burning feet at night"}
    ]


def test_check_missed_lists_searches_that_found_nothing(capsys, articles_copy):
    """Scripts' searches are not counted; --record-missed counts one; check --missed lists."""
    args = ("--articles-dir", str(articles_copy))
    run(capsys, *args, "search", "zebrafish")
    _, out, _ = run(capsys, *args, "check", "--missed")
    assert out.strip() == "No searches without results have been recorded."
    for _ in range(2):
        run(capsys, *args, "search", "--record-missed", "Zebrafish?")
    run(capsys, *args, "search", "--record-missed", "quokka")
    run(capsys, *args, "search", "--record-missed", "pins and needles")  # found: not counted
    code, out, _ = run(capsys, *args, "check", "--missed")
    lines = out.splitlines()
    assert code == 0
    assert lines[0].split() == ["COUNT", "LAST", "WORDS"]
    assert lines[1].split()[0::2] == ["2", "zebrafish"] and lines[2].split()[0::2] == [
        "1",
        "quokka",
    ]
    _, out, _ = run(capsys, *args, "check", "--missed", "--json")
    missed = json.loads(out)["missed"]
    assert [(m["words"], m["count"]) for m in missed] == [("zebrafish", 2), ("quokka", 1)]


def test_check_missed_with_a_damaged_list_says_so_in_one_line(capsys, articles_copy):
    from mspain_kb.config import resolve_paths

    settings = resolve_paths(articles_copy).settings_dir
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "missed-searches.json").write_text("{oops", encoding="utf-8")
    code, out, err = run(capsys, "--articles-dir", str(articles_copy), "check", "--missed")
    assert code == 0 and "No searches without results" in out
    assert err.startswith("The list of searches that found nothing could not be read")
    assert len(err.strip().splitlines()) == 1
