"""Opening editors: one window per record, new records, and wiring into the app.

:class:`Editors` keeps one :class:`SessionEditor` per record (opening one
again brings it forward). :func:`install_editor` connects the main window's
"New session" (Ctrl+N) and "Quick decision" (Ctrl+D, from any window).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QWidget,
)

from supnotes.domain.people import Worker
from supnotes.domain.records import RecordKind
from supnotes.domain.templates import Template
from supnotes.ui.access.lock import LockController
from supnotes.ui.common.actions import MainActions
from supnotes.ui.editor.context import EditorContext, build_context
from supnotes.vault.repositories.actions import ActionRepository
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.repositories.templates import TemplateStore
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.vault import Vault

if TYPE_CHECKING:
    # The editor window and the quick decision are imported when first opened,
    # not before the main window's first paint.
    from supnotes.ui.editor.window import SessionEditor


def _vault(context: EditorContext) -> Vault:
    vault = context.vault()
    if vault is None:
        raise RuntimeError("the vault is locked")
    return vault


class Editors(QObject):
    """The open editor windows, one per record."""

    opened = Signal(object)  # the SessionEditor just shown (or brought forward)
    review_requested = Signal(str)  # a record's id: its editor asked for "Review and sign…"
    record_saved = Signal(str)  # a record's id: an editor or a quick decision saved it

    def __init__(self, context: EditorContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.windows: dict[str, SessionEditor] = {}

    def open_editor(self, record_id: str) -> SessionEditor:
        """Show the editor of ``record_id`` (bringing it forward if already open)."""
        window = self.windows.get(record_id)
        if window is None:
            window = self._build(record_id)
            self._keep(window)
        return self._show(window)

    def _keep(self, window: SessionEditor) -> None:
        record_id = window.record_id
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.windows[record_id] = window
        window.closed.connect(lambda rid: self.windows.pop(rid, None))
        window.review_requested.connect(self.review_requested)
        window.autosave.saved.connect(lambda: self.record_saved.emit(record_id))

    def _show(self, window: SessionEditor) -> SessionEditor:
        self.context.spelling.start_loading()  # if the app has not started it yet
        window.show()
        window.raise_()
        window.activateWindow()
        self.opened.emit(window)
        return window

    def record_sealed(self, record_id: str) -> None:
        """A record was sealed: its open editor (if any) becomes read-only."""
        window = self.windows.get(record_id)
        vault = self.context.vault()
        if window is not None and vault is not None:
            window.mark_signed(RecordRepository(vault).header(record_id))

    def _build(self, record_id: str) -> SessionEditor:
        vault = _vault(self.context)
        content = RecordRepository(vault).get(record_id)
        record = content.record
        template = TemplateStore(vault).get(record.template_id, record.template_version)
        workers = WorkerRepository(vault).all()
        worker = next((w for w in workers if w.id == record.worker_id), None)
        reviewed = ActionRepository(vault).reviewed_in(record_id)
        from supnotes.ui.editor.window import SessionEditor

        return SessionEditor(
            self.context,
            content,
            template,
            worker=worker,
            workers=[w for w in workers if w.leaving_date is None],
            reviewed=reviewed,
        )

    def new_record(
        self, worker_id: str | None, template_id: str, held_on: date | None = None
    ) -> SessionEditor:
        """Open an editor on a new draft from the latest version of ``template_id``.

        The draft is not written until the editor's first save: a session opened
        and closed (or crashed) without an edit leaves no record behind.
        """
        vault = _vault(self.context)
        template = self.context.library.get(template_id)
        reserved = [w.record.reference for w in self.windows.values() if w.autosave.is_new]
        content = RecordRepository(vault).draft(
            template,
            worker_id=None if template.kind is RecordKind.GROUP else worker_id,
            held_on=held_on or date.today(),
            reserved=reserved,
        )
        workers = WorkerRepository(vault).all()
        worker = next((w for w in workers if w.id == content.record.worker_id), None)
        open_actions = ActionRepository(vault).by_ids([r.action_id for r in content.reviews])
        from supnotes.ui.editor.window import SessionEditor

        window = SessionEditor(
            self.context,
            content,
            template,
            worker=worker,
            workers=[w for w in workers if w.leaving_date is None],
            reviewed=open_actions,
            new=True,
        )
        self._keep(window)
        return self._show(window)

    def choose_and_create(
        self,
        parent: QWidget | None,
        worker_id: str | None = None,
        add_worker: Callable[[], object] | None = None,
    ) -> QDialog:
        """The small chooser of worker and template; accepting it creates and opens the record.

        With nobody to supervise yet, it says a session needs a worker and
        offers to add one (``add_worker``) instead.
        """
        workers = WorkerRepository(_vault(self.context)).all(include_left=False)
        if not workers:
            box = build_no_workers_question(parent, can_add=add_worker is not None)
            if add_worker is not None:
                chosen = add_worker
                box.buttonClicked.connect(
                    lambda button: (
                        chosen()
                        if box.buttonRole(button) == QMessageBox.ButtonRole.AcceptRole
                        else None
                    )
                )
            box.open()
            return box
        dialog = build_new_record_dialog(workers, self.context.library.latest(), worker_id, parent)
        dialog.accepted.connect(lambda: self.new_record(*_choice(dialog)))
        dialog.open()
        return dialog

    def save_all(self) -> bool:
        return all(window.save_now() for window in self.windows.values())


def build_no_workers_question(parent: QWidget | None, *, can_add: bool) -> QMessageBox:
    """Ctrl+N with nobody to supervise: say why, and offer "Add a worker…" (accepts)."""
    box = QMessageBox(parent)
    box.setObjectName("no-workers")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("New session")
    box.setText("A supervision session is with a worker, and there are none yet.")
    box.setInformativeText(
        "Add the first worker you supervise (name, role, start date); then Ctrl+N starts "
        "their session."
    )
    if can_add:
        add = box.addButton("&Add a worker…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(add)
    else:
        box.addButton(QMessageBox.StandardButton.Ok)
    return box


def _choice(dialog: QDialog) -> tuple[str | None, str]:
    worker = dialog.findChild(QComboBox, "worker")
    template = dialog.findChild(QComboBox, "template")
    assert worker is not None
    assert template is not None
    return worker.currentData(), str(template.currentData())


def build_new_record_dialog(
    workers: list[Worker],
    templates: list[Template],
    worker_id: str | None,
    parent: QWidget | None = None,
) -> QDialog:
    """Who the session is with, and which form: Return accepts."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("New session")
    layout = QFormLayout(dialog)
    worker = QComboBox()
    worker.setObjectName("worker")
    worker.setAccessibleName("Worker")
    worker.setEditable(True)
    worker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    for person in workers:
        worker.addItem(person.name, person.id)
    if worker_id is not None:
        worker.setCurrentIndex(max(0, worker.findData(worker_id)))
    template = QComboBox()
    template.setObjectName("template")
    template.setAccessibleName("Template")
    kinds: dict[str, RecordKind] = {}
    for item in templates:
        if item.kind is not RecordKind.AD_HOC:
            template.addItem(item.title, item.id)
            kinds[item.id] = item.kind
    template.setCurrentIndex(max(0, template.findData("one-to-one")))
    layout.addRow("&Worker", worker)
    layout.addRow("&Form", template)
    problem = QLabel()
    problem.setObjectName("new-session-problem")
    problem.setVisible(False)
    layout.addRow(problem)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Start")

    def start() -> None:
        # A name typed that matches no worker has no id: say so rather than fail.
        index = worker.findText(worker.currentText().strip())
        if index >= 0:
            worker.setCurrentIndex(index)
        group = kinds.get(str(template.currentData())) is RecordKind.GROUP
        if not group and (index < 0 or worker.currentData() is None):
            problem.setText("Choose a worker from the list (or a group form).")
            problem.setVisible(True)
            worker.setFocus()
            return
        dialog.accept()

    buttons.accepted.connect(start)
    buttons.rejected.connect(dialog.reject)
    layout.addRow(buttons)
    return dialog


def install_editor(
    parent: QWidget,
    actions: MainActions,
    context: EditorContext,
    selected_worker: Callable[[], str | None] = lambda: None,
) -> Editors:
    """Connect Ctrl+N and Ctrl+D (from any window) to the editor and the quick decision."""
    editors = Editors(context, parent)
    actions.new_session.setEnabled(True)
    actions.new_session.triggered.connect(
        lambda: editors.choose_and_create(parent, selected_worker(), actions.add_worker.trigger)
    )
    actions.quick_decision.setEnabled(True)
    actions.quick_decision.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)

    def quick_decision() -> None:
        vault = context.vault()
        if vault is None:
            return
        owner = QApplication.activeWindow() or parent
        context.spelling.start_loading()
        from supnotes.ui.editor.quick_decision import build_quick_decision_dialog

        dialog = build_quick_decision_dialog(
            vault,
            WorkerRepository(vault).all(include_left=False),
            context.library,
            selected_worker(),
            owner,
            spelling=context.spelling,
        )
        dialog.saved.connect(editors.record_saved)
        dialog.open()

    actions.quick_decision.triggered.connect(quick_decision)
    return editors


def install_app_editor(
    window: QWidget,
    actions: MainActions,
    lock: LockController,
    selected_worker: Callable[[], str | None] = lambda: None,
) -> Editors:
    """The app's editor: one spell service and template library, Ctrl+N and Ctrl+D wired."""
    return install_editor(window, actions, build_context(lock), selected_worker)


def open_smoke_editor(window: QWidget, skip: Collection[str] = frozenset()) -> SessionEditor | None:
    """For ``--smoke``: open the newest corridor decision, else the newest record (not
    one in ``skip``), else start one
    (a one-to-one for the first worker, or a group session when there are no workers yet)."""
    editors = window.findChild(Editors)
    vault = None if editors is None else editors.context.vault()
    if editors is None or vault is None:
        return None
    records = RecordRepository(vault)
    # A corridor decision first: the smallest record, so the smoke's editor costs
    # the same on a tenth year's vault as on a first (not a 4,000-word one-to-one).
    for kind in (RecordKind.AD_HOC, None):
        newest = [i for i in records.newest_ids(len(skip) + 1, kind) if i not in skip]
        if newest:
            return editors.open_editor(newest[0])
    workers = WorkerRepository(vault).all(include_left=False)
    if workers:
        return editors.new_record(workers[0].id, "one-to-one")
    return editors.new_record(None, "group-reflecting-team")
