"""How the index knows what changed: the manifest, the folder scan, articles as documents.

The manifest (manifest.json beside the Whoosh files) remembers each article file's
(mtime, size) and problems, so a sync with nothing changed only stats the folder, and the
size and mtime of each index file, so damage (truncation, garbage) is noticed at open time,
plus a checksum of each, compared when reading the index fails, to tell damage that kept
the size and time from a bug.
"""

from __future__ import annotations

import json
import os
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from mspain_kb.core.collection.article import ARTICLE_SUFFIX, ArticleError
from mspain_kb.core.collection.files import Problem, read_article
from mspain_kb.core.collection.safe_write import write_atomic
from mspain_kb.core.search.schema import SCHEMA_VERSION
from mspain_kb.core.vocabulary.text import fold

MANIFEST_NAME = "manifest.json"


def read_for_index(path: Path, known_tags) -> tuple[dict | None, list[Problem]]:
    """Read one article as an index document, or None; plus its problems (never raises)."""
    try:
        article = read_article(path)
    except ArticleError as error:  # every way a file can be unreadable, in plain words
        return None, [Problem(path, str(error))]
    problems = []
    if known_tags is not None:
        unknown = [tag for tag in article.tags if tag not in known_tags]
        if unknown:
            problems.append(Problem(path, f"unknown topic tag(s): {', '.join(unknown)}", False))
    document = {
        "id": article.id,
        "path": str(article.path),
        "title": article.title,
        "headings": "\n".join(text for _, text in article.headings()),
        "summary": article.summary,
        "body": article.ranked_text(),
        "tags": ",".join(article.tags),
        "flags": ",".join(article.flags),
        "source": article.source,
        "sort_key": sort_key(article.title, article.id),
    }
    return document, problems


def sort_key(title: str, article_id: str) -> bytes:
    """Title (without case or accents), then id: the order of articles with equal scores."""
    return f"{fold(title)}\x00{article_id}".encode()


class FolderUnreachable(OSError):
    """The articles folder cannot be listed (a network share that is down, a removed drive)."""


def scan_articles(articles_dir: Path) -> dict[str, tuple[int, int]]:
    """{file name: (mtime_ns, size)} for every article file; one stat each, nothing read.

    Raises FolderUnreachable when the folder itself cannot be listed: an empty answer would
    read as "every article was removed"."""
    found: dict[str, tuple[int, int]] = {}
    try:
        with os.scandir(articles_dir) as entries:
            for entry in entries:
                name = entry.name
                if name.startswith(".") or not name.endswith(ARTICLE_SUFFIX):
                    continue
                try:
                    stat = entry.stat()
                    found[name] = (stat.st_mtime_ns, stat.st_size)
                except OSError:
                    found[name] = (-1, -1)  # read_article will explain (e.g. a symlink loop)
    except OSError as error:
        raise FolderUnreachable(
            error.errno,
            f"The articles folder {articles_dir} cannot be reached "
            f"({error.strerror or error}); showing the articles as they were when last seen.",
        ) from error
    return found


class PartialListing(dict):
    """A folder listing taken from the manifest with only `looked_at` stat-ed again (the files
    a folder watcher named): no other file can differ from the manifest."""

    looked_at: frozenset[str] = frozenset()


@dataclass
class Changes:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


@dataclass
class Manifest:
    schema: int = SCHEMA_VERSION
    files: dict[str, list[int]] = field(default_factory=dict)  # name -> [mtime_ns, size]
    problems: dict[str, list[list]] = field(default_factory=dict)  # name -> [[reason, skip]]
    indexed: set[str] = field(default_factory=set)
    index_files: dict[str, list[int]] = field(default_factory=dict)  # name -> [size, mtime]
    stamp: int = 0
    checked_reader: str = ""  # the fast reader the self-test chose for these files, and why

    @property
    def doc_count(self) -> int:
        return len(self.indexed)

    def copy(self) -> Manifest:
        return Manifest(
            self.schema,
            dict(self.files),
            dict(self.problems),
            set(self.indexed),
            dict(self.index_files),
            self.stamp,
            self.checked_reader,
        )

    def differences(self, disk: dict[str, tuple[int, int]]) -> Changes:
        """What differs between this manifest and a listing; for a PartialListing, only the
        files it looked at can (at 100,000 articles, comparing them all takes 50 ms)."""
        changes = Changes()
        looked_at = getattr(disk, "looked_at", None)
        for name in disk if looked_at is None else looked_at & disk.keys():
            known = self.files.get(name)
            if known is None:
                changes.added.append(name)
            elif tuple(known) != tuple(disk[name]):
                changes.changed.append(name)
        gone = self.files.keys() if looked_at is None else looked_at & self.files.keys()
        changes.removed = sorted(name for name in gone if name not in disk)
        changes.added.sort()
        changes.changed.sort()
        return changes

    def listing_with(self, articles_dir: Path, names) -> PartialListing | None:
        """The listing this manifest saw, with only `names` stat-ed again (a file gone is left
        out); None when the folder itself is gone (a full scan says why)."""
        listing = PartialListing(self.files)  # [mtime, size] lists, as the manifest keeps them
        looked_at = set()
        for name in names:
            if name.startswith(".") or not name.endswith(ARTICLE_SUFFIX) or "/" in name:
                continue
            looked_at.add(name)
            try:
                stat = os.stat(articles_dir / name)
                listing[name] = (stat.st_mtime_ns, stat.st_size)
            except FileNotFoundError:
                if not articles_dir.is_dir():
                    return None
                listing.pop(name, None)
            except OSError:
                listing[name] = (-1, -1)  # read_article will explain
        listing.looked_at = frozenset(looked_at)
        return listing

    def record(self, name: str, stat, problems: list[Problem], indexed: bool) -> None:
        self.files[name] = list(stat)
        if problems:
            self.problems[name] = [[p.reason, p.skipped] for p in problems]
        else:
            self.problems.pop(name, None)
        if indexed:
            self.indexed.add(name)
        else:
            self.indexed.discard(name)

    def forget(self, name: str) -> None:
        self.files.pop(name, None)
        self.problems.pop(name, None)
        self.indexed.discard(name)

    def problem_list(self, articles_dir: Path) -> list[Problem]:
        return [
            Problem(articles_dir / name, reason, bool(skipped))
            for name in sorted(self.problems)
            for reason, skipped in self.problems[name]
        ]

    def save(self, folder: Path) -> None:
        """Write the manifest with the stats and checksums of the index files as they are now.

        Whoosh never rewrites a segment file, so a checksum is computed once per new file.
        """
        previous, self.index_files = self.index_files, {}
        for entry in os.scandir(folder):
            if entry.name == MANIFEST_NAME or entry.name.startswith(".") or "LOCK" in entry.name:
                continue
            stat = entry.stat()
            known = previous.get(entry.name, [])
            same = known[:2] == [stat.st_size, stat.st_mtime_ns] and len(known) > 2
            checksum = known[2] if same else file_checksum(Path(entry.path))
            self.index_files[entry.name] = [stat.st_size, stat.st_mtime_ns, checksum]
        self.stamp = time.time_ns()
        data = {
            "schema": self.schema,
            "stamp": self.stamp,
            "files": self.files,
            "problems": self.problems,
            "indexed": sorted(self.indexed),
            "index_files": self.index_files,
            "checked_reader": self.checked_reader,
        }
        write_atomic(folder / MANIFEST_NAME, json.dumps(data, separators=(",", ":")), replace=True)

    @staticmethod
    def signature(folder: Path) -> tuple[int, int, int] | None:
        """(inode, size, mtime) of the saved manifest: it changed when this did; None when it
        cannot be read. At 100,000 articles the file is several MB: a sync in a running
        window reads it again only when another process saved a new one."""
        try:
            stat = os.stat(folder / MANIFEST_NAME)
        except OSError:
            return None
        return stat.st_ino, stat.st_size, stat.st_mtime_ns

    @classmethod
    def load(cls, folder: Path) -> Manifest | None:
        """The saved manifest, or None when it is missing or unreadable."""
        try:
            data = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
            manifest = cls(
                schema=int(data["schema"]),
                files=data["files"],  # JSON gives str keys and lists already
                problems=data["problems"],
                indexed=set(data["indexed"]),
                index_files=data["index_files"],
                stamp=int(data["stamp"]),
                checked_reader=str(data.get("checked_reader", "")),
            )
            if not all(
                isinstance(table, dict) and all(isinstance(v, list) for v in table.values())
                for table in (manifest.files, manifest.problems, manifest.index_files)
            ):
                return None
            return manifest
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def matches_files(self, folder: Path, deep: bool = False) -> bool:
        """True when every index file is still there with the size and time it was saved with;
        `deep` also compares checksums, which finds damage that kept a file's size and time."""
        if not self.index_files:
            return False
        for name, (size, mtime, *checksum) in self.index_files.items():
            try:
                stat = os.stat(folder / name)
                if deep and checksum and file_checksum(folder / name) != checksum[0]:
                    return False
            except OSError:
                return False
            if stat.st_size != size or stat.st_mtime_ns != mtime:
                return False
        return True


def file_checksum(path: Path) -> int:
    """CRC-32 of a file's bytes (fast; for noticing damage, not for security)."""
    checksum = 0
    with open(path, "rb") as stream:
        while chunk := stream.read(1 << 20):
            checksum = zlib.crc32(chunk, checksum)
    return checksum
