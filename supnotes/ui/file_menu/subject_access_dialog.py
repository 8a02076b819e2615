"""File → Export and import → Subject access pack…: choose the worker and the options.

The pack is made by the function the command line's ``subject-access`` uses
(:func:`supnotes.services.subject_access.make_pack`), off the UI thread
behind a progress dialog, after the save dialog that remembers the folder.
Private notes are off and masking is on unless the supervisor changes them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from supnotes.domain.export_format import INCLUDE_PRIVATE_HELP
from supnotes.services.subject_access import NoSuchWorker, PackResult
from supnotes.ui.common.file_dialogs import choose_save_path
from supnotes.ui.common.operations import run_with_progress
from supnotes.vault.errors import VaultError
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.vault import Vault

Report = Callable[[str], None]
ZIP_FILTER = "Subject access packs (*.zip)"
TITLE = "Subject access pack"


class _Steps(QObject):
    """Carries the pack's steps from the worker thread to the progress dialog (queued)."""

    said = Signal(str)


def make_pack(
    vault: Vault,
    worker_id: str,
    out: Path,
    *,
    include_private: bool,
    mask: bool,
    progress: Callable[[str], None] | None = None,
) -> PackResult:
    """The service call, as the command line makes it; runs off the UI thread."""
    from supnotes.services.subject_access import make_pack as make

    return make(
        vault,
        worker_id,
        out,
        include_private=include_private,
        mask_third_parties=mask,
        hold=vault.exclusive,
        progress=progress,
    )


def failure_text(exc: BaseException) -> str | None:
    """A failure in plain words; None for one that is a bug."""
    if isinstance(exc, NoSuchWorker):
        return "That worker is no longer in this vault."
    if isinstance(exc, VaultError):
        return f"No pack was written: {exc.one_line()}"
    if isinstance(exc, OSError):
        return f"No pack was written: {exc.strerror or type(exc).__name__}."
    return None


class SubjectAccessDialog(QDialog):
    """Worker, private notes (off, with the export's warning), masking (on); then where."""

    def __init__(
        self,
        vault: Vault,
        report: Report,
        parent: QWidget | None = None,
        selected_worker_id: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("subject-access")
        self.setWindowTitle(TITLE)
        self._vault = vault
        self._report = report
        self.saved_to: Path | None = None

        self.worker = QComboBox()
        self.worker.setObjectName("worker")
        for worker in sorted(WorkerRepository(vault).all(), key=lambda w: w.name.casefold()):
            self.worker.addItem(worker.name, worker.id)
        if selected_worker_id is not None:
            found = self.worker.findData(selected_worker_id)
            if found >= 0:
                self.worker.setCurrentIndex(found)
        self.private = QCheckBox(f"&{INCLUDE_PRIVATE_HELP[0].upper()}{INCLUDE_PRIVATE_HELP[1:]}")
        self.private.setObjectName("include-private")
        self.masking = QCheckBox(
            "&Mask children's references and other people's names in group records"
        )
        self.masking.setObjectName("mask")
        self.masking.setChecked(True)
        explain = QLabel(
            "The pack is one zip: an index PDF of every record about the worker, the signed "
            "copies as stored, the records as data, the maskings for review and a README. "
            "Signed copies of group records that name other workers or children are withheld "
            "for review while masking is on."
        )
        explain.setWordWrap(True)

        label = QLabel("&Worker:")
        label.setBuddy(self.worker)
        form = QFormLayout()
        form.addRow(label, self.worker)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.make = buttons.addButton("Make the &pack…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.make.setObjectName("make-pack")
        self.make.setDefault(True)
        self.make.setEnabled(self.worker.count() > 0)
        buttons.accepted.connect(self._make)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.private)
        layout.addWidget(self.masking)
        layout.addWidget(explain)
        layout.addWidget(buttons)
        self.worker.setFocus()

    def chosen_path(self, suggested: str) -> Path | None:
        """Where to save (the project's save dialog, remembering the folder); tests replace it."""
        return choose_save_path(self, self._vault, TITLE, suggested, ZIP_FILTER)

    def _make(self) -> None:
        worker_id = self.worker.currentData()
        name = self.worker.currentText()
        if worker_id is None:
            return
        path = self.chosen_path(f"Subject access {name} {date.today().isoformat()}.zip")
        if path is None:
            return
        include_private = self.private.isChecked()
        mask = self.masking.isChecked()
        self.make.setEnabled(False)
        steps = _Steps(self)
        busy = run_with_progress(
            self,
            f"Making the subject-access pack of {name}…",
            lambda: make_pack(
                self._vault,
                str(worker_id),
                path,
                include_private=include_private,
                mask=mask,
                progress=steps.said.emit,
            ),
            self._done,
            self._failed,
        )
        steps.said.connect(busy.setLabelText)

    def _done(self, result: PackResult) -> None:
        plan = result.plan
        self.saved_to = result.path
        withheld = f", {len(plan.withheld)} withheld for review" if plan.withheld else ""
        self._report(
            f"Subject-access pack written: {plan.records} records, "
            f"{len(plan.included)} signed copies{withheld}.\nSaved to {result.path}."
        )
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.make.setEnabled(True)
        text = failure_text(exc)
        if text is None:
            raise exc
        QMessageBox.warning(self, TITLE, text)
