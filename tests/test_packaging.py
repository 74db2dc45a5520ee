"""An installed wheel (not only a checkout) carries and finds the articles and resources."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
    )
    (built,) = out.glob("mspain_kb-*.whl")
    return built


def test_wheel_contains_articles_and_resources(wheel):
    """The wheel ships every article, the vocabulary, glossary, styles and icon."""
    names = set(zipfile.ZipFile(wheel).namelist())
    for article in (REPO / "articles").glob("*.md"):
        assert f"mspain_kb/_data/articles/{article.name}" in names
    for resource in (
        "topics.toml",
        "glossary.toml",
        "required_terms.txt",
        "styles/article.css",
        "icons/mspain-kb.svg",
    ):
        assert f"mspain_kb/_data/resources/{resource}" in names


def test_installed_wheel_searches_its_bundled_articles(wheel, tmp_path):
    """Installed away from the checkout, the command line finds and searches the articles."""
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    env = dict(os.environ, PYTHONPATH=str(target), MSPAIN_KB_INDEX=str(tmp_path / "index"))
    out = subprocess.run(
        [sys.executable, "-m", "mspain_kb", "search", "cramps", "--json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    hits = json.loads(out.stdout)["hits"]
    assert hits and hits[0]["id"] == "muscle-spasms-and-ms"
    assert str(target) in hits[0]["path"]  # the wheel's own copy, not the checkout's
