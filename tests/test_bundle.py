"""The packaged application, built once with `python3 run.py bundle --deb` and used as on a
clinic PC: no Python, an empty home folder, a read-only install, a USB stick (portable mode);
then the .deb installed, the window started on a virtual screen (Xvfb), a search typed, and the
package removed.

Marked `bundle` (a PyInstaller build takes a few minutes): `python3 run.py test -m bundle`;
.ci/run includes them.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

from bench.bundle import virtual_screen
from mspain_kb import __version__

pytestmark = pytest.mark.bundle

REPO = Path(__file__).resolve().parent.parent
BUILD_ENV = dict(os.environ)  # as it was before the tests point HOME at temporary folders
LINUX = sys.platform.startswith("linux")
EXE = ".exe" if sys.platform == "win32" else ""
BUNDLED_IDS = {path.stem for path in (REPO / "articles").glob("*.md")}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """The bundle, tarball and .deb, made by the README's command (one PyInstaller run)."""
    out = tmp_path_factory.mktemp("bundle")
    command = [sys.executable, str(REPO / "run.py"), "bundle", "--dist", str(out / "dist")]
    command += ["--work", str(out / "work")]
    if LINUX and shutil.which("dpkg-deb"):
        command.append("--deb")
    result = subprocess.run(
        command, cwd=REPO, env=BUILD_ENV, capture_output=True, text=True, timeout=3600
    )
    print(result.stdout[-3000:])  # the sizes, shown with -s
    assert result.returncode == 0, result.stderr[-5000:]
    dist = out / "dist"
    made = {"folder": dist / "mspain-kb"}
    for kind, pattern in (("tarball", "*.tar.xz"), ("deb", "*.deb")):
        made.update((kind, path) for path in dist.glob(pattern))
    return made


def clinic_env(home: Path, **extra: str) -> dict[str, str]:
    """An empty home folder and a PATH on which no Python can be found."""
    home.mkdir(parents=True, exist_ok=True)
    no_python = home.parent / "bin-without-python"
    no_python.mkdir(exist_ok=True)
    env = {"HOME": str(home), "PATH": str(no_python), "LANG": "C.UTF-8", **extra}
    for name in ("python3", "python", "python3.11"):
        assert shutil.which(name, path=env["PATH"]) is None
    return env


def run_app(executable: Path, *args: str, env: dict[str, str], cwd: Path, timeout: float = 120):
    result = subprocess.run(
        [str(executable), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"{executable.name} {args}: {result.stderr[-3000:]}"
    return result


def searched_pins_and_needles(output: str, articles: Path) -> None:
    hits = json.loads(output)["hits"]
    assert hits and {hit["id"] for hit in hits} <= BUNDLED_IDS
    assert all(Path(hit["path"]).parent == articles for hit in hits)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def distinct_colours(path: Path) -> int:
    """Colours on a 40x40 grid of the picture: a blank or one-colour screen has one or two."""
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    assert not image.isNull()
    return len(
        {
            image.pixel(x * image.width() // 40, y * image.height() // 40)
            for x in range(40)
            for y in range(40)
        }
    )


def snapshot(folder: Path) -> dict[str, tuple]:
    return {
        str(path.relative_to(folder)): (path.lstat().st_size, path.lstat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
    }


def set_writable(folder: Path, writable: bool) -> None:
    for path in [folder, *folder.rglob("*")]:
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        path.chmod(mode | stat.S_IWUSR if writable else mode & ~0o222)


def test_bundle_holds_the_app_and_only_the_qt_parts_it_needs(built):
    internal = built["folder"] / "_internal"
    assert (built["folder"] / f"mspain-kb{EXE}").is_file()
    assert (built["folder"] / f"mspain-kb-gui{EXE}").exists()
    assert {path.stem for path in (internal / "articles").glob("*.md")} == BUNDLED_IDS
    for resource in ("glossary.toml", "topics.toml", "body_map.svg", "fonts/DejaVuSans.ttf"):
        assert (internal / "resources" / resource).is_file()
    word_lists = {path.name for path in (internal / "spellchecker" / "resources").iterdir()}
    assert word_lists == {"en.json.gz"}

    qt = internal / "PySide6" / "Qt" if LINUX else internal / "PySide6"
    plugins = {
        folder.name: sorted(path.name for path in folder.iterdir())
        for folder in (qt / "plugins").iterdir()
    }
    print(json.dumps(plugins, indent=1))
    if LINUX:
        assert plugins["platforms"] == ["libqoffscreen.so", "libqxcb.so"]
        assert plugins["imageformats"] == ["libqsvg.so"]
        assert plugins["iconengines"] == ["libqsvgicon.so"]
        assert plugins["printsupport"] == ["libcupsprintersupport.so"]
        assert plugins["texttospeech"] == ["libqtexttospeech_speechd.so"]
        assert "libqgtk3.so" not in plugins.get("platformthemes", [])
    assert not {"multimedia", "tls", "sqldrivers", "qmltooling", "egldeviceintegrations"} & set(
        plugins
    )
    assert not (qt / "translations").exists()
    names = [path.name for path in internal.rglob("*")]
    for unwanted in ("Qt6Quick", "Qt6Qml", "Qt6Pdf", "WebEngine", "libavcodec", "libssl"):
        assert not [name for name in names if unwanted in name], unwanted


@pytest.mark.skipif(not LINUX, reason="the Linux bundle's programs are run here")
def test_runs_without_python_from_a_read_only_copy_writing_nothing_there(built, tmp_path):
    """Search and a screenshot of the window work from a read-only folder with an empty home;
    the index goes to the user's cache folder and nothing is written beside the program."""
    install = tmp_path / "install" / "mspain-kb"
    shutil.copytree(built["folder"], install, symlinks=True)
    set_writable(install, False)
    before = snapshot(install)
    home = tmp_path / "home"
    env = clinic_env(home)
    try:
        started = time.perf_counter()
        result = run_app(
            install / "mspain-kb", "search", "pins and needles", "--json", env=env, cwd=tmp_path
        )
        first_search = time.perf_counter() - started
        searched_pins_and_needles(result.stdout, install / "_internal" / "articles")
        shot = tmp_path / "window.png"
        started = time.perf_counter()
        run_app(install / "mspain-kb-gui", "gui", "--screenshot", str(shot), env=env, cwd=tmp_path)
        screenshot = time.perf_counter() - started
    finally:
        set_writable(install, True)
    print(f"first search from an empty home: {first_search:.2f} s; screenshot: {screenshot:.2f} s")
    assert png_size(shot) == (1280, 800)
    assert distinct_colours(shot) > 20
    assert list((home / ".cache" / "mspain-kb" / "index").glob("*/CURRENT"))
    assert snapshot(install) == before


@pytest.mark.skipif(not LINUX, reason="the Linux bundle's programs are run here")
def test_portable_mode_keeps_the_index_beside_the_program(built, tmp_path):
    stick = tmp_path / "stick" / "mspain-kb"
    shutil.copytree(built["folder"], stick, symlinks=True)
    (stick / "portable").write_text("", encoding="utf-8")
    home = tmp_path / "home"
    result = run_app(
        stick / "mspain-kb",
        "search",
        "pins and needles",
        "--json",
        env=clinic_env(home),
        cwd=tmp_path,
    )
    searched_pins_and_needles(result.stdout, stick / "_internal" / "articles")
    assert list((stick / "mspain-kb-data" / "index").glob("*/CURRENT"))
    assert not (home / ".cache" / "mspain-kb").exists()


@pytest.mark.skipif(not LINUX, reason="the tarball is made on Linux")
def test_tarball_unpacks_to_a_working_folder(built, tmp_path):
    tarball = built["tarball"]
    assert tarball.name == f"mspain-kb-{__version__}-linux-x86_64.tar.xz"
    top = f"mspain-kb-{__version__}"
    with tarfile.open(tarball) as archive:
        members = {member.name: member for member in archive.getmembers()}
        assert members[f"{top}/mspain-kb"].mode == 0o755
        gui = members[f"{top}/mspain-kb-gui"]
        assert gui.issym() and gui.linkname == "mspain-kb"
        archive.extractall(tmp_path, filter="tar")
    result = run_app(
        tmp_path / top / "mspain-kb", "--version", env=clinic_env(tmp_path / "home"), cwd=tmp_path
    )
    assert result.stdout.strip() == f"mspain-kb {__version__}"


@pytest.mark.skipif(not (LINUX and shutil.which("dpkg-deb")), reason="needs Debian's dpkg-deb")
def test_deb_installs_under_opt_with_a_menu_entry_and_its_libraries_as_dependencies(built):
    deb = built["deb"]
    fields = subprocess.run(
        ["dpkg-deb", "--field", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    control = dict(line.split(": ", 1) for line in fields.splitlines() if ": " in line)
    assert control["Package"] == "mspain-kb" and control["Version"] == __version__
    depends = [item.strip() for item in control["Depends"].split(",")]
    for package in ("libxcb-cursor0", "libxcb-icccm4", "libxkbcommon-x11-0", "libgl1", "libcups2"):
        assert package in depends
    assert any(item.startswith("libc6 (>= ") for item in depends)
    assert "speech-dispatcher" in control["Recommends"]
    listing = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    for path in (
        "./opt/mspain-kb/mspain-kb",
        "./opt/mspain-kb/mspain-kb-gui -> mspain-kb",
        "./usr/bin/mspain-kb -> /opt/mspain-kb/mspain-kb",
        "./usr/share/applications/mspain-kb.desktop",
        "./usr/share/icons/hicolor/scalable/apps/mspain-kb.svg",
    ):
        assert path in listing


def wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"waited {seconds:.0f} s for {what}")


def recent(history: Path) -> dict:
    try:
        return json.loads(history.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


DEB_TOOLS = ("dpkg", "Xvfb", "xdotool", "import")
CAN_INSTALL = LINUX and hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.mark.skipif(not CAN_INSTALL, reason="installing a .deb needs root (CI runs as root)")
@pytest.mark.skipif(
    not all(shutil.which(tool) for tool in DEB_TOOLS),
    reason=f"needs {', '.join(DEB_TOOLS)} (.ci/run installs them)",
)
def test_installed_deb_searches_and_opens_its_window_then_removes_cleanly(built, tmp_path):
    """dpkg -i; search with /usr/bin/mspain-kb; start the window from the menu entry's command
    on a virtual screen, type a search and press Enter; dpkg -r."""
    already = subprocess.run(["dpkg", "-s", "mspain-kb"], capture_output=True, check=False)
    if already.returncode == 0:
        pytest.skip("mspain-kb is installed on this computer; the test leaves it alone")
    installed = subprocess.run(
        ["dpkg", "-i", str(built["deb"])], capture_output=True, text=True, check=False
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    try:
        home = tmp_path / "home"
        env = clinic_env(home)
        assert os.readlink("/usr/bin/mspain-kb") == "/opt/mspain-kb/mspain-kb"
        result = run_app(
            Path("/usr/bin/mspain-kb"),
            "search",
            "pins and needles",
            "--json",
            env=env,
            cwd=tmp_path,
        )
        searched_pins_and_needles(result.stdout, Path("/opt/mspain-kb/_internal/articles"))
        desktop = Path("/usr/share/applications/mspain-kb.desktop").read_text(encoding="utf-8")
        command = next(line[5:] for line in desktop.splitlines() if line.startswith("Exec="))
        history = home / ".config" / "mspain-kb" / "history.json"
        shot = tmp_path / "installed.png"
        with virtual_screen() as display:
            screen = {"DISPLAY": display, "PATH": BUILD_ENV.get("PATH", "/usr/bin:/bin")}
            app = subprocess.Popen(
                [command],
                env={**env, "DISPLAY": display},
                cwd=tmp_path,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            try:
                found = subprocess.run(
                    ["xdotool", "search", "--sync", "--onlyvisible", "--name", "MS Pain KB"],
                    env=screen,
                    capture_output=True,
                    text=True,
                    timeout=60,
                    check=True,
                )
                window = found.stdout.split()[0]
                subprocess.run(["xdotool", "windowfocus", "--sync", window], env=screen, check=True)
                subprocess.run(
                    ["xdotool", "type", "--delay", "40", "pins and needles"], env=screen, check=True
                )
                time.sleep(0.5)
                subprocess.run(["xdotool", "key", "Return"], env=screen, check=True)
                lists = wait_for(
                    lambda: (lambda h: h if h.get("articles") else None)(recent(history)),
                    30,
                    "the search and the article it opened to be in the history",
                )
                time.sleep(1)  # let the article finish drawing
                subprocess.run(["import", "-window", "root", str(shot)], env=screen, check=True)
                subprocess.run(["xdotool", "key", "ctrl+q"], env=screen, check=True)
                assert app.wait(timeout=30) == 0
            finally:
                if app.poll() is None:
                    app.kill()
                    app.wait()
        assert [entry["text"] for entry in lists["searches"]][:1] == ["pins and needles"]
        assert lists["articles"][0]["id"] in BUNDLED_IDS
        assert png_size(shot) == (1280, 800)
        assert distinct_colours(shot) > 20
    finally:
        removed = subprocess.run(["dpkg", "-r", "mspain-kb"], capture_output=True, text=True)
    assert removed.returncode == 0, removed.stdout + removed.stderr
    assert not Path("/opt/mspain-kb").exists() and not os.path.lexists("/usr/bin/mspain-kb")
