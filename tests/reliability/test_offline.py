"""Offline always: the command line and the window never try to reach the network.

Python's socket creation and name lookups are replaced by functions that record the
attempt and raise, then every command and the window's main paths (search, open an
article, the glossary, printing to PDF) are run. Any attempt fails the test, even one
the code would have caught and hidden.
"""

from __future__ import annotations

import ast
import shutil
import socket
import urllib.request
from pathlib import Path

import pytest

from mspain_kb.cli import main
from tests.reliability.conftest import FIXTURE_ARTICLES

PACKAGE = Path(__file__).resolve().parents[2] / "mspain_kb"
SAVED_PAGE = FIXTURE_ARTICLES.parent / "import" / "saved-page.html"


@pytest.fixture
def network_attempts(monkeypatch) -> list:
    """Block and record every way Python code could open a connection or look up a name."""
    attempts: list = []

    def refuse(name):
        def blocked(*args, **kwargs):
            attempts.append((name, args))
            raise OSError(f"network blocked by the test ({name})")

        return blocked

    class BlockedSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            attempts.append(("socket", args))
            raise OSError("network blocked by the test (socket)")

    monkeypatch.setattr(socket, "socket", BlockedSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        monkeypatch.setattr(socket, name, refuse(name))
    monkeypatch.setattr(urllib.request, "urlopen", refuse("urlopen"))
    return attempts


def test_the_blocking_itself_works(network_attempts):
    """The guard really catches a connection attempt (so a silent pass means something)."""
    with pytest.raises(OSError):
        socket.create_connection(("example.org", 80))
    with pytest.raises(OSError):
        socket.socket()
    assert [name for name, _ in network_attempts] == ["create_connection", "socket"]


def test_every_command_runs_without_touching_the_network(tmp_path, network_attempts, capsys):
    """index, search, show, render, glossary, tags, check and import, all with no network."""
    articles = tmp_path / "articles"
    shutil.copytree(FIXTURE_ARTICLES, articles)
    base = ["--articles-dir", str(articles)]
    commands = [
        ["index", "--rebuild"],
        ["search", "pins and needles"],
        ["search", "neuropatic", "--json"],
        ["search", "spas*", "--tag", "spasticity"],
        ["show", "neck-shock"],
        ["render", "neck-shock", "--highlight", "electric"],
        ["render", "clinic-advert", "--print", "--output", str(tmp_path / "handout.html")],
        ["glossary"],
        ["glossary", "spasticity"],
        ["tags"],
        ["check"],
        ["import", str(SAVED_PAGE)],
    ]
    for command in commands:
        code = main(base + command)
        out, err = capsys.readouterr()
        assert code == 0, (command, err)
        assert "Traceback" not in out + err
    assert network_attempts == []


def test_the_window_works_without_touching_the_network(
    make_window, qtbot, tmp_path, network_attempts
):
    """Search, open an article, read the glossary, print to PDF: no connection attempted."""
    from PySide6.QtCore import QObject
    from PySide6.QtNetwork import QAbstractSocket, QNetworkAccessManager

    articles = tmp_path / "articles"
    shutil.copytree(FIXTURE_ARTICLES, articles)
    window = make_window(articles)
    with qtbot.waitSignal(window.controller.searchShown, timeout=60_000) as shown:
        window.controller.search_for("burning feet")
    hits = shown.args[0].hits
    assert hits
    window.controller.open_article(hits[0].id, "burning feet")
    assert window.controller.current_article().id == hits[0].id
    window.controller.open_article("clinic-advert")  # the article with remote links and an advert
    entry = window.controller.services.glossary.entries[0]
    window.controller.show_glossary_entry(entry.slug)
    target = window.controller.handouts.export_pdf(str(tmp_path / "handout"))
    assert target is not None and target.read_bytes().startswith(b"%PDF")
    qtbot.wait(200)  # let any late loading happen before looking
    network_objects = [
        child
        for child in window.findChildren(QObject)
        if isinstance(child, (QNetworkAccessManager, QAbstractSocket))
    ]
    assert network_objects == []
    assert network_attempts == []


NETWORK_MODULES = {
    "socket", "ssl", "http", "urllib.request", "requests", "httpx", "aiohttp", "ftplib",
    "smtplib", "xmlrpc", "webbrowser",
}  # fmt: skip
NETWORK_QT_NAMES = {
    "QNetworkAccessManager", "QTcpSocket", "QUdpSocket", "QSslSocket", "QWebEngineView",
    "QWebEnginePage", "QNetworkRequest",
}  # fmt: skip


def test_no_module_imports_a_network_library():
    """No module of the app imports a network library or a Qt network class (local IPC only)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
                names += [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                if name in NETWORK_MODULES or name.split(".")[0] in NETWORK_MODULES - {"http"}:
                    found.append((path.name, name))
                if name in ("http.client", "http.server") or name in NETWORK_QT_NAMES:
                    found.append((path.name, name))
    assert found == []
