"""The small JSON files in the settings folder: whole writes, damaged files set aside."""

from __future__ import annotations

import errno
import json
import os

import pytest

from mspain_kb.core.collection import safe_write
from mspain_kb.core.user_data.json_store import JsonStore


def parse(data: dict) -> list[str]:
    return [str(word) for word in data["words"]]


def add(word: str):
    return lambda words: {"words": [*words, word]}


@pytest.fixture
def store(tmp_path) -> JsonStore:
    return JsonStore(tmp_path / "settings" / "words.json", "the list of words")


def test_a_change_is_written_whole_with_a_version(store):
    """The settings folder is created; the file is one JSON document with a version."""
    assert store.read(parse, []) == []
    assert store.update(parse, [], add("spasm"))
    assert store.update(parse, [], add("cramp"))
    assert json.loads(store.path.read_text(encoding="utf-8")) == {
        "version": 1,
        "words": ["spasm", "cramp"],
    }
    assert store.read(parse, []) == ["spasm", "cramp"]
    assert store.problem == ""


def test_a_failed_write_leaves_the_old_file_whole(store, monkeypatch):
    """A full disk while writing: the old list stays complete, no temporary file is left."""
    store.update(parse, [], add("spasm"))
    before = store.path.read_bytes()

    def disk_full(_fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(safe_write.os, "fsync", disk_full)
    assert not store.update(parse, [], add("cramp"))
    assert store.problem == (f"The list of words cannot be saved ({os.strerror(errno.ENOSPC)}).")
    assert store.path.read_bytes() == before
    assert sorted(p.name for p in store.path.parent.iterdir()) == ["words.json", "words.json.lock"]


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe\x00",
        b"[1, 2]",
        b'{"words": ["no version"]}',
        b'{"version": 99, "words": []}',
        b'{"version": 1, "words": 7}',
        b'{"version": 1}',
    ],
)
def test_a_damaged_file_is_set_aside_with_a_one_line_message(store, content):
    store.path.parent.mkdir()
    store.path.write_bytes(content)
    assert store.read(parse, ["empty"]) == ["empty"]
    assert store.problem == (
        "The list of words could not be read (it is damaged); a new list is started, "
        "and the damaged file is kept as words.damaged.json."
    )
    assert (store.path.parent / "words.damaged.json").read_bytes() == content
    assert not store.path.exists()
    assert store.update(parse, [], add("spasm"))
    assert store.read(parse, []) == ["spasm"]
    assert store.problem == ""


def test_an_earlier_damaged_copy_is_never_overwritten(store):
    store.path.parent.mkdir()
    (store.path.parent / "words.damaged.json").write_text("first", encoding="utf-8")
    store.path.write_text("second", encoding="utf-8")
    store.read(parse, [])
    assert "kept as words.damaged-2.json" in store.problem
    assert (store.path.parent / "words.damaged.json").read_text(encoding="utf-8") == "first"
    assert (store.path.parent / "words.damaged-2.json").read_text(encoding="utf-8") == "second"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_is_left_alone_and_not_replaced(store):
    store.update(parse, [], add("spasm"))
    store.path.chmod(0)
    try:
        assert store.read(parse, []) == []
        assert store.problem.startswith("The list of words could not be read (Permission denied)")
        assert not store.update(parse, [], add("cramp"))
    finally:
        store.path.chmod(0o644)
    assert store.read(parse, []) == ["spasm"]


def test_a_folder_in_the_files_place_is_left_alone(store):
    """A folder where the file should be cannot be read: nothing is moved or written."""
    store.path.mkdir(parents=True)
    assert store.read(parse, []) == []
    assert "could not be read" in store.problem
    assert not store.update(parse, [], add("spasm"))
    assert store.path.is_dir()


def test_delete_removes_the_file_and_writes_nothing_when_there_is_none(store):
    assert store.delete()
    assert not store.path.parent.exists()  # not even the folder or a lock file
    store.update(parse, [], add("spasm"))
    assert store.delete()
    assert not store.path.exists()
    assert store.read(parse, []) == []
