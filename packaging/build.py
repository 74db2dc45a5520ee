"""Build the application bundle: `python3 run.py bundle [--deb] [--dist DIR] [--work DIR]`.

Runs in the build environment `.venv-bundle/` (the project with its `speech` and `bundle`
extras, PyInstaller pinned), which run.py creates. Makes, in the dist folder:

- `mspain-kb/`: the one-folder application (every system; on macOS also `MS Pain KB.app`);
- on Linux, `mspain-kb-VERSION-linux-ARCH.tar.xz`, and with --deb `mspain-kb_VERSION_ARCH.deb`.

Each system builds only for itself: the Windows folder (and its installer, from
packaging/windows/mspain-kb.iss) is made on Windows, the .app on macOS.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))

import bundle_contents  # noqa: E402
import linux_packages  # noqa: E402

SPEC = ROOT / "packaging" / "mspain-kb.spec"
ICON = ROOT / "resources" / "icons" / "mspain-kb.svg"


def folder_size(folder: Path) -> int:
    """Bytes on disk once unpacked (links counted as links)."""
    return sum(path.lstat().st_size for path in folder.rglob("*") if not path.is_dir())


def megabytes(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


def build(dist: Path, work: Path, deb: bool) -> dict[str, Path]:
    import PyInstaller.__main__

    started = time.perf_counter()
    PyInstaller.__main__.run(
        [
            str(SPEC),
            "--noconfirm",
            "--log-level=WARN",
            f"--distpath={dist}",
            f"--workpath={work}",
        ]
    )
    bundle = dist / "mspain-kb"
    made = {"folder": bundle}
    print(f"Built {bundle} in {time.perf_counter() - started:.0f} s: ", end="")
    print(f"{megabytes(folder_size(bundle))} unpacked")
    if sys.platform.startswith("linux"):
        version = bundle_contents.app_version(ROOT)
        machine = platform.machine()
        tarball = dist / f"mspain-kb-{version}-linux-{machine}.tar.xz"
        linux_packages.make_tarball(bundle, tarball, f"mspain-kb-{version}")
        made["tarball"] = tarball
        print(f"Built {tarball}: {megabytes(tarball.stat().st_size)}")
        if deb:
            package = linux_packages.make_deb(bundle, ICON, dist, version, work)
            made["deb"] = package
            print(f"Built {package}: {megabytes(package.stat().st_size)}")
    elif deb:
        print("A .deb can only be made on Debian or Ubuntu.", file=sys.stderr)
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run.py bundle", description=__doc__.split("\n")[0])
    parser.add_argument("--deb", action="store_true", help="also make a .deb (Linux)")
    parser.add_argument("--dist", default=str(ROOT / "dist"), help="output folder (dist/)")
    parser.add_argument(
        "--work", default=str(ROOT / "build" / "bundle"), help="PyInstaller's work folder"
    )
    args = parser.parse_args(argv)
    try:
        build(Path(args.dist).absolute(), Path(args.work).absolute(), args.deb)
    except linux_packages.PackagingError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
