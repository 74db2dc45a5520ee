"""The architecture document in step with the code: its module map lists exactly the
package's modules, so a newcomer finds each one where the map says."""

from __future__ import annotations

import re

from tests.conftest import REPO

ARCHITECTURE = REPO / "docs" / "ARCHITECTURE.md"
_ENTRY_RE = re.compile(r"^( *)([A-Za-z_]\w*)(\.py|/)(?=\s|$)")


def documented_modules() -> set[str]:
    """Paths of the modules the map lists ("name/" is a package: its __init__.py)."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    block = text.split("## Module map", 1)[1].split("```", 2)[1]
    found: set[str] = set()
    parents: list[str] = []
    for line in block.splitlines():
        match = _ENTRY_RE.match(line)
        if not match:
            continue
        indent, name, kind = match.groups()
        depth = len(indent) // 2
        if len(indent) % 2 or depth > len(parents):
            continue  # a description carried over to the next line
        parents = parents[:depth]
        if kind == "/":
            parents.append(name)
            found.add("/".join(parents) + "/__init__.py")
        else:
            found.add("/".join([*parents, f"{name}.py"]))
    return {path for path in found if path.startswith("mspain_kb/")}


def package_modules() -> set[str]:
    return {
        path.relative_to(REPO).as_posix()
        for path in (REPO / "mspain_kb").rglob("*.py")
        if "__pycache__" not in path.parts
    }


def test_the_module_map_reads_its_tree():
    documented = documented_modules()
    assert "mspain_kb/core/search/fast/array_scoring.py" in documented
    assert "mspain_kb/core/collection/importing/__init__.py" in documented


def test_every_module_in_the_map_exists():
    assert documented_modules() - package_modules() == set()


def test_every_module_of_the_package_is_in_the_map():
    assert package_modules() - documented_modules() == set()
