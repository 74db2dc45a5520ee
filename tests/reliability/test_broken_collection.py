"""A collection holding broken files: every good article is still found, every bad one named.

One folder holds the eight good fixture articles, one with an unknown tag (a warning, still
indexed) and eleven kinds of broken file. The index, `mspain-kb check`, `mspain-kb search`
and the window's problems list are each checked against it.
"""

from __future__ import annotations

import builtins
import errno
import os
import sys

import pytest

from mspain_kb.cli import main
from mspain_kb.core.collection import files as article_files
from mspain_kb.core.search import index_writing
from mspain_kb.core.search.service import SearchService
from tests.conftest import write_article
from tests.reliability.conftest import folder_fingerprint

# file name -> words the reason must contain (the reader sees these in check and the window)
BROKEN = {
    "bad-utf8.md": "not valid UTF-8",
    "binary.md": "binary",
    "empty.md": "empty",
    "only-spaces.md": "empty",
    "no-header.md": "no metadata header",
    "no-title.md": "no title",
    "header-only.md": "no text",
    "huge.md": "larger than",
    "loop.md": "points back to itself",
    "folder.md": "folder",
    "pipe.md": "not an ordinary file",
}
GOOD_WORDS = {  # a word found only in that article -> its id
    "lhermitte": "neck-shock",
    "quokka": "odd-tag",
}


def make_broken_collection(folder) -> None:
    (folder / "bad-utf8.md").write_bytes(b"title: Bad\n\n## H\n\ncaf\xe9 au lait \xff\xfe\n")
    (folder / "binary.md").write_bytes(b"title: x\n\n" + bytes(range(256)))
    (folder / "empty.md").write_bytes(b"")
    (folder / "only-spaces.md").write_bytes(b"  \n\t\n ")
    (folder / "no-header.md").write_text("Just some words about pain, no header.\n")
    (folder / "no-title.md").write_text("tags: spasticity\nsummary: s\n\nBody text.\n")
    (folder / "header-only.md").write_text("title: Nothing below\ntags: spasticity\n")
    with open(folder / "huge.md", "wb") as stream:  # 30 MB of otherwise good text
        stream.write(b"title: Huge\n\n## Words\n\n")
        stream.write(b"pain and more pain " * (30 * 1024 * 1024 // 19))
    os.symlink("loop.md", folder / "loop.md")
    (folder / "folder.md").mkdir()
    os.mkfifo(folder / "pipe.md")
    (folder / "notes.txt").write_text("not an article: ignored, not a problem")
    (folder / ".importing-abc.tmp").write_text("leftover of an interrupted import")
    write_article(folder / "odd-tag.md", "Odd tag", "Quokkas at dusk.", tags=("spasticity", "nope"))


pytestmark = pytest.mark.skipif(
    not hasattr(os, "mkfifo") or sys.platform == "win32", reason="needs symlinks and pipes"
)


@pytest.fixture
def broken(fixture_articles):
    make_broken_collection(fixture_articles)
    return fixture_articles


def _assert_problems_named(problems) -> None:
    reasons = {p.path.name: p.reason for p in problems if p.skipped}
    assert set(reasons) == set(BROKEN), reasons
    for name, words in BROKEN.items():
        assert words in reasons[name], (name, reasons[name])
    warnings = {p.path.name for p in problems if not p.skipped}
    assert warnings == {"odd-tag.md"}


def test_index_keeps_every_good_article_and_names_every_bad_one(
    tmp_path, broken, vocabulary, glossary, make_index
):
    """Nine good articles indexed and searchable; eleven broken files skipped with reasons."""
    before = folder_fingerprint(broken)
    index = make_index(tmp_path / "index", broken)
    report = index.sync()
    assert index.doc_count() == 9
    _assert_problems_named(report.problems)
    _assert_problems_named(index.problems())
    search = SearchService(index, vocabulary, glossary)
    for word, article_id in GOOD_WORDS.items():
        assert article_id in [hit.id for hit in search.search(word).hits], word
    assert folder_fingerprint(broken) == before  # nothing in articles/ was touched
    index.close()


def test_check_command_lists_each_broken_file_with_its_reason(broken, capsys):
    """`mspain-kb check` prints SKIPPED and the reason for each broken file, and exits 1."""
    code = main(["--articles-dir", str(broken), "check"])
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in out + err
    lines = {line.split()[1].rstrip(":"): line for line in out.splitlines() if line[:2].isupper()}
    for name, words in BROKEN.items():
        assert lines[name].startswith("SKIPPED") and words in lines[name], lines.get(name)
    assert lines["odd-tag.md"].startswith("WARNING")
    assert lines["neck-shock.md"].startswith("OK")
    assert "notes.txt" not in out
    # A killed import's temp file is never read as an article, only named as safe to delete.
    assert lines[".importing-abc.tmp"].startswith("LEFTOVER")
    assert "11 skipped" in out


def test_search_command_finds_good_articles_beside_broken_ones(broken, capsys):
    """`mspain-kb search` answers from the good articles and the index names the skipped ones."""
    assert main(["--articles-dir", str(broken), "search", "lhermitte"]) == 0
    assert "neck-shock" in capsys.readouterr().out
    assert main(["--articles-dir", str(broken), "index"]) == 0
    out = capsys.readouterr().out
    assert "9 articles indexed, 11 skipped" in out
    for name in BROKEN:
        assert name in out


def test_a_file_deleted_between_listing_and_reading_is_reported(
    tmp_path, fixture_articles, monkeypatch, make_index
):
    """A file that vanishes after the folder was listed is reported, the rest indexed."""
    victim = fixture_articles / "back-ache.md"
    real_read = index_writing.read_for_index

    def delete_then_read(path, known_tags):
        if path == victim and victim.exists():
            victim.unlink()  # listed by scandir a moment ago, gone now
        return real_read(path, known_tags)

    monkeypatch.setattr(index_writing, "read_for_index", delete_then_read)
    index = make_index(tmp_path / "index", fixture_articles)
    report = index.sync()
    assert index.doc_count() == 7
    assert [str(p) for p in report.problems] == [
        "back-ache.md: skipped: the file disappeared while it was being read"
    ]
    again = index.sync()  # the next sync sees it is gone and forgets the problem
    assert again.removed == 1 and again.problems == [] and index.doc_count() == 7


def test_a_read_error_midway_is_reported_for_that_file_only(
    tmp_path, fixture_articles, monkeypatch, make_index
):
    """A disk error while reading one file (EIO) skips that file with a reason, no crash."""
    victim = str(fixture_articles / "stiff-legs.md")
    real_open = builtins.open

    class FailingFile:
        def __init__(self, stream):
            self.stream = stream

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.stream.close()

        def read(self, *args):
            raise OSError(errno.EIO, "Input/output error")

    def flaky_open(file, *args, **kwargs):
        stream = real_open(file, *args, **kwargs)
        return FailingFile(stream) if str(file) == victim else stream

    monkeypatch.setattr(article_files, "open", flaky_open, raising=False)
    index = make_index(tmp_path / "index", fixture_articles)
    report = index.sync()
    assert index.doc_count() == 7
    assert [p.path.name for p in report.problems] == ["stiff-legs.md"]
    assert "Input/output error" in report.problems[0].reason


def test_check_survives_a_file_vanishing_while_it_runs(fixture_articles, capsys, monkeypatch):
    """`mspain-kb check` names a file deleted between listing and reading, and goes on."""
    victim = fixture_articles / "night-cramps.md"
    real_iter = article_files.iter_article_files

    def iter_then_delete(folder):
        for path in real_iter(folder):
            if path == victim:
                victim.unlink()
            yield path

    monkeypatch.setattr(article_files, "iter_article_files", iter_then_delete)
    assert main(["--articles-dir", str(fixture_articles), "check"]) == 1
    out = capsys.readouterr().out
    assert "SKIPPED  night-cramps.md: the file disappeared while it was being read" in out
    assert "7 OK" in out


def test_window_lists_every_broken_file_with_its_reason(make_window, qtbot, broken):
    """The window opens on the broken folder, finds good articles, and lists each bad file."""

    window = make_window(broken)
    assert window.info_bar.isVisible()
    assert "11 article files were skipped" in window.info_bar.text()
    box = window.controller.show_problems()
    text = box.text()
    box.close()
    for name, words in BROKEN.items():
        assert name in text and words in text, name
    with qtbot.waitSignal(window.controller.searchShown, timeout=60_000) as shown:
        window.controller.search_for("lhermitte")
    assert "neck-shock" in [hit.id for hit in shown.args[0].hits]
