"""Run `mspain-kb import`, pausing at one step of the safe write so a test can kill it there.

Usage: python paused_import.py STEP ARTICLES_DIR FILE
STEP is `fsync` (text written to the temporary file, not yet flushed), `move` (flushed, about
to be put in place), `moved` (in place, the import not yet finished) or `reserved-rename`
(a file system without renameat2 or hard links: the name is reserved, the complete file is
about to be renamed into place). At that step the script prints PAUSED and sleeps, so the
test's SIGKILL lands exactly there.
"""

from __future__ import annotations

import errno
import sys
import time


def pause(module, name: str, after: bool = False) -> None:
    real = getattr(module, name)

    def paused(*args, **kwargs):
        if not after:
            print("PAUSED", flush=True)
            time.sleep(60)
        result = real(*args, **kwargs)
        if after:
            print("PAUSED", flush=True)
            time.sleep(60)
        return result

    setattr(module, name, paused)


def no_hard_links(*_args, **_kwargs):
    raise PermissionError(errno.EPERM, "Operation not permitted")


def main() -> int:
    step, articles_dir, source = sys.argv[1:4]
    from mspain_kb.cli import main as cli_main
    from mspain_kb.core.collection import safe_write

    if step == "fsync":
        pause(safe_write.os, "fsync")
    elif step in ("move", "moved"):
        pause(safe_write, "move_without_overwrite", after=step == "moved")
    elif step == "reserved-rename":
        safe_write._renameat2 = None
        safe_write.os.link = no_hard_links
        pause(safe_write.os, "rename")
    return cli_main(["--articles-dir", articles_dir, "import", source])


if __name__ == "__main__":
    sys.exit(main())
