"""Index files deleted, truncated or overwritten: the next search or window start rebuilds.

tests/core/search/test_index.py damages each Whoosh file at the KnowledgeIndex level. Here the same
is done to every file of the index folder (CURRENT, manifest and lock included) and seen
through `mspain-kb search` and the window, plus damage that keeps the file's size and time
(bit rot) and damage done while the index is open.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mspain_kb.cli import main
from mspain_kb.config import resolve_paths
from mspain_kb.services import Services

DAMAGES = ["delete", "truncate", "garbage", "bitrot"]


def index_files(index_dir: Path) -> list[Path]:
    """Every file of the index, in a stable order (segment names are random); not Whoosh's
    lock or the marker of a process holding a generation open (.held-PID)."""
    files = [
        p
        for p in index_dir.rglob("*")
        if p.is_file() and "WRITELOCK" not in p.name and not p.name.startswith(".held-")
    ]
    return sorted(files, key=lambda p: (p.parent != index_dir, p.suffix, p.name.split(".", 1)[-1]))


def damage(path: Path, how: str) -> None:
    stat = path.stat()
    if how == "delete":
        path.unlink()
    elif how == "truncate":
        path.write_bytes(path.read_bytes()[: stat.st_size // 2])
    elif how == "garbage":
        path.write_bytes(os.urandom(max(64, stat.st_size)))
    else:  # bit rot: every byte changed, size and modification time as they were
        path.write_bytes(bytes(b ^ 0x5A for b in path.read_bytes()) or b"\x5a")
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def cli_search(articles: Path, capsys, query: str = "lhermitte") -> tuple[int, str, str]:
    code = main(["--articles-dir", str(articles), "search", query])
    out, err = capsys.readouterr()
    return code, out, err


def build(articles: Path, capsys) -> Path:
    assert main(["--articles-dir", str(articles), "index"]) == 0
    capsys.readouterr()
    return resolve_paths(articles).index_dir


def test_the_index_has_the_files_this_test_damages(fixture_articles, capsys):
    """The index folder holds a pointer, a manifest, a lock and at least five Whoosh files."""
    names = [p.name for p in index_files(build(fixture_articles, capsys))]
    assert "CURRENT" in names and "manifest.json" in names and "lock" in names
    assert len(names) >= 8


@pytest.mark.parametrize("how", DAMAGES)
def test_search_command_rebuilds_after_any_index_file_is_damaged(fixture_articles, capsys, how):
    """Each index file damaged in turn: `search` still finds the article and says it rebuilt."""
    count = len(index_files(build(fixture_articles, capsys)))
    for position in range(count):
        index_dir = build(fixture_articles, capsys)
        target = index_files(index_dir)[position]
        damage(target, how)
        code, out, err = cli_search(fixture_articles, capsys)
        assert code == 0 and "Traceback" not in out + err, target.name
        assert "neck-shock" in out, (target.name, out, err)
        said = out + err  # at start-up on stderr; found by a failing search, above the hits
        if target.name == "lock":
            assert "rebuilt" not in said  # the lock holds nothing; no rebuild needed
        elif not (how == "bitrot" and target.name.endswith("_len.col")):
            # (bit rot in a field-length column only skews scores, and is not noticed)
            assert "rebuilt" in said or "prepared for searching" in said, (target.name, said)
        code, out, err = cli_search(fixture_articles, capsys)  # and it stays fixed
        assert "neck-shock" in out and err == "", (target.name, err)
        main(["--articles-dir", str(fixture_articles), "index", "--rebuild"])
        capsys.readouterr()


@pytest.mark.parametrize("how", ["delete", "truncate", "garbage"])
def test_damage_while_the_index_is_open_is_repaired_by_the_next_search(fixture_articles, how):
    """Index files damaged under a running app: the next search rebuilds and answers.

    (Bit rot that keeps each file's size and time is not noticed while the index is open: a
    term lost that way finds nothing until the next start, which rebuilds on the failure.)"""
    services = Services(resolve_paths(fixture_articles))
    try:
        assert "neck-shock" in [h.id for h in services.search.search("lhermitte").hits]
        folder = services.index._folder
        for path in sorted(p for p in folder.iterdir() if p.suffix in (".pst", ".col", ".trm")):
            damage(path, how)
        result = services.search.search("lhermitte")
        assert "neck-shock" in [h.id for h in result.hits], result.message
        assert "damaged and has been rebuilt" in result.message
    finally:
        services.close()


def test_index_folder_replaced_by_a_file_still_answers(fixture_articles, capsys):
    """If the index folder has become a file, search works from memory and says why."""
    index_dir = build(fixture_articles, capsys)
    for path in sorted(index_dir.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    index_dir.rmdir()
    index_dir.write_text("not a folder")
    code, out, err = cli_search(fixture_articles, capsys)
    assert code == 0 and "neck-shock" in out
    assert "cannot be written" in err and "memory" in err


@pytest.mark.parametrize("how", DAMAGES)
def test_window_start_rebuilds_a_damaged_index_and_says_so(
    make_window, qtbot, fixture_articles, capsys, how
):
    """Damaged postings, stored fields and pointer: the window rebuilds, says so, and finds."""

    index_dir = build(fixture_articles, capsys)
    for path in index_files(index_dir):
        if path.suffix in (".pst", ".col") or path.name == "CURRENT" and how != "bitrot":
            damage(path, how)
    window = make_window(fixture_articles)
    with qtbot.waitSignal(window.controller.searchShown, timeout=60_000) as shown:
        window.controller.search_for("lhermitte")
    assert "neck-shock" in [hit.id for hit in shown.args[0].hits]
    said = window.info_bar.text() + " " + (shown.args[0].message or "")
    assert "rebuilt" in said or "prepared for searching" in said, said
