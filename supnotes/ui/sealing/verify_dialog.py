"""File → Verify a record…: check a signed PDF's signatures and say so in plain words."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from cryptography import x509
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supnotes.pdf.errors import NotAPdf
from supnotes.pdf.verify import Changes, SignatureReport, VerificationReport, verify_pdf
from supnotes.ui.operations import run_in_background

TrustRoots = Callable[[], Sequence[x509.Certificate]]


def _signature_words(sig: SignatureReport) -> str:
    when = (
        f"{sig.signing_time:%d %B %Y at %H:%M} (the signer's clock)"
        if sig.signing_time
        else ("at an unknown time")
    )
    state = "intact" if sig.intact else "BROKEN — the signed content was altered"
    after = {
        Changes.NONE: "nothing was changed after it",
        Changes.FORM_FILLING: "only a later signature was added after it",
        Changes.OTHER: "the document was CHANGED after it",
    }[sig.changes]
    origin = (
        "made with a certificate this vault knows"
        if sig.trusted
        else "self-signed: compare the fingerprint with the one printed on the record"
        if sig.self_signed
        else "made with a certificate this vault does not know"
    )
    return (
        f"• {sig.field_name}: signed by {sig.signer_name} {when}; {state}; {after}; {origin}.\n"
        f"  Certificate SHA-256: {sig.fingerprint}"
    )


def describe(report: VerificationReport) -> tuple[str, str]:
    """A one-line verdict and the details, in words a reader of the record understands."""
    if report.ok:
        verdict = "Intact: every signature is valid and the record has not been changed."
    else:
        verdict = "Not intact: " + "; ".join(report.reasons()) + "."
    lines = [_signature_words(s) for s in report.signatures]
    if report.unsigned_fields:
        lines.append("Not signed (yet): " + ", ".join(report.unsigned_fields) + ".")
    return verdict, "\n".join(lines)


class VerifyDialog(QDialog):
    def __init__(self, trust_roots: TrustRoots | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._trust_roots = trust_roots
        self.setWindowTitle("Verify a signed record")
        self.resize(640, 380)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Choose a PDF record to check that its signatures are valid and that nothing "
            "in it was changed after signing. Nothing is sent anywhere."
        )
        intro.setWordWrap(True)
        self.choose_button = QPushButton("&Choose a PDF…")
        self.choose_button.setAccessibleName("Choose a PDF to verify")
        self.choose_button.clicked.connect(self._choose)
        self.verdict = QLabel("No file checked yet.")
        self.verdict.setWordWrap(True)
        self.verdict.setAccessibleName("Verification result")
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Signature details")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        for widget in (intro, self.choose_button, self.verdict, self.details, buttons):
            layout.addWidget(widget)
        self.ok: bool | None = None

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Verify a record", "", "PDF records (*.pdf)")
        if path:
            self.check(Path(path))

    def check(self, path: Path) -> None:
        """Verify ``path`` off the UI thread and show the result."""
        self.verdict.setText(f"Checking {path.name}…")
        self.details.clear()
        self.choose_button.setEnabled(False)
        roots = list(self._trust_roots()) if self._trust_roots is not None else []

        def work() -> VerificationReport:
            return verify_pdf(path.read_bytes(), roots)

        run_in_background(work, lambda r: self._show(path, r), lambda e: self._failed(path, e))

    def _show(self, path: Path, report: VerificationReport) -> None:
        self.choose_button.setEnabled(True)
        self.ok = report.ok
        verdict, details = describe(report)
        self.verdict.setText(f"{path.name} — {verdict}")
        self.details.setPlainText(details)

    def _failed(self, path: Path, exc: BaseException) -> None:
        self.choose_button.setEnabled(True)
        self.ok = False
        if isinstance(exc, NotAPdf | OSError):
            self.verdict.setText(f"{path.name} cannot be checked: it is not a readable PDF.")
            return
        raise exc


def build_verify_dialog(
    parent: QWidget | None = None, trust_roots: TrustRoots | None = None
) -> VerifyDialog:
    return VerifyDialog(trust_roots, parent)
