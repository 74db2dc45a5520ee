"""Read-only and full folders: search keeps working where it can, and says what is wrong.

Two ways of causing the fault: a real small tmpfs, filled up or remounted read-only (needs
root; skipped otherwise), and, everywhere, the write patched to raise the error the
operating system would (ENOSPC, EROFS, EACCES).
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from whoosh.filedb.filestore import FileStorage

from mspain_kb.cli import main
from mspain_kb.config import resolve_paths
from mspain_kb.core.collection import safe_write
from mspain_kb.core.collection.importing.importer import ImportRefused, import_file
from mspain_kb.services import Services
from tests.conftest import write_article
from tests.reliability.conftest import FIXTURE_ARTICLES, folder_fingerprint

SOURCE = FIXTURE_ARTICLES.parent / "import" / "000_808507a4ec7493ce.txt"


@pytest.fixture
def tmpfs(tmp_path):
    """Mount small tmpfs file systems under tmp_path; unmounted afterwards."""
    mounted = []

    def mount(name: str, size_kb: int) -> Path:
        point = tmp_path / name
        point.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(point)],
            capture_output=True,
        )
        if done.returncode != 0:
            pytest.skip("cannot mount a tmpfs here (needs root)")
        mounted.append(point)
        return point

    yield mount
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def remount_read_only(point: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(point)], check=True)


def fill(point: Path) -> None:
    """Fill the file system so that the next write of any size fails with ENOSPC."""
    descriptor = os.open(point / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(descriptor, b"\0" * 4096)
    except OSError as error:
        assert error.errno == errno.ENOSPC
    finally:
        os.close(descriptor)


def fail_index_file_writes(monkeypatch, error: OSError) -> None:
    """Index files on disk open, but every write to them fails (memory indexes unaffected)."""
    real_create = FileStorage.create_file

    def fail(*args, **kwargs):
        raise error

    def create_file(self, name, **kwargs):
        stream = real_create(self, name, **kwargs)
        stream.write = fail
        return stream

    monkeypatch.setattr(FileStorage, "create_file", create_file)


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(map(str, args)))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def copy_articles(target: Path) -> Path:
    shutil.copytree(FIXTURE_ARTICLES, target)
    return target


# ------------------------------------------------------------------ real file systems


def test_full_index_disk_keeps_the_old_index_and_searches_from_memory(tmp_path, tmpfs, capsys):
    """Disk full during a rebuild: search from memory, the cause named, old index kept."""
    disk = tmpfs("disk", 400)
    articles = copy_articles(tmp_path / "articles")
    common = ["--articles-dir", articles, "--index-dir", disk / "index"]
    assert run(capsys, *common, "index")[0] == 0
    fill(disk)
    code, out, err = run(capsys, *common, "index", "--rebuild")
    assert code == 0
    assert "No space left on device" in out and "kept in memory" in out
    write_article(articles / "new-one.md", "Heat", "Quokkas in the heat.")
    code, out, err = run(capsys, *common, "search", "quokkas")
    assert "new-one" in out and "No space left on device" in err
    (disk / "filler").unlink()
    code, out, err = run(capsys, *common, "search", "quokkas")  # space again: on disk again
    assert "new-one" in out and "memory" not in err
    assert Services(resolve_paths(articles, disk / "index")).index.doc_count() == 9


def test_read_only_index_folder_still_searches_and_says_why(tmp_path, tmpfs, capsys):
    """Index on a read-only disk: searches work; a needed update is kept in memory, explained."""
    disk = tmpfs("disk", 1024)
    articles = copy_articles(tmp_path / "articles")
    common = ["--articles-dir", articles, "--index-dir", disk / "index"]
    assert run(capsys, *common, "index")[0] == 0
    remount_read_only(disk)
    code, out, err = run(capsys, *common, "search", "lhermitte")
    assert code == 0 and "neck-shock" in out and err == ""  # nothing to write: no message
    write_article(articles / "new-one.md", "Heat", "Quokkas in the heat.")
    code, out, err = run(capsys, *common, "search", "quokkas")
    assert "new-one" in out
    assert "cannot be written (Read-only file system)" in err and "memory" in err


def test_read_only_articles_folder_refuses_imports_and_still_searches(tmp_path, tmpfs, capsys):
    """Articles on a read-only disk: import refused in one line; search and check work."""
    disk = tmpfs("articles-disk", 1024)
    articles = copy_articles(disk / "articles")
    remount_read_only(disk)
    before = folder_fingerprint(articles)
    code, out, err = run(capsys, "--articles-dir", articles, "import", SOURCE)
    assert code == 1
    assert err.strip() == (
        f"error: {SOURCE.name}: the article could not be saved (Read-only file system); "
        "nothing was written"
    )
    assert run(capsys, "--articles-dir", articles, "search", "lhermitte")[1].count("neck-shock")
    assert run(capsys, "--articles-dir", articles, "check")[0] == 0
    assert folder_fingerprint(articles) == before


# ------------------------------------------------------------------ patched writes


@pytest.mark.parametrize(
    ("where", "error"),
    [
        ("open", OSError(errno.EROFS, "Read-only file system")),
        ("open", PermissionError(errno.EACCES, "Permission denied")),
        ("fsync", OSError(errno.ENOSPC, "No space left on device")),
        ("rename_noreplace", OSError(errno.ENOSPC, "No space left on device")),
        ("link", OSError(errno.ENOSPC, "No space left on device")),
    ],
)
def test_import_write_failures_are_one_line_and_leave_nothing(
    tmp_path, vocabulary, monkeypatch, where, error
):
    """Read-only, no permission or a full disk at any write step: refused, nothing left."""
    articles = copy_articles(tmp_path / "articles")
    before = folder_fingerprint(articles)

    def fail(*args, **kwargs):
        raise error

    if where == "rename_noreplace":
        monkeypatch.setattr(safe_write, where, fail)
    else:
        if where == "link":  # the hard-link way, on a system without renameat2
            monkeypatch.setattr(safe_write, "_renameat2", None)
        monkeypatch.setattr(safe_write.os, where, fail)
    with pytest.raises(ImportRefused) as refused:
        import_file(SOURCE, articles, vocabulary)
    monkeypatch.undo()
    assert str(refused.value) == (
        f"the article could not be saved ({error.strerror}); nothing was written"
    )
    assert folder_fingerprint(articles) == before
    assert not [p for p in articles.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("target", ["index-file-write", "pointer-replace", "manifest-fsync"])
def test_index_write_failures_fall_back_to_memory(tmp_path, monkeypatch, capsys, target):
    """ENOSPC in Whoosh's writes, the CURRENT swap or the manifest: search still answers."""
    articles = copy_articles(tmp_path / "articles")
    full = OSError(errno.ENOSPC, "No space left on device")

    def fail(*args, **kwargs):
        raise full

    if target == "index-file-write":
        fail_index_file_writes(monkeypatch, full)
    elif target == "pointer-replace":
        real_replace = os.replace

        def replace(source, destination):
            if Path(destination).name == "CURRENT":
                raise full
            return real_replace(source, destination)

        monkeypatch.setattr(os, "replace", replace)
    else:
        monkeypatch.setattr(os, "fsync", fail)
    code, out, err = run(capsys, "--articles-dir", articles, "search", "lhermitte")
    monkeypatch.undo()
    assert code == 0 and "neck-shock" in out
    assert "cannot be written (No space left on device)" in err and "memory" in err
    index_dir = resolve_paths(articles).index_dir
    leftovers = [p.name for p in index_dir.iterdir() if p.is_dir()] if index_dir.exists() else []
    assert leftovers == []  # the half-built generation was removed
    assert run(capsys, "--articles-dir", articles, "search", "lhermitte")[1].count("neck-shock")


def test_window_says_the_index_is_kept_in_memory(make_window, qtbot, tmp_path, monkeypatch):
    """The window on an unwritable index folder: the info bar says so and search works."""

    articles = copy_articles(tmp_path / "articles")

    fail_index_file_writes(monkeypatch, OSError(errno.EROFS, "Read-only file system"))
    window = make_window(articles)
    assert "index folder cannot be written" in window.info_bar.text()
    assert "memory" in window.info_bar.text()
    with qtbot.waitSignal(window.controller.searchShown, timeout=60_000) as shown:
        window.controller.search_for("lhermitte")
    assert "neck-shock" in [hit.id for hit in shown.args[0].hits]
