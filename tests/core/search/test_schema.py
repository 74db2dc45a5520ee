"""The index's schema: what it pickles into every index, and the version that guards it."""

from __future__ import annotations

import json

from mspain_kb.core.search.schema import PICKLED_CLASSES, SCHEMA_VERSION, build_schema


def app_classes_in(schema) -> set[str]:
    found = set()
    for _, field in schema.items():
        analyzer = getattr(field, "analyzer", None)
        for item in getattr(analyzer, "items", [analyzer] if analyzer else []):
            kind = type(item)
            if kind.__module__.startswith("mspain_kb"):
                found.add(f"{kind.__module__}.{kind.__qualname__}")
    return found


def test_the_classes_pickled_into_an_index_are_the_ones_its_version_names(phrases):
    """Moving or renaming a class the schema pickles makes every existing index fail to
    open: such a change must bump SCHEMA_VERSION (so those indexes are rebuilt first) and
    update PICKLED_CLASSES."""
    assert app_classes_in(build_schema(phrases)) == PICKLED_CLASSES


def test_an_index_of_an_earlier_version_is_rebuilt_before_it_is_opened(
    tmp_path, fixture_articles, make_index
):
    """Its schema is never unpickled: the manifest's version says "old" first."""
    index_dir = tmp_path / "index"
    make_index(index_dir, fixture_articles).sync()
    folder = next(p for p in index_dir.iterdir() if p.is_dir())
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["schema"] = SCHEMA_VERSION - 1
    (folder / "manifest.json").write_text(json.dumps(manifest))
    for toc in folder.glob("*.toc"):
        toc.write_bytes(b"\x80\x04not a schema this version could read")  # never read
    report = make_index(index_dir, fixture_articles).sync()
    assert report.rebuilt and "brought up to date" in report.reason
