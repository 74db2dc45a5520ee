"""Where settings, index and articles live: portable mode of the packaged application, and the
articles folder chosen in the window (used by the command line too, unless an option wins)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from mspain_kb import cli
from mspain_kb.config import (
    CHOICE_FILE,
    PORTABLE_DATA_DIR,
    PORTABLE_MARKER,
    portable_root,
    resolve_paths,
    save_chosen_articles_dir,
)
from mspain_kb.resources import bundled_dir

FIXTURE_ARTICLES = Path(__file__).resolve().parent / "fixtures" / "articles"


@pytest.fixture
def no_location_variables(monkeypatch):
    """The conftest points settings and index at tmp_path; these tests need the defaults."""
    monkeypatch.delenv("MSPAIN_KB_SETTINGS")
    monkeypatch.delenv("MSPAIN_KB_INDEX")


def frozen_at(monkeypatch, folder: Path, name: str = "mspain-kb") -> Path:
    """Pretend to be the packaged application whose executable is in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    executable = folder / name
    executable.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(executable))
    return executable


def test_installed_application_keeps_settings_and_index_in_the_user_folders(
    monkeypatch, tmp_path, no_location_variables, isolated_user_dirs
):
    """Without the marker, nothing goes beside the executable: config and cache folders."""
    frozen_at(monkeypatch, tmp_path / "app")
    paths = resolve_paths()
    assert portable_root() is None
    assert paths.settings_dir == isolated_user_dirs / "config" / "mspain-kb"
    assert isolated_user_dirs / "cache" / "mspain-kb" in paths.index_dir.parents
    assert paths.articles_dir == bundled_dir("articles")


def test_portable_marker_keeps_settings_and_index_beside_the_executable(
    monkeypatch, tmp_path, no_location_variables
):
    app = tmp_path / "stick" / "mspain-kb"
    frozen_at(monkeypatch, app)
    (app / PORTABLE_MARKER).write_text("", encoding="utf-8")
    paths = resolve_paths(app / "articles")
    assert portable_root() == app.resolve()
    assert paths.settings_dir == app.resolve() / PORTABLE_DATA_DIR / "settings"
    assert app.resolve() / PORTABLE_DATA_DIR / "index" in paths.index_dir.parents


def test_portable_index_is_found_again_when_the_stick_gets_another_drive_letter(
    monkeypatch, tmp_path, no_location_variables
):
    """The index key of a collection on the stick does not depend on where it is mounted."""
    keys = []
    for mount in ("E", "F"):
        app = tmp_path / mount / "mspain-kb"
        frozen_at(monkeypatch, app)
        (app / PORTABLE_MARKER).write_text("", encoding="utf-8")
        (app / "articles").mkdir()
        keys.append(resolve_paths(app / "articles").index_dir.name)
    assert keys[0] == keys[1]
    elsewhere = resolve_paths(tmp_path / "shared-articles").index_dir.name
    assert elsewhere != keys[0]


def test_macos_app_looks_for_the_marker_beside_the_app(monkeypatch, tmp_path):
    folder = tmp_path / "USB"
    frozen_at(monkeypatch, folder / "MS Pain KB.app" / "Contents" / "MacOS", "mspain-kb-gui")
    assert portable_root() is None
    (folder / PORTABLE_MARKER).write_text("", encoding="utf-8")
    assert portable_root() == folder.resolve()


def test_marker_is_ignored_when_running_from_source(monkeypatch, tmp_path):
    """A file named `portable` beside the Python interpreter means nothing."""
    frozen_at(monkeypatch, tmp_path / "venv" / "bin", "python")
    (tmp_path / "venv" / "bin" / PORTABLE_MARKER).write_text("", encoding="utf-8")
    monkeypatch.setattr(sys, "frozen", False)
    assert portable_root() is None


def test_environment_variables_win_over_portable_mode(monkeypatch, tmp_path):
    app = tmp_path / "stick"
    frozen_at(monkeypatch, app)
    (app / PORTABLE_MARKER).write_text("", encoding="utf-8")
    monkeypatch.setenv("MSPAIN_KB_SETTINGS", str(tmp_path / "elsewhere"))
    assert resolve_paths().settings_dir == tmp_path / "elsewhere"


def test_chosen_folder_is_used_until_an_option_or_variable_names_another(
    monkeypatch, tmp_path, isolated_user_dirs
):
    settings = isolated_user_dirs / "settings"
    shared = tmp_path / "clinic-share"
    shared.mkdir()
    assert save_chosen_articles_dir(settings, shared) == ""
    assert json.loads((settings / CHOICE_FILE).read_text("utf-8"))["articles_dir"] == str(shared)
    assert resolve_paths().articles_dir == shared
    assert resolve_paths(tmp_path / "option").articles_dir == tmp_path / "option"
    monkeypatch.setenv("MSPAIN_KB_ARTICLES", str(tmp_path / "variable"))
    assert resolve_paths().articles_dir == tmp_path / "variable"
    monkeypatch.delenv("MSPAIN_KB_ARTICLES")
    assert save_chosen_articles_dir(settings, None) == ""
    assert resolve_paths().articles_dir == bundled_dir("articles")
    assert not (settings / CHOICE_FILE).exists()


def test_chosen_folder_on_the_stick_is_remembered_relative_to_it(
    monkeypatch, tmp_path, no_location_variables
):
    app = tmp_path / "E" / "mspain-kb"
    frozen_at(monkeypatch, app)
    (app / PORTABLE_MARKER).write_text("", encoding="utf-8")
    (app / "our-leaflets").mkdir()
    settings = resolve_paths().settings_dir
    save_chosen_articles_dir(settings, app / "our-leaflets", portable_root())
    stored = json.loads((settings / CHOICE_FILE).read_text("utf-8"))["articles_dir"]
    assert stored == "our-leaflets"
    moved = tmp_path / "F" / "mspain-kb"
    shutil.move(app, moved)
    frozen_at(monkeypatch, moved)
    assert resolve_paths().articles_dir == moved.resolve() / "our-leaflets"


def test_damaged_choice_falls_back_to_the_bundled_articles_and_says_so(capsys, isolated_user_dirs):
    settings = isolated_user_dirs / "settings"
    settings.mkdir()
    (settings / CHOICE_FILE).write_text("{not json", encoding="utf-8")
    paths = resolve_paths()
    assert paths.articles_dir == bundled_dir("articles")
    assert paths.problem.startswith("The chosen articles folder could not be read")
    assert (settings / "collection.damaged.json").exists()


def test_command_line_searches_the_chosen_folder(capsys, isolated_user_dirs):
    save_chosen_articles_dir(isolated_user_dirs / "settings", FIXTURE_ARTICLES)
    assert cli.main(["search", "cramps", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert hits and all(Path(hit["path"]).parent == FIXTURE_ARTICLES for hit in hits)
    assert cli.main(["--articles-dir", str(bundled_dir("articles")), "search", "cramps"]) == 0
    assert "muscle-spasms-and-ms" in capsys.readouterr().out
