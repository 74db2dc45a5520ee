"""Where the articles, the index and the settings live.

Order of precedence: command-line option, environment variable, default. The index is a
cache, so by default it lives in the user's cache folder (never inside the install, which may
be read-only), in a sub-folder per articles folder so two collections never share an index.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from mspain_kb.resources import bundled_dir

APP_DIR_NAME = "mspain-kb"
ENV_ARTICLES = "MSPAIN_KB_ARTICLES"
ENV_INDEX = "MSPAIN_KB_INDEX"
ENV_SETTINGS = "MSPAIN_KB_SETTINGS"


@dataclass(frozen=True)
class Paths:
    articles_dir: Path
    index_dir: Path
    resources_dir: Path
    settings_dir: Path


def default_index_dir(articles_dir: Path) -> Path:
    key = hashlib.sha256(str(articles_dir.resolve()).encode("utf-8")).hexdigest()[:12]
    return Path(platformdirs.user_cache_dir(APP_DIR_NAME, appauthor=False)) / "index" / key


def resolve_paths(
    articles_dir: str | os.PathLike[str] | None = None,
    index_dir: str | os.PathLike[str] | None = None,
    env: Mapping[str, str] | None = None,
) -> Paths:
    """Work out every location from options, then environment, then defaults."""
    env = os.environ if env is None else env
    articles = Path(articles_dir or env.get(ENV_ARTICLES) or bundled_dir("articles"))
    articles = articles.expanduser().absolute()
    index = index_dir or env.get(ENV_INDEX)
    index_path = Path(index).expanduser().absolute() if index else default_index_dir(articles)
    settings = env.get(ENV_SETTINGS)
    settings_path = (
        Path(settings).expanduser().absolute()
        if settings
        else Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False))
    )
    return Paths(
        articles_dir=articles,
        index_dir=index_path,
        resources_dir=bundled_dir("resources"),
        settings_dir=settings_path,
    )
