"""A signed record's acknowledgement, shown as what it is: who, when, and whether they agreed."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from supnotes.domain.records import SuperviseeComments


def acknowledgement_html(comments: SuperviseeComments, worker_name: str) -> str:
    """The acknowledgement in a few plain sentences (escaped: they are the supervisee's words)."""
    who = html.escape(comments.acknowledged_name or worker_name or "The supervisee")
    when = comments.acknowledged_at
    said = f"<b>Acknowledged by {who}</b>"
    if when is not None:
        local = when.astimezone()
        said += f" on {local:%d/%m/%Y} at {local:%H:%M}"
    if comments.agrees is True:
        verdict = "They agreed with this record."
    elif comments.agrees is False:
        verdict = "<b>They did not agree with all of it.</b>"
    else:
        verdict = "They did not say whether they agreed."
    words = comments.text.strip()
    quoted = (
        "<br>Their comments:<br><i>" + html.escape(words).replace("\n", "<br>") + "</i>"
        if words
        else "<br>No comments."
    )
    return f"{said}.<br>{verdict}{quoted}"


class AcknowledgementRecord(QGroupBox):
    """Read-only: replaces the form once the record is signed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Supervisee's acknowledgement", parent)
        self.setObjectName("acknowledgement-record")
        self.text = QLabel(self)
        self.text.setObjectName("acknowledgement-text")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)

    def show_comments(self, comments: SuperviseeComments, worker_name: str) -> None:
        self.text.setText(acknowledgement_html(comments, worker_name))
        self.text.setAccessibleName(self.text.text())
