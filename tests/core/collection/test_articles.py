"""The article model: headers, promotional blocks, collection loading, safe writes."""

from __future__ import annotations

import os

import markdown
import pytest

from mspain_kb.core.collection.article import (
    ArticleError,
    editor_note_problems,
    format_article,
    markdown_to_plain,
    parse_article,
    parse_header,
    split_list,
    split_promotional,
)
from mspain_kb.core.collection.files import load_collection, read_article, read_text_file
from mspain_kb.core.collection.safe_write import write_atomic
from mspain_kb.core.vocabulary.topics import load_vocabulary
from tests.conftest import REAL_ARTICLES

PROMO = (
    '!!! promotional "Promotional content from the original page, not clinical guidance"\n'
    "    Buy Pain O Soma 500 mg online.\n"
    "\n"
    "    Call our clinic today.\n"
)
BODY = (
    f"## Causes\n\nNerve damage causes burning pain.\n\n{PROMO}\n## Treatment\n\nStretching helps."
)


# --- header parsing -----------------------------------------------------------------------


def test_header_keys_values_and_body_are_split():
    """Keys are lower-cased and the body starts after the first blank line."""
    meta, body = parse_header("Title: Leg pain\ntags: leg-pain\n\n## Intro\n\nText.")
    assert meta == {"title": "Leg pain", "tags": "leg-pain"}
    assert body == "## Intro\n\nText."


def test_header_continuation_lines_are_joined():
    """A line indented four spaces continues the previous value, as in Markdown's meta."""
    meta, _ = parse_header("title: Leg pain\nsummary: First half,\n    second half.\n\nBody")
    assert meta["summary"] == "First half, second half."


def test_header_between_triple_dashes():
    """A YAML-style '---' fenced header reads the same, and the fence is not body text."""
    meta, body = parse_header("---\ntitle: Back pain\ntags: lower-back-pain\n---\nBody text.")
    assert meta == {"title": "Back pain", "tags": "lower-back-pain"}
    assert body == "Body text."


def test_header_agrees_with_python_markdown_meta():
    """Our header reader and Python-Markdown's meta extension see the same metadata."""
    text = "title: Leg pain\ntags: a, b\nsummary: One,\n    two.\n\nBody text."
    converter = markdown.Markdown(extensions=["meta"])
    converter.convert(text)
    ours, _ = parse_header(text)
    theirs = {key: " ".join(values) for key, values in converter.Meta.items()}
    assert ours == theirs


def test_lists_drop_blanks_and_duplicates():
    """Tag lists split on commas or semicolons, keep order, drop empties and repeats."""
    assert split_list("spasticity, ,leg-pain; spasticity") == ("spasticity", "leg-pain")


def test_format_then_parse_round_trips(tmp_path):
    """An article written by format_article reads back with the same fields."""
    text = format_article(
        "Leg pain",
        "## Intro\n\nText.",
        tags=["leg-pain", "spasticity"],
        summary="Short\nsummary.",
        source="x.txt",
        imported="2026-11-21",
        flags=["promotional"],
    )
    article = parse_article(tmp_path / "leg-pain.md", text)
    assert article.id == "leg-pain"
    assert article.tags == ("leg-pain", "spasticity")
    assert article.summary == "Short summary."
    assert (article.source, article.imported, article.flags) == (
        "x.txt",
        "2026-11-21",
        ("promotional",),
    )
    assert article.body == "## Intro\n\nText."


def test_headings_are_listed_but_not_inside_code_fences(tmp_path):
    """Article.headings gives (level, text) and ignores '#' lines in fenced code."""
    body = "## Causes\n\n```\n# not a heading\n```\n\n### Nerves\n\nText."
    article = parse_article(tmp_path / "a.md", f"title: A\n\n{body}")
    assert article.headings() == [(2, "Causes"), (3, "Nerves")]


# --- promotional blocks -------------------------------------------------------------------


def test_promotional_blocks_are_split_from_the_body():
    """Each promotional admonition comes out as one block of unindented text."""
    kept, blocks = split_promotional(BODY)
    assert blocks == ["Buy Pain O Soma 500 mg online.\n\nCall our clinic today."]
    assert "Pain O Soma" not in kept
    assert "## Treatment" in kept and "Stretching helps." in kept


def test_other_admonitions_stay_in_the_body():
    """A note admonition is ordinary text, not promotional."""
    body = '!!! note "Tip"\n    Drink water.\n\nMore.'
    kept, blocks = split_promotional(body)
    assert blocks == [] and "Drink water." in kept


def test_ranked_text_leaves_out_promotion(tmp_path):
    """Search ranks on the article text only; the advert is available separately."""
    article = parse_article(tmp_path / "a.md", f"title: A\n\n{BODY}")
    assert "Pain O Soma" not in article.ranked_text()
    assert "burning pain" in article.ranked_text()
    assert "Pain O Soma" in article.promotional_text()
    assert article.is_promotional


# --- editor's notes ---------------------------------------------------------------------

NOTE = (
    '!!! editor "Editor\'s note"\n'
    "    Physiotherapy eases stiffness; it does not slow MS itself.\n"
    "\n"
    "    Source: NHS, multiple sclerosis treatment.\n"
)


def test_editor_notes_are_split_from_the_ranked_text(tmp_path):
    """A note's words are not ranked (like an advert's), while the passage it comments on is;
    the note's own text is available, unindented, in order."""
    body = f"Physical therapy can slow progression.\n\n{NOTE}\n{PROMO}\nMore text."
    article = parse_article(tmp_path / "a.md", f"title: A\n\n{body}")
    ranked = article.ranked_text()
    assert "Physical therapy can slow progression." in ranked and "More text." in ranked
    assert "Physiotherapy eases" not in ranked and "Pain O Soma" not in ranked
    assert article.editor_notes() == [
        "Physiotherapy eases stiffness; it does not slow MS itself.\n\n"
        "Source: NHS, multiple sclerosis treatment."
    ]
    assert "Physiotherapy" not in article.promotional_text()
    assert editor_note_problems(article) == []


@pytest.mark.parametrize(
    "opening",
    ['!!! editor extra "Editor\'s note"', '!!!  editor "Two spaces"', '    !!! editor "Indented"'],
)
def test_lines_markdown_does_not_read_as_an_editor_note_stay_ranked(tmp_path, opening):
    """Only what Python-Markdown renders as an `editor` box is left out of ranking."""
    body = f"Text.\n\n{opening}\n    Words of the block.\n"
    article = parse_article(tmp_path / "a.md", f"title: A\n\n{body}")
    assert article.editor_notes() == []
    assert "Words of the block." in article.ranked_text()
    html = markdown.markdown(body, extensions=["admonition"])
    assert 'class="admonition editor"' not in html


def test_an_editor_note_without_a_source_line_is_a_problem(tmp_path):
    """A note must name the public reference it rests on."""
    body = '!!! editor "Editor\'s note"\n    Trust us.\n\n' + NOTE
    article = parse_article(tmp_path / "a.md", f"title: A\n\nText.\n\n{body}")
    assert editor_note_problems(article) == ["editor's note 1 has no 'Source:' line"]


def test_plain_text_keeps_words_and_drops_markup():
    """Links keep their words, not their URLs; emphasis and heading marks go."""
    plain = markdown_to_plain("## Title\n\nSee **the** [NHS page](https://nhs.uk/x) now.")
    assert "https" not in plain and "**" not in plain and "#" not in plain
    assert "See the NHS page now." in plain


def test_plain_text_keeps_underscores_inside_words():
    """Markdown shows pain_diary as it is; the index must not make it "paindiary"."""
    plain = markdown_to_plain("Keep a pain_diary, _daily_ and `short`.")
    assert plain == "Keep a pain_diary, daily and short."


# --- reading files and the collection -----------------------------------------------------


def write(path, data: bytes):
    path.write_bytes(data)
    return path


def test_collection_lists_broken_files_with_reasons(tmp_path):
    """Good articles load; each broken file is skipped with a plain reason."""
    write(tmp_path / "good.md", b"title: Good\ntags: spasticity\n\nText.")
    write(tmp_path / "latin.md", b"title: Caf\xe9\n\nText.")
    write(tmp_path / "binary.md", b"title: x\n\n\x00\x01\x02")
    write(tmp_path / "empty.md", b"")
    write(tmp_path / "notitle.md", b"tags: spasticity\n\nText.")
    write(tmp_path / "noheader.md", b"## Just a heading\n\nText.")
    write(tmp_path / "nobody.md", b"title: Only a header\n")
    write(tmp_path / "notes.txt", b"not an article")
    write(tmp_path / ".hidden.md", b"title: Hidden\n\nText.")
    articles, problems = load_collection(tmp_path)
    assert [a.id for a in articles] == ["good"]
    reasons = {p.path.name: p.reason for p in problems}
    assert "not valid UTF-8" in reasons["latin.md"]
    assert "binary" in reasons["binary.md"]
    assert "empty" in reasons["empty.md"]
    assert "no title" in reasons["notitle.md"]
    assert "no metadata header" in reasons["noheader.md"]
    assert "no text" in reasons["nobody.md"]
    assert set(reasons) == {
        "latin.md",
        "binary.md",
        "empty.md",
        "notitle.md",
        "noheader.md",
        "nobody.md",
    }
    assert all(p.skipped for p in problems)


def test_unknown_tags_are_warnings_and_the_article_still_loads(tmp_path):
    """A typo in a tag never makes an article disappear."""
    write(tmp_path / "a.md", b"title: A\ntags: spasticity, spastisity\n\nText.")
    articles, problems = load_collection(tmp_path, known_tags=["spasticity"])
    assert [a.id for a in articles] == ["a"]
    assert len(problems) == 1 and not problems[0].skipped
    assert "spastisity" in problems[0].reason
    assert str(problems[0]) == "a.md: warning: unknown topic tag(s): spastisity"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symlink_loop_is_a_problem_not_a_crash(tmp_path):
    """A link that points back to itself is reported, and the rest still loads."""
    write(tmp_path / "good.md", b"title: Good\n\nText.")
    os.symlink(tmp_path / "loop.md", tmp_path / "loop.md")
    articles, problems = load_collection(tmp_path)
    assert [a.id for a in articles] == ["good"]
    assert [p.path.name for p in problems] == ["loop.md"]
    assert "points back to itself" in problems[0].reason


def test_oversized_file_is_refused(tmp_path):
    """A file over the size limit is refused with a plain reason."""
    path = write(tmp_path / "big.md", b"title: Big\n\n" + b"word " * 100)
    with pytest.raises(ArticleError, match="larger than"):
        read_text_file(path, max_bytes=100)


def test_missing_folder_is_an_empty_collection(tmp_path):
    """A folder that does not exist gives no articles and no crash."""
    assert load_collection(tmp_path / "missing") == ([], [])


def test_bundled_articles_load_cleanly():
    """The shipped collection has no broken files and only vocabulary tags."""
    vocabulary = load_vocabulary()
    articles, problems = load_collection(REAL_ARTICLES, known_tags=vocabulary.ids())
    assert problems == []
    assert len(articles) >= 4
    for article in articles:
        assert article.summary and article.source and article.imported


# --- writing ------------------------------------------------------------------------------


def test_write_atomic_refuses_to_overwrite(tmp_path):
    """Without replace, an existing article is never overwritten."""
    path = write(tmp_path / "a.md", b"title: Old\n\nOld.")
    with pytest.raises(FileExistsError):
        write_atomic(path, "title: New\n\nNew.")
    assert path.read_bytes() == b"title: Old\n\nOld."
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]  # no temporary file left


def test_write_atomic_replace_and_new_file(tmp_path):
    """A new file is created (with its folder); replace=True rewrites on purpose."""
    path = tmp_path / "sub" / "a.md"
    write_atomic(path, "title: One\n\nText.")
    write_atomic(path, "title: Two\n\nText.", replace=True)
    assert read_article(path).title == "Two"
    assert [p.name for p in path.parent.iterdir()] == ["a.md"]
