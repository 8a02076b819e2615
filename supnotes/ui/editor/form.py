"""The record's form, built from its template: one panel per section.

Each panel shows the section's title, a small tag saying where its content
goes ("child's record", "supervision file", "private"), and its guidance and
the fields' prompts beside the fields (collapsible, F4 shows or hides them
all). Simple fields come from :func:`build_input`; the structured lists get
their own widgets. :class:`RecordForm` holds every input by answer key.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from supnotes.domain.actions import Action
from supnotes.domain.content import RecordContent
from supnotes.domain.people import Worker
from supnotes.domain.records import answer_key
from supnotes.domain.templates import Audience, Field, FieldKind, Section, Template
from supnotes.ui.editor.attendees import AttendeesModel, choose_names_from_workers
from supnotes.ui.editor.case_discussions import CaseDiscussionList
from supnotes.ui.editor.fields import FieldInput, build_input
from supnotes.ui.editor.review import ReviewField, ReviewModel
from supnotes.ui.editor.tables import ActionsModel, DecisionsModel, ListTable
from supnotes.ui.widgets import SpellService

AUDIENCE_TAG = {
    Audience.CHILD_RECORD: "child's record",
    Audience.SUPERVISION_FILE: "supervision file",
    Audience.PRIVATE: "private",
}
AUDIENCE_HINT = {
    Audience.CHILD_RECORD: "Case direction: goes on the child's record and the supervision file.",
    Audience.SUPERVISION_FILE: "Goes on the worker's supervision file.",
    Audience.PRIVATE: "Your own notes: not printed unless chosen; still disclosable on request.",
}


@dataclass
class RecordForm:
    """Every part of the form the editor reads, loads and saves."""

    widget: QWidget
    inputs: dict[str, FieldInput] = field(default_factory=dict)
    panels: list[tuple[Section, SectionPanel]] = field(default_factory=list)
    cases: CaseDiscussionList | None = None
    actions: ActionsModel | None = None
    decisions: DecisionsModel | None = None
    attendees: AttendeesModel | None = None
    review: ReviewModel | None = None
    tables: list[QWidget] = field(default_factory=list)

    def set_guidance_visible(self, visible: bool) -> None:
        for _section, panel in self.panels:
            panel.set_guidance_visible(visible)

    def set_narrow(self, narrow: bool) -> None:
        """Narrow: prompts below their field and header rows wrapped, so nothing scrolls."""
        for _section, panel in self.panels:
            panel.set_narrow(narrow)

    def set_read_only(self, read_only: bool) -> None:
        for item in self.inputs.values():
            item.set_read_only(read_only)
        if self.cases is not None:
            self.cases.set_read_only(read_only)
        for model in (self.actions, self.decisions, self.attendees, self.review):
            if model is not None:
                model.read_only = read_only


class SectionPanel(QFrame):
    """One section: title, audience tag, guidance toggle, and its fields in a grid."""

    def __init__(self, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.setObjectName(f"section-{section.id}")
        self.setAccessibleName(section.title)
        self._guides: list[QLabel] = []
        self._init_header()
        self._grid = QGridLayout()
        self._grid.setColumnStretch(0, 3)
        self._grid.setColumnStretch(1, 2)
        self._grid.setHorizontalSpacing(16)
        self._rows = 0
        self._narrow = False
        self._beside: list[tuple[int, QWidget, QLabel]] = []  # row, field, its prompts
        self._layout.addLayout(self._grid)

    def _init_header(self) -> None:
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(12, 14, 12, 14)
        header = QHBoxLayout()
        title = SectionTitle(self.section.title)
        title.setObjectName("section-title")
        self.tag = QLabel(AUDIENCE_TAG[self.section.audience])
        self.tag.setObjectName(f"audience-{self.section.audience.value}")
        self.tag.setProperty("audience", self.section.audience.value)
        self.tag.setToolTip(AUDIENCE_HINT[self.section.audience])
        self.tag.setAccessibleName(f"Audience: {AUDIENCE_TAG[self.section.audience]}")
        self.toggle = QToolButton()
        self.toggle.setText("Prompts")
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setAccessibleName(f"Show prompts for {self.section.title}")
        self.toggle.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # F4 does this from the keyboard
        self.toggle.toggled.connect(self.set_guidance_visible)
        title.setWordWrap(True)  # a long title wraps on a narrow screen, never widens the form
        header.addWidget(title, 1)
        header.addWidget(self.tag)
        header.addWidget(self.toggle)
        self._layout.addLayout(header)
        if self.section.guidance:
            guidance = self._guide(self.section.guidance)
            self._layout.addWidget(guidance)

    def _guide(self, text: str) -> QLabel:
        label = QLabel(" ".join(text.split()))
        label.setWordWrap(True)
        label.setObjectName("guidance")
        label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self._guides.append(label)
        return label

    def add_field(self, item: Field, widget: QWidget) -> None:
        """A field: its label above, the widget, and its prompts beside it (below if narrow)."""
        if item.kind is not FieldKind.CHECKBOX:
            label = QLabel(item.label + (" *" if item.required else ""))
            label.setBuddy(widget)
            label.setObjectName("field-label")
            self._grid.addWidget(label, self._rows, 0)
            self._rows += 1
        if not (item.prompts or item.help):
            self._grid.addWidget(widget, self._rows, 0, 1, 2)  # nothing beside: full width
        else:
            self._grid.addWidget(widget, self._rows, 0)
        if item.prompts or item.help:
            lines = [f"• {p}" for p in item.prompts] + ([item.help] if item.help else [])
            prompts = self._guide("\n".join(lines))
            prompts.setText("\n".join(lines))
            prompts.setAlignment(Qt.AlignmentFlag.AlignTop)
            self._beside.append((self._rows, widget, prompts))
            self._place(self._rows, widget, prompts)
            self._rows += 1  # a row kept free for the prompts when narrow
        self._rows += 1

    def _place(self, row: int, widget: QWidget, prompts: QLabel) -> None:
        for item in (widget, prompts):
            self._grid.removeWidget(item)
        if self._narrow:
            self._grid.addWidget(widget, row, 0, 1, 2)
            self._grid.addWidget(prompts, row + 1, 0, 1, 2)
        else:
            self._grid.addWidget(widget, row, 0)
            self._grid.addWidget(prompts, row, 1)

    def set_narrow(self, narrow: bool) -> None:
        if narrow == self._narrow:
            return
        self._narrow = narrow
        for row, widget, prompts in self._beside:
            self._place(row, widget, prompts)

    def set_guidance_visible(self, visible: bool) -> None:
        for label in self._guides:
            label.setVisible(visible)
        if self.toggle.isChecked() != visible:
            self.toggle.setChecked(visible)


class Narrowing(Protocol):
    def set_narrow(self, narrow: bool) -> None: ...


class NarrowSwitch(QObject):
    """Watches the form's viewport and makes the form narrow when the room is short.

    Narrow below :data:`NARROW_CHARS` average characters, for instance a 1024x640
    screen under ``QT_SCALE_FACTOR=1.5`` (683 logical pixels).
    """

    NARROW_CHARS = 72

    def __init__(self, scroller: QScrollArea, *targets: Narrowing) -> None:
        self._viewport = scroller.viewport()
        super().__init__(self._viewport)
        self._scroller = scroller
        self._targets = targets
        self._viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and watched is self._viewport:
            self.apply()
        return False

    def apply(self) -> None:
        viewport = self._viewport
        room = viewport.width()
        narrow = room < viewport.fontMetrics().averageCharWidth() * self.NARROW_CHARS
        self._set(narrow)
        body = self._scroller.widget()
        if not narrow and body is not None and body.minimumSizeHint().width() > room:
            self._set(True)  # larger text than the rule expects: narrow all the same

    def _set(self, narrow: bool) -> None:
        for target in self._targets:
            target.set_narrow(narrow)


def build_form(
    template: Template,
    content: RecordContent,
    *,
    reviewed: Mapping[str, Action],
    workers: Sequence[Worker],
    spelling: SpellService | None,
) -> RecordForm:
    """The form for ``content``, written in ``template``, with its saved values loaded."""
    body = QWidget()
    body.setObjectName("record-form")
    layout = QVBoxLayout(body)
    layout.setSpacing(10)
    form = RecordForm(body)
    record = content.record
    for section in template.sections:
        panel = SectionPanel(section, body)
        for item in section.fields:
            widget = _list_widget(
                form, item, content=content, reviewed=reviewed, workers=workers, spelling=spelling
            )
            if widget is None:
                key = answer_key(section.id, item.id)
                made = build_input(item, spelling, workers)
                made.set_value(record.answer(key))
                form.inputs[key] = made
                widget = made.widget
            panel.add_field(item, widget)
        layout.addWidget(panel)
        form.panels.append((section, panel))
    layout.addStretch(1)
    return form


def _list_widget(
    form: RecordForm,
    item: Field,
    *,
    content: RecordContent,
    reviewed: Mapping[str, Action],
    workers: Sequence[Worker],
    spelling: SpellService | None,
) -> QWidget | None:
    record_id = content.record.id
    kind = item.kind
    if kind is FieldKind.CASE_DISCUSSIONS:
        form.cases = CaseDiscussionList(record_id, content.case_discussions, spelling)
        form.cases.setAccessibleName(item.label)
        return form.cases
    if kind is FieldKind.ACTIONS:
        form.actions = ActionsModel(record_id, content.actions)
        return _table(form, ListTable(form.actions, item.label))
    if kind is FieldKind.DECISIONS:
        form.decisions = DecisionsModel(record_id, content.decisions)
        return _table(form, ListTable(form.decisions, item.label))
    if kind is FieldKind.ATTENDEES:
        form.attendees = AttendeesModel(record_id, content.attendees, workers)
        attendees = ListTable(form.attendees, item.label)
        choose_names_from_workers(attendees, form.attendees)
        return _table(form, attendees)
    if kind is FieldKind.PREVIOUS_ACTIONS:
        form.review = ReviewModel(content.reviews, reviewed)
        field = ReviewField(form.review)
        _table(form, field.table)
        return field
    return None


def _table(form: RecordForm, table: QWidget) -> QWidget:
    form.tables.append(table)
    return table


class SectionTitle(QLabel):
    """A section's heading: bold, a quarter larger than the text, following its size.

    A font set once would keep the size of the moment the record was opened,
    and a larger text size (Settings, Ctrl++) left headings smaller than the text.
    """

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._follow_application_font()

    def _follow_application_font(self) -> None:
        font = QFont(QApplication.font(self))
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.setFont(font)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        # Qt sends no font change to a widget under a style sheet; it is polished
        # again instead (theme.Appearance sets the sheet again after a change).
        if event.type() in (QEvent.Type.ApplicationFontChange, QEvent.Type.StyleChange):
            self._follow_application_font()
        super().changeEvent(event)
