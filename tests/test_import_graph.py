"""The package's import graph: no cycles, and nothing imports upward.

Every `import` of an mspain_kb module counts, at the top of a file or inside a function, so a
cycle hidden in a function-level import is found too. A cycle means two modules that cannot
be understood, tested or moved one without the other.
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

from tests.conftest import REPO

PACKAGE = "mspain_kb"
# The front ends and the composition root may use the core; the core uses none of them.
ABOVE_THE_CORE = ("mspain_kb.ui", "mspain_kb.commands", "mspain_kb.cli", "mspain_kb.services")


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted((REPO / PACKAGE).rglob("*.py")):
        name = ".".join(path.relative_to(REPO).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def imported_modules(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The mspain_kb modules `name` imports anywhere in its file."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                targets.append(submodule if submodule in known else base)
    found = set()
    for target in targets:
        while target and target not in known:
            target = target.rpartition(".")[0]
        if target and target != name:
            found.add(target)
    return found


def import_graph(skip: tuple[str, ...] = ()) -> dict[str, set[str]]:
    known = modules()
    kept = {name: path for name, path in known.items() if not name.startswith(skip)}
    return {
        name: {t for t in imported_modules(name, path, known) if t in kept}
        for name, path in kept.items()
    }


def cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle in `graph`, or []."""
    try:
        tuple(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as error:
        return error.args[1]
    return []


def test_the_graph_sees_function_level_imports():
    """Services imports the core inside its properties; those edges are in the graph."""
    graph = import_graph()
    assert "mspain_kb.core.search.index" in graph["mspain_kb.services"]
    assert "mspain_kb.core.search.schema" in graph["mspain_kb.services"]


def test_the_core_and_the_command_line_have_no_import_cycle():
    assert cycle(import_graph(skip=("mspain_kb.ui",))) == []


def test_no_module_of_the_package_is_in_an_import_cycle():
    assert cycle(import_graph()) == []


def test_the_core_imports_no_front_end():
    """Nothing in mspain_kb.core imports the window, the commands, the command line or
    Services: the core can be used, and tested, without any of them."""
    upward = {
        (name, target)
        for name, targets in import_graph().items()
        if name.startswith("mspain_kb.core")
        for target in targets
        if target.startswith(ABOVE_THE_CORE)
    }
    assert upward == set()
