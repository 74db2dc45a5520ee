"""How the window's modules depend on each other: no import cycles, and the view never
imports the controller that drives it."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "mspain_kb" / "ui"
PACKAGE = "mspain_kb.ui"
VIEW_MODULES = ("main_window", "window_actions")
CONTROLLER_MODULES = (
    "window_controller",
    "search_controller",
    "article_pages",
    "handout_actions",
    "reading_aids",
)


def ui_imports() -> dict[str, set[str]]:
    """module -> the ui modules it imports, at the top or inside a function."""
    modules = {path.stem for path in UI.glob("*.py")} - {"__init__"}
    graph = {}
    for name in modules:
        found = set()
        for node in ast.walk(ast.parse((UI / f"{name}.py").read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                if node.module == PACKAGE:
                    found |= {alias.name for alias in node.names} & modules
                elif node.module.startswith(PACKAGE + "."):
                    found.add(node.module.split(".")[2])
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith(PACKAGE + "."):
                        found.add(alias.name.split(".")[2])
        graph[name] = found - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import cycle found by a depth-first walk (each reported once, from its start)."""
    found, done = [], set()

    def walk(name: str, path: list[str]) -> None:
        for target in sorted(graph[name]):
            if target in path:
                found.append([*path[path.index(target) :], target])
            elif target not in done:
                walk(target, [*path, target])
        done.add(name)

    for name in sorted(graph):
        if name not in done:
            walk(name, [name])
    return found


def test_the_graph_sees_function_level_imports():
    """The check reads imports inside functions too (app imports the window only when run)."""
    graph = ui_imports()
    assert "window_controller" in graph["app"]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]


def test_no_module_of_the_window_imports_itself_back():
    assert cycles(ui_imports()) == []


def test_the_view_does_not_import_its_controller():
    """The window's layout knows nothing of the controller that drives it."""
    graph = ui_imports()
    for view in VIEW_MODULES:
        assert not graph[view] & set(CONTROLLER_MODULES), view
