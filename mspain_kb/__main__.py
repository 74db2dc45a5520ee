"""`python -m mspain_kb` runs the command line (and, with no sub-command, the window)."""

import sys

from mspain_kb.cli import main

sys.exit(main())
