"""`mspain-kb import` end to end through the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mspain_kb.cli import main
from mspain_kb.core.collection.files import read_article
from tests.conftest import FIXTURES

IMPORT_FIXTURES = FIXTURES / "import"
LEG_PAIN = IMPORT_FIXTURES / "000_808507a4ec7493ce.txt"
PAIN_MANAGEMENT = IMPORT_FIXTURES / "002_f4dbfc46c3a7de07.txt"


@pytest.fixture
def articles_dir(tmp_path) -> Path:
    return tmp_path / "articles"


def run_import(articles_dir: Path, *args: str) -> int:
    return main(["--articles-dir", str(articles_dir), "import", *args])


def test_import_prints_what_was_written_removed_and_marked(articles_dir, capsys):
    """The report names the new file, title, tags, removals and marked passages."""
    code = run_import(articles_dir, str(PAIN_MANAGEMENT))
    out = capsys.readouterr().out
    assert code == 0
    written = articles_dir / "pain-management-for-ms.md"
    assert written.exists()
    assert f"imported: 002_f4dbfc46c3a7de07.txt -> {written}" in out
    assert "title:    Pain Management for MS" in out
    assert 'removed:  comment form: "Leave a Reply"' in out
    assert "marked:   self-promotion by a clinic or company" in out
    assert read_article(written).flags == ("promotional", "needs-review")


def test_title_and_tags_options(articles_dir, capsys):
    """--title names the article and its file; --tags sets the topics."""
    code = run_import(
        articles_dir,
        str(LEG_PAIN),
        "--title",
        "MS and leg pain",
        "--tags",
        "leg-pain,Neuropathic (nerve) pain",
    )
    assert code == 0
    article = read_article(articles_dir / "ms-and-leg-pain.md")
    assert article.title == "MS and leg pain"
    assert article.tags == ("leg-pain", "neuropathic-pain")
    assert "tags:     leg-pain, neuropathic-pain" in capsys.readouterr().out


def test_title_with_several_files_is_refused(articles_dir, capsys):
    """--title only makes sense for one file; nothing is imported."""
    code = run_import(articles_dir, str(LEG_PAIN), str(PAIN_MANAGEMENT), "--title", "X")
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip() == "error: --title can only be used when importing a single file"
    assert not articles_dir.exists()


def test_dry_run_shows_the_report_and_writes_nothing(articles_dir, capsys):
    """--dry-run prints the same report without creating any file."""
    code = run_import(articles_dir, "--dry-run", str(LEG_PAIN))
    out = capsys.readouterr().out
    assert code == 0
    assert "would import (dry run, nothing written)" in out
    assert "marked:   drug advertising" in out
    assert not articles_dir.exists()


def test_refused_files_fail_but_the_others_are_imported(articles_dir, tmp_path, capsys):
    """One bad file gives a one-line error and exit 1; the good file is still imported."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    code = run_import(articles_dir, str(empty), str(LEG_PAIN), str(binary))
    captured = capsys.readouterr()
    assert code == 1
    assert captured.err.splitlines() == [
        "error: empty.txt: the file is empty",
        "error: photo.jpg: the file is binary, not text",
    ]
    assert "Traceback" not in captured.err
    assert [p.name for p in articles_dir.iterdir()] == ["understanding-multiple-sclerosis.md"]


def test_second_import_never_overwrites(articles_dir, capsys):
    """Importing the same file twice makes a -2 copy; --replace rewrites the first."""
    assert run_import(articles_dir, str(PAIN_MANAGEMENT)) == 0
    first = articles_dir / "pain-management-for-ms.md"
    first.write_text(
        first.read_text(encoding="utf-8").replace("summary:", "summary: Kept."), encoding="utf-8"
    )
    assert run_import(articles_dir, str(PAIN_MANAGEMENT)) == 0
    assert read_article(first).summary == "Kept."
    assert (articles_dir / "pain-management-for-ms-2.md").exists()
    assert run_import(articles_dir, "--replace", str(PAIN_MANAGEMENT)) == 0
    assert read_article(first).summary == ""
    assert "replaced: 002_f4dbfc46c3a7de07.txt" in capsys.readouterr().out


def test_json_output(articles_dir, tmp_path, capsys):
    """--json prints one object with the imported reports and the errors."""
    missing = tmp_path / "missing.txt"
    code = run_import(articles_dir, "--json", str(PAIN_MANAGEMENT), str(missing))
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    (report,) = data["imported"]
    assert report["article_id"] == "pain-management-for-ms"
    assert report["source"] == "002_f4dbfc46c3a7de07.txt"
    assert any("Stemedix" in line for line in report["marked"])
    assert data["errors"] == [{"file": str(missing), "error": "there is no such file"}]


def test_unknown_tag_is_a_clear_error(articles_dir, capsys):
    """A misspelt tag is refused in one line and nothing is written."""
    code = run_import(articles_dir, "--tags", "spastisity", str(LEG_PAIN))
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("error: 000_808507a4ec7493ce.txt: unknown topic tag 'spastisity'")
    assert not articles_dir.exists()


def test_import_into_a_copy_of_the_collection_keeps_existing_articles(articles_copy, capsys):
    """Importing a source that is already in the collection adds a new file beside it."""
    before = {p.name: p.read_bytes() for p in articles_copy.iterdir()}
    source = articles_copy.parent / "leg.txt"
    shutil.copy(LEG_PAIN, source)
    assert run_import(articles_copy, "--title", "MS and leg pain", str(source)) == 0
    after = {p.name: p.read_bytes() for p in articles_copy.iterdir()}
    assert {name: after[name] for name in before} == before
    assert set(after) - set(before) == {"ms-and-leg-pain-2.md"}


def test_help_describes_the_command(capsys):
    """`import --help` says what the command does."""
    with pytest.raises(SystemExit) as exit_info:
        main(["import", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "promotional" in out and "--dry-run" in out and "--replace" in out


def test_a_folder_is_imported_with_a_summary(articles_dir, tmp_path, capsys):
    """`import FOLDER`: each new article's report, then counts and one line per refused or
    skipped file; exit status 1 because a file was refused."""
    from tests.document_builders import leaflet_pdf, scanned_pdf

    folder = tmp_path / "leaflets"
    (folder / "2025").mkdir(parents=True)
    (folder / "2025" / "pain.pdf").write_bytes(leaflet_pdf())
    (folder / "scan.pdf").write_bytes(scanned_pdf())
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    shutil.copy(PAIN_MANAGEMENT, folder / "notes.txt")
    code = run_import(articles_dir, str(folder))
    captured = capsys.readouterr()
    assert code == 1
    assert "imported: pain.pdf -> " in captured.out and "  format:   PDF" in captured.out
    assert "Summary: 2 imported (1 with promotional passages marked), 1 refused, 1 skipped." in (
        captured.out
    )
    assert f"  refused: {folder / 'scan.pdf'}: the PDF has no text layer" in captured.out
    assert f"  skipped: {folder / 'photo.jpg'}: not a kind of file the importer reads (.jpg)" in (
        captured.out
    )
    assert "flagged 'needs-review'" in captured.out
    assert captured.err.startswith("error: scan.pdf: the PDF has no text layer")


def test_folder_import_shows_a_progress_bar_on_a_terminal(
    articles_dir, tmp_path, capsys, monkeypatch
):
    folder = tmp_path / "leaflets"
    folder.mkdir()
    shutil.copy(PAIN_MANAGEMENT, folder / "notes.txt")
    shutil.copy(LEG_PAIN, folder / "leg.txt")
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert run_import(articles_dir, str(folder)) == 0
    err = capsys.readouterr().err
    assert "\r[" in err and "] 100% done" in err


def test_json_lists_skipped_files(articles_dir, tmp_path, capsys):
    folder = tmp_path / "leaflets"
    folder.mkdir()
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    assert run_import(articles_dir, "--json", str(folder)) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["imported"] == [] and data["errors"] == []
    assert data["skipped"] == [
        {
            "file": str(folder / "photo.jpg"),
            "reason": "not a kind of file the importer reads (.jpg)",
        }
    ]


def test_title_with_a_folder_is_refused(articles_dir, tmp_path, capsys):
    assert run_import(articles_dir, str(tmp_path), "--title", "X") == 2
    assert "single file" in capsys.readouterr().err
