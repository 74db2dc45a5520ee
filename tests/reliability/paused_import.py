"""Run `mspain-kb import`, pausing at one step of the safe write so a test can kill it there.

Usage: python paused_import.py STEP ARTICLES_DIR FILE
STEP is `fsync` (text written to the temporary file, not yet flushed), `link` (flushed, about
to be put in place) or `unlink` (in place, temporary name not yet removed). At that step the
script prints PAUSED and sleeps, so the test's SIGKILL lands exactly there.
"""

from __future__ import annotations

import sys
import time


def pause_before(module, name: str) -> None:
    real = getattr(module, name)

    def paused(*args, **kwargs):
        print("PAUSED", flush=True)
        time.sleep(60)
        return real(*args, **kwargs)

    setattr(module, name, paused)


def main() -> int:
    step, articles_dir, source = sys.argv[1:4]
    from mspain_kb.cli import main as cli_main
    from mspain_kb.core import articles

    pause_before(articles.os, step)  # the os module, as write_atomic in articles.py sees it
    return cli_main(["--articles-dir", articles_dir, "import", source])


if __name__ == "__main__":
    sys.exit(main())
