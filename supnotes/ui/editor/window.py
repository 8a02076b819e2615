"""The session editor: one window per record, with an outline, the form and a saved state.

The window assembles the header, the form and the outline, and connects
every edit to :class:`Autosave`. Saving happens about a second after the
last edit, when focus leaves a field, on lock and on close; a failed save
shows a message bar and keeps the text. A signed record opens read-only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from supnotes.domain.actions import Action, ActionStatus
from supnotes.domain.cases import CaseDiscussion
from supnotes.domain.content import RecordContent
from supnotes.domain.decisions import Decision
from supnotes.domain.group import Attendee
from supnotes.domain.people import Worker
from supnotes.domain.records import Record, RecordStatus
from supnotes.domain.templates import Template
from supnotes.ui.common.fit import fit_to_screen
from supnotes.ui.common.status_line import StatusLine
from supnotes.ui.dialogs.help import EDITOR_EXTRA_SHORTCUTS, build_shortcuts_dialog
from supnotes.ui.editor import saving
from supnotes.ui.editor.autosave import Autosave
from supnotes.ui.editor.case_discussions import ADD_CASE_KEYS, CaseCard
from supnotes.ui.editor.context import EditorContext
from supnotes.ui.editor.datetime_edits import TypedField
from supnotes.ui.editor.fields import FieldInput
from supnotes.ui.editor.form import AUDIENCE_TAG, NarrowSwitch, build_form
from supnotes.ui.editor.header import RecordHeader
from supnotes.ui.editor.style import EDITOR_STYLE
from supnotes.vault.repositories.records import RecordRepository

# Short enough for 1024 px at 150% text; F1 lists every key (the hint line
# elides anything longer and keeps it whole in its tooltip).
KEYS_HELP = (
    f"F1 all keys · Ctrl+S save · F6 outline · {ADD_CASE_KEYS} add a child · "
    "Ctrl+Shift+R review and sign"
)


#: A signed record cannot be edited: only the keys that still do something.
READ_ONLY_KEYS_HELP = (
    "F1 all keys · F6 outline · Ctrl+Shift+R review, export and print · Ctrl+W close"
)

HINT_MS = 10_000


class SessionEditor(QMainWindow):
    """The editor of one record (see the module docstring)."""

    review_requested = Signal(str)  # the record's id: "Review and sign…" was chosen
    closed = Signal(str)  # the record's id, once the window has closed (all saved)

    def __init__(
        self,
        context: EditorContext,
        content: RecordContent,
        template: Template,
        *,
        worker: Worker | None,
        workers: Sequence[Worker],
        reviewed: Mapping[str, Action],
        new: bool = False,
    ) -> None:
        """``new``: ``content`` is a draft not yet in the vault; the first save stores it."""
        super().__init__()
        self.context = context
        self.record = content.record
        self.record_id = content.record.id
        self.template = template
        self.setObjectName("session-editor")
        self.setStyleSheet(EDITOR_STYLE)
        who = worker.name if worker is not None else "group"
        self.setWindowTitle(f"{self.record.reference} — {template.title} — {who}")
        self.setAccessibleName(f"Editor of {self.record.reference}")
        create = saving.create_record(content, template) if new else None
        self.autosave = Autosave(context.vault, self, create=create)
        people = worker.name if worker is not None else _group_people(content)
        self.header = RecordHeader(self.record, template, worker, people=people)
        self.form = build_form(
            template, content, reviewed=reviewed, workers=workers, spelling=context.spelling
        )
        self._init_layout()
        self._init_outline()
        self._init_actions()
        self._init_saving()
        if self.record.is_locked:
            self._make_read_only()

    # -- building ---------------------------------------------------------------

    def _init_layout(self) -> None:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        self.banner = QLabel()
        self.banner.setObjectName("signed-banner")
        self.banner.setVisible(False)
        self.banner.setWordWrap(True)
        column.addWidget(self.banner)
        self.message_bar = QFrame()
        self.message_bar.setObjectName("save-problem")
        self.message_bar.setFrameShape(QFrame.Shape.StyledPanel)
        bar = QHBoxLayout(self.message_bar)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Save problem")
        retry = QPushButton("Try again")
        retry.setAccessibleName("Try saving again")
        retry.clicked.connect(self.autosave.flush)
        bar.addWidget(self.message, 1)
        bar.addWidget(retry)
        self.message_bar.setVisible(False)
        column.addWidget(self.message_bar)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addWidget(self.header)
        inner_layout.addWidget(self.form.widget)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setWidget(inner)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # The form fits its width: narrow, prompts go below fields, so no sideways scrolling
        # (the scrollbar stays possible, for a window narrower than any form can be).
        self.narrow = NarrowSwitch(self.scroller, self.form, self.header)
        self.outline = self._make_outline()
        self.splitter = QSplitter()
        self.splitter.addWidget(self.outline)
        self.splitter.addWidget(self.scroller)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([250, 930])
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(page)
        self.indicator = QLabel("All saved")
        self.indicator.setObjectName("save-indicator")
        self.indicator.setAccessibleName("Save state")
        self.hint_line = StatusLine(KEYS_HELP)
        self.hint_line.attach(self.statusBar())
        self.statusBar().addPermanentWidget(self.indicator)
        # Fit small laptop screens, frame and title bar included, so the status
        # bar (save state, refused dates) shows and no edge is off screen.
        fit_to_screen(self, QSize(1180, 860))

    @staticmethod
    def _make_outline() -> QListWidget:
        outline = QListWidget()
        outline.setObjectName("outline")
        outline.setWordWrap(True)
        outline.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outline.setAccessibleName("Outline: sections of the record")
        return outline

    def _init_outline(self) -> None:
        self.outline.addItem(QListWidgetItem("Session details"))
        for section, _panel in self.form.panels:
            item = QListWidgetItem(f"{section.title}\n   {AUDIENCE_TAG[section.audience]}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, section.title)
            self.outline.addItem(item)
        self.outline.currentRowChanged.connect(self.show_section)
        self.outline.itemActivated.connect(lambda _item: self.enter_section())
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._follow_focus)

    def section_of(self, widget: QWidget | None) -> int | None:
        """The outline row of the section holding ``widget`` (0: session details)."""
        if widget is None:
            return None
        if widget is self.header or self.header.isAncestorOf(widget):
            return 0
        for row, (_section, panel) in enumerate(self.form.panels, start=1):
            if widget is panel or panel.isAncestorOf(widget):
                return row
        return None

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        # The outline follows the cursor, without scrolling the form under it.
        row = self.section_of(new)
        if row is None or row == self.outline.currentRow():
            return
        self.outline.blockSignals(True)
        self.outline.setCurrentRow(row)
        self.outline.blockSignals(False)

    def _init_actions(self) -> None:
        def add(text: str, keys: str, slot: Callable[[], object]) -> QAction:
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            return action

        self.save_action = add("Save now", "Ctrl+S", self.save_now)
        self.add_case_action = add("Add a child", ADD_CASE_KEYS, self.add_case)
        add("Show or hide prompts", "F4", self.toggle_guidance)
        add("Go to outline", "F6", self.outline.setFocus)
        add("Next section", "Ctrl+PgDown", lambda: self.step_section(1))
        add("Previous section", "Ctrl+PgUp", lambda: self.step_section(-1))
        self.review_action = add("Review and sign…", "Ctrl+Shift+R", self.request_review)
        self.copy_action: QAction | None = None  # Ctrl+Shift+C, once the record is sealed
        self.good_practice_action = add(
            "Mark as good practice…", "Ctrl+Shift+G", self.mark_good_practice
        )
        add("Close", "Ctrl+W", self.close)
        add("Keyboard shortcuts", "F1", self.show_shortcuts)

    def show_shortcuts(self) -> QDialog:
        """F1: every key of this window (its actions and the tables' own keys)."""
        dialog = build_shortcuts_dialog(self.actions(), self, EDITOR_EXTRA_SHORTCUTS)
        dialog.finished.connect(dialog.deleteLater)
        self.shortcuts_dialog = dialog
        dialog.open()
        return dialog

    def _init_saving(self) -> None:
        a = self.autosave
        rid = self.record_id
        a.state_changed.connect(self.indicator.setText)
        a.failed.connect(self._show_failure)
        a.recovered.connect(lambda: self.message_bar.setVisible(False))
        if a.is_new:
            a.saved.connect(self._first_saved)
        self.header.edited.connect(
            lambda: a.mark("timing", lambda: saving.timing(rid, self.header))
        )
        for key, field_input in self.form.inputs.items():
            self._connect_input(key, field_input)
        if self.form.cases is not None:
            self.form.cases.card_edited.connect(self._case_edited)
            self.form.cases.card_removed.connect(self._case_removed)
            self.form.cases.date_refused.connect(self.show_hint)  # cards added later too
            self.form.cases.date_retyped.connect(self.clear_hint)
        if self.form.actions is not None:
            self.form.actions.row_changed.connect(self._action_changed)
            self.form.actions.row_removed.connect(self._action_removed)
            self.form.actions.input_refused.connect(self.show_hint)
        if self.form.decisions is not None:
            self.form.decisions.row_changed.connect(self._decision_changed)
            self.form.decisions.row_removed.connect(self._decision_removed)
            self.form.decisions.input_refused.connect(self.show_hint)
        if self.form.attendees is not None:
            self.form.attendees.row_changed.connect(self._attendee_changed)
            self.form.attendees.row_removed.connect(self._attendee_removed)
        if self.form.review is not None:
            self.form.review.outcome_chosen.connect(self._reviewed)
        lock = self.context.lock
        lock.about_to_lock.connect(self._save_before_lock)
        lock.unlocked.connect(self._after_unlock)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        for text_field in self.findChildren(QWidget):
            refused = getattr(text_field, "paste_refused", None)
            if refused is not None:
                refused.connect(self.show_hint)
        cards = self.form.cases.cards if self.form.cases is not None else []
        in_cards = {id(card.review_date) for card in cards}
        for typed in self.findChildren(TypedField):
            if id(typed) not in in_cards:
                typed.refused.connect(self.show_hint)
                typed.problem_cleared.connect(self.clear_hint)

    def _connect_input(self, key: str, field_input: FieldInput) -> None:
        rid = self.record_id
        field_input.edited.connect(
            lambda: self.autosave.mark(
                f"answer:{key}", lambda: saving.answer(rid, key, field_input.value())
            )
        )

    # -- saving -----------------------------------------------------------------

    def _case_edited(self, card: CaseCard) -> None:
        self.autosave.mark(f"case:{card.discussion().id}", lambda: saving.case(card.discussion()))

    def _case_removed(self, discussion: CaseDiscussion) -> None:
        self.autosave.mark_write(f"case:{discussion.id}", saving.remove_case(discussion))

    def _action_changed(self, action: Action) -> None:
        self.autosave.mark_write(f"action:{action.id}", saving.action(action))

    def _action_removed(self, action: Action) -> None:
        self.autosave.mark_write(f"action:{action.id}", saving.remove_action(action))

    def _decision_changed(self, decision: Decision) -> None:
        self.autosave.mark_write(f"decision:{decision.id}", saving.decision(decision))

    def _decision_removed(self, decision: Decision) -> None:
        self.autosave.mark_write(f"decision:{decision.id}", saving.remove_decision(decision))

    def _attendee_changed(self, attendee: Attendee) -> None:
        self.autosave.mark_write(f"attendee:{attendee.id}", saving.attendee(attendee))

    def _attendee_removed(self, attendee: Attendee) -> None:
        self.autosave.mark_write(f"attendee:{attendee.id}", saving.remove_attendee(attendee))

    def _reviewed(self, action_id: str, outcome: ActionStatus | None) -> None:
        self.autosave.mark_write(
            f"review:{action_id}", saving.review(self.record_id, action_id, outcome)
        )

    def _first_saved(self) -> None:
        """The new record is in the vault now: show its reference as stored."""
        vault = self.context.vault()
        if self.autosave.is_new or vault is None:
            return
        self.autosave.saved.disconnect(self._first_saved)
        stored = RecordRepository(vault).header(self.record_id).reference
        shown = self.record.reference
        if stored != shown:  # another record took the reference meanwhile
            self.record = replace(self.record, reference=stored)
            self.setWindowTitle(self.windowTitle().replace(shown, stored))
            self.setAccessibleName(f"Editor of {stored}")
            self.header.about.setText(self.header.about.text().replace(shown, stored))

    def _focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        if old is not None and self.autosave.pending and self.isAncestorOf(old):
            self.autosave.flush()

    def commit_typed_fields(self) -> None:
        """Read every date and time still being typed (on save now, lock and close)."""
        for typed in self.findChildren(TypedField):
            typed.commit()

    def _save_before_lock(self) -> None:
        self.commit_typed_fields()
        self.autosave.flush_now()

    def _after_unlock(self, _vault: object) -> None:
        if self.autosave.pending:
            self.autosave.flush()

    def _show_failure(self, reason: str) -> None:
        self.message.setText(
            f"<b>Not saved.</b> {reason} Your text stays here and is saved as soon as "
            "writing works again."
        )
        self.message_bar.setVisible(True)

    def show_hint(self, text: str) -> None:
        """A passing, non-blocking word in the status bar (e.g. a date not understood)."""
        self.statusBar().showMessage(text, HINT_MS)

    def clear_hint(self, text: str) -> None:
        """Take ``text`` out of the status bar if it is still there (a refusal retyped)."""
        if self.statusBar().currentMessage() == text:
            self.statusBar().clearMessage()

    def save_now(self) -> bool:
        """Save everything before returning; True when nothing is left unsaved."""
        self.commit_typed_fields()
        return self.autosave.flush_now()

    def mark_good_practice(self) -> QDialog | None:
        """Ctrl+Shift+G: mark the record or a case discussion as good practice."""
        from supnotes.ui.oversight.good_practice_dialog import GoodPracticeDialog

        vault = self.context.vault()
        if vault is None:
            return None
        if not self.record.is_locked:
            # A mark belongs to a stored record: marking a new one stores it first.
            self.autosave.keep_record()
        if not self.save_now():
            return None
        dialog = GoodPracticeDialog(vault, self.record_id, self)
        dialog.open()
        return dialog

    def request_review(self) -> None:
        """Ask for "Review and sign…" once every word typed is in the vault.

        The review renders what is stored, so a failed save stops here (the
        message bar already says why) rather than sealing a record short of
        its last sentences.
        """
        if self.record.status is RecordStatus.SIGNED_ELSEWHERE:
            self.show_hint(
                "Signed copy held elsewhere: this record was signed in another vault and "
                "imported without its sealed PDFs, so it cannot be sealed or exported here."
            )
            return
        if not self.record.is_locked:
            self.autosave.keep_record()  # reviewing a new, empty record stores it
        if self.record.is_locked or self.save_now():
            self.review_requested.emit(self.record_id)

    def mark_signed(self, record: Record) -> None:
        """The record was sealed elsewhere (the review dialog): lock the form."""
        self.record = record
        self._make_read_only()

    # -- moving around ------------------------------------------------------------

    def show_section(self, row: int) -> None:
        """Scroll the section at outline ``row`` (0: the session details) to the top."""
        target: QWidget = self.header if row <= 0 else self.form.panels[row - 1][1]
        inner = self.scroller.widget()
        if inner is None:
            return
        top = target.mapTo(inner, target.rect().topLeft()).y()
        bar = self.scroller.verticalScrollBar()
        bar.setValue(min(bar.maximum(), top))

    def enter_section(self) -> None:
        """Put the cursor in the first field of the outline's current section."""
        row = self.outline.currentRow()
        target: QWidget = self.header if row <= 0 else self.form.panels[row - 1][1]
        for child in target.findChildren(QWidget):
            if child.focusPolicy() & Qt.FocusPolicy.TabFocus and child.isEnabled():
                child.setFocus(Qt.FocusReason.TabFocusReason)
                return

    def step_section(self, step: int) -> None:
        row = max(0, min(self.outline.count() - 1, self.outline.currentRow() + step))
        self.outline.setCurrentRow(row)
        self.enter_section()

    def add_case(self) -> None:
        if self.form.cases is None or self.record.is_locked:
            return
        card = self.form.cases.add_case()
        self.scroller.ensureWidgetVisible(card)
        card.child_ref.setFocus()

    def toggle_guidance(self) -> None:
        if self.form.panels:
            visible = not self.form.panels[0][1].toggle.isChecked()
            self.form.set_guidance_visible(visible)

    def _make_read_only(self) -> None:
        signed = self.record.signed_at
        when = f"{signed:%d %b %Y %H:%M}" if signed else "an earlier date"
        if self.record.status is RecordStatus.SIGNED_ELSEWHERE:
            self.banner.setText(
                f"Signed copy held elsewhere — signed on {when} in another vault and imported "
                "without its sealed PDFs. This record is locked; the signed copy is not here."
            )
        else:
            self.banner.setText(f"Signed on {when} — this record is locked; changes are addenda.")
        self.banner.setVisible(True)
        self.header.set_read_only(True)
        self.form.set_read_only(True)
        self.save_action.setEnabled(False)
        self.add_case_action.setEnabled(False)
        self.review_action.setText("Review, export and print…")
        if self.record.status is RecordStatus.SIGNED and self.copy_action is None:
            from supnotes.ui.sealing.case_direction_copy import CaseDirectionCopier

            copier = CaseDirectionCopier(self.context.vault, self.record_id, self)
            copier.said.connect(self.show_hint)
            self.copy_action = copier.action(self)
        self.hint_line.set_standing(READ_ONLY_KEYS_HELP)

    # -- closing ------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        # The outline never takes more than a quarter: on a narrow screen the form needs it.
        cap = max(self.outline.minimumSizeHint().width(), event.size().width() // 4)
        self.outline.setMaximumWidth(cap)
        outline, form = self.splitter.sizes()
        if outline > cap:
            self.splitter.setSizes([cap, form + outline - cap])
        super().resizeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self.context.vault() is not None and not self.save_now():
            question = build_unsaved_question(self, self.message.text())
            if question.exec() != QMessageBox.StandardButton.Discard:
                event.ignore()
                return
        self._disconnect()
        self.closed.emit(self.record_id)
        super().closeEvent(event)

    def _disconnect(self) -> None:
        lock = self.context.lock
        lock.about_to_lock.disconnect(self._save_before_lock)
        lock.unlocked.disconnect(self._after_unlock)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._focus_changed)


def _group_people(content: RecordContent) -> str:
    names = [a.name for a in content.attendees]
    return ", ".join(names) if names else "attendees not yet recorded"


def build_unsaved_question(parent: QWidget, reason: str) -> QMessageBox:
    """Asked when closing while a save fails; the default keeps the window (and text) open."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Not saved")
    box.setText("Some of this record could not be saved.")
    box.setInformativeText(
        "Keep the window open and try again when the vault can be written, or close and "
        "lose the unsaved text."
    )
    box.setDetailedText(reason)
    box.setStandardButtons(QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Discard)
    box.button(QMessageBox.StandardButton.Cancel).setText("Keep open")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box
