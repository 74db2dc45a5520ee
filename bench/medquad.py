"""MedQuAD as a collection of project articles, for measuring search quality on real text.

MedQuAD (Ben Abacha and Demner-Fushman, "A Question-Entailment Approach to Question
Answering", BMC Bioinformatics 20, 511, 2019; CC BY 4.0) holds NIH health documents, each
with a focus (the disease or topic) and question-answer pairs. Each document becomes one
article in the project's format: title = the focus, and each question a `##` heading
followed by its answer (the first question when a document names no focus). Documents
without any answer are left out.

The archive is read in place with `tarfile`; the articles are written to
`bench/.cache/medquad-<fingerprint>/` and reused while the archive is unchanged.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tarfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from mspain_kb.core.collection.article import format_article
from mspain_kb.core.vocabulary.text import fold

REPO = Path(__file__).resolve().parent.parent
DEFAULT_ARCHIVE = REPO.parent / "shared" / "datasets" / "medquad" / "medquad.tar.xz"
SAMPLE_ARCHIVE = REPO / "tests" / "fixtures" / "medquad" / "medquad-sample.tar.xz"
CACHE_ROOT = Path(__file__).resolve().parent / ".cache"
COLLECTION_VERSION = 2
MANIFEST = ".medquad-collection.json"
_FOLDER_RE = re.compile(r"^\d+_([A-Za-z]+)")


class DatasetError(Exception):
    """The MedQuAD archive is missing or cannot be read."""


@dataclass(frozen=True)
class QAPair:
    question: str
    answer: str


@dataclass(frozen=True)
class Document:
    key: str  # article id: collection and file name, e.g. "gard-0000123" (MedQuAD's own ids
    # repeat across its collections, and some within one)
    source: str  # the MedQuAD collection, e.g. "GARD"
    focus: str
    url: str
    pairs: tuple[QAPair, ...]

    @property
    def focus_key(self) -> str:
        return focus_key(self.focus)


def focus_key(text: str) -> str:
    """Focus names compared without case, accents or punctuation."""
    return " ".join(re.findall(r"\w+", fold(text)))


def _document(member_name: str, data: bytes) -> Document | None:
    folder = member_name.split("/")[-2] if "/" in member_name else ""
    match = _FOLDER_RE.match(folder)
    collection = (match.group(1) if match else folder or "doc").lower()
    root = ET.fromstring(data)
    pairs = []
    for pair in root.iter("QAPair"):
        question = " ".join((pair.findtext("Question") or "").split())
        answer = (pair.findtext("Answer") or "").strip()
        if question and answer:
            pairs.append(QAPair(question, answer))
    if not pairs:
        return None
    # Three CDC documents have no focus: their first question serves as the title.
    focus = " ".join((root.findtext("Focus") or "").split()) or pairs[0].question
    return Document(
        key=f"{collection}-{Path(member_name).stem}",
        source=root.get("source", collection),
        focus=focus,
        url=root.get("url", ""),
        pairs=tuple(pairs),
    )


def read_documents(archive: Path) -> list[Document]:
    """Every document with at least one answer, in archive order (sorted by member name)."""
    found: list[tuple[str, Document]] = []
    try:
        # One pass in archive order: a compressed tar cannot seek back cheaply.
        with tarfile.open(archive, "r|*") as tar:
            for member in tar:
                if not (member.isfile() and member.name.endswith(".xml")):
                    continue
                handle = tar.extractfile(member)
                if handle is None:
                    continue
                try:
                    document = _document(member.name, handle.read())
                except ET.ParseError as error:
                    raise DatasetError(f"{member.name} is not valid XML: {error}") from error
                if document is not None:
                    found.append((member.name, document))
    except (OSError, tarfile.TarError) as error:
        raise DatasetError(f"cannot read the MedQuAD archive {archive}: {error}") from error
    documents = [document for _, document in sorted(found, key=lambda item: item[0])]
    seen: set[str] = set()
    unique = []
    for document in documents:
        if document.key not in seen:
            seen.add(document.key)
            unique.append(document)
    return unique


def article_text(document: Document) -> str:
    """The document in the project's article format."""
    sections = []
    for pair in document.pairs:
        heading = pair.question.replace("\n", " ").strip()
        sections.append(f"## {heading}\n\n{_paragraphs(pair.answer)}")
    return format_article(
        document.focus,
        "\n\n".join(sections),
        source=f"MedQuAD {document.source} {document.url}".strip(),
    )


def _paragraphs(answer: str) -> str:
    """The answer's lines as Markdown paragraphs; lines that look like headings are kept as text."""
    lines = [line.strip() for line in answer.splitlines()]
    text = "\n\n".join(line for line in lines if line)
    return re.sub(r"^(#+|!!!)", r"\\\1", text, flags=re.MULTILINE)


def _fingerprint(archive: Path) -> str:
    stat = archive.stat()
    data = f"{archive.resolve()}:{stat.st_size}:{stat.st_mtime_ns}:{COLLECTION_VERSION}"
    return hashlib.sha256(data.encode()).hexdigest()[:12]


def ensure_collection(archive: Path, cache_root: Path = CACHE_ROOT) -> tuple[Path, list[Document]]:
    """The articles folder for `archive` (written when missing or stale) and its documents."""
    archive = Path(archive)
    if not archive.is_file():
        raise DatasetError(
            f"the MedQuAD archive {archive} does not exist; pass --archive "
            f"(a 300-document sample is in {SAMPLE_ARCHIVE.relative_to(REPO)})"
        )
    documents = read_documents(archive)
    folder = Path(cache_root) / f"medquad-{_fingerprint(archive)}"
    manifest = folder / MANIFEST
    if manifest.is_file():
        try:
            if json.loads(manifest.read_text(encoding="utf-8")).get("articles") == len(documents):
                return folder, documents
        except (OSError, ValueError):
            pass
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for document in documents:
        (folder / f"{document.key}.md").write_text(article_text(document), encoding="utf-8")
    manifest.write_text(
        json.dumps({"archive": str(archive), "articles": len(documents)}), encoding="utf-8"
    )
    return folder, documents


def write_sample(archive: Path, target: Path, count: int = 300, seed: int = 1) -> int:
    """Copy `count` documents of `archive` into a new archive of the same layout (for the
    test suite's smoke test): those that answer the hand-written lay questions first, the
    rest drawn with `seed`; plus the dataset's readme and licence. Returns how many."""
    import io
    import random
    import tomllib

    from bench.relevance_queries import LAY_FILE

    lay = tomllib.loads(LAY_FILE.read_text(encoding="utf-8"))
    wanted = {focus_key(name) for item in lay["question"] for name in item["answers"]}
    members: dict[str, tuple[tarfile.TarInfo, bytes]] = {}
    chosen: list[str] = []
    others: list[str] = []
    with tarfile.open(archive, "r|*") as tar:
        for member in tar:
            if not member.isfile():
                continue
            handle = tar.extractfile(member)
            data = handle.read() if handle is not None else b""
            members[member.name] = (member, data)
            if not member.name.endswith(".xml"):
                continue
            document = _document(member.name, data)
            if document is not None:
                (chosen if document.focus_key in wanted else others).append(member.name)
    rng = random.Random(seed)
    chosen = sorted(chosen)[: count // 2]
    chosen += rng.sample(sorted(others), count - len(chosen))
    extras = [name for name in members if name.endswith(("readme.txt", "LICENSE.txt"))]
    with tarfile.open(target, "w:xz") as out:
        for name in sorted(extras) + sorted(chosen):
            member, data = members[name]
            out.addfile(member, io.BytesIO(data))
    return len(chosen)
