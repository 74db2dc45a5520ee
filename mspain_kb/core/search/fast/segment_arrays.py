"""Each segment's posting lists, decoded once and kept beside the index as one flat file.

Whoosh keeps posting lists in zlib-compressed blocks; decoding a word's list costs about
1.2 µs per posting, paid again by every process the first time the word is searched. When
a sync or a rebuild commits, `write_missing` decodes every list of each new segment (with
`posting_arrays`, the fast block reader) and writes them to `<segment id>.mspk_arrays`, a
file that `SegmentArrays` opens with a memory map in well under a millisecond: a lookup is
a binary search and two slices, with nothing to decode.

The file sits in the index folder and belongs to the index's cache: it is named after its
segment, so Whoosh deletes it with the segment when segments merge, the manifest records
its size, time and checksum like every index file, and a new index generation rewrites
them all. Inside it: a fixed magic, a JSON header (segment id, document count, each
array's place), then the arrays, sorted by a 64-bit hash of "field NUL term": the hashes,
where each list starts, a CRC-32 of each list (checked when the list is read, so damage
that kept the file's size shows as `ArrayFileError`), the terms themselves, the document
numbers (int32, the segment's own) and the term frequencies (float32 when that holds
them exactly, as Whoosh's codec stores them). Deleted documents stay in the lists, as in
Whoosh's own blocks; the scorer drops them. Word positions (for phrases) are not copied:
phrases read the few blocks they need from Whoosh.
"""

from __future__ import annotations

import hashlib
import json
import os
import zlib
from pathlib import Path

import numpy as np

from mspain_kb.core.search.fast.posting_arrays import BlockPostings, joined, leaf_postings

EXTENSION = "mspk_arrays"  # matches Whoosh's segment file pattern: removed with the segment
MAGIC = b"MSPKARR1"
VERSION = 1
ALIGN = 8
MIN_DOCUMENTS = 100  # a smaller segment (a live update) is read from its blocks: as quick


class ArrayFileError(ValueError):
    """A posting array file that is not what its segment needs (damaged, stale, foreign)."""


def array_file_name(segment_id: str) -> str:
    return f"{segment_id}.{EXTENSION}"


def term_key(fieldname: str, btext: bytes) -> bytes:
    return fieldname.encode() + b"\x00" + btext


def term_hash(key: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "little")


# ------------------------------------------------------------------------------ writing


def write_missing(ix, folder: Path, progress=None) -> list[str]:
    """Write the array file of every segment of `ix` (stored in `folder`) of at least
    MIN_DOCUMENTS articles that has none or a stale or damaged one. Returns the names
    written."""
    written = []
    with ix.reader() as reader:
        leaves = reader.leaf_readers()
        for number, (leaf, _) in enumerate(leaves):
            if leaf.segment() is None or leaf.doc_count_all() < MIN_DOCUMENTS:
                continue  # an empty index, or a small segment: its blocks are quick to read
            segment_id = leaf.segment().segment_id()
            path = folder / array_file_name(segment_id)
            try:
                SegmentArrays(path, segment_id, leaf.doc_count_all())
                continue
            except (OSError, ArrayFileError):
                pass
            if progress is not None:
                progress(number, len(leaves), "Preparing search…")
            write_segment(path, leaf, segment_id)
            written.append(path.name)
    return written


def write_segment(path: Path, leaf, segment_id: str) -> None:
    """Decode every posting list of one segment and write them as one array file."""
    entries = []  # (hash, key, ids, weights)
    for fieldname, btext in leaf.all_terms():
        ids, weights = leaf_postings(leaf.postings(fieldname, btext))
        key = term_key(fieldname, btext)
        entries.append((term_hash(key), key, ids, weights))
    entries.sort(key=lambda entry: (entry[0], entry[1]))
    counts = np.fromiter((len(e[2]) for e in entries), dtype=np.int64, count=len(entries))
    starts = np.zeros(len(entries) + 1, dtype=np.int64)
    np.cumsum(counts, out=starts[1:])
    key_starts = np.zeros(len(entries) + 1, dtype=np.int64)
    np.cumsum([len(e[1]) for e in entries], out=key_starts[1:])
    total = int(starts[-1])
    ids = np.zeros(total, dtype=np.int32)
    weights64 = np.zeros(total, dtype=np.float64)
    for (_, _, term_ids, term_weights), start, stop in zip(
        entries, starts[:-1], starts[1:], strict=True
    ):
        ids[start:stop] = term_ids
        weights64[start:stop] = term_weights
    weights32 = weights64.astype(np.float32)
    weights = weights32 if np.array_equal(weights32, weights64) else weights64
    checksums = np.fromiter(
        (
            zlib.crc32(weights[a:b].tobytes(), zlib.crc32(ids[a:b].tobytes()))
            for a, b in zip(starts[:-1].tolist(), starts[1:].tolist(), strict=True)
        ),
        dtype=np.uint32,
        count=len(entries),
    )
    arrays = {
        "hashes": np.fromiter((e[0] for e in entries), dtype=np.uint64, count=len(entries)),
        "starts": starts,
        "key_starts": key_starts,
        "checksums": checksums,
        "keys": np.frombuffer(b"".join(e[1] for e in entries), dtype=np.uint8),
        "ids": ids,
        "weights": weights,
    }
    _write_file(path, segment_id, leaf.doc_count_all(), arrays)


def _write_file(path: Path, segment_id: str, documents: int, arrays: dict) -> None:
    sections, offset = {}, 0
    for name, array in arrays.items():
        sections[name] = [offset, array.dtype.str, len(array)]
        offset += _padded(array.nbytes)
    header = json.dumps(
        {"version": VERSION, "segment": segment_id, "documents": documents, "sections": sections}
    ).encode()
    head = MAGIC + len(header).to_bytes(8, "little") + header
    head += b"\x00" * (_padded(len(head)) - len(head))
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        with open(temporary, "wb") as stream:
            stream.write(head)
            for array in arrays.values():
                data = array.tobytes()
                stream.write(data + b"\x00" * (_padded(len(data)) - len(data)))
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _padded(size: int) -> int:
    return -(-size // ALIGN) * ALIGN


# ------------------------------------------------------------------------------ reading


class SegmentArrays:
    """One segment's array file, memory-mapped. Raises OSError or ArrayFileError when the
    file is missing, not one of ours, for another segment, or cut short."""

    def __init__(self, path: Path, segment_id: str, documents: int):
        with open(path, "rb") as stream:
            start = stream.read(len(MAGIC) + 8)
            if len(start) < len(MAGIC) + 8 or start[: len(MAGIC)] != MAGIC:
                raise ArrayFileError(f"{path.name} is not a posting array file")
            header_size = int.from_bytes(start[len(MAGIC) :], "little")
            if header_size > 1 << 20:
                raise ArrayFileError(f"{path.name} has a damaged header")
            try:
                header = json.loads(stream.read(header_size))
                sections = header["sections"]
                fits = header["version"] == VERSION and header["segment"] == segment_id
                fits = fits and header["documents"] == documents
            except (ValueError, KeyError, TypeError) as error:
                raise ArrayFileError(f"{path.name} has a damaged header") from error
        if not fits:
            raise ArrayFileError(f"{path.name} belongs to another segment or version")
        base = _padded(len(MAGIC) + 8 + header_size)
        size = os.path.getsize(path)
        try:
            end = base + max(
                offset + _padded(count * np.dtype(kind).itemsize)
                for offset, kind, count in sections.values()
            )
        except (ValueError, TypeError) as error:
            raise ArrayFileError(f"{path.name} has a damaged header") from error
        if size != end:
            raise ArrayFileError(f"{path.name} is {size} bytes, not {end}")
        whole = np.memmap(path, dtype=np.uint8, mode="r") if size else np.zeros(0, np.uint8)
        self.path = path
        self.base, self.sections = base, sections
        self._arrays = {}
        for name, (offset, kind, count) in sections.items():
            dtype = np.dtype(kind)
            at = base + offset
            self._arrays[name] = whole[at : at + count * dtype.itemsize].view(dtype)
        try:
            self.hashes = self._arrays["hashes"]
            self.starts, self.key_starts = self._arrays["starts"], self._arrays["key_starts"]
            self.checksums, self.keys = self._arrays["checksums"], self._arrays["keys"]
            self.ids, self.weights = self._arrays["ids"], self._arrays["weights"]
        except KeyError as error:
            raise ArrayFileError(f"{path.name} lacks the {error} array") from error

    def postings(self, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray] | None:
        """(document numbers, frequencies) of one term in this segment, or None if absent."""
        key = term_key(fieldname, btext)
        wanted = np.uint64(term_hash(key))
        at = int(np.searchsorted(self.hashes, wanted))
        while at < len(self.hashes) and self.hashes[at] == wanted:
            found = self.keys[self.key_starts[at] : self.key_starts[at + 1]].tobytes()
            if found == key:
                start, stop = int(self.starts[at]), int(self.starts[at + 1])
                ids, weights = self.ids[start:stop], self.weights[start:stop]
                checksum = zlib.crc32(weights.tobytes(), zlib.crc32(ids.tobytes()))
                if checksum != int(self.checksums[at]):
                    raise ArrayFileError(f"{self.path.name} is damaged (the list of {key!r})")
                return ids.astype(np.int64), weights.astype(np.float64)
            at += 1
        return None


class MappedPostings(BlockPostings):
    """`Postings` read from the segments' array files; a segment without a sound file (an
    index made in memory, or a file not written yet) is read block by block."""

    name = "the posting array files"

    def __init__(self, searcher):
        super().__init__(searcher)
        self._from_blocks = False  # whether the list being read came partly from blocks
        self.segments: list[SegmentArrays | None] = [open_arrays(leaf) for leaf, _ in self.leaves]

    @property
    def complete(self) -> bool:
        """True when every segment has its array file."""
        return all(found is not None for found in self.segments)

    @property
    def mapped(self) -> int:
        """How many segments are read from array files."""
        return sum(found is not None for found in self.segments)

    def _remember(self, key, value) -> None:
        """Lists read from the files alone are not kept: reading them again costs a lookup
        and a copy, and keeping them would hold a second copy of the mapped pages."""
        if self._from_blocks:
            super()._remember(key, value)

    def _read_postings(self, fieldname: str, text) -> tuple[np.ndarray, np.ndarray]:
        self._from_blocks = False
        if isinstance(text, str):
            text = self.searcher.schema[fieldname].to_bytes(text)
        ids_parts, weight_parts = [], []
        for (leaf, offset), arrays in zip(self.leaves, self.segments, strict=True):
            if arrays is None:
                if (fieldname, text) not in leaf:
                    continue
                found = leaf_postings(leaf.postings(fieldname, text))
                self._from_blocks = True
            else:
                found = arrays.postings(fieldname, text)
                if found is None:
                    continue
            ids, weights = found
            ids_parts.append(ids + offset if offset else ids)
            weight_parts.append(weights)
        return joined(ids_parts, weight_parts)


def open_arrays(leaf) -> SegmentArrays | None:
    """The array file of one segment reader, or None when there is none or it does not fit
    (the next sync writes it again)."""
    folder = getattr(leaf.storage(), "folder", None)
    segment = leaf.segment()
    if folder is None or segment is None:
        return None
    segment_id = segment.segment_id()
    try:
        return SegmentArrays(
            Path(folder) / array_file_name(segment_id), segment_id, leaf.doc_count_all()
        )
    except (OSError, ArrayFileError):
        return None
