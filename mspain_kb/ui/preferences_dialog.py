"""Edit › Preferences: the handout's settings and "Keep no history", in one small dialog.

The handout's choices are stored where printing reads them (`printing.handout_options`,
`printing.SETTINGS_KEYS`), so the next print or export uses them. "Keep no history" is the
core's preference (`core.user_data.preferences`), the same one the History menu toggles: the
dialog only hands the new value to `set_keep_no_history`, which clears what must be cleared
and says so. Nothing is stored until OK.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from mspain_kb.core.handout import FONT_SIZES, HandoutOptions
from mspain_kb.ui import printing

SIZE_WORDS = {16: "large", 18: "larger", 22: "largest"}


class PreferencesDialog(QDialog):
    def __init__(
        self,
        settings: QSettings,
        keep_no_history: bool,
        set_keep_no_history: Callable[[bool], None],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle("Preferences")
        self._settings = settings
        self._kept_no_history = keep_no_history
        self._set_keep_no_history = set_keep_no_history
        options = printing.handout_options(settings)

        self.clinic_name = QLineEdit(options.clinic_name)
        self.clinic_name.setPlaceholderText("Left blank: no clinic line")
        self.clinic_phone = QLineEdit(options.clinic_phone)
        self.clinic_phone.setPlaceholderText("Left blank: no phone line")
        self.font_size = QComboBox()
        for size in FONT_SIZES:
            self.font_size.addItem(f"{size} point ({SIZE_WORDS.get(size, 'large')})", size)
        self.font_size.setCurrentIndex(FONT_SIZES.index(options.font_size))
        self.include_promotional = QCheckBox("&Include promotional passages, boxed and labelled")
        self.include_promotional.setChecked(options.include_promotional)
        self.all_terms = QCheckBox("Explain &every glossary term, not only the key terms")
        self.all_terms.setChecked(options.all_terms)
        for widget, name in (
            (self.clinic_name, "Clinic name"),
            (self.clinic_phone, "Clinic phone"),
            (self.font_size, "Text size of handouts"),
        ):
            widget.setAccessibleName(name)

        handouts = QGroupBox("Handouts")
        form = QFormLayout(handouts)
        form.addRow(_label("Clinic &name:", self.clinic_name), self.clinic_name)
        form.addRow(_label("Clinic &phone:", self.clinic_phone), self.clinic_phone)
        form.addRow(_label("&Text size:", self.font_size), self.font_size)
        form.addRow(self.include_promotional)
        form.addRow(self.all_terms)

        self.keep_no_history = QCheckBox("&Keep no history (for shared computers)")
        self.keep_no_history.setChecked(keep_no_history)
        self.keep_no_history.setToolTip(
            "Nothing about what is read or searched is kept; saved articles stay"
        )
        history = QGroupBox("History")
        QVBoxLayout(history).addWidget(self.keep_no_history)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(handouts)
        layout.addWidget(history)
        layout.addStretch(1)
        layout.addWidget(buttons)

    def chosen_options(self) -> HandoutOptions:
        return HandoutOptions(
            font_size=self.font_size.currentData(),
            include_promotional=self.include_promotional.isChecked(),
            all_terms=self.all_terms.isChecked(),
            clinic_name=self.clinic_name.text(),
            clinic_phone=self.clinic_phone.text(),
        )

    def accept(self) -> None:
        """OK: store the handout's settings, and "Keep no history" if it was changed."""
        printing.save_handout_options(self._settings, self.chosen_options())
        if self.keep_no_history.isChecked() != self._kept_no_history:
            self._set_keep_no_history(self.keep_no_history.isChecked())
        super().accept()


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label
