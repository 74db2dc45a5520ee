"""The code keeps to the project's one style (ruff settings in pyproject.toml)."""

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PATHS = ["mspain_kb", "tests", "bench", "run.py"]


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["lint", "format"])
def test_ruff_finds_nothing_to_change(command):
    """`ruff check` and `ruff format --check` pass on the package, tests and benchmark."""
    ruff = [sys.executable, "-m", "ruff"]  # installed with the test extra
    result = subprocess.run([*ruff, *command, *PATHS], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
