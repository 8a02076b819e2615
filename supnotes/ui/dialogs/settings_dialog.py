"""The settings dialog, generated from the declarative table.

One section per group, one row per setting, the editor chosen by the
setting's kind. The dialog only collects and validates values; the caller
stores them (vault settings through the vault's settings store, machine ones
in the machine state) and applies them.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from supnotes.domain.settings import SETTINGS, Setting, SettingError, SettingValue, groups
from supnotes.ui.common.file_dialogs import choose_folder
from supnotes.ui.common.fit import available, fit_to_screen
from supnotes.ui.common.reading_order import chain, in_layout_order, show_on_focus

#: What an empty folder setting means, shown in its empty field.
FOLDER_PLACEHOLDERS = {
    "backup.folder": "The vault's own backups folder",
    "files.folder": "Your Documents folder",
}


class FolderField(QWidget):
    """A folder path with a Choose button; empty means the default."""

    def __init__(self, row: Setting, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(FOLDER_PLACEHOLDERS.get(row.key, "None chosen"))
        self.edit.setMaxLength(row.max_length)
        choose = QPushButton("Choose…", self)
        choose.clicked.connect(self._choose)
        choose.setAutoDefault(False)  # a file chooser: never the default
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(choose)

    def _choose(self) -> None:
        # Not remembered: this field is where the remembered folder is shown and set.
        folder = choose_folder(self, None, "Choose a folder", self.edit.text())
        if folder is not None:
            self.edit.setText(str(folder))


def _editor_for(row: Setting, value: SettingValue, parent: QWidget) -> QWidget:
    if row.kind == "bool":
        box = QCheckBox(parent)
        box.setChecked(bool(value))
        return box
    if row.kind == "int":
        spin = QSpinBox(parent)
        spin.setRange(int(row.minimum or 0), int(row.maximum or 1_000_000))
        spin.setValue(int(value or 0))
        return spin
    if row.kind == "float":
        dspin = QDoubleSpinBox(parent)
        dspin.setRange(row.minimum or 0.0, row.maximum or 1_000_000.0)
        dspin.setSingleStep(0.1)
        dspin.setDecimals(1)
        dspin.setValue(float(value or 0.0))
        return dspin
    if row.kind == "choice":
        combo = QComboBox(parent)
        for name, label in row.choices:
            combo.addItem(label, name)
        combo.setCurrentIndex(max(0, combo.findData(value)))
        return combo
    if row.kind == "folder":
        folder = FolderField(row, parent)
        folder.edit.setText(str(value or ""))
        return folder
    edit = QLineEdit(parent)
    edit.setMaxLength(row.max_length)
    edit.setText(str(value or ""))
    return edit


def _read(row: Setting, editor: QWidget) -> object:
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    if isinstance(editor, QSpinBox):
        return editor.value()
    if isinstance(editor, QDoubleSpinBox):
        return round(editor.value(), 2)
    if isinstance(editor, QComboBox):
        return editor.currentData()
    if isinstance(editor, FolderField):
        return editor.edit.text()
    assert isinstance(editor, QLineEdit), row.key
    return editor.text()


class SettingsDialog(QDialog):
    """Edits every setting; :meth:`values` gives the validated result after ``accepted``."""

    def __init__(self, current: Mapping[str, SettingValue], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings-dialog")
        self.setWindowTitle("Settings")
        self._fitted = False
        self.editors: dict[str, QWidget] = {}
        self._init_form(current)
        self._init_buttons()

    def _init_form(self, current: Mapping[str, SettingValue]) -> None:
        content = QWidget()
        column = QVBoxLayout(content)
        for group in groups():
            box = QGroupBox(group, content)
            form = QFormLayout(box)
            # On a narrow screen or at large text a label goes above its field
            # rather than push the form sideways.
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for row in SETTINGS:
                if row.group != group:
                    continue
                editor = _editor_for(row, current.get(row.key, row.default), box)
                editor.setObjectName(f"setting:{row.key}")
                editor.setToolTip(row.description)
                editor.setAccessibleDescription(row.description)
                self.editors[row.key] = editor
                form.addRow(f"{row.label}:", editor)
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        # Not a Tab stop of its own (it came after Cancel, with no visible focus):
        # every control in it scrolls into view when it gets the focus.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area = scroll
        self.problem = QLabel(self)
        self.problem.setObjectName("settings-problem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problem)

    def _init_buttons(self) -> None:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = self.layout()
        assert layout is not None
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        """Size to the content (rows added after construction included) and the screen."""
        if not self._fitted:
            self._fitted = True
            self._tab_top_to_bottom()
            content = self.scroll_area.widget()
            assert content is not None
            bar = self.scroll_area.verticalScrollBar().sizeHint().width()
            hint = content.sizeHint()
            room = available(self)
            width = min(hint.width() + bar + 40, room.width())
            # Never narrower than the content's least width: no sideways cut.
            self.setMinimumWidth(min(content.minimumSizeHint().width() + bar + 40, room.width()))
            fit_to_screen(self, QSize(width, hint.height() + 120))
        super().showEvent(event)

    def _tab_top_to_bottom(self) -> None:
        """Tab down the form as drawn, every section included, then the buttons.

        Rows and sections are added by other modules after the dialog is built
        (the signing fingerprint, escrow, the handover key), so the order is
        set here, when the dialog is first shown, from the layouts themselves.
        Each control of the form scrolls into view when it gets the focus.
        """
        layout = self.layout()
        content = self.scroll_area.widget()
        assert layout is not None
        assert content is not None
        order = in_layout_order(layout)
        chain(order)
        show_on_focus(self.scroll_area, [w for w in order if content.isAncestorOf(w)])

    def values(self) -> dict[str, SettingValue]:
        """Every setting's validated value; :class:`SettingError` names the first bad one."""
        return {row.key: row.validate(_read(row, self.editors[row.key])) for row in SETTINGS}

    def accept(self) -> None:
        try:
            self.values()
        except SettingError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            return
        super().accept()


def build_settings_dialog(
    current: Mapping[str, SettingValue], parent: QWidget | None = None
) -> SettingsDialog:
    """The settings dialog showing ``current`` (vault and machine settings together)."""
    return SettingsDialog(current, parent)
