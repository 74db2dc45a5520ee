"""The importer: what it removes, what it marks, titles, headings, encodings, safe writing."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mspain_kb.core.collection import files as article_files
from mspain_kb.core.collection import safe_write
from mspain_kb.core.collection.article import PROMOTIONAL_TITLE, parse_article, split_promotional
from mspain_kb.core.collection.files import read_article
from mspain_kb.core.collection.importing.importer import (
    ImportRefused,
    convert,
    decode_bytes,
    import_bytes,
    import_file,
    slugify,
)
from mspain_kb.core.vocabulary.topics import load_vocabulary
from tests.conftest import FIXTURES

IMPORT_FIXTURES = FIXTURES / "import"
LEG_PAIN = IMPORT_FIXTURES / "000_808507a4ec7493ce.txt"
SPASMS = IMPORT_FIXTURES / "001_50e3b19a5b7b8fe3.txt"
PAIN_MANAGEMENT = IMPORT_FIXTURES / "002_f4dbfc46c3a7de07.txt"
LOWER_BACK = IMPORT_FIXTURES / "003_c4d75557fe9ff1a4.txt"
SAVED_PAGE = IMPORT_FIXTURES / "saved-page.html"
TODAY = datetime.date(2026, 11, 21)
VOCABULARY = load_vocabulary()  # for the property tests (hypothesis runs without fixtures)


def convert_file(path: Path, vocabulary, **options):
    return convert(path.read_bytes(), path.name, vocabulary, **options)


def headings(body: str) -> list[str]:
    return [line for line in body.splitlines() if line.startswith("#")]


# --- the four source texts ---------------------------------------------------------------


def test_leg_pain_drug_adverts_are_marked_not_removed(vocabulary):
    """Both "Pain O Soma" paragraphs stay word for word, inside promotional blocks."""
    result = convert_file(LEG_PAIN, vocabulary)
    ranked, promo = split_promotional(result.body)
    assert len(promo) == 2
    assert all("Pain O Soma" in block for block in promo)
    assert "Pain O Soma" not in ranked
    assert "It seems like you're mentioning Pain O Soma 500 mg which appears" in promo[0]
    assert len(result.marked) == 2 and all("drug advertising" in m for m in result.marked)
    assert result.removed == []


def test_leg_pain_nested_sections_become_level_three(vocabulary):
    """A heading directly under another heading is a sub-section (###)."""
    result = convert_file(LEG_PAIN, vocabulary)
    found = headings(result.body)
    assert "## The Mechanism Behind Leg Pain in MS" in found
    assert "### Nerve Damage and Sensation" in found
    assert "## Introduction" in found  # a generic section name is never taken as the title


def test_leg_pain_has_no_title_line_so_the_guess_is_flagged(vocabulary):
    """With no title line, a title is guessed from a heading and the reviewer is told."""
    result = convert_file(LEG_PAIN, vocabulary)
    assert result.title == "Understanding Multiple Sclerosis"
    assert any("no title line" in note for note in result.notes)


def test_spasms_title_loses_its_glued_date(vocabulary):
    """'... multiple sclerosis 6 Jul,2023' becomes the title without the date."""
    result = convert_file(SPASMS, vocabulary)
    assert result.title == "The connection between muscle spasms and multiple sclerosis"
    assert 'date: "6 Jul,2023"' in result.removed
    assert "6 Jul" not in result.body


def test_spasms_comment_prompt_is_removed_and_reported(vocabulary):
    """The trailing "Write a comment" is page furniture."""
    result = convert_file(SPASMS, vocabulary)
    assert "Write a comment" not in result.body
    assert 'comment form: "Write a comment"' in result.removed
    assert result.marked == []
    assert "## Understanding Muscle Spasms" in headings(result.body)


def test_pain_management_site_section_line_is_not_the_title(vocabulary):
    """A site-section line above the real title ("Pain Management") is dropped and reported."""
    result = convert_file(PAIN_MANAGEMENT, vocabulary)
    assert result.title == "Pain Management for MS"
    assert 'site section line: "Pain Management"' in result.removed
    assert not result.body.lstrip().startswith(("Pain Management", "## Pain Management"))


def test_pain_management_comment_form_is_removed(vocabulary):
    """The "Leave a Reply" form and its e-mail notice are removed, each reported."""
    result = convert_file(PAIN_MANAGEMENT, vocabulary)
    for gone in ("Leave a Reply", "Your email address will not be published"):
        assert gone not in result.body
        assert any(gone in line for line in result.removed)


def test_pain_management_clinic_self_promotion_is_marked(vocabulary):
    """The Stemedix paragraph and the call to explore its treatment share one promo block."""
    result = convert_file(PAIN_MANAGEMENT, vocabulary)
    ranked, promo = split_promotional(result.body)
    assert len(promo) == 1
    assert "At Stemedix we provide access to Regenerative Medicine" in promo[0]
    assert "stem cell therapy may be a treatment option you should explore" in promo[0]
    assert "Stemedix" not in ranked
    # the informational paragraph about regenerative medicine is kept as ordinary text
    assert "While the efficacy of stem cells is still being researched" in ranked


def test_lower_back_text_is_kept_whole(vocabulary):
    """An article with no furniture and no advertising loses and marks nothing."""
    result = convert_file(LOWER_BACK, vocabulary)
    assert result.removed == [] and result.marked == []
    assert "It is called Lhermitte’s sign, and it feels like an electric shock." in result.body
    assert headings(result.body) == ["## Some Causes of MS Lower Back Pain"]


def test_tags_are_suggested_from_the_vocabulary(vocabulary):
    """Suggested tags are topic ids that fit the text."""
    assert "muscle-spasms" in convert_file(SPASMS, vocabulary).suggested_tags
    assert "lower-back-pain" in convert_file(LOWER_BACK, vocabulary).suggested_tags


def test_given_title_wins_and_the_original_title_line_is_reported(vocabulary):
    """--title replaces the page's title line, which is listed as removed."""
    result = convert_file(SPASMS, vocabulary, title="Muscle spasms and MS")
    assert result.title == "Muscle spasms and MS"
    assert any(line.startswith("original title line:") for line in result.removed)


def test_marked_passages_render_in_a_warning_box(vocabulary):
    """The promotional block is a real admonition for Python-Markdown."""
    body = convert_file(LEG_PAIN, vocabulary).body
    html = markdown.markdown(body, extensions=["admonition"])
    assert 'class="admonition promotional"' in html
    assert PROMOTIONAL_TITLE in html


# --- furniture and promotion in plain text ------------------------------------------------


def test_share_navigation_and_cookie_lines_are_removed(vocabulary):
    """Whole lines of furniture go; a sentence that mentions sharing stays."""
    text = (
        b"Home > Blog > MS\n\nNumb feet\n\nMany people with MS feel numbness in their feet.\n\n"
        b"Share this:\nShare on Facebook\n\nWe use cookies to improve your experience.\n\n"
        b"Share your worries with your MS nurse; numbness can change over time.\n\n"
        b"Copyright 2024 Example Ltd. All rights reserved."
    )
    result = convert(text, "numb.txt", vocabulary)
    assert "Share on Facebook" not in result.body and "cookies" not in result.body
    assert "Share your worries with your MS nurse" in result.body
    kinds = {line.split(":")[0] for line in result.removed}
    assert {"breadcrumb", "share buttons", "cookie banner", "footer"} <= kinds


def test_a_dose_in_informational_text_is_not_marked(vocabulary):
    """One weak signal (a brand name with a dose) is not enough to call a passage an advert."""
    text = b"Spasms\n\nDoctors sometimes prescribe Baclofen 10 mg tablets for spasticity.\n"
    result = convert(text, "dose.txt", vocabulary)
    assert result.marked == []


def test_buy_online_advert_is_marked(vocabulary):
    """An 'order online' drug advert inside the text is marked promotional."""
    text = (
        b"Cramps\n\nNight cramps are common in MS.\n\n"
        b"Order Pain O Soma 350 mg online with fast delivery.\n"
    )
    result = convert(text, "cramps.txt", vocabulary)
    advert = "Order Pain O Soma 350 mg online with fast delivery."
    assert split_promotional(result.body)[1] == [advert]


@pytest.mark.parametrize("filename", ["notes.txt", "notes.md"])
def test_an_imported_file_cannot_bring_its_own_editor_note(vocabulary, filename):
    """Only the clinic's editors write notes: an `editor` block in a file to import becomes
    ordinary text (still escaped, so no HTML), and the report says so."""
    text = (
        b"Spasms\n\nSpasms are common in MS.\n\n"
        b'!!! editor "Editor\'s note"\n    Our <b>cure</b> is proven.\n\n    Source: us.\n'
    )
    result = convert(text, filename, vocabulary)
    article = parse_article(Path("x.md"), "title: x\n\n" + result.body)
    assert article.editor_notes() == []
    assert "Our &lt;b>cure&lt;/b> is proven." in result.body.splitlines()
    assert "proven" in article.ranked_text()
    assert any("kept as ordinary article text" in note for note in result.notes)
    html = markdown.markdown(result.body, extensions=["admonition"])
    assert "admonition" not in html and "<b>" not in html


# --- HTML ---------------------------------------------------------------------------------


def test_saved_page_is_reduced_to_safe_markdown(vocabulary):
    """No script, handler, javascript: link, iframe, form or remote image survives."""
    result = convert_file(SAVED_PAGE, vocabulary)
    body = result.body.lower()
    for unsafe in (
        "<script",
        "onload",
        "onclick",
        "javascript:",
        "<iframe",
        "<form",
        "<img",
        "track()",
        "tracker.example.com",
        "youtube",
        "cdn.example.com",
    ):
        assert unsafe not in body
    assert "<" not in result.body.replace("&lt;", "")  # no raw HTML tag of any kind
    assert result.format == "html"


def test_saved_page_keeps_structure_text_and_safe_links(vocabulary):
    """Headings, lists, emphasis and https links survive; a javascript: link keeps its words."""
    result = convert_file(SAVED_PAGE, vocabulary)
    assert result.title == "Burning feet in MS"
    assert headings(result.body) == ["## Why it happens", "### Nerve pain"]
    assert "**multiple sclerosis**" in result.body and "*burning*" in result.body
    assert "- Tingling, pins and needles" in result.body
    assert "    - worse at night" in result.body
    assert "[the NHS page](https://www.nhs.uk/conditions/multiple-sclerosis/)" in result.body
    assert "See this trick and" in result.body


def test_saved_page_furniture_is_reported_in_page_order(vocabulary):
    """Each removed part of the page is listed, in page order, with what kind it was."""
    removed = convert_file(SAVED_PAGE, vocabulary).removed
    kinds = [line.split(":")[0].split(" (")[0] for line in removed]
    assert removed[0] == "page head: 1 link, 1 script, 1 style"
    assert kinds[1:] == [
        "page header",
        "breadcrumb",
        "tracking image",
        "remote image",
        "embedded frame",
        "share buttons",
        "comments section",
        "sidebar",
        "page footer",
        "cookie banner",
    ]


def test_saved_page_advert_is_marked(vocabulary):
    """An advert paragraph inside the HTML article is marked promotional."""
    result = convert_file(SAVED_PAGE, vocabulary)
    advert = "Buy Pain O Soma 500 mg online today at the cheapest price!"
    assert split_promotional(result.body)[1] == [advert]


def test_html_text_that_looks_like_a_tag_stays_literal(vocabulary):
    """Escaped markup in a page is shown as text, never turned into a live tag."""
    page = b"<html><body><p>Type &lt;b onmouseover=x&gt;hi&lt;/b&gt; to test.</p></body></html>"
    result = convert(page, "page.html", vocabulary, title="Test")
    html = markdown.markdown(result.body)
    assert "<b" not in html and "&lt;b onmouseover=x&gt;" in html


def test_html_is_sniffed_without_an_extension(vocabulary):
    """A saved page called .txt is still read as HTML."""
    page = b"<!DOCTYPE html><html><body><h1>Hip pain</h1><p>Aching hips.</p></body></html>"
    result = convert(page, "saved.txt", vocabulary)
    assert result.format == "html" and result.title == "Hip pain"
    assert result.body == "Aching hips."


def test_markdown_title_and_headings(vocabulary):
    """A Markdown file's '# Title' becomes the title and its sections start at ##."""
    text = b"# Tingling hands\n\nIntro text.\n\n# Causes\n\nNerve damage.\n\n## Detail\n\nMore.\n"
    result = convert(text, "hands.md", vocabulary)
    assert result.title == "Tingling hands"
    assert headings(result.body) == ["## Causes", "### Detail"]


# --- encodings ----------------------------------------------------------------------------

SAMPLE = "Lhermitte’s sign: an electric shock — café, naïve, 10 °C.\n\nMore text follows."


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1252", SAMPLE),
        ("latin-1", "Douleur au café: les patients sont très fatigués.\n\nÀ côté."),
        ("utf-16", SAMPLE),
        ("utf-8-sig", SAMPLE),
        ("utf-8", SAMPLE),
    ],
)
def test_encodings_are_decoded_to_the_same_text(encoding, text):
    """Windows, Latin-1, UTF-16 with BOM and UTF-8 with or without BOM read correctly."""
    decoded, _name = decode_bytes(text.encode(encoding))
    assert decoded.replace("\ufeff", "") == text


def test_cyrillic_code_page_is_detected():
    """A non-western code page is left to charset detection, not forced to cp1252."""
    text = "Боль в спине при рассеянном склерозе бывает частой."
    assert decode_bytes(text.encode("cp1251"))[0] == text


def test_any_bytes_decode_without_error():
    """Decoding never raises, whatever the bytes."""
    for data in (bytes(range(1, 256)), b"\xff\xfe\xfd", b"\x81\x8d\x8f", b"\xc3\x28 text"):
        text, encoding = decode_bytes(data)
        assert isinstance(text, str) and encoding


def test_cp1252_file_is_imported_as_utf8(tmp_path, vocabulary):
    """An imported Windows-1252 file is written as UTF-8 that the collection can read."""
    source = tmp_path / "back.txt"
    source.write_bytes("Back pain\n\nPatients’ backs ache — often.\n".encode("cp1252"))
    report = import_file(source, tmp_path / "articles", vocabulary, today=TODAY)
    assert report.encoding == "cp1252"
    assert "Patients’ backs ache — often." in read_article(report.path).body


# --- refusals ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (bytes(range(0, 32)) * 20, "binary"),
        (b"<html><body><script>x()</script></body></html>", "no readable"),
    ],
)
def test_unusable_files_are_refused(tmp_path, vocabulary, data, reason):
    """Empty, binary and text-free files are refused with a plain reason and nothing is written."""
    articles_dir = tmp_path / "articles"
    with pytest.raises(ImportRefused, match=reason):
        import_bytes(data, "bad.txt", articles_dir, vocabulary, today=TODAY)
    assert not articles_dir.exists() or not any(articles_dir.iterdir())


def test_huge_file_is_refused(tmp_path, vocabulary):
    """A file over the size limit is refused before it is converted."""
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"Spasms hurt.\n" * (article_files.MAX_ARTICLE_BYTES // 13 + 10))
    with pytest.raises(ImportRefused, match="larger than 5 MB"):
        import_file(huge, tmp_path / "articles", vocabulary)


def test_missing_file_and_folder_are_refused(tmp_path, vocabulary):
    """A path that is not a readable file gets a one-line reason."""
    with pytest.raises(ImportRefused, match="no such file"):
        import_file(tmp_path / "nope.txt", tmp_path, vocabulary)
    with pytest.raises(ImportRefused, match="folder"):
        import_file(tmp_path, tmp_path, vocabulary)


def test_unknown_tag_is_refused(tmp_path, vocabulary):
    """A tag outside the vocabulary is refused instead of being written into the article."""
    with pytest.raises(ImportRefused, match="unknown topic tag 'backache-x'"):
        import_file(SPASMS, tmp_path, vocabulary, tags="spasticity, backache-x")


# --- writing -------------------------------------------------------------------------------


def test_imported_article_has_full_metadata(tmp_path, vocabulary):
    """The written file reads back with title, tags, source, date and the promotional flag."""
    report = import_file(LEG_PAIN, tmp_path, vocabulary, title="MS and leg pain", today=TODAY)
    article = read_article(report.path)
    assert report.path == tmp_path / "ms-and-leg-pain.md" and article.id == "ms-and-leg-pain"
    assert article.title == "MS and leg pain"
    assert article.source == "000_808507a4ec7493ce.txt"
    assert article.imported == "2026-11-21"
    assert article.flags == ("promotional", "needs-review")
    assert article.summary == ""
    assert set(article.tags) == set(report.tags) and "leg-pain" in article.tags
    assert "Pain O Soma" not in article.ranked_text()


def test_given_tags_accept_ids_and_labels(tmp_path, vocabulary):
    """--tags takes topic ids or labels and stores ids."""
    report = import_file(
        LOWER_BACK, tmp_path, vocabulary, title="Back", tags="lhermitte, Lower back pain"
    )
    assert read_article(report.path).tags == ("lhermitte", "lower-back-pain")


def test_a_taken_name_gets_a_number_and_nothing_is_overwritten(tmp_path, vocabulary):
    """Importing twice writes -2 and leaves the first article untouched."""
    first = import_file(SPASMS, tmp_path, vocabulary, title="Muscle spasms and MS")
    before = first.path.read_bytes()
    second = import_file(SPASMS, tmp_path, vocabulary, title="Muscle spasms and MS")
    third = import_file(SPASMS, tmp_path, vocabulary, title="Muscle spasms and MS")
    assert [first.path.name, second.path.name, third.path.name] == [
        "muscle-spasms-and-ms.md",
        "muscle-spasms-and-ms-2.md",
        "muscle-spasms-and-ms-3.md",
    ]
    assert first.path.read_bytes() == before


def test_replace_overwrites_on_purpose(tmp_path, vocabulary):
    """With replace, the same file name is rewritten and no -2 appears."""
    existing = tmp_path / "muscle-spasms-and-ms.md"
    existing.write_text("title: Old\n\nOld text.\n", encoding="utf-8")
    report = import_file(SPASMS, tmp_path, vocabulary, title="Muscle spasms and MS", replace=True)
    assert report.path == existing and report.replaced
    assert read_article(existing).title == "Muscle spasms and MS"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["muscle-spasms-and-ms.md"]


def test_dry_run_writes_nothing(tmp_path, vocabulary):
    """A dry run reports the path it would use but creates no file."""
    report = import_file(SPASMS, tmp_path / "articles", vocabulary, dry_run=True)
    assert not report.written and report.path.name.endswith(".md")
    assert not (tmp_path / "articles").exists()


@pytest.mark.parametrize("failing", ["replace", "rename_noreplace", "link", "rename"])
def test_failed_write_leaves_nothing_half_written(tmp_path, vocabulary, monkeypatch, failing):
    """If the final move fails, no article and no temporary file is left behind."""
    existing = tmp_path / "muscle-spasms-and-ms.md"
    existing.write_text("title: Old\n\nOld text.\n", encoding="utf-8")

    def broken(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    if failing == "rename_noreplace":
        monkeypatch.setattr(safe_write, failing, broken)
    else:  # the later ways: without renameat2; for "rename" also without hard links
        monkeypatch.setattr(safe_write, "_renameat2", None)
        if failing == "rename":
            monkeypatch.setattr(safe_write.os, "link", _no_hard_links)
        monkeypatch.setattr(safe_write.os, failing, broken)
    with pytest.raises(ImportRefused, match="No space left on device"):
        import_file(
            SPASMS,
            tmp_path,
            vocabulary,
            title="Muscle spasms and MS",
            replace=(failing == "replace"),
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["muscle-spasms-and-ms.md"]
    assert existing.read_text(encoding="utf-8") == "title: Old\n\nOld text.\n"


def _no_hard_links(*_args, **_kwargs):
    raise PermissionError(1, "Operation not permitted")


def test_slugs_are_readable_file_names():
    """Titles become lower-case, hyphenated, apostrophe-free names."""
    slug = slugify("MS lower back pain and Lhermitte’s sign")
    assert slug == "ms-lower-back-pain-and-lhermittes-sign"
    assert slugify("Can MS cause leg pain?") == "can-ms-cause-leg-pain"
    assert slugify("???") == "article"
    assert len(slugify("word " * 40)) <= 60


def test_import_never_touches_the_network(tmp_path, vocabulary, monkeypatch):
    """Converting a page full of remote resources opens no socket."""
    import socket

    def no_network(*_args, **_kwargs):
        raise AssertionError("the importer tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    report = import_file(SAVED_PAGE, tmp_path, vocabulary)
    assert report.path.exists() and os.path.getsize(report.path) > 0


def test_reimporting_an_article_does_not_mark_twice(tmp_path, vocabulary):
    """An exported article with a promotional block imports with that one block unchanged."""
    first = import_file(PAIN_MANAGEMENT, tmp_path, vocabulary, today=TODAY)
    source = tmp_path / "exported.md"
    source.write_bytes(first.path.read_bytes())
    report = import_file(source, tmp_path, vocabulary, today=TODAY)
    assert read_article(report.path).flags == ("promotional", "needs-review")
    again = convert(first.path.read_bytes(), "pain-management-for-ms.md", vocabulary)
    assert again.title == "Pain Management for MS"
    assert split_promotional(again.body)[1] == split_promotional(read_article(first.path).body)[1]
    assert again.body.count("!!! promotional") == 1


def test_deeply_nested_page_keeps_its_words(vocabulary):
    """A page nested hundreds of levels deep imports as plain paragraphs, without a crash."""
    page = b"<html><body>" + b"<div>" * 3000 + b"<p>Deep text about spasms.</p>"
    page += b"</div>" * 3000 + b"</body></html>"
    result = convert(page, "deep.html", vocabulary, title="Deep")
    assert result.body == "Deep text about spasms."
    assert any("nested too deeply" in note for note in result.notes)


def test_long_run_of_capitalised_words_is_handled(vocabulary):
    """A huge title-case paragraph is judged without getting stuck (bounded patterns)."""
    text = b"Spasm Notes\n\n" + b"Aaa Bbb Ccc Ddd " * 5000 + b"\n\nMore text."
    result = convert(text, "caps.txt", vocabulary)
    assert result.marked == []


def test_site_name_heading_in_the_page_header_is_not_the_title(vocabulary):
    """The article's own <h1> is the title, not the site name's <h1> in the page header."""
    page = (
        b"<html><head><title>Tingling | Site</title></head><body>"
        b"<header><h1>Example Health</h1></header>"
        b"<article><h1>Tingling in MS</h1><p>Pins and needles are common.</p></article>"
        b"</body></html>"
    )
    result = convert(page, "page.html", vocabulary)
    assert result.title == "Tingling in MS"
    assert "Example Health" not in result.body and "Tingling in MS" not in result.body


def test_page_title_element_is_used_without_an_h1(vocabulary):
    """Without an <h1>, the <title> minus its site name is the title."""
    page = b"<html><head><title>Cramps at night | Site</title></head>"
    page += b"<body><p>Text.</p></body></html>"
    assert convert(page, "page.html", vocabulary).title == "Cramps at night"


# --- any input ----------------------------------------------------------------------------

_HTML_PIECES = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div class='share'>",
        "</div>",
        "<h2>",
        "</h2>",
        "<script>",
        "</script>",
        "<a href='javascript:alert(1)'>",
        "<a href='https://example.org'>",
        "</a>",
        "<ul><li>",
        "</li></ul>",
        "<img src='http://x.org/a.png' onerror='x()'>",
        "<b onclick='y()'>",
        "</b>",
        "&lt;script&gt;",
        "<!-- c -->",
        "<iframe src='https://x.org'>",
        "<br>",
        "<pre>",
        "</pre>",
        "Leave a Reply",
        "Pain O Soma 500 mg",
        "tingling feet",
        "*",
        "_",
        "[",
        "]",
        "#",
        "\n\n",
        "<style>",
        "</style>",
        "<svg onload='z()'>",
        "<form>",
        "</form>",
        "<table><tr><td>",
        "é",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_convert_or_are_refused_plainly(data):
    """Whatever the bytes, the importer answers with an article or a plain refusal."""
    try:
        result = convert(data, "any.txt", VOCABULARY)
    except ImportRefused as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert result.title and result.body.strip()


@settings(max_examples=150, deadline=None)
@given(st.lists(_HTML_PIECES, min_size=1, max_size=40))
def test_any_html_becomes_markdown_without_live_markup(pieces):
    """No tag, handler or javascript: link survives, whatever the page's shape."""
    page = ("<html><body>" + "".join(pieces) + "</body></html>").encode()
    try:
        result = convert(page, "any.html", VOCABULARY, title="Any")
    except ImportRefused:
        return
    # Code from <pre> is written as a fenced block, which the article format (fenced_code)
    # shows as escaped text.
    rendered = markdown.markdown(result.body, extensions=["admonition", "fenced_code"])
    for unsafe in (
        "<script",
        "<iframe",
        "<img",
        "<svg",
        "<form",
        "<style",
        "javascript:",
        "onerror",
        "onclick",
        "onload",
    ):
        assert unsafe not in rendered.lower()


@pytest.mark.parametrize("filename", ["note.txt", "note.md"])
def test_tags_in_text_and_markdown_files_stay_literal(vocabulary, filename):
    """Raw HTML typed into a text or Markdown file is shown as text, never run."""
    data = b"Note\n\nSee <script>alert(1)</script> and <img src=x onerror=y> here.\n"
    result = convert(data, filename, vocabulary, title="Note")
    html = markdown.markdown(result.body)
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    "paragraph",
    [
        "Contact us if you have any questions about your medicines.",
        "Our team of nurses can answer questions. Call us today on 0800 000 000.",
        "Baclofen 10 mg is one of the medicines sometimes used for spasticity.",
    ],
)
def test_one_or_two_weak_signals_do_not_mark_a_passage(vocabulary, paragraph):
    """A service's contact line or a named medicine is information, not advertising."""
    result = convert(f"Help\n\n{paragraph}\n".encode(), "help.txt", vocabulary)
    assert result.marked == []


def test_clinic_offering_its_own_treatment_is_marked(vocabulary):
    """A clinic promoting its own treatment and booking is marked."""
    paragraph = (
        "Book a consultation with our specialists at NeuroCare Clinic today. "
        "At NeuroCare we offer stem cell treatment for MS."
    )
    result = convert(f"Help\n\nSome text.\n\n{paragraph}\n".encode(), "c.txt", vocabulary)
    assert split_promotional(result.body)[1] == [paragraph]


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.mark.parametrize(
    ("data", "advice"),
    [
        (OLE + b"\x00" * 504 + b"WordDocument", r"old-style Word \(.doc\).*save it as a Word"),
        (OLE + "EncryptedPackage".encode("utf-16-le"), "protected by a password"),
        (b"{\\rtf1\\ansi Spasms}", r"rich-text \(.rtf\) document; .*\.docx"),
        (b"PK\x03\x04\x14\x00\x00\x00mimetypeapplication/vnd.oasis.opendocument.text", "OpenDoc"),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "packed \\(zip\\) file"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "the PDF is damaged and cannot be read"),
    ],
)
def test_older_documents_are_refused_with_advice(vocabulary, data, advice):
    """.doc, .rtf and OpenDocument files are refused with what to do instead; a PDF or Word
    file that is not whole is refused as damaged, in one line."""
    with pytest.raises(ImportRefused, match=advice):
        convert(data, "leaflet", vocabulary)


def test_date_line_above_the_title_is_removed(vocabulary):
    """A lone date (or 'Posted on' date) at the top is not taken for the title."""
    text = b"Posted on 6 July 2023\n\nNumb hands in MS\n\nNumbness in the hands is common.\n"
    result = convert(text, "numb.txt", vocabulary)
    assert result.title == "Numb hands in MS"
    assert result.removed == ['date: "Posted on 6 July 2023"']


def test_bullet_characters_become_a_list(vocabulary):
    """Lines starting with '•' render as a Markdown list, words unchanged."""
    text = "Stiffness\n\nSigns include:\n\n• tight calves\n• stiff knees\n".encode()
    result = convert(text, "stiff.txt", vocabulary)
    html = markdown.markdown(result.body)
    assert "<li>tight calves</li>" in html and "<li>stiff knees</li>" in html


def test_articles_folder_that_is_a_file_is_refused(tmp_path, vocabulary):
    """Pointing the collection at a file gives a plain reason and leaves the file alone."""
    not_a_folder = tmp_path / "articles"
    not_a_folder.write_text("notes", encoding="utf-8")
    with pytest.raises(ImportRefused, match="is a file, not a folder"):
        import_file(SPASMS, not_a_folder, vocabulary)
    assert not_a_folder.read_text(encoding="utf-8") == "notes"
