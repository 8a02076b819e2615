"""One question before typed text is thrown away: removing a card or a row, cancelling.

Nothing typed disappears with one key: a case card or a table row holding
text, or a dialog holding typed text (quick decision, addendum), asks first.

The safe answer ("Keep") is the default, so Return or Escape keeps the text;
only choosing "Remove" (Alt+R) or "Discard" throws it away.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget


def _keep_or_lose(
    parent: QWidget, verb: str, what: str, consequence: str, keep: str
) -> QMessageBox:
    """A question whose default (Return, Escape) keeps what was typed."""
    box = QMessageBox(parent)
    box.setObjectName(f"{verb.lower()}-question")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(f"{verb}?")
    box.setText(f"{verb} {what}?")
    box.setInformativeText(consequence)
    box.setStandardButtons(QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Discard).setText(f"&{verb}")
    box.button(QMessageBox.StandardButton.Cancel).setText(keep)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    return box


def build_remove_question(parent: QWidget, what: str) -> QMessageBox:
    """ "Remove <what>?" with Keep as the default; the caller opens it."""
    return _keep_or_lose(
        parent, "Remove", what, "What was typed in it is deleted from this record.", "&Keep"
    )


def build_discard_question(parent: QWidget, what: str) -> QMessageBox:
    """Asked when a dialog holding typed text is cancelled; Keep (go back) is the default."""
    return _keep_or_lose(
        parent, "Discard", what, "What you typed has not been saved.", "&Keep editing"
    )


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
