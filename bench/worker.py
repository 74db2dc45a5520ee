"""Run one benchmark phase in this (fresh) process: `python -m bench.worker PHASE --out FILE`.

`bench.measure.run_phase` starts this, so each phase has its own interpreter and its own
peak memory figure.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from bench.measure import peak_rss_mb


def _phases() -> dict:
    from bench import core_phases, fts5, gui

    return {
        "build": core_phases.build,
        "sync": core_phases.sync,
        "search": core_phases.search,
        "render": core_phases.render,
        "fts5": fts5.run,
        "gui": gui.run,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.worker")
    parser.add_argument("phase")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--options", default="{}", help="the phase's options as JSON")
    args = parser.parse_args(argv)
    phase = _phases().get(args.phase)
    if phase is None:
        print(f"unknown phase {args.phase!r}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    try:
        figures = phase(json.loads(args.options))
    except ImportError as exc:
        print(f"not available yet: {exc}", file=sys.stderr)
        return 3
    figures["phase_wall_s"] = round(time.perf_counter() - start, 2)
    figures.setdefault("peak_rss_mb", peak_rss_mb())
    args.out.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
