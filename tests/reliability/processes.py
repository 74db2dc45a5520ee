"""Helpers for tests that run the app in child processes and kill them."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def start_cli(*args: str, **options) -> subprocess.Popen:
    """Start `python -m mspain_kb ARGS` in its own process group (so helpers can be found)."""
    return subprocess.Popen(
        [sys.executable, "-m", "mspain_kb", *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        **options,
    )


def start_script(path: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(path), *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def group_members(group: int) -> list[int]:
    """Live process ids in process group `group` (Linux /proc; zombies not counted)."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, pgrp = fields[0], int(fields[2])
        if pgrp == group and state != "Z":
            members.append(int(entry.name))
    return members


def kill_and_wait_for_group(process: subprocess.Popen, deadline: float = 20.0) -> list[int]:
    """SIGKILL the process alone, reap it, and return any group members still alive after
    `deadline` seconds (they are then killed, so a failing test leaves nothing behind)."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(process.pid, signal.SIGKILL)
    process.communicate()
    until = time.monotonic() + deadline
    while group_members(process.pid) and time.monotonic() < until:
        time.sleep(0.1)
    left = group_members(process.pid)
    if left:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    return left
