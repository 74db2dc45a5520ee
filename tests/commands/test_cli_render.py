"""`mspain-kb render` end to end through the command line, on the real articles."""

from __future__ import annotations

import re
import shutil

from mspain_kb.cli import main
from mspain_kb.core.render.article import APPENDIX_TITLE, DISCLAIMER
from tests.conftest import REAL_ARTICLES

ARTICLE_ID = "ms-and-leg-pain"


def test_render_prints_the_article_as_html(capsys):
    """The article comes out as one HTML page with its title, glossary links and disclaimer."""
    assert main(["render", ARTICLE_ID]) == 0
    out = capsys.readouterr().out
    assert out.startswith("<!DOCTYPE html>")
    assert "Can multiple sclerosis cause leg pain?" in out
    assert 'href="glossary:' in out and DISCLAIMER in out
    assert 'class="hit"' not in out


def test_render_highlight_marks_the_search_words(capsys):
    """--highlight marks the query's words, inflections included, in reading order."""
    assert main(["render", ARTICLE_ID, "--highlight", "leg pains"]) == 0
    out = capsys.readouterr().out
    hits = re.findall(r'<span class="hit" id="hit-(\d+)">([^<]+)</span>', out)
    assert [int(number) for number, _ in hits] == list(range(len(hits)))
    words = {word.lower() for _, word in hits}
    assert {"leg", "legs", "pain"} <= words


def test_render_highlight_expands_lay_phrases_without_marking_little_words(capsys):
    """A lay phrase marks the words of its topic, never "and" or "the"."""
    assert main(["render", ARTICLE_ID, "--highlight", "pins and needles"]) == 0
    out = capsys.readouterr().out
    words = {word.lower() for word in re.findall(r'class="hit" id="hit-\d+">([^<]+)<', out)}
    assert "neuropathic" in words
    assert not words & {"and", "the"}


def test_render_print_gives_the_handout(capsys):
    """--print has no links, and ends with the glossary appendix."""
    assert main(["render", ARTICLE_ID, "--print", "--highlight", "leg"]) == 0
    out = capsys.readouterr().out
    assert "<a " not in out and 'class="hit"' not in out
    assert APPENDIX_TITLE in out and "Printed from MS Pain KB." in out


def test_render_writes_to_a_file_with_the_dark_theme(tmp_path, capsys):
    """--output writes the page to a file; --theme dark uses the dark colours."""
    target = tmp_path / "article.html"
    assert main(["render", ARTICLE_ID, "--theme", "dark", "--output", str(target)]) == 0
    html = target.read_text(encoding="utf-8")
    assert "Can multiple sclerosis cause leg pain?" in html and "#1e2124" in html
    assert capsys.readouterr().out == ""


def test_render_unknown_id_is_a_plain_error_with_suggestions(capsys):
    """A mistyped id exits 1 with one plain line naming the closest articles."""
    assert main(["render", "ms-leg-pain"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "no article with the id 'ms-leg-pain'" in lines[0]
    assert ARTICLE_ID in lines[0] and "Traceback" not in captured.err


def test_render_refuses_a_path_instead_of_an_id(capsys):
    """An id that tries to reach outside the articles folder is just an unknown id."""
    assert main(["render", "../README"]) == 1
    assert "no article with the id" in capsys.readouterr().err


def test_render_with_a_broken_glossary_is_a_plain_error(tmp_path, monkeypatch, capsys):
    """A glossary file that cannot be read gives one plain line, not a traceback."""
    from mspain_kb import config

    resources = tmp_path / "resources"
    shutil.copytree(config.bundled_dir("resources"), resources)
    (resources / "glossary.toml").write_text("[[entry]\nterm = ", encoding="utf-8")
    folders = {"resources": resources, "articles": REAL_ARTICLES}
    monkeypatch.setattr(config, "bundled_dir", folders.__getitem__)
    assert main(["render", ARTICLE_ID]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "glossary" in err and "Traceback" not in err
