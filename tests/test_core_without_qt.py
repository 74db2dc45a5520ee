"""The core must run headless: importing it never loads Qt."""

import subprocess
import sys


def test_core_modules_do_not_load_qt():
    """Importing every core module, sub-packages too, and the command line loads no PySide6."""
    code = (
        "import importlib, pkgutil, sys\n"
        "import mspain_kb.core as core\n"
        "for m in pkgutil.walk_packages(core.__path__, 'mspain_kb.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "import mspain_kb.cli, mspain_kb.services\n"
        "loaded = [name for name in sys.modules if name.startswith(('PySide6', 'shiboken6'))]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
