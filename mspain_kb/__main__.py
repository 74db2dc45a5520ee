"""`python -m mspain_kb` runs the command line (and, with no sub-command, the window).

This is also the entry point of the packaged application (packaging/mspain-kb.spec).
"""

import multiprocessing
import os
import sys

if __name__ == "__main__":
    # In the packaged application a helper process of the parallel index writer starts this
    # same executable (Windows, macOS): freeze_support runs the helper, not a second window.
    multiprocessing.freeze_support()
    # A windowed program on Windows has no console: print() and error messages go nowhere
    # instead of failing.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115

    from mspain_kb.cli import main

    sys.exit(main())
