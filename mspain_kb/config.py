"""Where the articles, the index and the settings live.

Order of precedence: command-line option, environment variable, then the user's own choice or
the default. The index is a cache, so by default it lives in the user's cache folder (never
inside the install, which may be read-only), in a sub-folder per articles folder so two
collections never share an index, and a collection on a network share is searched from this
computer's own copy of the index.

Articles: `--articles-dir`, else $MSPAIN_KB_ARTICLES, else the folder chosen in the window
(File › Choose articles folder…, kept in `collection.json` in the settings folder), else the
bundled articles.

Portable mode (a USB stick): in the packaged application, a file named `portable` beside the
executable (on macOS, beside the .app) keeps the settings and the index in `mspain-kb-data/`
next to it instead of the user's folders; a chosen articles folder on the same stick is
remembered relative to it, so a new drive letter changes nothing.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from mspain_kb.resources import bundled_dir

APP_DIR_NAME = "mspain-kb"
ENV_ARTICLES = "MSPAIN_KB_ARTICLES"
ENV_INDEX = "MSPAIN_KB_INDEX"
ENV_SETTINGS = "MSPAIN_KB_SETTINGS"
PORTABLE_MARKER = "portable"
PORTABLE_DATA_DIR = "mspain-kb-data"
CHOICE_FILE = "collection.json"


@dataclass(frozen=True)
class Paths:
    articles_dir: Path
    index_dir: Path
    resources_dir: Path
    settings_dir: Path
    problem: str = ""  # one line when the chosen articles folder could not be read


def portable_root() -> Path | None:
    """The folder holding the executable (the .app on macOS) when the packaged application
    runs in portable mode (a file named `portable` there); None otherwise."""
    if not getattr(sys, "frozen", False):
        return None
    folder = Path(sys.executable).resolve().parent
    contents = folder.parent
    if folder.name == "MacOS" and contents.name == "Contents" and contents.parent.suffix == ".app":
        folder = contents.parent.parent
    return folder if (folder / PORTABLE_MARKER).is_file() else None


def default_index_dir(articles_dir: Path, portable: Path | None = None) -> Path:
    """This computer's index of `articles_dir`: in the user's cache folder, or in portable
    mode in the data folder beside the executable."""
    articles = articles_dir.resolve()
    name = str(articles)
    if portable is not None:
        root = portable.resolve()
        if articles == root or root in articles.parents:
            name = articles.relative_to(root).as_posix()  # the same on any drive letter
    key = hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]
    if portable is not None:
        return portable / PORTABLE_DATA_DIR / "index" / key
    return Path(platformdirs.user_cache_dir(APP_DIR_NAME, appauthor=False)) / "index" / key


def default_settings_dir(portable: Path | None = None) -> Path:
    if portable is not None:
        return portable / PORTABLE_DATA_DIR / "settings"
    return Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False))


def resolve_paths(
    articles_dir: str | os.PathLike[str] | None = None,
    index_dir: str | os.PathLike[str] | None = None,
    env: Mapping[str, str] | None = None,
) -> Paths:
    """Work out every location from options, then environment, then choice and defaults."""
    env = os.environ if env is None else env
    portable = portable_root()
    settings = env.get(ENV_SETTINGS)
    settings_path = (
        Path(settings).expanduser().absolute() if settings else default_settings_dir(portable)
    )
    problem = ""
    articles = articles_dir or env.get(ENV_ARTICLES)
    if not articles:
        articles, problem = read_chosen_articles_dir(settings_path, portable)
    articles = Path(articles or bundled_dir("articles")).expanduser().absolute()
    index = index_dir or env.get(ENV_INDEX)
    index_path = (
        Path(index).expanduser().absolute() if index else default_index_dir(articles, portable)
    )
    return Paths(
        articles_dir=articles,
        index_dir=index_path,
        resources_dir=bundled_dir("resources"),
        settings_dir=settings_path,
        problem=problem,
    )


# --- the articles folder chosen in the window --------------------------------------------


def _choice_store(settings_dir: Path):
    from mspain_kb.core.user_data.json_store import JsonStore

    label, fallback = "the chosen articles folder", "the bundled articles are used"
    return JsonStore(Path(settings_dir) / CHOICE_FILE, label, fallback)


def _parse_choice(data: dict) -> str:
    folder = data.get("articles_dir")
    if not isinstance(folder, str) or not folder:
        raise TypeError("articles_dir is not a folder name")
    return folder


def read_chosen_articles_dir(settings_dir: Path, portable: Path | None = None):
    """(the chosen folder or None, a one-line problem or "")."""
    store = _choice_store(settings_dir)
    if not store.path.is_file():
        return None, ""
    folder = store.read(_parse_choice, "")
    if not folder:
        return None, store.problem
    path = Path(folder)
    if not path.is_absolute() and portable is not None:
        path = portable / path
    return path, ""


def save_chosen_articles_dir(
    settings_dir: Path, folder: Path | None, portable: Path | None = None
) -> str:
    """Remember `folder` for the next start (None: back to the bundled articles).
    Returns "" or a one-line problem."""
    store = _choice_store(settings_dir)
    if folder is None:
        store.delete()
        return store.problem
    path = Path(folder).absolute()
    text = str(path)
    if portable is not None and (portable.absolute() in path.parents):
        text = path.relative_to(portable.absolute()).as_posix()
    store.update(_parse_choice_or_empty, "", lambda _old: {"articles_dir": text})
    return store.problem


def _parse_choice_or_empty(data: dict) -> str:
    return _parse_choice(data) if "articles_dir" in data else ""
