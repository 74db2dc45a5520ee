"""Merging the small segments that live updates leave behind, without making searches wait.

A live update commits its few articles as a segment of their own: quick to commit, but
every search pays a little per segment, and a long-running window collects many. Once the
window is quiet (or many have piled up), `merge_small` copies the live articles of every
small segment into one new segment. Whoosh writes it, and its posting array file when it
is large enough, while searches go on with the segments they have; only the last step
(Whoosh's new table of segments, which deletes the merged ones, and the manifest that
records the new files) happens under `swap`, the lock a search takes for a moment to get
its searcher. Nothing else changes: the same articles, the same scores.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from whoosh.index import TOC
from whoosh.reading import SegmentReader
from whoosh.writing import SegmentWriter

from mspain_kb.core.search.fast import segment_arrays

SMALL_SEGMENT = segment_arrays.MIN_DOCUMENTS  # fewer articles: a live update's segment
WRITER_MEMORY_MB = 64


def small_segment_count(ix) -> int:
    """How many small segments the committed index has (reads Whoosh's table only)."""
    return sum(1 for segment in _segments(ix) if _is_small(segment))


def merge_small(ix, folder: Path, swap, after_swap: Callable[[], None]) -> bool:
    """Merge the small segments of `ix` (stored in `folder`) into one, when there are two or
    more. `swap` (a lock) is held only while the new segment becomes the index's and
    `after_swap()` (saving the manifest, a new searcher) runs. Returns True when merged."""
    if small_segment_count(ix) < 2:
        return False
    writer = _MergingWriter(ix, folder, swap)
    try:
        writer.commit(mergetype=_merge_small_ones)
        after_swap()  # (the writer's temporary files are gone: the manifest can list files)
    finally:
        if writer.swapping:
            swap.release()
    return True


def _segments(ix) -> list:
    return TOC.read(ix.storage, ix.indexname).segments


def _is_small(segment) -> bool:
    return segment.doc_count_all() < SMALL_SEGMENT


def _merge_small_ones(writer, segments) -> list:
    """Whoosh merge policy: the small segments' live articles go into the new segment."""
    kept = []
    for segment in segments:
        if not _is_small(segment):
            kept.append(segment)
            continue
        reader = SegmentReader(writer.storage, writer.schema, segment)
        try:
            writer.add_reader(reader)
        finally:
            reader.close()
    return kept


class _MergingWriter(SegmentWriter):
    """A Whoosh writer whose last step (writing the table of segments, which makes the new
    segment current and deletes the merged ones) takes `swap`, for the caller to release."""

    def __init__(self, ix, folder: Path, swap):
        super().__init__(ix, limitmb=WRITER_MEMORY_MB, compound=False)
        self._folder, self._swap = folder, swap
        self.swapping = False

    def _commit_toc(self, segments) -> None:
        # The merged segment's array file first (a large merge), outside the lock.
        new_id = self.get_segment().segment_id()
        merged = [segment for segment in segments if segment.segment_id() == new_id]
        for segment in merged:
            if segment.doc_count_all() >= segment_arrays.MIN_DOCUMENTS:
                reader = SegmentReader(self.storage, self.schema, segment)
                try:
                    path = self._folder / segment_arrays.array_file_name(segment.segment_id())
                    segment_arrays.write_segment(path, reader, segment.segment_id())
                finally:
                    reader.close()
        self._swap.acquire()
        self.swapping = True
        super()._commit_toc(segments)
