"""Amend a signed record: a reason and the correction, sealed as a signed addendum."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supnotes.ui.keep_typed import reject_unless_typed


class AddendumDialog(QDialog):
    """Collects the reason and text; the caller seals it when ``accepted``."""

    def __init__(self, reference: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Add an addendum to {reference}")
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"{reference} is signed and cannot be changed. An addendum records the change: "
            "it is dated, cites the signed record's SHA-256, and is itself signed."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Reason for the addendum")
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Text of the addendum")
        self.text.setTabChangesFocus(True)
        form.addRow("&Reason:", self.reason)
        form.addRow("&Addendum:", self.text)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_button = QPushButton("&Sign the addendum")
        buttons.addButton(self.sign_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.discard_question: QMessageBox | None = None  # "Discard …?" while it is asked
        self.reason.textChanged.connect(self._refresh)
        self.text.textChanged.connect(self._refresh)
        self._refresh()

    def reject(self) -> None:
        """Cancel (Escape, the Cancel button, closing): asks first when text was typed."""
        typed = bool(self.reason.text().strip() or self.text.toPlainText().strip())
        self.discard_question = reject_unless_typed(
            self, typed, "this addendum", lambda: QDialog.reject(self)
        )

    def _refresh(self) -> None:
        self.sign_button.setEnabled(
            bool(self.reason.text().strip() and self.text.toPlainText().strip())
        )


def build_addendum_dialog(reference: str, parent: QWidget | None = None) -> AddendumDialog:
    return AddendumDialog(reference, parent)
