"""Review and seal: the record as it will print, the acknowledgement, then the seal.

Left, the pages of the record (the draft preview; after sealing, the stored
signed PDF). Right, the supervisee's acknowledgement and "Seal and sign",
which runs off the UI thread; afterwards, exports, print and addenda.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from supnotes.domain.records import Addendum, Record
from supnotes.domain.trail import TrailKind
from supnotes.pdf.errors import IdentityError
from supnotes.services import trail
from supnotes.services.exports import (
    Output,
    export_sealed,
    outputs,
    sealed_document,
)
from supnotes.services.previews import render_draft_preview
from supnotes.services.sealing import (
    SealedOutput,
    SealingRefused,
    SealResult,
    add_addendum,
    countersign_record,
    seal_record,
)
from supnotes.ui.common import outcome
from supnotes.ui.common.file_dialogs import choose_open_path, choose_save_path
from supnotes.ui.common.fit import fit_to_screen
from supnotes.ui.common.operations import run_in_background
from supnotes.ui.sealing.acknowledgement import AcknowledgementForm
from supnotes.ui.sealing.acknowledgement_record import AcknowledgementRecord
from supnotes.ui.sealing.addendum_dialog import AddendumDialog, build_addendum_dialog
from supnotes.ui.sealing.case_direction_copy import COPY_KEYS, CaseDirectionCopier
from supnotes.ui.sealing.extract_completion import ExtractCompleter
from supnotes.ui.sealing.pages import page_images
from supnotes.ui.sealing.printing import build_print_preview, print_with_dialog
from supnotes.vault.errors import VaultError
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.repositories.sealed import SUPERVISION_FILE, SealedRepository
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.vault import Vault

PREVIEW_DPI = 110  # rendered once, then scaled to the preview's width
#: The side panel's width, in average characters of the dialog's font.
SIDE_CHARS = 44
#: The longest button texts the side shows once signed: it is made wide enough
#: for them from the start, so it never widens (and the preview never narrows).
SIDE_TEXTS = (
    "Export extract for the child's record: C-0000000000…",
    "Export addendum 9 for the record of C-0000000000…",
    "Counter-sign with the supervisee's certificate…",
)
ChoosePath = Callable[[str], Path | None]


def _save_path_dialog(parent: QWidget, vault: Vault) -> ChoosePath:
    def choose(suggested: str) -> Path | None:
        return choose_save_path(parent, vault, "Export signed PDF", suggested, "PDF (*.pdf)")

    return choose


def _lower_first(label: str) -> str:
    """``label`` to follow other words: only its first letter lowered, never a child's ref."""
    return label[:1].lower() + label[1:]


class ReviewDialog(QDialog):
    """Signals: ``sealed(record_id)`` once the record is signed and stored."""

    sealed = Signal(str)
    _progress = Signal(str)  # from the sealing thread to the status line

    def __init__(self, vault: Vault, record_id: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._keyboard_placed = False
        self.record_id = record_id
        self.record: Record = RecordRepository(vault).header(record_id)
        self.choose_path: ChoosePath = _save_path_dialog(self, vault)
        self.setWindowTitle(f"Review and seal — {self.record.reference}")
        self._images: list[QImage] = []
        layout = QHBoxLayout(self)
        layout.addWidget(self._init_preview(), 1)
        # The side keeps one width whatever it shows (the form, then the signed
        # record's buttons), so the preview beside it never changes width.
        self.side_panel = QWidget()
        self.side_panel.setObjectName("review-side")
        side = QVBoxLayout(self.side_panel)
        side.setContentsMargins(0, 0, 0, 0)
        self._init_acknowledgement(side)
        self._init_after(side)
        side_scroll = QScrollArea()
        side_scroll.setObjectName("review-side-scroll")
        side_scroll.setWidget(self.side_panel)
        side_scroll.setWidgetResizable(True)
        side_scroll.setFrameShape(QFrame.Shape.NoFrame)
        side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        metrics = self.fontMetrics()
        side_width = max(
            metrics.averageCharWidth() * SIDE_CHARS,
            *(metrics.horizontalAdvance(text) + 48 for text in SIDE_TEXTS),
        )
        side_scroll.setFixedWidth(
            max(side_width, self.side_panel.minimumSizeHint().width())
            + side_scroll.verticalScrollBar().sizeHint().width()
        )
        self.side_scroll = side_scroll
        layout.addWidget(side_scroll)
        fit_to_screen(self, QSize(1100, 760))
        self._progress.connect(self.status.setText)
        self._refresh()

    # -- building ----------------------------------------------------------------

    def _init_preview(self) -> QWidget:
        self.pages = QWidget()
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        scroll = QScrollArea()
        scroll.setObjectName("review-preview")
        scroll.setWidget(self.pages)
        scroll.setWidgetResizable(True)
        scroll.setAccessibleName("Record preview")
        scroll.setStyleSheet("QScrollArea { background: #5b6472; }")
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.viewport().installEventFilter(self)
        self.preview = scroll
        return scroll

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.preview.viewport() and event.type() == QEvent.Type.Resize:
            self._scale_pages()
        return super().eventFilter(watched, event)

    def page_width(self) -> int:
        """The width each page is shown at: the preview's, less a margin."""
        return max(120, self.preview.viewport().width() - 24)

    def _scale_pages(self) -> None:
        width = self.page_width()
        for n, image in enumerate(self._images):
            item = self.pages_layout.itemAt(n)
            label = None if item is None else item.widget()
            if isinstance(label, QLabel):
                label.setPixmap(
                    QPixmap.fromImage(image).scaledToWidth(
                        width, Qt.TransformationMode.SmoothTransformation
                    )
                )

    def _init_acknowledgement(self, side: QVBoxLayout) -> None:
        worker = ""
        if self.record.worker_id is not None:
            worker = WorkerRepository(self._vault).get(self.record.worker_id).name
        self._worker_name = worker
        self.form = AcknowledgementForm(worker)
        self.form.setVisible(self.record.worker_id is not None)
        self.form.changed.connect(self._refresh)
        side.addWidget(self.form)
        self.acknowledged = AcknowledgementRecord()
        self.acknowledged.setVisible(False)
        side.addWidget(self.acknowledged)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setAccessibleName("What is still needed before sealing")
        side.addWidget(self.problems)
        self.seal_button = QPushButton("&Seal and sign")
        self.seal_button.setAccessibleName("Seal and sign the record")
        self.seal_button.setDefault(True)
        self.seal_button.clicked.connect(self.seal)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setVisible(False)
        self.busy.setAccessibleName("Sealing in progress")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Sealing status")
        # The seal's SHA-256 is 64 characters with no space to wrap at: in the
        # status text it widened the panel and cut its buttons. It is shown
        # whole here instead, in a read-only box that scrolls within itself
        # and can be selected and copied.
        self.hash_label = QLabel("SHA-256 of the file as sealed (the one addenda cite):")
        self.hash_label.setWordWrap(True)
        self.hash_field = QLineEdit()
        self.hash_field.setObjectName("sealed-sha256")
        self.hash_field.setReadOnly(True)
        self.hash_field.setAccessibleName("SHA-256 of the file as sealed")
        self.hash_field.setMinimumWidth(0)
        self.hash_label.setBuddy(self.hash_field)
        for widget in (self.seal_button, self.busy, self.status, self.hash_label, self.hash_field):
            side.addWidget(widget)

    def _init_after(self, side: QVBoxLayout) -> None:
        self.after = QGroupBox("Signed record")
        box = QVBoxLayout(self.after)
        self.export_buttons = QVBoxLayout()
        box.addLayout(self.export_buttons)
        row = QHBoxLayout()
        self.print_button = QPushButton("&Print…")
        self.print_button.clicked.connect(self.print_record)
        self.preview_button = QPushButton("Print pre&view…")
        self.preview_button.clicked.connect(self.print_preview)
        row.addWidget(self.print_button)
        row.addWidget(self.preview_button)
        box.addLayout(row)
        self.copier = CaseDirectionCopier(lambda: self._vault, self.record_id, self)
        self.copier.said.connect(self.status.setText)
        self.copy_action = self.copier.action(self)
        self.copy_action.setEnabled(self.record.is_signed)
        self.copy_button = QPushButton("Cop&y case direction for a child's record…")
        self.copy_button.setToolTip(
            f"{COPY_KEYS}: plain text for the case note, with the sealed extract's SHA-256"
        )
        self.copy_button.clicked.connect(self.copier.copy)
        box.addWidget(self.copy_button)
        self.countersign_button = QPushButton("&Counter-sign with the supervisee's certificate…")
        self.countersign_button.setToolTip(
            "Optional: the supervisee signs the supervision-file copy with their own PKCS#12"
        )
        self.countersign_button.clicked.connect(self.countersign)
        box.addWidget(self.countersign_button)
        self.addendum_button = QPushButton("Add an a&ddendum…")
        self.addendum_button.clicked.connect(self.open_addendum)
        box.addWidget(self.addendum_button)
        self.completer = ExtractCompleter(self._vault, self.record_id, self, self._amend_failed)
        self.completer.status.connect(self.status.setText)
        self.completer.completed.connect(self._refresh)
        self.complete_button = self.completer.button
        box.addWidget(self.complete_button)
        box.addWidget(QLabel("Addenda:"))
        self.addenda = QListWidget()
        self.addenda.setAccessibleName("Addenda to this record")
        self.addenda.setMaximumHeight(90)
        box.addWidget(self.addenda)
        side.addWidget(self.after)
        side.addStretch(1)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)
        side.addWidget(self.close_button)

    # -- state -------------------------------------------------------------------

    def showEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)  # type: ignore[arg-type]
        if not self.pages_layout.count():
            self.load_preview()
        if not self._keyboard_placed:
            # The keyboard starts where the work is: the supervisee's name (Qt
            # chose "Clear drawing", and typing went nowhere), or the first
            # export of a record already signed.
            self._keyboard_placed = True
            if self.record.is_signed:
                self._focus_first_export()
            elif self.form.isVisibleTo(self):
                self.form.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def load_preview(self) -> None:
        """Render the pages off the UI thread: stored PDF if sealed, draft preview if not."""
        vault, record_id, signed = self._vault, self.record_id, self.record.is_signed

        def work() -> list[QImage]:
            pdf = (
                sealed_document(vault, record_id).pdf
                if signed
                else render_draft_preview(vault, record_id)
            )
            return page_images(pdf, PREVIEW_DPI)

        run_in_background(work, self._show_pages)

    def _show_pages(self, images: list[QImage]) -> None:
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        self._images = images
        for n, _image in enumerate(images, start=1):
            label = QLabel()
            label.setAccessibleName(f"Page {n} of {len(images)}")
            self.pages_layout.addWidget(label)
        self._scale_pages()

    def _refresh(self) -> None:
        signed = self.record.is_signed
        self.form.setEnabled(not signed)
        # Once signed, the acknowledgement is a record of what was said, not a form.
        has_worker = self.record.worker_id is not None
        self.form.setVisible(has_worker and not signed)
        self.acknowledged.setVisible(has_worker and signed)
        if has_worker and signed:
            self.acknowledged.show_comments(self.record.comments, self._worker_name)
        self.after.setVisible(signed)
        sealed_sha = self.record.sealed_sha256 or ""
        self.hash_field.setText(sealed_sha)
        self.hash_field.setCursorPosition(0)
        self.hash_label.setVisible(signed and bool(sealed_sha))
        self.hash_field.setVisible(signed and bool(sealed_sha))
        self.countersign_button.setEnabled(
            signed and self.record.worker_id is not None and not self._countersigned_already()
        )
        problems = self.record.problems_before_sealing(date.today())
        if self.record.worker_id is not None:
            problems += self.form.acknowledgement().problems()
        self.seal_button.setVisible(not signed)
        self.seal_button.setEnabled(not signed and not problems)
        self.problems.setVisible(not signed)
        self.problems.setText(
            "Before sealing: " + "; ".join(problems) + "." if problems else "Ready to seal."
        )
        if signed:
            self._fill_after()

    def _countersigned_already(self) -> bool:
        found = SealedRepository(self._vault).find(self.record_id)
        return found is not None and found.revision > 1

    def _fit_text(self, button: QPushButton) -> None:
        """Elide a long button text to the side panel's width; the tooltip keeps it whole."""
        room = self.side_scroll.width() - 48
        if button.fontMetrics().horizontalAdvance(button.text()) <= room:
            return
        text = button.text()
        button.setToolTip(text)
        button.setText(button.fontMetrics().elidedText(text, Qt.TextElideMode.ElideMiddle, room))

    def _fill_after(self) -> None:
        while self.export_buttons.count():
            item = self.export_buttons.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        self.addenda.clear()
        numbers: dict[str, int] = {}
        for output in outputs(self._vault, self.record_id):
            label = _lower_first(output.label)
            if output.addendum_id is not None:
                number = numbers.setdefault(output.addendum_id, len(numbers) + 1)
                label = f"addendum {number}"
                if output.child_ref is not None:
                    label += f" for the record of {output.child_ref}"
            button = QPushButton(f"Export {label}…")
            button.setAccessibleName(f"Export the {output.label}")
            button.clicked.connect(lambda _=False, o=output: self.export(o))
            self._fit_text(button)
            self.export_buttons.addWidget(button)
        if self._countersigned_already():
            # The counter-signed file is revision 2; revision 1 is what addenda cite.
            as_sealed = QPushButton(
                "Export the supervision-file copy as sealed (revision 1, the one addenda cite)…"
            )
            as_sealed.setObjectName("export-as-sealed")
            self._fit_text(as_sealed)
            as_sealed.clicked.connect(
                lambda _=False: self.export(Output(SUPERVISION_FILE), revision=1)
            )
            self.export_buttons.addWidget(as_sealed)
        content = RecordRepository(self._vault).get(self.record_id)
        for addendum in content.addenda:
            children = f" — also to {', '.join(addendum.child_refs)}" if addendum.children else ""
            self.addenda.addItem(
                f"{addendum.added_on:%d %b %Y} — {addendum.reason}{children} "
                f"(SHA-256 {(addendum.sealed_sha256 or '')[:12]}…)"
            )
        self.complete_button.setVisible(bool(content.child_refs))
        self.copy_button.setVisible(bool(content.child_refs))
        self.copy_action.setEnabled(bool(content.child_refs))

    # -- sealing ------------------------------------------------------------------

    def seal(self) -> None:
        acknowledgement = None if self.record.worker_id is None else self.form.acknowledgement()
        vault, record_id = self._vault, self.record_id
        self.seal_button.setEnabled(False)
        self.form.setEnabled(False)
        self.busy.setVisible(True)
        self.status.setText("Sealing…")

        def work() -> SealResult:
            return seal_record(vault, record_id, acknowledgement, progress=self._progress.emit)

        run_in_background(work, self._sealed, self._seal_failed)

    def _sealed(self, result: SealResult) -> None:
        self.busy.setVisible(False)
        self.record = RecordRepository(self._vault).header(self.record_id)
        extracts = len(result.outputs) - 1
        self.status.setText(
            f"Sealed and signed. {result.reference} is now locked; later changes are addenda. "
            f"Stored: the supervision-file copy and {extracts} child-record "
            f"extract{'s' if extracts != 1 else ''}. Its SHA-256 is below."
        )
        self._refresh()
        self._focus_first_export()
        self.load_preview()
        self.sealed.emit(self.record_id)

    def _focus_first_export(self) -> None:
        # The seal button is gone: the keyboard goes to what comes next, the
        # first export, never to nothing visible.
        item = self.export_buttons.itemAt(0)
        widget = None if item is None else item.widget()
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _seal_failed(self, exc: BaseException) -> None:
        """Nothing was stored: say why; an unexpected error also goes to the error dialog."""
        self.busy.setVisible(False)
        self.form.setEnabled(True)
        self._refresh()
        if isinstance(exc, SealingRefused):
            self.status.setText(f"Not sealed: {exc}")
            return
        if isinstance(exc, VaultError):
            self.status.setText(f"Not sealed, and still a draft: {exc.one_line()}")
            return
        self.status.setText("Not sealed: something went wrong; the record is still a draft.")
        raise exc

    # -- after sealing -------------------------------------------------------------

    def export(self, output: Output, revision: int | None = None) -> Path | None:
        suffix = "" if output.child_ref is None else f"-{output.child_ref}"
        if output.addendum_id is not None:
            suffix = f"-addendum{suffix}"
        if revision is not None:
            suffix += f"-revision-{revision}"
        path = self.choose_path(f"{self.record.reference}{suffix}.pdf")
        if path is None:
            return None
        try:
            export_sealed(
                self._vault,
                self.record_id,
                path,
                child_ref=output.child_ref,
                addendum_id=output.addendum_id,
                revision=revision,
            )
        except OSError as exc:
            QMessageBox.warning(self, "Export failed", f"Could not write {path}: {exc.strerror}")
            return None
        which = "" if revision is None else f" (revision {revision}, as sealed)"
        # Done: the focus leaves the Export button (Enter would reopen the save dialog).
        outcome.done(
            self.status,
            f"Exported the signed {_lower_first(output.label)}{which} to {path}",
            self.close_button,
        )
        return path

    def countersign(self) -> None:
        """The supervisee's own PKCS#12 and password, then a second signature off the UI thread."""
        path = choose_open_path(
            self, self._vault, "Supervisee's certificate", "PKCS#12 (*.p12 *.pfx)"
        )
        if path is None:
            return
        password, ok = QInputDialog.getText(
            self, "Certificate password", "Password:", QLineEdit.EchoMode.Password
        )
        if not ok:
            return
        self.start_countersign(path.read_bytes(), password.encode("utf-8"))

    def start_countersign(self, pkcs12: bytes, password: bytes) -> None:
        vault, record_id = self._vault, self.record_id
        self.countersign_button.setEnabled(False)
        self.status.setText("Counter-signing…")

        def work() -> SealedOutput:
            return countersign_record(vault, record_id, pkcs12, password)

        run_in_background(work, self._countersigned, self._countersign_failed)

    def _countersigned(self, result: SealedOutput) -> None:
        self.status.setText(
            f"Counter-signed by the supervisee: revision 2, SHA-256 {_short(result.sha256)}. "
            "The record and its addenda keep citing revision 1 (as you sealed it, SHA-256 "
            "below); 'export --as-sealed' writes those bytes."
        )
        self._refresh()
        self.load_preview()

    def _countersign_failed(self, exc: BaseException) -> None:
        self._refresh()
        if isinstance(exc, SealingRefused | IdentityError | VaultError):
            self.status.setText(f"Not counter-signed: {exc}")
            return
        raise exc

    def open_addendum(self) -> AddendumDialog:
        children = RecordRepository(self._vault).get(self.record_id).child_refs
        dialog = build_addendum_dialog(self.record.reference, children, self)
        dialog.accepted.connect(
            lambda: self.start_addendum(
                dialog.reason.text(), dialog.text.toPlainText(), dialog.chosen_children()
            )
        )
        dialog.open()
        return dialog

    def start_addendum(self, reason: str, text: str, child_refs: Sequence[str] = ()) -> None:
        """Seal an addendum off the UI thread; it is listed (and exportable) when done."""
        vault, record_id = self._vault, self.record_id
        self.addendum_button.setEnabled(False)
        self.status.setText("Signing the addendum…")

        def work() -> Addendum:
            return add_addendum(vault, record_id, reason, text, child_refs=child_refs)

        run_in_background(work, self._amended, self._amend_failed)

    def _amended(self, addendum: Addendum) -> None:
        self.addendum_button.setEnabled(True)
        to_children = "".join(
            f" Issued to the record of {c.child_ref}, citing its extract's SHA-256 "
            f"{_short(c.cites_sha256)}."
            for c in addendum.children
        )
        self.status.setText(
            "Addendum signed. It cites the record's SHA-256 shown below "
            "(revision 1: the file as you sealed it, before any counter-signature)." + to_children
        )
        self._refresh()

    def _amend_failed(self, exc: BaseException) -> None:
        self.addendum_button.setEnabled(True)
        if isinstance(exc, SealingRefused | VaultError):
            self.status.setText(f"Addendum not added: {exc}")
            return
        raise exc

    def _signed_pdf(self) -> bytes:
        return sealed_document(self._vault, self.record_id).pdf

    def print_record(self) -> None:
        if print_with_dialog(self._signed_pdf(), self):
            self._record_print()

    def print_preview(self) -> None:
        # The preview's Print button prints and accepts; closing it prints nothing.
        if build_print_preview(self._signed_pdf(), self).exec() == QDialog.DialogCode.Accepted:
            self._record_print()

    def _record_print(self) -> None:
        """The printed copy's one trail entry (a printer is not a file: no destination)."""
        trail.record_if_writable(
            self._vault,
            TrailKind.PRINT,
            record_ref=self.record.reference,
            audience="supervision file, printed",
        )


def build_review_dialog(
    vault: Vault, record_id: str, parent: QWidget | None = None
) -> ReviewDialog:
    """The review-and-seal dialog for a record (a signed one opens on its exports)."""
    return ReviewDialog(vault, record_id, parent)


def _short(sha256: str | None) -> str:
    """A SHA-256 cut to its first 12 characters, for a sentence (the box shows it whole)."""
    return f"{(sha256 or '')[:12]}…"
