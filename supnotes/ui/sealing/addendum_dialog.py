"""Amend a signed record: a reason, the correction, and the children it concerns.

An addendum that concerns a child (the supervisor ticks the child's
reference) is issued to that child's record as well, as a signed addendum
extract citing the extract it amends.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supnotes.ui.common.keep_typed import reject_unless_typed


class AddendumDialog(QDialog):
    """Collects the reason, text and children; the caller seals it when ``accepted``."""

    def __init__(self, reference: str, child_refs: Sequence[str], parent: QWidget | None) -> None:
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
        self.children_box = self._init_children(child_refs)
        layout.addWidget(self.children_box)
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

    def _init_children(self, child_refs: Sequence[str]) -> QGroupBox:
        box = QGroupBox("Does it concern a child? It also goes to that child's record")
        column = QVBoxLayout(box)
        self.child_boxes: dict[str, QCheckBox] = {}
        for ref in child_refs:
            check = QCheckBox(ref)
            check.setAccessibleName(f"Issue the addendum to the record of {ref}")
            column.addWidget(check)
            self.child_boxes[ref] = check
        if child_refs:
            hint = QLabel(
                "Each child ticked gets a signed addendum extract citing the SHA-256 of "
                "that child's extract. Write only what that child's record should hold."
            )
            hint.setWordWrap(True)
            column.addWidget(hint)
        box.setVisible(bool(child_refs))
        return box

    def chosen_children(self) -> list[str]:
        return [ref for ref, check in self.child_boxes.items() if check.isChecked()]

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


def build_addendum_dialog(
    reference: str, child_refs: Sequence[str] = (), parent: QWidget | None = None
) -> AddendumDialog:
    return AddendumDialog(reference, child_refs, parent)
