"""`mspain-kb body-map`: the regions, and what the collection has for some of them."""

from __future__ import annotations

import json

from mspain_kb.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_without_regions_it_lists_them_with_their_views(capsys):
    code, out, _ = run(capsys, "body-map")
    assert code == 0
    lines = out.splitlines()
    assert any(line.startswith("lower-back") and "(back)" in line for line in lines)
    assert any(line.startswith("whole-body") and "(front and back)" in line for line in lines)


def test_regions_give_kinds_of_pain_with_their_searches_and_counts(capsys):
    code, out, _ = run(capsys, "body-map", "neck", "chest")
    assert code == 0
    assert out.startswith("Where: Neck, Chest and ribs")
    assert "! Sudden, severe or crushing chest pain" in out
    assert "search: electric shock when I bend my neck" in out
    assert "search: MS hug" in out


def test_json_counts_match_the_search_command(capsys):
    code, out, _ = run(capsys, "body-map", "feet", "--json")
    assert code == 0
    answer = json.loads(out)
    assert answer["regions"] == ["feet"]
    burning = next(pain for pain in answer["pains"] if pain["id"] == "burning-feet")
    code, out, _ = run(capsys, "search", burning["search"], "--json", "--limit", "100")
    assert burning["articles"] == json.loads(out)["total"]


def test_an_unknown_region_is_one_line_with_the_choices(capsys):
    code, out, err = run(capsys, "body-map", "legs")
    assert code == 2 and out == ""
    assert err.strip().startswith("There is no region called 'legs'; choose from")
    assert "calves" in err and len(err.strip().splitlines()) == 1
