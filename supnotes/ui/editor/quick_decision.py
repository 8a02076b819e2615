"""Quick decision (Ctrl+D from any window): a corridor decision recorded in seconds.

Worker (type to filter), child reference, decision (or a decision not to
act), rationale, and optionally an action and a review date. Ctrl+Return
saves it as a draft ad-hoc decision record, written off the UI thread; if
the save fails the dialog stays open with the reason, and nothing is half
written (the new draft is removed again).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QWidget,
)

from supnotes.domain.actions import Action
from supnotes.domain.decisions import Decision
from supnotes.domain.ids import new_id
from supnotes.domain.people import Worker
from supnotes.domain.records import answer_key
from supnotes.domain.template_loader import TemplateLibrary
from supnotes.domain.templates import FieldKind
from supnotes.ui.common.fit import fit_to_screen
from supnotes.ui.common.keep_typed import reject_unless_typed
from supnotes.ui.common.operations import run_in_background
from supnotes.ui.editor.autosave import failure_text
from supnotes.ui.editor.datetime_edits import DayField
from supnotes.ui.editor.fields import date_edit, date_of
from supnotes.ui.widgets import LongTextField, ShortTextField, SpellService
from supnotes.ui.widgets.text_field import SpellTextEdit
from supnotes.vault.repositories.profile import ProfileRepository
from supnotes.vault.repositories.record_lists import RecordListRepository
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.vault import Vault

AD_HOC_TEMPLATE = "ad-hoc-decision"


@dataclass(frozen=True)
class QuickDecision:
    """What the form holds when saved."""

    worker_id: str
    child_ref: str
    decision: str
    rationale: str
    not_to_act: bool = False
    action: str = ""
    action_owner: str = ""
    action_due: date | None = None
    review_date: date | None = None


def save_quick_decision(vault: Vault, library: TemplateLibrary, entry: QuickDecision) -> str:
    """Write the ad-hoc record with its decision (and action); returns the record's id.

    Runs on a worker thread. On failure the new draft is deleted again, so a
    decision is either recorded whole or not at all.
    """
    template = library.get(AD_HOC_TEMPLATE)
    records = RecordRepository(vault)
    today = date.today()
    content = records.create(template, worker_id=entry.worker_id, held_on=today)
    record_id = content.record.id
    try:
        profile = ProfileRepository(vault).get()
        lists = RecordListRepository(vault)
        lists.save_decision(
            Decision(
                id=new_id(),
                record_id=record_id,
                child_ref=entry.child_ref,
                decision=entry.decision,
                rationale=entry.rationale,
                decided_by="" if profile is None else profile.signature_name,
                decided_on=today,
                not_to_act=entry.not_to_act,
            )
        )
        if entry.action:
            lists.save_action(
                Action(
                    id=new_id(),
                    raised_in=record_id,
                    text=entry.action,
                    owner=entry.action_owner,
                    due_on=entry.action_due,
                    child_ref=entry.child_ref,
                )
            )
        review_key = next(
            (answer_key(s.id, f.id) for s, f in template.fields() if f.kind is FieldKind.DATE),
            None,
        )
        if entry.review_date is not None and review_key is not None:
            records.save_answer(record_id, review_key, entry.review_date.isoformat())
    except BaseException:
        records.delete_draft(record_id)
        raise
    return record_id


class QuickDecisionDialog(QDialog):
    """The quick decision form; see the module docstring."""

    saved = Signal(str)  # the new ad-hoc record's id

    def __init__(
        self,
        vault: Vault,
        workers: Sequence[Worker],
        library: TemplateLibrary,
        worker_id: str | None = None,
        parent: QWidget | None = None,
        *,
        spelling: SpellService | None = None,
    ) -> None:
        super().__init__(parent)
        self._vault = vault
        self._library = library
        self.setObjectName("quick-decision")
        self.setWindowTitle("Quick decision")
        self.setMinimumWidth(560)
        self.discard_question: QMessageBox | None = None  # "Discard …?" while it is asked
        self._init_fields(workers, worker_id, spelling)
        self._init_buttons()
        fit_to_screen(self)

    def _init_fields(
        self, workers: Sequence[Worker], worker_id: str | None, spelling: SpellService | None
    ) -> None:
        self.form = QFormLayout(self)
        intro = QLabel("A decision given outside a session. Ctrl+Return saves it as a draft.")
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.worker = QComboBox()
        self.worker.setEditable(True)
        self.worker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.worker.setAccessibleName("Worker")
        for person in workers:
            self.worker.addItem(person.name, person.id)
        completer = self.worker.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.worker.setCurrentIndex(self.worker.findData(worker_id) if worker_id else -1)
        # Plain-text fields all: control characters (NUL) are dropped from
        # what is typed or pasted, and a paste too large is refused in words.
        self.child_ref = ShortTextField(None, accessible_name="Child reference")
        self.child_ref.setPlaceholderText("e.g. C-104233")
        self.decision = LongTextField(spelling, accessible_name="Decision")
        self.not_to_act = QCheckBox("This is a decision &not to act")
        self.rationale = LongTextField(spelling, accessible_name="Rationale")
        # Three lines where the screen has room, fewer (never under two) on a
        # small one: at 1024x640 with QT_SCALE_FACTOR=1.5 a fixed height put
        # the Save button below the screen's edge.
        lines = self.fontMetrics().lineSpacing()
        for text_field in (self.decision, self.rationale):
            text_field.setMinimumHeight(2 * lines + 14)
            text_field.setMaximumHeight(max(76, 3 * lines + 14))
            text_field.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.action = ShortTextField(spelling, accessible_name="Action (optional)")
        self.action_owner = ShortTextField(None, accessible_name="Action owner")
        plain: tuple[SpellTextEdit, ...] = (
            self.child_ref,
            self.decision,
            self.rationale,
            self.action,
            self.action_owner,
        )
        for plain_field in plain:
            plain_field.paste_refused.connect(self._show_problem)
        self.action_due: DayField = date_edit("Action due date")
        self.review_date: DayField = date_edit("Review date")
        self.problem = QLabel()
        self.problem.setObjectName("quick-decision-problem")
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        for label, widget in (
            ("&Worker", self.worker),
            ("&Child ref", self.child_ref),
            ("&Decision", self.decision),
            ("", self.not_to_act),
            ("&Rationale", self.rationale),
            ("&Action", self.action),
            ("Action &owner", self.action_owner),
            ("Action d&ue", self.action_due),
            ("Re&view date", self.review_date),
        ):
            self.form.addRow(label, widget)
        self.form.addRow(self.problem)
        for day in (self.action_due, self.review_date):
            day.refused.connect(self._show_problem)

    def _init_buttons(self) -> None:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("Save  (Ctrl+Return)")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.form.addRow(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.save)

    def entry(self) -> QuickDecision | str:
        """The decision as typed, or what is missing."""
        index = self.worker.findText(self.worker.currentText().strip())
        worker_id = self.worker.itemData(index) if index >= 0 else None
        missing = [
            name
            for name, ok in (
                ("the worker", worker_id is not None),
                ("the child's reference", bool(self.child_ref.text().strip())),
                ("the decision", bool(self.decision.text().strip())),
                ("the rationale", bool(self.rationale.text().strip())),
            )
            if not ok
        ]
        if missing:
            return "Still needed: " + ", ".join(missing) + "."
        return QuickDecision(
            worker_id=str(worker_id),
            child_ref=self.child_ref.text().strip(),
            decision=self.decision.text().strip(),
            rationale=self.rationale.text().strip(),
            not_to_act=self.not_to_act.isChecked(),
            action=self.action.text().strip(),
            action_owner=self.action_owner.text().strip(),
            action_due=date_of(self.action_due),
            review_date=date_of(self.review_date),
        )

    def typed_text(self) -> bool:
        """True when anything was typed (then cancelling asks first)."""
        texts = (
            self.child_ref.text(),
            self.decision.text(),
            self.rationale.text(),
            self.action.text(),
            self.action_owner.text(),
            self.action_due.text(),
            self.review_date.text(),
        )
        return any(t.strip() for t in texts)

    def reject(self) -> None:
        """Cancel (Escape, the Cancel button, closing): asks first when text was typed."""
        self.discard_question = reject_unless_typed(
            self, self.typed_text(), "this quick decision", lambda: QDialog.reject(self)
        )

    def save(self) -> None:
        if not all(day.commit() for day in (self.action_due, self.review_date)):
            return  # the refused date's reason is showing; nothing is saved with a wrong date
        entry = self.entry()
        if isinstance(entry, str):
            self._show_problem(entry)
            return
        self.save_button.setEnabled(False)
        vault, library = self._vault, self._library
        run_in_background(
            lambda: save_quick_decision(vault, library, entry), self._saved, self._failed
        )

    def _saved(self, record_id: str) -> None:
        self.saved.emit(record_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self._show_problem("Not saved. " + failure_text(exc))

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(True)


def build_quick_decision_dialog(
    vault: Vault,
    workers: Sequence[Worker],
    library: TemplateLibrary,
    worker_id: str | None = None,
    parent: QWidget | None = None,
    *,
    spelling: SpellService | None = None,
) -> QuickDecisionDialog:
    """The quick decision form; the caller opens it."""
    return QuickDecisionDialog(vault, workers, library, worker_id, parent, spelling=spelling)
