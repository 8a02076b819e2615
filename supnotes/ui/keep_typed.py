"""One question before typed text is thrown away: removing a card or a row, cancelling.

Nothing typed disappears with one key: a case card or a table row holding
text, or a dialog holding typed text (quick decision, addendum), asks first.

The safe answer ("Keep") is the default, so Return or Escape keeps the text;
only choosing "Remove" (Alt+R) or "Discard" throws it away.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget


def build_remove_question(parent: QWidget, what: str) -> QMessageBox:
    """ "Remove <what>?" with Keep as the default; the caller opens it."""
    box = QMessageBox(parent)
    box.setObjectName("remove-question")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Remove?")
    box.setText(f"Remove {what}?")
    box.setInformativeText("What was typed in it is deleted from this record.")
    box.setStandardButtons(QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Discard).setText("&Remove")
    box.button(QMessageBox.StandardButton.Cancel).setText("&Keep")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    return box


def build_discard_question(parent: QWidget, what: str) -> QMessageBox:
    """Asked when a dialog holding typed text is cancelled; Keep (go back) is the default."""
    box = QMessageBox(parent)
    box.setObjectName("discard-question")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Discard?")
    box.setText(f"Discard {what}?")
    box.setInformativeText("What you typed has not been saved.")
    box.setStandardButtons(QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Discard).setText("&Discard")
    box.button(QMessageBox.StandardButton.Cancel).setText("&Keep editing")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    return box


def reject_unless_typed(
    dialog: QDialog, typed: bool, what: str, reject: Callable[[], None]
) -> QMessageBox | None:
    """Cancel ``dialog`` now if nothing was typed; otherwise ask, and cancel only on Discard.

    ``reject`` is the dialog's own QDialog.reject; the question is returned
    (open) so tests and callers can answer it.
    """
    if not typed:
        reject()
        return None
    box = build_discard_question(dialog, what)
    box.finished.connect(
        lambda result: reject() if result == QMessageBox.StandardButton.Discard else None
    )
    box.open()
    return box
