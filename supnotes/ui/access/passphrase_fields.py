"""Choose-a-passphrase fields: typed twice, with a strength meter and a show toggle."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QWidget,
)

from supnotes.domain.passphrases import LEVELS, MIN_LENGTH, judge

_METER_COLOURS = ("#c0392b", "#c0392b", "#d68910", "#2e86c1", "#1e8449")


class PassphraseFields(QWidget):
    """A new passphrase and its confirmation; valid when the rule accepts it and both match.

    The meter shows :func:`supnotes.domain.passphrases.judge`, the same
    judgement the vault applies, so what the meter calls acceptable is
    exactly what is accepted.
    """

    changed = Signal()  # after any edit; read ``is_valid`` and ``passphrase``

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._user_inputs: tuple[str, ...] = ()
        # The first field's judgement, made once per edit of it (zxcvbn takes
        # milliseconds; the confirmation field does not need it again).
        self._acceptable = False
        self._init_fields()
        self._init_layout()
        self._update()

    def _init_fields(self) -> None:
        self.first = QLineEdit(self)
        self.first.setObjectName("passphrase")
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setPlaceholderText(f"At least {MIN_LENGTH} characters")
        self.second = QLineEdit(self)
        self.second.setObjectName("passphrase-again")
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_toggle = QCheckBox("Show passphrase", self)
        self.meter = QProgressBar(self)
        self.meter.setRange(0, LEVELS - 1)
        self.meter.setTextVisible(False)
        self.meter.setFixedHeight(8)
        self.verdict = QLabel(self)
        self.verdict.setObjectName("strength")
        self.verdict.setWordWrap(True)
        self.mismatch = QLabel(self)
        self.mismatch.setObjectName("mismatch")
        self.first.textChanged.connect(self._update)
        self.second.textChanged.connect(self._show_mismatch)
        self.show_toggle.toggled.connect(self._toggle_echo)

    def _init_layout(self) -> None:
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("&Passphrase:", self.first)
        form.addRow("", self.meter)
        form.addRow("", self.verdict)
        form.addRow("&Type it again:", self.second)
        form.addRow("", self.mismatch)
        form.addRow("", self.show_toggle)

    @property
    def passphrase(self) -> str:
        return self.first.text()

    @property
    def is_valid(self) -> bool:
        return self._acceptable and self.first.text() == self.second.text()

    def set_user_inputs(self, words: tuple[str, ...]) -> None:
        """Words the person gave elsewhere (name, organisation): easy guesses."""
        self._user_inputs = words
        self._update()

    def _toggle_echo(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.first.setEchoMode(mode)
        self.second.setEchoMode(mode)

    def _update(self) -> None:
        text = self.first.text()
        strength = judge(text, self._user_inputs)
        self._acceptable = strength.acceptable
        self.meter.setValue(strength.score if text else 0)
        colour = _METER_COLOURS[strength.score]
        self.meter.setStyleSheet(f"QProgressBar::chunk {{ background: {colour}; }}")
        if text:
            verdict = "accepted" if strength.acceptable else "not accepted"
            self.verdict.setText(f"<b>{strength.label}</b> ({verdict}). {strength.hint}")
        else:
            self.verdict.setText(
                f"At least {MIN_LENGTH} characters, and not a common password. "
                "Three or four unrelated words are easy to remember and hard to guess."
            )
        self._show_mismatch()

    def _show_mismatch(self) -> None:
        confirm = self.second.text()
        if confirm and confirm != self.first.text():
            self.mismatch.setText("The two entries differ.")
        else:
            self.mismatch.setText("")
        self.changed.emit()
