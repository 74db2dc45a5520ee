"""`python -m bench bundle [--dist dist]`: the packaged application's size and start-up,
beside the same app run from source (the project's .venv) in the same run.

Build first with `python3 run.py bundle --deb`. Figures (each the median of --repeats runs,
every run from a new, empty home folder unless said "warm"):

- size of the folder unpacked, the .tar.xz and the .deb;
- start to window on screen: from starting the program to its window being mapped on a
  virtual X screen (Xvfb; polled every 50 ms), with an empty home (the index is then built in
  the background) and warm (second start, index ready);
- first search: `mspain-kb search "pins and needles" --json` from an empty home (builds the
  index of the four bundled articles first), and warm;
- screenshot: `mspain-kb gui --screenshot` (window drawn off screen, index built, saved).

Needs Linux with Xvfb and xdotool.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
QUERY = "pins and needles"


@contextlib.contextmanager
def virtual_screen(size: str = "1280x800x24"):
    """A fresh Xvfb display; yields its name (":N"). The bundle tests use it too."""
    # A display number of our own, away from :0 and the low numbers other programs use.
    number = next(
        n for n in random.sample(range(200, 900), 700) if not Path(f"/tmp/.X{n}-lock").exists()
    )
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-displayfd", str(write_end), "-screen", "0", size]
        + ["-nolisten", "tcp"],
        pass_fds=[write_end],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        number = b""
        while not number.endswith(b"\n"):
            chunk = os.read(read_end, 16)
            if not chunk:
                raise RuntimeError("Xvfb did not start")
            number += chunk
        yield f":{number.decode().strip()}"
    finally:
        server.terminate()
        server.wait(timeout=30)
        os.close(read_end)  # only now: Xvfb is killed by a write to a closed pipe


def folder_size(folder: Path) -> int:
    return sum(path.lstat().st_size for path in folder.rglob("*") if not path.is_dir())


def mib(size: int) -> float:
    return round(size / 2**20, 1)


def env_for(home: Path, **extra: str) -> dict[str, str]:
    home.mkdir(parents=True, exist_ok=True)
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", **extra}


def seconds_to_window(command: list[str], env: dict[str, str], display: str) -> float:
    """Start `command` and poll the screen until its window is mapped; then close it."""
    log = Path(env["HOME"]) / "app-output.txt"
    started = time.perf_counter()
    with open(log, "w", encoding="utf-8") as output:
        app = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        while time.perf_counter() - started < 60:
            found = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", "MS Pain KB"],
                env={"DISPLAY": display},
                capture_output=True,
                check=False,
            )
            if found.returncode == 0:
                return time.perf_counter() - started
            time.sleep(0.05)
        said = log.read_text(encoding="utf-8", errors="replace")[-2000:]
        raise RuntimeError(f"no window after 60 s: {command}; it said:\n{said}")
    finally:
        app.kill()  # not a polite close: only the start is measured here
        app.wait(timeout=30)


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def measure(program: list[str], repeats: int, work: Path) -> dict[str, float]:
    """Medians for one way of running the app (`program` is the command before its args)."""
    runs: dict[str, list[float]] = {}

    def add(name: str, value: float) -> None:
        runs.setdefault(name, []).append(value)

    with virtual_screen() as display:
        for repeat in range(repeats):
            home = work / f"home-{len(runs)}-{repeat}-{time.monotonic_ns()}"
            env = env_for(home, DISPLAY=display)
            add("window_empty_home_s", seconds_to_window(program, env, display))
            add("window_warm_s", seconds_to_window(program, env, display))
            home = work / f"cli-{repeat}-{time.monotonic_ns()}"
            env = env_for(home)
            add("first_search_empty_home_s", timed([*program, "search", QUERY, "--json"], env))
            add("search_warm_s", timed([*program, "search", QUERY, "--json"], env))
            shot = work / "shot.png"
            add("screenshot_s", timed([*program, "gui", "--screenshot", str(shot)], env))
    return {name: round(statistics.median(values), 2) for name, values in runs.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench bundle", description=__doc__)
    parser.add_argument("--dist", type=Path, default=REPO / "dist", help="where run.py built")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            print(f"{tool} is needed (Debian: apt-get install xvfb xdotool)", file=sys.stderr)
            return 2
    bundle = args.dist / "mspain-kb"
    if not (bundle / "mspain-kb").is_file():
        print(f"no bundle in {bundle}: run `python3 run.py bundle --deb` first", file=sys.stderr)
        return 2
    print(f"Folder unpacked: {mib(folder_size(bundle))} MiB")
    for pattern in ("*.tar.xz", "*.deb"):
        for package in sorted(args.dist.glob(pattern)):
            print(f"{package.name}: {mib(package.stat().st_size)} MiB")
    source = [str(REPO / ".venv" / "bin" / "python"), "-m", "mspain_kb"]
    with tempfile.TemporaryDirectory(prefix="mspain-bench-bundle-") as work:
        figures = {
            "bundle": measure([str(bundle / "mspain-kb-gui")], args.repeats, Path(work)),
            "source": measure(source, args.repeats, Path(work)),
        }
    print(f"\nMedians of {args.repeats} runs, seconds (source: the project's .venv, same machine)")
    print(f"{'':28}{'bundle':>8}{'source':>8}{'ratio':>7}")
    for name, value in figures["bundle"].items():
        other = figures["source"][name]
        print(f"{name:28}{value:8.2f}{other:8.2f}{value / other:7.2f}")
    return 0
