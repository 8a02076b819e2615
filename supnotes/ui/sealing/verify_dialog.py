"""File → Verify a record…: check a signed PDF's signatures and say so in plain words."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from cryptography import x509
from PySide6.QtCore import QSize
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supnotes.pdf.errors import NotAPdf
from supnotes.pdf.preflight import check_size
from supnotes.pdf.verdict import Judgement, Verdict, judge, unreadable
from supnotes.pdf.verify import Changes, SignatureReport, verify_pdf
from supnotes.ui.common.file_dialogs import choose_open_path
from supnotes.ui.common.fit import fit_to_screen
from supnotes.ui.common.operations import run_in_background

TrustRoots = Callable[[], Sequence[x509.Certificate]]


def _signature_words(sig: SignatureReport) -> str:
    when = (
        f"{sig.signing_time:%d %B %Y at %H:%M} (the signer's clock)"
        if sig.signing_time
        else "at an unknown time"
    )
    state = "yes" if sig.intact else "NO: the signed content was altered"
    after = {
        Changes.NONE: "nothing",
        Changes.FORM_FILLING: "only a later signature",
        Changes.OTHER: "OTHER CHANGES",
    }[sig.changes]
    registered = (
        "a document time-stamp: its authority is not a signer of the record"
        if sig.time_stamp
        else "yes, in your trust register"
        if sig.trusted
        else "NO: not in your trust register, so who made it is not verified"
    )
    lines = [
        f"{sig.field_name}: {sig.signer_name}",
        f"  Signed:        {when}",
        f"  Intact:        {state}",
        f"  Added after:   {after}",
        f"  Registered:    {registered}",
        f"  Certificate:   {sig.fingerprint}",
    ]
    if sig.revision is not None:
        lines.append(f"  Revision {sig.revision.number}:    SHA-256 {sig.revision.sha256}")
    if sig.problem:
        lines.append(f"  Problem:       {sig.problem}")
    return "\n".join(lines)


def _names(signatures: Sequence[SignatureReport]) -> str:
    return ", ".join(s.signer_name for s in signatures)


def verdict_words(judgement: Judgement) -> str:
    """The verdict in a sentence or two, the same four kinds as ``supnotes verify``."""
    report = judgement.report
    if judgement.verdict is Verdict.UNREADABLE or report is None:
        return f"Not readable: this file cannot be checked ({judgement.reasons[0]})."
    if judgement.verdict is Verdict.ALTERED:
        return "Altered or invalid: " + "; ".join(judgement.reasons) + "."
    if judgement.verdict is Verdict.UNVERIFIED_SIGNER:
        return (
            f"Intact, but the signer is not verified: {_names(judgement.unregistered)} "
            f"is not in your trust register. This proves only that the file is unchanged "
            f"since it was signed, not who signed it."
        )
    later = any(s.changes is Changes.FORM_FILLING for s in report.signatures)
    after = (
        "Nothing but a later signature was added after signing."
        if later
        else "Nothing was changed after signing."
    )
    return f"Intact and signed by a registered signer: {_names(report.signatures)}. {after}"


def describe(judgement: Judgement) -> tuple[str, str]:
    """A verdict and the details, in words a reader of the record understands."""
    report = judgement.report
    if report is None:
        return verdict_words(judgement), ""
    lines = [_signature_words(s) for s in report.signatures]
    if report.unsigned_fields:
        lines.append("Not signed (yet): " + ", ".join(report.unsigned_fields) + ".")
    lines.append(f"Whole file:      SHA-256 {report.file_sha256}")
    if len(report.signatures) > 1:
        lines.append(
            "Revision 1 is the file as the supervisor sealed it: its SHA-256 is the one\n"
            "the vault and addenda cite. The counter-signature adds revision 2, so the\n"
            "whole file's SHA-256 differs."
        )
    return verdict_words(judgement), "\n".join(lines)


class VerifyDialog(QDialog):
    def __init__(self, trust_roots: TrustRoots | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._trust_roots = trust_roots
        self.setWindowTitle("Verify a signed record")
        fit_to_screen(self, QSize(860, 460))  # never off a small screen
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Choose a PDF record to check that its signatures are valid, that nothing "
            "in it was changed after signing, and that its signers are in your trust "
            "register (Settings → Trust register). Nothing is sent anywhere."
        )
        intro.setWordWrap(True)
        self.choose_button = QPushButton("&Choose a PDF…")
        self.choose_button.setAccessibleName("Choose a PDF to verify")
        self.choose_button.clicked.connect(self._choose)
        self.verdict = QLabel("No file checked yet.")
        self.verdict.setWordWrap(True)
        self.verdict.setAccessibleName("Verification result")
        bold = self.verdict.font()
        bold.setBold(True)
        self.verdict.setFont(bold)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        # Hashes and fingerprints in monospace, never wrapped.
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setAccessibleName("Signature details")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        for widget in (intro, self.choose_button, self.verdict, self.details, buttons):
            layout.addWidget(widget)
        self.ok: bool | None = None
        self.judgement: Judgement | None = None

    def _choose(self) -> None:
        path = choose_open_path(self, None, "Verify a record", "PDF records (*.pdf)")
        if path is not None:
            self.check(path)

    def check(self, path: Path) -> None:
        """Verify ``path`` off the UI thread and show the result."""
        self.verdict.setText(f"Checking {path.name}…")
        self.details.clear()
        self.choose_button.setEnabled(False)
        roots = list(self._trust_roots()) if self._trust_roots is not None else []

        def work() -> Judgement:
            try:
                check_size(path.stat().st_size)
                report = verify_pdf(path.read_bytes(), roots, require_trust=True)
            except NotAPdf as exc:
                return unreadable(f"it is not a readable PDF: {exc}", register_given=True)
            except OSError as exc:
                return unreadable(f"it cannot be read: {exc.strerror}", register_given=True)
            return judge(report, register_given=True)

        run_in_background(work, lambda j: self._show(path, j), lambda e: self._failed(path, e))

    def _show(self, path: Path, judgement: Judgement) -> None:
        self.choose_button.setEnabled(True)
        self.judgement = judgement
        self.ok = judgement.verdict is Verdict.REGISTERED
        verdict, details = describe(judgement)
        self.verdict.setText(f"{path.name} — {verdict}")
        self.details.setPlainText(details)

    def _failed(self, path: Path, exc: BaseException) -> None:
        # verify_pdf turns every parser failure into NotAPdf; anything else
        # is still told in words, never as a traceback.
        self._show(path, unreadable(f"the check stopped ({type(exc).__name__}: {exc})"))


def build_verify_dialog(
    parent: QWidget | None = None, trust_roots: TrustRoots | None = None
) -> VerifyDialog:
    return VerifyDialog(trust_roots, parent)
