"""The Linux tarball and .deb, made from the one-folder bundle (standard library only).

The .deb installs the folder to /opt/mspain-kb, links /usr/bin/mspain-kb to the command line,
and adds a desktop entry and the icon. Its Depends are worked out from the bundle itself:
every system library a program or library in it links (ELF DT_NEEDED, read with `readelf`),
found with `ldconfig -p` and traced to its package with `dpkg-query -S`, so a library the app
needs can never be missing from the list. Libraries that only the read-aloud plugin links
(Speech Dispatcher's client) are Recommends, with the speech daemon and a voice: without them
the app runs and says what to install.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

PACKAGE = "mspain-kb"
INSTALL_DIR = "opt/mspain-kb"
DESCRIPTION = """\
Offline knowledge base on multiple sclerosis pain
 Type a symptom in your own words ("pins and needles", "stiff legs at night") and
 find the articles that explain it; read them beside a plain-language glossary of
 the medical terms, and print large-print handouts. Runs with no internet."""
DESKTOP_ENTRY = """\
[Desktop Entry]
Type=Application
Name=MS Pain KB
GenericName=MS pain knowledge base
Comment=Find articles on multiple sclerosis pain by symptom, with a glossary and handouts
Exec=/{install_dir}/mspain-kb-gui
Icon=mspain-kb
Terminal=false
Categories=Education;Science;MedicalSoftware;
Keywords=multiple sclerosis;MS;pain;symptom;glossary;handout;
StartupWMClass=mspain-kb-gui
"""
# Plugin folders whose system libraries are recommended, not required.
OPTIONAL_PLUGINS = ("texttospeech",)
SPEECH_RECOMMENDS = ("speech-dispatcher", "speech-dispatcher-espeak-ng")


class PackagingError(Exception):
    """A .deb cannot be made here, said in one line."""


def make_tarball(bundle: Path, target: Path, top: str) -> Path:
    """`bundle` as `top/...` in a .tar.xz (links kept as links). xz, as the .deb uses: about
    30% smaller than gzip -9 for this bundle, and every Linux `tar xf` unpacks it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(target, "w:xz", preset=6) as archive:
        archive.add(bundle, arcname=top, filter=_normalise)
    return target


def _normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    if info.isfile() or info.isdir():
        info.mode = 0o755 if info.isdir() or info.mode & 0o111 else 0o644
    return info


# --- which system packages the bundle needs ------------------------------------------------


def is_elf(path: Path) -> bool:
    try:
        with open(path, "rb") as stream:
            return stream.read(4) == b"\x7fELF"
    except OSError:
        return False


def needed_libraries(path: Path) -> list[str]:
    """The DT_NEEDED entries of an ELF file."""
    output = subprocess.run(
        ["readelf", "-d", "-W", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", output)


def system_library_paths() -> dict[str, str]:
    """{soname: path} of the libraries the dynamic linker knows (this architecture)."""
    output = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    found: dict[str, str] = {}
    for name, flags, path in re.findall(r"^\s*(\S+) \(([^)]*)\) => (\S+)$", output, re.M):
        if "x86-64" in flags or "64bit" in flags or not found.get(name):
            found.setdefault(name, path)
    return found


def package_of(path: str) -> str:
    """The installed package that holds a library file (merged /usr handled)."""
    candidates = [path, os.path.realpath(path)]
    for candidate in list(candidates):
        if candidate.startswith("/lib"):
            candidates.append("/usr" + candidate)
        elif candidate.startswith("/usr/lib"):
            candidates.append(candidate.removeprefix("/usr"))
    for candidate in dict.fromkeys(candidates):
        result = subprocess.run(
            ["dpkg-query", "-S", candidate], capture_output=True, text=True, check=False
        )
        if result.returncode == 0:
            return result.stdout.split(":", 1)[0].split(",")[0].strip()
    raise PackagingError(f"no installed package holds {path}")


def system_dependencies(bundle: Path) -> tuple[list[str], list[str]]:
    """(packages every part of the bundle needs, packages only optional plugins need)."""
    inside = {entry.name for entry in bundle.rglob("*")}
    required: set[str] = set()
    optional: set[str] = set()
    for path in sorted(bundle.rglob("*")):
        if path.is_symlink() or not path.is_file() or not is_elf(path):
            continue
        wanted = optional if any(part in OPTIONAL_PLUGINS for part in path.parts) else required
        wanted.update(name for name in needed_libraries(path) if name not in inside)
    known = system_library_paths()
    missing = sorted((required | optional) - set(known) - {"ld-linux-x86-64.so.2"})
    if missing:
        raise PackagingError(
            "these libraries are not installed on the build machine, so the .deb cannot name "
            f"their packages: {', '.join(missing)} (install them, then build again)"
        )
    packages = {name: package_of(known[name]) for name in (required | optional) if name in known}
    needed = {packages[name] for name in required if name in packages}
    recommended = {packages[name] for name in optional if name in packages} - needed
    return sorted(needed), sorted(recommended)


def glibc_version() -> str:
    name = os.confstr("CS_GNU_LIBC_VERSION") or ""
    return name.split()[-1] if name.startswith("glibc") else ""


def debian_architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


# --- the .deb --------------------------------------------------------------------------------


def make_deb(bundle: Path, icon: Path, target_dir: Path, version: str, work: Path) -> Path:
    """Build `mspain-kb_VERSION_ARCH.deb` in `target_dir` with dpkg-deb; return its path."""
    for tool in ("dpkg-deb", "dpkg-query", "readelf", "ldconfig"):
        if shutil.which(tool) is None:
            raise PackagingError(f"{tool} is needed to make the .deb (Debian: dpkg, binutils)")
    depends, recommends = system_dependencies(bundle)
    glibc = glibc_version()
    depends = [f"libc6 (>= {glibc})" if name == "libc6" and glibc else name for name in depends]
    recommends = [*recommends, *SPEECH_RECOMMENDS]

    root = work / "deb-root"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(bundle, root / INSTALL_DIR, symlinks=True)
    (root / "usr/bin").mkdir(parents=True)
    (root / "usr/bin" / PACKAGE).symlink_to(f"/{INSTALL_DIR}/mspain-kb")
    applications = root / "usr/share/applications"
    applications.mkdir(parents=True)
    (applications / f"{PACKAGE}.desktop").write_text(
        DESKTOP_ENTRY.format(install_dir=INSTALL_DIR), encoding="utf-8"
    )
    icons = root / "usr/share/icons/hicolor/scalable/apps"
    icons.mkdir(parents=True)
    shutil.copyfile(icon, icons / f"{PACKAGE}.svg")
    _fix_modes(root)

    size_kib = (
        sum(path.lstat().st_size for path in root.rglob("*") if not path.is_dir()) // 1024 + 1
    )
    control = root / "DEBIAN"
    control.mkdir()
    (control / "control").write_text(
        f"Package: {PACKAGE}\n"
        f"Version: {version}\n"
        f"Architecture: {debian_architecture()}\n"
        "Maintainer: MS Pain KB <mspain-kb@invalid>\n"
        f"Installed-Size: {size_kib}\n"
        f"Depends: {', '.join(depends)}\n"
        f"Recommends: {', '.join(recommends)}\n"
        "Section: science\n"
        "Priority: optional\n"
        f"Description: {DESCRIPTION}\n",
        encoding="utf-8",
    )
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"{PACKAGE}_{version}_{debian_architecture()}.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(target)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    shutil.rmtree(root)
    return target


def _fix_modes(root: Path) -> None:
    """Folders and programs 0755, other files 0644, whatever the build machine's umask."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir() or path.stat().st_mode & 0o111:
            path.chmod(0o755)
        else:
            path.chmod(0o644)


def read_control(deb: Path) -> dict[str, str]:
    """The control fields of a .deb (for checks)."""
    output = subprocess.run(
        ["dpkg-deb", "--field", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    return dict(re.findall(r"^(\S+): (.*(?:\n .*)*)", output, re.M))
