"""Timing and memory helpers shared by every benchmark phase.

Figures are summarised as median and p95 over repeated runs. Each phase runs in its own
process (`run_phase`), so the peak memory a phase reports is its own and not the leftovers
of an earlier, bigger phase.
"""

from __future__ import annotations

import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def summarize(samples: list[float]) -> dict:
    """Median, p95 (nearest rank), min, max and count of `samples` (seconds -> milliseconds)."""
    if not samples:
        return {"n": 0}
    ordered = sorted(samples)
    rank = max(1, math.ceil(0.95 * len(ordered)))
    return {
        "n": len(ordered),
        "median_ms": round(statistics.median(ordered) * 1000, 3),
        "p95_ms": round(ordered[rank - 1] * 1000, 3),
        "min_ms": round(ordered[0] * 1000, 3),
        "max_ms": round(ordered[-1] * 1000, 3),
    }


def time_once(function: Callable[..., object], *args, **kwargs) -> tuple[float, object]:
    """Wall-clock seconds of one call `function(*args, **kwargs)`, and its result."""
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and of its finished child processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024, 1)


def current_rss_mb() -> float | None:
    """Resident memory right now, in MB (Linux only; None elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def rss_parts_mb() -> dict | None:
    """Resident memory right now split into anonymous (the process's own) and file-backed
    pages (memory-mapped files: shared and clean, dropped first under memory pressure), MB."""
    wanted = {"VmRSS:": "total", "RssAnon:": "anonymous", "RssFile:": "file"}
    found = {}
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                key = line.split(":")[0] + ":"
                if key in wanted:
                    found[wanted[key]] = round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return found or None


def folder_size_mb(folder: Path) -> float:
    total = sum(entry.stat().st_size for entry in folder.rglob("*") if entry.is_file())
    return round(total / (1024 * 1024), 1)


def run_phase(phase: str, options: dict, timeout: float) -> dict:
    """Run `python -m bench.worker PHASE` in a fresh process and return its figures.

    A phase that fails or times out returns {"error": "..."} instead of stopping the run, so
    the benchmark still reports everything else (useful while parts of the app are missing).
    """
    with tempfile.TemporaryDirectory(prefix="mspain-bench-") as scratch:
        out = Path(scratch) / "result.json"
        command = [sys.executable, "-m", "bench.worker", phase, "--out", str(out)]
        command += ["--options", json.dumps(options)]
        env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        try:
            completed = subprocess.run(
                command, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout
            )
        except subprocess.TimeoutExpired:
            return {"error": f"timed out after {timeout:.0f} s"}
        if completed.returncode != 0 or not out.exists():
            lines = (completed.stderr or completed.stdout or "no output").strip().splitlines()
            return {"error": lines[-1] if lines else f"exit code {completed.returncode}"}
        return json.loads(out.read_text(encoding="utf-8"))
