"""One input per template field kind, all answering in :data:`AnswerValue` terms.

:func:`build_input` maps a simple :class:`FieldKind` to a widget: text to a
spell-checked :class:`LongTextField`, short text to :class:`ShortTextField`,
dates and times to editors that can also be left empty, a choice to a combo
box, a scale to a spin box with its end labels, a checkbox, a person to an
editable combo of workers. Each input says when the user changed it
(``edited``) and gives its value, so the form treats them all alike.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, time

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from supnotes.domain.people import Worker
from supnotes.domain.records import AnswerValue
from supnotes.domain.templates import Field, FieldKind
from supnotes.ui.editor.datetime_edits import ClockField, DayField
from supnotes.ui.widgets import LongTextField, ShortTextField, SpellService

LONG_TEXT_HEIGHT = 110


NOT_SET = "Not set"


def date_edit(name: str, *, required: bool = False) -> DayField:
    """A typed date that may be empty (see :mod:`~supnotes.ui.editor.datetime_edits`)."""
    return DayField(name, required=required)


def time_edit(name: str) -> ClockField:
    """A typed time of day (HH:mm) that may be empty."""
    return ClockField(name)


def date_of(editor: DayField) -> date | None:
    return editor.value()


def set_date(editor: DayField, value: date | None) -> None:
    editor.set_value(value)


def time_of(editor: ClockField) -> time | None:
    return editor.value()


def set_time(editor: ClockField, value: time | None) -> None:
    editor.set_value(value)


class FieldInput(QObject):
    """A field's widget, its value, and a signal when the user changes it."""

    edited = Signal()  # the user changed the value (not when it is loaded)

    def __init__(self, item: Field, widget: QWidget) -> None:
        super().__init__(widget)
        self.field = item
        self.widget = widget
        self._loading = False
        widget.setAccessibleName(item.label)
        if item.help:
            widget.setToolTip(item.help)
            widget.setAccessibleDescription(item.help)

    def _changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    def value(self) -> AnswerValue:
        raise NotImplementedError

    def _apply(self, value: AnswerValue) -> None:
        raise NotImplementedError

    def set_value(self, value: AnswerValue) -> None:
        self._loading = True
        try:
            self._apply(value)
        finally:
            self._loading = False

    def set_read_only(self, read_only: bool) -> None:
        self.widget.setEnabled(not read_only)


class TextInput(FieldInput):
    def __init__(self, item: Field, spelling: SpellService | None) -> None:
        single = item.kind is FieldKind.SHORT_TEXT
        self.text_field = (ShortTextField if single else LongTextField)(
            spelling, accessible_name=item.label
        )
        if not single:
            self.text_field.setMinimumHeight(LONG_TEXT_HEIGHT)
        super().__init__(item, self.text_field)
        self.text_field.edited.connect(self.edited)

    def value(self) -> AnswerValue:
        return self.text_field.text()

    def _apply(self, value: AnswerValue) -> None:
        self.text_field.set_text("" if value is None else str(value))

    def set_read_only(self, read_only: bool) -> None:
        self.text_field.setReadOnly(read_only)


class DateInput(FieldInput):
    def __init__(self, item: Field) -> None:
        self.editor = date_edit(item.label)
        super().__init__(item, self.editor)
        self.editor.value_changed.connect(self._changed)

    def value(self) -> AnswerValue:
        found = date_of(self.editor)
        return None if found is None else found.isoformat()

    def _apply(self, value: AnswerValue) -> None:
        set_date(self.editor, date.fromisoformat(value) if isinstance(value, str) else None)


class TimeInput(FieldInput):
    def __init__(self, item: Field) -> None:
        self.editor = time_edit(item.label)
        super().__init__(item, self.editor)
        self.editor.value_changed.connect(self._changed)

    def value(self) -> AnswerValue:
        found = time_of(self.editor)
        return None if found is None else found.isoformat(timespec="minutes")

    def _apply(self, value: AnswerValue) -> None:
        set_time(self.editor, time.fromisoformat(value) if isinstance(value, str) else None)


class ChoiceInput(FieldInput):
    def __init__(self, item: Field) -> None:
        self.combo = QComboBox()
        self.combo.addItem("—", None)
        for option in item.options:
            self.combo.addItem(option, option)
        super().__init__(item, self.combo)
        self.combo.currentIndexChanged.connect(self._changed)

    def value(self) -> AnswerValue:
        data = self.combo.currentData()
        return None if data is None else str(data)

    def _apply(self, value: AnswerValue) -> None:
        index = self.combo.findData(value) if isinstance(value, str) else 0
        self.combo.setCurrentIndex(max(0, index))


class ScaleInput(FieldInput):
    """A spin box from the field's minimum to its maximum; below the minimum is 'Not set'."""

    def __init__(self, item: Field) -> None:
        box = QWidget()
        self.spin = QSpinBox()
        self.spin.setRange(item.minimum - 1, item.maximum)
        self.spin.setSpecialValueText(NOT_SET)
        self.spin.setValue(item.minimum - 1)
        self.spin.setAccessibleName(item.label)
        self.spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.UpDownArrows)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        low, high = (*item.scale_labels, "", "")[:2]
        ends = (
            QLabel(f"{item.minimum} = {low}" if low else str(item.minimum)),
            QLabel(f"{item.maximum} = {high}" if high else str(item.maximum)),
        )
        for end in ends:
            end.setWordWrap(True)  # wraps on a narrow screen, never widens the form
        row.addWidget(ends[0])
        row.addWidget(self.spin)
        row.addWidget(ends[1])
        row.addStretch(1)
        super().__init__(item, box)
        self.spin.valueChanged.connect(self._changed)

    def value(self) -> AnswerValue:
        found = self.spin.value()
        return None if found < self.field.minimum else found

    def _apply(self, value: AnswerValue) -> None:
        wanted = value if isinstance(value, int) and not isinstance(value, bool) else None
        self.spin.setValue(self.field.minimum - 1 if wanted is None else wanted)


class CheckboxInput(FieldInput):
    def __init__(self, item: Field) -> None:
        self.box = QCheckBox(item.label)
        super().__init__(item, self.box)
        self.box.toggled.connect(self._changed)

    def value(self) -> AnswerValue:
        return True if self.box.isChecked() else None

    def _apply(self, value: AnswerValue) -> None:
        self.box.setChecked(value is True)


class PersonInput(FieldInput):
    """A worker from the list, or any name typed in (stored as the worker's id or the name)."""

    def __init__(self, item: Field, workers: Sequence[Worker]) -> None:
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.addItem("", None)
        for worker in workers:
            self.combo.addItem(worker.name, worker.id)
        super().__init__(item, self.combo)
        self.combo.currentTextChanged.connect(self._changed)

    def value(self) -> AnswerValue:
        text = self.combo.currentText().strip()
        index = self.combo.findText(text)
        data = self.combo.itemData(index) if index >= 0 else None
        return str(data) if data else (text or None)

    def _apply(self, value: AnswerValue) -> None:
        if not isinstance(value, str):
            self.combo.setCurrentIndex(0)
            return
        index = self.combo.findData(value)
        if index >= 0:
            self.combo.setCurrentIndex(index)
        else:
            self.combo.setEditText(value)


def build_input(
    item: Field, spelling: SpellService | None, workers: Sequence[Worker]
) -> FieldInput:
    """The input for a simple (non-list) field."""
    kind = item.kind
    if kind in (FieldKind.TEXT, FieldKind.SHORT_TEXT):
        return TextInput(item, spelling)
    if kind is FieldKind.PERSON:
        return PersonInput(item, workers)
    simple: dict[FieldKind, Callable[[Field], FieldInput]] = {
        FieldKind.DATE: DateInput,
        FieldKind.TIME: TimeInput,
        FieldKind.CHOICE: ChoiceInput,
        FieldKind.SCALE: ScaleInput,
        FieldKind.CHECKBOX: CheckboxInput,
    }
    if kind not in simple:
        raise ValueError(f"{kind} is a list, not a simple field")
    return simple[kind](item)
