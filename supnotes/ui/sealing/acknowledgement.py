"""The supervisee's acknowledgement form: typed name, read, agree, comments, drawing."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from supnotes.services.sealing import Acknowledgement
from supnotes.ui.sealing.signature_pad import SignaturePad


class AcknowledgementForm(QGroupBox):
    """Signals: ``changed()`` whenever any answer changes."""

    changed = Signal()

    def __init__(self, worker_name: str, parent: QWidget | None = None) -> None:
        super().__init__("Supervisee's acknowledgement", parent)
        layout = QVBoxLayout(self)
        hint = QLabel(f"To be completed by {worker_name or 'the supervisee'}, in their own words.")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setAccessibleName("Supervisee's typed name")
        self.name.setPlaceholderText("Type your full name")
        form.addRow("&Name:", self.name)
        layout.addLayout(form)
        self.has_read = QCheckBox("I have &read this record")
        layout.addWidget(self.has_read)
        self.agree = QRadioButton("I &agree with this record")
        self.disagree = QRadioButton("I do n&ot agree with all of it (say why below)")
        self._agreement = QButtonGroup(self)
        for button in (self.agree, self.disagree):
            self._agreement.addButton(button)
            layout.addWidget(button)
        self.comments = QPlainTextEdit()
        self.comments.setAccessibleName("Supervisee's comments")
        self.comments.setPlaceholderText("Your comments on the record (optional if you agree)")
        self.comments.setTabChangesFocus(True)
        self.comments.setMaximumHeight(110)
        label = QLabel("Co&mments:")
        label.setBuddy(self.comments)
        layout.addWidget(label)
        layout.addWidget(self.comments)
        self.pad = SignaturePad()
        clear = QPushButton("C&lear drawing")
        clear.setAccessibleName("Clear the drawn signature")
        clear.clicked.connect(self.pad.clear)
        row = QHBoxLayout()
        row.addWidget(QLabel("Drawn signature (optional):"))
        row.addStretch(1)
        row.addWidget(clear)
        layout.addLayout(row)
        layout.addWidget(self.pad)
        self.name.textChanged.connect(self.changed)
        self.has_read.toggled.connect(self.changed)
        self.agree.toggled.connect(self.changed)
        self.disagree.toggled.connect(self.changed)
        self.comments.textChanged.connect(self.changed)

    def acknowledgement(self) -> Acknowledgement:
        agrees = True if self.agree.isChecked() else False if self.disagree.isChecked() else None
        return Acknowledgement(
            typed_name=self.name.text(),
            has_read=self.has_read.isChecked(),
            agrees=agrees,
            comments=self.comments.toPlainText(),
            drawn_signature_png=self.pad.png(),
        )
