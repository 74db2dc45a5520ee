"""The pinned Whoosh distribution compiles cleanly on this Python (no warnings hidden by .pyc)."""

import pathlib
import warnings

import whoosh


def test_every_whoosh_module_compiles_without_warnings():
    """Compiling each Whoosh source file with warnings as errors raises nothing."""
    root = pathlib.Path(whoosh.__file__).parent
    sources = sorted(root.rglob("*.py"))
    assert len(sources) > 50  # the whole library, not an empty folder
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for source in sources:
            compile(source.read_text(encoding="utf-8"), str(source), "exec")


def test_whoosh_is_the_pinned_distribution():
    """`import whoosh` comes from whoosh3 at exactly the version pinned in pyproject.toml."""
    import tomllib
    from importlib.metadata import version

    pyproject = pathlib.Path(__file__).resolve().parent.parent / "pyproject.toml"
    dependencies = tomllib.loads(pyproject.read_text())["project"]["dependencies"]
    pinned = [dep.split("==")[1] for dep in dependencies if dep.startswith("whoosh3==")]
    assert pinned == [version("whoosh3")]
