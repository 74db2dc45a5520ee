"""Any bytes dropped in for import: imported as a readable article, or refused in one line.

Either way nothing is half-written and the articles already in the folder stay as they were.
"""

from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mspain_kb.cli import main
from mspain_kb.core.collection.files import read_article
from mspain_kb.core.collection.importing.importer import ImportRefused, import_bytes
from tests.reliability.conftest import FIXTURE_ARTICLES, folder_fingerprint

FILENAMES = st.sampled_from(
    ["page.html", "note.txt", "note.md", "noext", "page.htm", "x.pdf", "weird name (1).TXT", ".md"]
)
HTML_BITS = st.sampled_from(
    [
        b"<html>",
        b"<head><title>T</title></head>",
        b"<body>",
        b"<h1>Leg pain</h1>",
        b"<p>Burning feet at night.</p>",
        b"<script>alert(1)</script>",
        b"<!--",
        b"-->",
        b"<![CDATA[",
        b"\x00",
        b"\xff\xfe",
        b"\xef\xbb\xbf",
        b"title: x\n\n",
        b"&#0;",
        b"&#xD800;",
        b"<div>" * 50,
        b"<svg onload=alert(1)>",
        b"\r\n",
        b"\t",
        "é".encode(),
        "é".encode("latin-1"),
        b"\x1b[31m",
        b"!!! promotional\n    Buy now",
    ]
)
page_like = st.lists(st.one_of(HTML_BITS, st.binary(max_size=40)), max_size=40).map(b"".join)


@pytest.fixture(scope="module")
def collection(tmp_path_factory):
    """A collection to import into; the test resets new files after each example."""
    folder = tmp_path_factory.mktemp("imports") / "articles"
    shutil.copytree(FIXTURE_ARTICLES, folder)
    return folder


def _import_and_check(folder, data: bytes, filename: str, vocabulary) -> None:
    before = folder_fingerprint(folder)
    try:
        report = import_bytes(data, filename, folder, vocabulary)
    except ImportRefused as refused:
        reason = str(refused)
        assert reason and "\n" not in reason and "Traceback" not in reason
        assert folder_fingerprint(folder) == before  # nothing written at all
        return
    after = folder_fingerprint(folder)
    new = set(after) - set(before)
    assert new == {report.path.name}, "exactly one new file, and it is the article"
    assert {name: after[name] for name in before} == before, "existing articles untouched"
    article = read_article(report.path)  # the new file reads back as a valid article
    assert article.title.strip()
    report.path.unlink()


LEFTOVERS = (".importing-", ".tmp")


def _no_temp_files(folder) -> None:
    assert not [p.name for p in folder.iterdir() if p.name.startswith(LEFTOVERS)]


@settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.one_of(st.binary(max_size=3000), page_like), filename=FILENAMES)
@example(data=b"", filename="empty.txt")
@example(data=b"\x00" * 100, filename="zeros.md")
@example(data=b"%PDF-1.7\n", filename="x.pdf")
@example(data=b"title: Sneaky\n\n## Heading\n\nText", filename="sneaky.md")
@example(data=b"<html><body><script>x</script></body></html>", filename="only-script.html")
def test_any_bytes_import_or_are_refused_and_nothing_else_changes(
    collection, vocabulary, data, filename
):
    """Any bytes: one new readable article or a one-line refusal; no temp file; others intact."""
    _import_and_check(collection, data, filename, vocabulary)
    _no_temp_files(collection)


@settings(max_examples=60, deadline=None, database=None)
@given(text=st.text(max_size=2000), filename=FILENAMES)
@example(text="\x000", filename="page.html")  # once saved with its NUL, then skipped as binary
@example(text="\x00\x07Words about pain\x1b here", filename="note.txt")
def test_any_text_in_any_encoding_imports_or_is_refused(collection, vocabulary, text, filename):
    """Any Unicode text encoded as UTF-16 or UTF-8 imports or is refused plainly."""
    for encoding in ("utf-8", "utf-16"):
        _import_and_check(collection, text.encode(encoding), filename, vocabulary)
    _no_temp_files(collection)


def test_command_line_import_of_junk_is_one_line_per_file(tmp_path, capsys):
    """`mspain-kb import` of binary, empty and huge files prints one plain line each, exit 1."""
    articles = tmp_path / "articles"
    shutil.copytree(FIXTURE_ARTICLES, articles)
    before = folder_fingerprint(articles)
    junk = {
        "binary.bin": bytes(range(256)) * 40,
        "empty.txt": b"",
        "huge.txt": b"pain " * (1_300_000),
        "nul.md": b"\x00\x00title: x",
    }
    paths = []
    for name, data in junk.items():
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(str(path))
    code = main(["--articles-dir", str(articles), "import", *paths])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert len(err) == len(junk), err
    for line, name in zip(err, junk, strict=True):
        assert line.startswith(f"error: {name}: ")
    assert folder_fingerprint(articles) == before
    _no_temp_files(articles)
