"""Writing articles into a Whoosh index: a whole build (two processes for a large
collection) or only what changed, with each article's problems recorded in the manifest."""

from __future__ import annotations

import os
import threading
from contextlib import suppress
from pathlib import Path

from whoosh.filedb.filestore import RamStorage
from whoosh.writing import IndexingError

from mspain_kb.core.search.fast.parallel_writer import ParallelWriter
from mspain_kb.core.search.generations import Progress
from mspain_kb.core.search.index_files import Changes, Manifest, read_for_index

PARALLEL_THRESHOLD = 1000  # below this, one writer process is faster than starting two
WRITER_MEMORY_MB = 128
# Segments are committed as separate files (compound=False): a compound file is read into
# memory when opened, which the GUIDE measured at ~850 MB for 50k articles against ~31 MB.


def fill(ix, articles_dir: Path, disk: dict, known_tags, progress: Progress | None) -> Manifest:
    """Add every article in `disk` to the empty index `ix`; return the new manifest."""
    manifest = Manifest()
    names = sorted(disk)
    parallel = len(names) >= PARALLEL_THRESHOLD and (os.cpu_count() or 1) > 1
    if parallel and not isinstance(ix.storage, RamStorage):
        start = "spawn" if threading.active_count() > 1 else None  # never fork a GUI
        writer = ParallelWriter(
            ix,
            procs=2,
            multisegment=True,
            limitmb=WRITER_MEMORY_MB,
            start_method=start,
            compound=False,
        )
    else:
        writer = ix.writer(limitmb=WRITER_MEMORY_MB, compound=False)
    try:
        for done, name in enumerate(names):
            document = _read(articles_dir, name, disk[name], manifest, known_tags)
            if document is not None:
                writer.add_document(**document)
            _report_progress(progress, done, len(names))
        _report_progress(progress, len(names), len(names), force=True)
        writer.commit()
    except BaseException:
        _cancel(writer)
        raise
    return manifest


def apply_changes(
    ix,
    manifest: Manifest,
    articles_dir: Path,
    disk: dict,
    changes: Changes,
    known_tags,
    progress: Progress | None,
    merge: bool = True,
) -> Manifest:
    """Add, change and delete only the `changes`; return the new manifest. `merge`: let
    Whoosh merge small segments now (slower commit), else the changes stay a segment of
    their own until a later merge."""
    manifest = manifest.copy()
    writer = ix.writer(limitmb=WRITER_MEMORY_MB, compound=False)
    try:
        for name in changes.removed:
            writer.delete_by_term("id", name[: -len(".md")])
            manifest.forget(name)
        todo = changes.added + changes.changed
        for done, name in enumerate(todo):
            document = _read(articles_dir, name, disk[name], manifest, known_tags)
            if document is not None:
                writer.update_document(**document)
            elif name in changes.changed:
                writer.delete_by_term("id", name[: -len(".md")])
            _report_progress(progress, done, len(todo))
        writer.commit(merge=merge)
    except BaseException:
        _cancel(writer)
        raise
    return manifest


def _read(articles_dir: Path, name: str, stat, manifest: Manifest, known_tags) -> dict | None:
    """Read one article for the index, recording it and its problems in `manifest`."""
    document, problems = read_for_index(articles_dir / name, known_tags)
    manifest.record(name, stat, problems, indexed=document is not None)
    return document


def _cancel(writer) -> None:
    """Cancel a writer; one that failed inside commit (a full disk) is already closed, and
    cancelling it again must not hide the real error behind Whoosh's 'writer is closed'."""
    with suppress(IndexingError, OSError):
        writer.cancel()


def _report_progress(progress: Progress | None, done: int, total: int, force=False) -> None:
    if progress is not None and (force or done % 50 == 0):
        progress(done, total, "Indexing articles…")
