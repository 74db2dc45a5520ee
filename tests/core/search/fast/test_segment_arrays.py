"""The posting array files beside the index: one per segment, written by every sync that
commits, read without decoding, and a damaged, missing or stale one never gives a wrong
answer (the index is rebuilt, or the file written again)."""

from __future__ import annotations

import os

from mspain_kb.core.search.fast.segment_arrays import (
    EXTENSION,
    MIN_DOCUMENTS,
    ArrayFileError,
    MappedPostings,
    SegmentArrays,
    array_file_name,
    term_hash,
    term_key,
)
from mspain_kb.core.search.index import REASON_DAMAGED, KnowledgeIndex
from mspain_kb.core.search.index_files import Manifest
from mspain_kb.core.search.postings_check import checked_token
from mspain_kb.core.search.service import SearchService
from tests.conftest import build_generated_index


def _segments(index) -> dict[str, int]:
    """Segment id -> its number of documents."""
    leaves = index.searcher().reader().leaf_readers()
    return {leaf.segment().segment_id(): leaf.doc_count_all() for leaf, _ in leaves}


def _array_files(index) -> set[str]:
    return {path.name for path in index._folder.glob(f"*.{EXTENSION}")}


def _expected_files(index) -> set[str]:
    found = _segments(index).items()
    return {array_file_name(segment) for segment, count in found if count >= MIN_DOCUMENTS}


def test_each_large_segment_has_its_array_file_and_a_sync_keeps_them_in_step(
    tmp_path, vocabulary, phrases
):
    """A build writes the file of its segment; a watcher's sync of one file adds a small
    segment read from its blocks (no file), and a full sync that merges keeps the files
    those segments need, and no other."""
    index, articles = build_generated_index(tmp_path, vocabulary, phrases)
    assert len(_array_files(index)) == 1
    assert _array_files(index) == _expected_files(index)
    (articles / "zz-new.md").write_text("title: New\n\nA quillwort sentence.\n", "utf-8")
    report = index.sync(names=["zz-new.md"])
    assert report.added == 1 and len(_segments(index)) == 2
    assert _array_files(index) == _expected_files(index)
    postings = MappedPostings(index.searcher())
    assert postings.mapped == 1 and not postings.complete
    service = SearchService(index, vocabulary)
    assert [hit.id for hit in service.search("quillwort").hits] == ["zz-new"]
    assert type(service._data.postings) is MappedPostings
    assert index.checked_reader() == checked_token()
    for number in range(3):
        text = f"title: More {number}\n\nA hornwort{number} sentence.\n"
        (articles / f"zz-more-{number}.md").write_text(text, "utf-8")
    report = index.sync()
    assert report.added == 3
    assert _array_files(index) == _expected_files(index)
    service = SearchService(index, vocabulary)
    assert [hit.id for hit in service.search("hornwort2").hits] == ["zz-more-2"]
    index.close()


def test_an_index_without_array_files_gets_them_at_the_next_sync(tmp_path, vocabulary, phrases):
    """An index made before the array files (or whose files were lost with the manifest
    rewritten) gets them when it is next opened or synced, with nothing re-indexed."""
    index, articles = build_generated_index(tmp_path, vocabulary, phrases)
    folder = index._folder
    for path in folder.glob(f"*.{EXTENSION}"):
        path.unlink()
    manifest = Manifest.load(folder)
    manifest.checked_reader = ""  # as an index made before the array files has none
    manifest.save(folder)
    index.close()
    index = KnowledgeIndex(tmp_path / "index", articles, vocabulary, phrases)
    assert not list(folder.glob(f"*.{EXTENSION}"))
    report = index.sync()
    assert not report.changed and not report.reason
    assert _array_files(index) == _expected_files(index) != set()
    index.close()


def test_a_damaged_array_file_is_noticed_and_the_index_rebuilt(tmp_path, vocabulary, phrases):
    """Damage that keeps the file's size and time shows as a wrong checksum of the list read,
    and the index is rebuilt as for any damaged index file: same answer, plain reason."""
    index, _ = build_generated_index(tmp_path, vocabulary, phrases)
    service = SearchService(index, vocabulary)
    expected = [hit.id for hit in service.search("spasticity").hits]
    assert expected
    (path,) = index._folder.glob(f"*.{EXTENSION}")
    stat = path.stat()
    data = bytearray(path.read_bytes())
    data[_list_offset(path, index.doc_count(), "body", b"spastic")] ^= 0xFF
    path.write_bytes(bytes(data))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    service = SearchService(index, vocabulary)
    result = service.search("spasticity")
    assert [hit.id for hit in result.hits] == expected
    assert REASON_DAMAGED in result.message
    index.close()


def _list_offset(path, documents, fieldname, btext) -> int:
    """Where the first document number of one term's list lies in the file."""
    arrays = SegmentArrays(path, path.name.split(".")[0], documents)
    assert arrays.postings(fieldname, btext) is not None
    at = int(arrays.hashes.searchsorted(term_hash(term_key(fieldname, btext))))
    ids_offset = arrays.sections["ids"][0]
    return arrays.base + ids_offset + int(arrays.starts[at]) * arrays.ids.itemsize


def test_a_file_for_another_segment_or_cut_short_is_refused(tmp_path, vocabulary, phrases):
    index, _ = build_generated_index(tmp_path, vocabulary, phrases)
    (path,) = index._folder.glob(f"*.{EXTENSION}")
    segment_id = path.name.split(".")[0]
    documents = index.doc_count()
    for wrong_segment, wrong_count in (("MAIN_other", documents), (segment_id, documents + 1)):
        try:
            SegmentArrays(path, wrong_segment, wrong_count)
        except ArrayFileError:
            pass
        else:
            raise AssertionError("a file for another segment was accepted")
    short = tmp_path / "short"
    short.write_bytes(path.read_bytes()[:-8])
    try:
        SegmentArrays(short, segment_id, documents)
    except ArrayFileError as error:
        assert "bytes" in str(error)
    else:
        raise AssertionError("a file cut short was accepted")
    index.close()
