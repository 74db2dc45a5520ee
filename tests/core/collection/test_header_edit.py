"""Rewriting an article's header: the body stays byte for byte, a crash keeps the old file."""

from __future__ import annotations

import os
import stat

import pytest

from mspain_kb.core.collection import safe_write
from mspain_kb.core.collection.article import ArticleError
from mspain_kb.core.collection.files import read_article
from mspain_kb.core.collection.header_edit import NEEDS_REVIEW_FLAG, set_flag, update_header
from tests.conftest import REAL_ARTICLES

BODY = (
    "## Burning feet\n\nText with trailing spaces   \n\n\n"
    '!!! promotional "Promotional content from the original page, not clinical guidance"\n'
    "    Buy it online.\n\n\n"
)


def write(path, header: str, body: str = BODY, newline: str = "\n") -> bytes:
    data = (header + "\n" + body).replace("\n", newline).encode("utf-8")
    path.write_bytes(data)
    return data


def body_bytes(data: bytes) -> bytes:
    index = data.find(b"\n\n") if b"\r\n" not in data else data.find(b"\r\n\r\n")
    return data[index:]


def test_fields_change_and_the_body_is_byte_identical(tmp_path):
    path = tmp_path / "a.md"
    before = write(path, "title: Old\ntags: leg-pain\nflags: promotional, needs-review\n")
    update_header(
        path, title="Burning feet at night", tags=["leg-pain", "neuropathic-pain"], summary="Short."
    )
    after = path.read_bytes()
    assert body_bytes(after) == body_bytes(before)
    article = read_article(path)
    assert article.title == "Burning feet at night"
    assert article.tags == ("leg-pain", "neuropathic-pain")
    assert article.summary == "Short."
    assert article.flags == ("promotional", "needs-review")


def test_unknown_keys_order_and_windows_line_ends_are_kept(tmp_path):
    path = tmp_path / "a.md"
    before = write(path, "title: Old\nreviewer: Sam\ntags: leg-pain\n", newline="\r\n")
    update_header(path, title="New", reviewed="2026-12-01")
    after = path.read_bytes()
    assert after.startswith(
        b"title: New\r\nreviewer: Sam\r\ntags: leg-pain\r\nreviewed: 2026-12-01\r\n"
    )
    assert body_bytes(after) == body_bytes(before)


def test_delimited_header_keeps_its_delimiters(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"---\ntitle: Old\n---\nBody right after.\n")
    update_header(path, summary="S.")
    assert path.read_bytes() == b"---\ntitle: Old\nsummary: S.\n---\nBody right after.\n"


def test_clearing_the_review_flag_keeps_promotional(tmp_path):
    path = tmp_path / "a.md"
    write(path, "title: T\nflags: promotional, needs-review\n")
    set_flag(path, NEEDS_REVIEW_FLAG, on=False)
    assert read_article(path).flags == ("promotional",)
    set_flag(path, NEEDS_REVIEW_FLAG, on=True)
    assert read_article(path).flags == ("promotional", "needs-review")


def test_a_value_of_none_removes_a_key_and_values_stay_on_one_line(tmp_path):
    path = tmp_path / "a.md"
    write(path, "title: T\nsource: old.pdf\n")
    update_header(path, source=None, summary="Two\nlines   here")
    text = path.read_text(encoding="utf-8")
    assert "source:" not in text and "summary: Two lines here\n" in text


@pytest.mark.parametrize(
    ("fields", "error"),
    [({"title": ""}, ValueError), ({"bad key": "x"}, ValueError), ({"title": 3}, TypeError)],
)
def test_bad_fields_are_refused_and_nothing_changes(tmp_path, fields, error):
    path = tmp_path / "a.md"
    before = write(path, "title: T\n")
    with pytest.raises(error):
        update_header(path, **fields)
    assert path.read_bytes() == before


def test_a_file_without_a_header_is_refused(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("Just text.\n", encoding="utf-8")
    with pytest.raises(ArticleError, match="no metadata header"):
        update_header(path, title="T")


class Killed(BaseException):
    pass


def test_a_crash_during_the_write_leaves_the_old_file(tmp_path, monkeypatch):
    """Killed while the new file is written or just before it replaces the old one."""
    path = tmp_path / "a.md"
    before = write(path, "title: Old\n")

    def killed(*_args, **_kwargs):
        raise Killed

    for step in ("fsync", "replace"):
        with monkeypatch.context() as patch:
            patch.setattr(safe_write.os, step, killed)
            with pytest.raises(Killed):
                update_header(path, title="New")
        assert path.read_bytes() == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_the_files_permissions_are_kept(tmp_path):
    path = tmp_path / "a.md"
    write(path, "title: Old\n")
    path.chmod(0o664)
    update_header(path, title="New")
    assert stat.S_IMODE(path.stat().st_mode) == 0o664


def test_bundled_articles_are_not_flagged_for_review():
    """The bundled articles were reviewed by hand."""
    flagged = [
        p.name for p in REAL_ARTICLES.glob("*.md") if NEEDS_REVIEW_FLAG in read_article(p).flags
    ]
    assert flagged == []
