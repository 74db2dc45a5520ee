"""The reader's preferences that the core must honour, in `preferences.json` in the settings
folder (the window's layout and zoom stay in its own INI file).

`keep_no_history`: for shared PCs. While it is on, nothing about what is read or searched is
written: no recent articles or searches, no last article, no search that found nothing. Turning
it on also clears the recent articles and searches kept so far (`History.clear`); the saved
articles stay, since each was saved on purpose.
"""

from __future__ import annotations

from pathlib import Path

from mspain_kb.core.user_data.json_store import JsonStore

FILE_NAME = "preferences.json"


class Preferences:
    def __init__(self, settings_dir: Path):
        self._store = JsonStore(
            Path(settings_dir) / FILE_NAME, "the preferences", "the usual settings are used"
        )
        self._keep_no_history: bool | None = None  # read on first use

    @property
    def problem(self) -> str:
        return self._store.problem

    @property
    def keep_no_history(self) -> bool:
        if self._keep_no_history is None:
            self._keep_no_history = self._store.read(_parse, {}).get("keep_no_history", False)
        return self._keep_no_history

    def set_keep_no_history(self, on: bool) -> bool:
        """Takes effect at once; False when it could not be remembered for the next start."""
        self._keep_no_history = bool(on)

        def change(values: dict) -> dict:
            return {**values, "keep_no_history": bool(on)}

        return self._store.update(_parse, {}, change)


def _parse(data: dict) -> dict:
    values = {key: value for key, value in data.items() if key != "version"}
    if not isinstance(values.get("keep_no_history", False), bool):
        raise TypeError("keep_no_history is not true or false")
    return values
