"""The "Where does it hurt?" button beside the search box, and the window it opens.

Choosing a kind of pain hides the map and hands its search to the main window; the button
brings the map back with the same regions chosen (`BodyMapLauncher` keeps the dialog). The
welcome page is to show the same `BodyMapWidget` once the window has its small-screen layout.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSize, QThreadPool, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mspain_kb.core.body_map import BodyMapError
from mspain_kb.ui.body_map import BodyMapWidget

TITLE = "Where does it hurt?"
INTRO = (
    "Point to where it hurts, on the picture or in the list; you can choose several places. "
    "Then choose what it feels like to see the words for it and the articles about it."
)
DIALOG_SIZE = QSize(980, 620)


class BodyMapDialog(QDialog):
    searchRequested = Signal(str)

    def __init__(self, body_map, search, pool: QThreadPool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setObjectName("bodyMapDialog")
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.body_map = BodyMapWidget(body_map, search, pool)
        self.body_map.searchRequested.connect(self._on_search)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.body_map, 1)
        layout.addWidget(buttons)
        screen = (parent or self).screen()
        available = screen.availableGeometry().size() if screen is not None else DIALOG_SIZE
        self.resize(DIALOG_SIZE.boundedTo(available * 0.9))

    def _on_search(self, text: str) -> None:
        self.hide()
        self.searchRequested.emit(text)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.body_map.refresh_counts()  # the collection may have changed since last time
        self.body_map.region_list.setFocus()


class BodyMapButton(QToolButton):
    """The button beside the search box; `BodyMapLauncher` opens the map when it is clicked."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setText("&Where does it hurt?")
        self.setToolTip("Point to where it hurts on a body outline, to find the words for it")
        self.setAccessibleName(TITLE)
        self.setAccessibleDescription(
            "Opens a body map: choose where it hurts to see the kinds of pain and their articles"
        )


class BodyMapLauncher(QObject):
    """Opens the body map dialog, reading the map from the resources the first time, and
    brings the same dialog back afterwards; a damaged map is a plain message."""

    searchRequested = Signal(str)

    def __init__(self, services, pool: QThreadPool, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._pool = pool
        self._parent_widget = parent
        self.dialog: BodyMapDialog | None = None

    def open_map(self) -> BodyMapDialog | None:
        if self.dialog is None:
            try:
                body_map = self._services.body_map
            except BodyMapError as error:
                QMessageBox.warning(
                    self._parent_widget, TITLE, f"The body map cannot be shown: {error}"
                )
                return None
            self.dialog = BodyMapDialog(
                body_map, self._services.search, self._pool, self._parent_widget
            )
            self.dialog.searchRequested.connect(self.searchRequested)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog
