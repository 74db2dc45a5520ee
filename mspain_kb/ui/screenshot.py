"""`mspain-kb gui --screenshot`: drive the real window off screen and save it as a PNG.

Waits on the window's own signals (index synced, results shown), never on sleeps. Uses a
throw-away settings folder, so a screenshot never changes the user's zoom, last article,
history or saved list, and never shows them either.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer

from mspain_kb.ui.app import create_application, open_settings

WAIT_LIMIT_MS = 300_000


def wait_for(signal, timeout_ms: int = WAIT_LIMIT_MS) -> bool:
    """Run the event loop until `signal` fires; False on timeout."""
    loop = QEventLoop()
    fired = []

    def on_signal(*_args):
        fired.append(True)
        loop.quit()

    signal.connect(on_signal)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(on_signal)
    return bool(fired)


def settle(app, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def take_screenshot(
    services,
    path: Path,
    *,
    query: str | None = None,
    article_id: str | None = None,
    size: tuple[int, int] = (1280, 800),
    theme: str | None = None,
    glossary_term: str | None = None,
    body_map_regions: str | None = None,
) -> int:
    from mspain_kb.ui.window_controller import open_window

    app = create_application(theme=theme or "light")
    from mspain_kb.services import Services

    with tempfile.TemporaryDirectory(prefix="mspain-kb-shot-") as settings_dir:
        services = Services(replace(services.paths, settings_dir=Path(settings_dir)))
        window = open_window(services, open_settings(Path(settings_dir)))
        controller = window.controller
        try:
            window.resize(*size)
            window.show()
            controller.start()
            if not wait_for(controller.indexSynced):
                print("error: the search index was not ready in time", file=sys.stderr)
                return 1
            if controller.article_count() is None:
                wait_for(controller.collectionLoaded)
            if query:
                window.search_box.setText(query)
                controller.search.run_search(delay=False)
                if not wait_for(controller.searchShown):
                    print("error: the search did not answer in time", file=sys.stderr)
                    return 1
            if article_id:
                if not (services.paths.articles_dir / f"{article_id}.md").is_file():
                    print(f"error: there is no article {article_id!r}", file=sys.stderr)
                    return 2
                controller.open_article(article_id, query or "")
            if glossary_term:
                entry = services.glossary.lookup(glossary_term)
                if entry is None:
                    print(f"error: {glossary_term!r} is not in the glossary", file=sys.stderr)
                    return 2
                controller.show_glossary_entry(entry.slug)
            shown = window
            if body_map_regions is not None:
                shown = _open_body_map(controller, body_map_regions)
                if shown is None:
                    return 2
            settle(app)
            path.parent.mkdir(parents=True, exist_ok=True)
            saved = shown.grab().save(str(path), "PNG")
        finally:
            controller.shut_down()  # no search or sync may outlive the window
            window.hide()
            services.close()
    if not saved:
        print(f"error: could not write {path}", file=sys.stderr)
        return 1
    print(f"Saved {path}")
    return 0


def _open_body_map(controller, regions: str):
    """The body map dialog with `regions` (comma-separated ids) chosen and counted."""
    wanted = [region.strip() for region in regions.split(",") if region.strip()]
    known = {region.id for region in controller.services.body_map}
    unknown = [region for region in wanted if region not in known]
    if unknown:
        print(f"error: there is no body region {unknown[0]!r}", file=sys.stderr)
        return None
    from mspain_kb.ui.body_map_dialog import DIALOG_SIZE

    dialog = controller.body_map.open_map()
    if dialog is None:
        return None
    dialog.resize(DIALOG_SIZE)
    dialog.body_map.set_chosen(wanted)
    if not wait_for(dialog.body_map.countsShown):
        print("error: the body map counts did not arrive in time", file=sys.stderr)
        return None
    return dialog
