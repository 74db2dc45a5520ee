"""Saving article files on any folder: no overwrite, no partial file, normal permissions."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import time
from pathlib import Path

import pytest

from mspain_kb.core.collection import safe_write
from mspain_kb.core.collection.safe_write import (
    clean_leftovers,
    leftover_temp_files,
    reservation_path,
    write_atomic,
)

posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX file modes and links")


class Killed(BaseException):
    """Stands for the process being killed at this point."""


def _eperm(*_args, **_kwargs):
    raise PermissionError(errno.EPERM, "Operation not permitted")


@pytest.fixture
def no_hard_links(monkeypatch):
    """A file system like FAT or some network shares: no renameat2 flags, no hard links."""
    monkeypatch.setattr(safe_write, "_renameat2", None)
    monkeypatch.setattr(safe_write.os, "link", _eperm)


@contextlib.contextmanager
def umask(value: int):
    old = os.umask(value)
    try:
        yield
    finally:
        os.umask(old)


def names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux only")
def test_linux_moves_in_one_step_without_hard_links(tmp_path, monkeypatch):
    """On Linux the file is put in place by renameat2(RENAME_NOREPLACE), not by a link."""
    assert safe_write._renameat2 is not None
    monkeypatch.setattr(safe_write.os, "link", _eperm)
    write_atomic(tmp_path / "a.md", "title: A\n\nText.\n")
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "title: A\n\nText.\n"
    with pytest.raises(FileExistsError):
        write_atomic(tmp_path / "a.md", "title: B\n\nOther.\n")
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "title: A\n\nText.\n"
    assert names(tmp_path) == ["a.md"]


@posix_only
def test_without_hard_links_the_file_is_written_whole_and_never_overwritten(
    tmp_path, no_hard_links
):
    """The reservation fallback writes the complete file and refuses a taken name."""
    write_atomic(tmp_path / "a.md", "title: A\n\nText.\n")
    with pytest.raises(FileExistsError):
        write_atomic(tmp_path / "a.md", "title: B\n\nOther.\n")
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "title: A\n\nText.\n"
    assert names(tmp_path) == ["a.md"]  # no temporary or reservation file left


@posix_only
def test_kill_before_the_rename_leaves_no_article_under_the_name(
    tmp_path, no_hard_links, monkeypatch
):
    """Killed between reserving the name and the rename: the article name does not exist
    (not even empty); only hidden leftovers, which are never read as articles."""
    seen = {}

    def killed_at_rename(source, target):
        seen["at rename"] = names(tmp_path)
        seen["temp text"] = Path(source).read_text(encoding="utf-8")
        raise Killed

    monkeypatch.setattr(safe_write.os, "rename", killed_at_rename)
    with pytest.raises(Killed):
        write_atomic(tmp_path / "a.md", "title: A\n\nText.\n")
    at_rename = seen["at rename"]
    assert "a.md" not in at_rename
    assert ".importing-a.md.reserve" in at_rename
    assert all(name.startswith(".importing-") for name in at_rename)
    assert seen["temp text"] == "title: A\n\nText.\n"  # complete before it is moved
    assert "a.md" not in names(tmp_path)


@posix_only
def test_a_recent_reservation_means_the_name_is_taken(tmp_path, no_hard_links):
    """Another import reserving the same name makes this one choose another name."""
    reservation_path(tmp_path / "a.md").write_bytes(b"")
    with pytest.raises(FileExistsError):
        write_atomic(tmp_path / "a.md", "title: A\n\nText.\n")
    assert "a.md" not in names(tmp_path)


@posix_only
def test_a_stale_reservation_of_a_killed_import_is_taken_over(tmp_path, no_hard_links):
    reservation = reservation_path(tmp_path / "a.md")
    reservation.write_bytes(b"")
    old = time.time() - 2 * safe_write.STALE_SECONDS
    os.utime(reservation, (old, old))
    write_atomic(tmp_path / "a.md", "title: A\n\nText.\n")
    assert names(tmp_path) == ["a.md"]


@posix_only
@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_files_get_the_permissions_of_any_new_file(tmp_path, mask, expected):
    """The umask decides, as for any new file (the temporary file's 0600 is not kept)."""
    with umask(mask):
        write_atomic(tmp_path / "a.md", "title: A\n\nText.\n")
    assert stat.S_IMODE((tmp_path / "a.md").stat().st_mode) == expected


@posix_only
def test_new_files_without_hard_links_get_normal_permissions_too(tmp_path, no_hard_links):
    with umask(0o022):
        write_atomic(tmp_path / "a.md", "title: A\n\nText.\n")
    assert stat.S_IMODE((tmp_path / "a.md").stat().st_mode) == 0o644


@posix_only
@pytest.mark.parametrize("mask", [0o022, 0o077])
def test_replace_keeps_the_old_files_permissions(tmp_path, mask):
    """A replaced article keeps its permission bits, whatever the umask."""
    path = tmp_path / "a.md"
    path.write_text("title: Old\n\nOld.\n", encoding="utf-8")
    path.chmod(0o640)
    with umask(mask):
        write_atomic(path, "title: New\n\nNew.\n", replace=True)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.read_text(encoding="utf-8") == "title: New\n\nNew.\n"


@posix_only
def test_replace_of_a_missing_file_gets_normal_permissions(tmp_path):
    with umask(0o022):
        write_atomic(tmp_path / "a.md", "title: A\n\nText.\n", replace=True)
    assert stat.S_IMODE((tmp_path / "a.md").stat().st_mode) == 0o644


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_old_leftovers_are_removed_and_recent_ones_kept(tmp_path):
    """Leftovers of killed imports go once they are old; a recent one may still be in use."""
    old_temp = tmp_path / ".importing-old.tmp"
    old_reservation = tmp_path / ".importing-a.md.reserve"
    recent = tmp_path / ".importing-new.tmp"
    article = tmp_path / "a.md"
    for path in (old_temp, old_reservation, recent, article):
        path.write_text("x", encoding="utf-8")
    _age(old_temp, 2 * safe_write.STALE_SECONDS)
    _age(old_reservation, 2 * safe_write.STALE_SECONDS)
    _age(article, 2 * safe_write.STALE_SECONDS)
    result = clean_leftovers(tmp_path)
    assert sorted(p.name for p in result.removed) == [old_reservation.name, old_temp.name]
    assert [(p.name, why) for p, why in result.kept] == [
        (recent.name, "recent; an import may still be writing it")
    ]
    assert names(tmp_path) == [recent.name, "a.md"]
    assert leftover_temp_files(tmp_path) == [recent]


@pytest.mark.skipif(os.name == "nt", reason="flock is POSIX")
def test_an_old_leftover_locked_by_a_live_import_is_kept(tmp_path):
    import fcntl

    temp = tmp_path / ".importing-busy.tmp"
    temp.write_text("x", encoding="utf-8")
    _age(temp, 2 * safe_write.STALE_SECONDS)
    with open(temp, "rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        result = clean_leftovers(tmp_path)
    assert result.removed == []
    assert result.kept == [(temp, "an import is writing it")]
    assert temp.exists()
