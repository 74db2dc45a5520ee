"""A semantic signal for the relevance benchmark: static word embeddings fused with the app.

WordLlama (`pip install wordllama`, MIT) ships 256-dimension static token embeddings in its
wheel. Each article (title and ranked text) becomes the average of its tokens' vectors; a
query likewise; cosine similarity says how close they are in meaning, with no word in
common needed. The fused score is 70% the app's own score and 30% the cosine, each min-max
normalised over the collection (the app's score is 0 for articles it did not return).

Offline by construction: `WordLlama.load()` looks for its tokenizer under a folder name its
wheel does not use and then downloads it, so the wheel's own tokenizer file is copied into
a cache folder beside the index and the load runs with downloads disabled and every socket
connection refused. Article vectors are kept beside the index (`embeddings.npz`) and
rebuilt when the articles change; nothing is ever fetched.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import socket
import time
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from bench.relevance_systems import AppSearch, _articles

SHARE = 0.3  # the cosine's part of the fused score
CANDIDATES = 100  # the app's best articles that keep their score (the rest count as 0)
MAX_CHARS = 4000  # text embedded per article (the tokenizer truncates long inputs anyway)


class NetworkUsed(RuntimeError):
    """Something tried to open a network connection while the model loaded."""


@contextmanager
def no_network():
    """Refuse every socket connection inside the block (and say who tried)."""
    original = socket.socket.connect

    def refuse(self, address):
        raise NetworkUsed(f"a network connection to {address!r} was attempted")

    socket.socket.connect = refuse
    try:
        yield
    finally:
        socket.socket.connect = original


def load_model(cache: Path):
    """WordLlama's packaged model, loaded with downloads disabled and the network refused."""
    import wordllama
    from wordllama import WordLlama

    package = Path(wordllama.__file__).parent
    tokenizers = cache / "tokenizers"
    tokenizers.mkdir(parents=True, exist_ok=True)
    for source in (package / "tokenizers").glob("*.json"):
        target = tokenizers / source.name
        if not target.exists():
            shutil.copyfile(source, target)
    with no_network():
        return WordLlama.load(cache_dir=cache, disable_download=True)


def install_mb() -> float:
    """Disk space of wordllama and the packages it brings beyond the app's own."""
    from importlib import metadata

    own = {"numpy", "filelock", "charset-normalizer", "typing-extensions", "packaging"}
    seen: set[str] = set()
    todo = ["wordllama"]
    total = 0
    while todo:
        name = todo.pop()
        key = name.lower().replace("_", "-")
        if key in seen or key in own:
            continue
        seen.add(key)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        for file in dist.files or ():
            path = Path(dist.locate_file(file))
            if path.is_file():
                total += path.stat().st_size
        for requirement in dist.requires or ():
            if "extra ==" not in requirement:
                todo.append(re.match(r"[A-Za-z0-9._-]+", requirement).group(0))
    return round(total / 1e6, 1)


class EmbeddingFusion:
    name = "app+embeddings"

    def __init__(self, articles_dir: Path, work_dir: Path, app: AppSearch | None = None):
        started = time.perf_counter()
        self.app = app or AppSearch(articles_dir, work_dir)
        self.model = load_model(work_dir / "wordllama")
        self.load_s = round(time.perf_counter() - started, 2)
        started = time.perf_counter()
        self.ids, self.vectors = self._article_vectors(articles_dir, work_dir / "app-index")
        self.embed_s = round(time.perf_counter() - started, 2)
        self.position = {article_id: n for n, article_id in enumerate(self.ids)}

    def _article_vectors(self, articles_dir: Path, index_dir: Path):
        """Article vectors from the cache beside the index, or computed and kept there."""
        articles = list(_articles(articles_dir))
        stamp = hashlib.sha256()
        for article in articles:
            stat = article.path.stat()
            stamp.update(f"{article.id}:{stat.st_mtime_ns}:{stat.st_size};".encode())
        cache = index_dir / "embeddings.npz"
        if cache.exists():
            saved = np.load(cache)
            if str(saved["stamp"]) == stamp.hexdigest():
                return [str(i) for i in saved["ids"]], saved["vectors"]
        texts = [f"{a.title}\n{a.ranked_text()[:MAX_CHARS]}" for a in articles]
        vectors = self.model.embed(texts, norm=True).astype(np.float32)
        ids = [a.id for a in articles]
        index_dir.mkdir(parents=True, exist_ok=True)
        np.savez(cache, ids=np.array(ids), vectors=vectors, stamp=np.array(stamp.hexdigest()))
        return ids, vectors

    def figures(self) -> dict:
        """Load and embedding times, and what the package costs on disk."""
        return {"load_s": self.load_s, "embed_articles_s": self.embed_s, "install_mb": install_mb()}

    def search(self, text: str, limit: int = 10) -> list[str]:
        query = self.model.embed([text], norm=True)[0]
        cosine = self.vectors @ query
        low, high = float(cosine.min()), float(cosine.max())
        fused = SHARE * (cosine - low) / ((high - low) or 1.0)
        result = self.app.search_service.search(text, limit=CANDIDATES, snippets=False)
        best = max((hit.score for hit in result.hits), default=0.0) or 1.0
        for hit in result.hits:
            fused[self.position[hit.id]] += (1 - SHARE) * hit.score / best
        order = np.argsort(-fused, kind="stable")[:limit]
        return [self.ids[i] for i in order]

    def close(self) -> None:
        pass  # the app system it shares is closed on its own
