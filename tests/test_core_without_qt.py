"""The core must run headless: importing it never loads Qt."""

import subprocess
import sys


def test_core_modules_do_not_load_qt():
    """Importing every core module and the command line in a fresh interpreter loads no PySide6."""
    code = (
        "import importlib, pkgutil, sys\n"
        "import mspain_kb.core as core\n"
        "for m in pkgutil.iter_modules(core.__path__):\n"
        "    importlib.import_module('mspain_kb.core.' + m.name)\n"
        "import mspain_kb.cli, mspain_kb.services\n"
        "loaded = [name for name in sys.modules if name.startswith(('PySide6', 'shiboken6'))]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
