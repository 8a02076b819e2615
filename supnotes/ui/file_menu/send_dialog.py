"""File → Send to the organisation…: what is waiting, send it, and what the hub said.

The dialog calls the function ``supnotes send`` calls
(:func:`supnotes.services.hub_send.send`), off the UI thread behind a
progress dialog. Before sending it shows what is waiting, per kind; after,
the :class:`~supnotes.services.hub_send.SendReport` in plain words: sent,
already there, refused by intake with the reason, and a connection that
failed (nothing is lost; the next send carries on). With no hub set for the
vault it says so, and how IT sets one, and cannot send.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from supnotes.hub.errors import HubError
from supnotes.services import hub_connection
from supnotes.services.hub_send import KIND_WORDS, SendReport, report_lines, send, waiting_by_kind
from supnotes.ui.common.operations import run_with_progress
from supnotes.vault.errors import VaultError
from supnotes.vault.vault import Vault

Report = Callable[[str], None]
TITLE = "Send to the organisation"
NO_HUB = (
    "No organisation's hub is set for this vault, so nothing can be sent and no "
    "connection is opened. Your IT department gives you the hub's address and sets it "
    'with \'supnotes hub connect\' (docs/organisation.md, "Try it" and "On PostgreSQL"); '
    "then this sends your sealed records to the HR files and the children's inboxes."
)


class _Steps(QObject):
    """Carries (done, total) from the worker thread to the progress dialog (queued)."""

    step = Signal(int, int)


def waiting_text(counts: dict[str, int]) -> str:
    if not any(counts.values()):
        return "Nothing is waiting: every sealed record has already been sent."
    parts = [f"{n} {KIND_WORDS.get(kind, kind)}" for kind, n in sorted(counts.items()) if n]
    return "Waiting to send: " + "; ".join(parts) + "."


def failure_text(exc: BaseException) -> str | None:
    """A failure in plain words; None for one that is a bug."""
    if isinstance(exc, HubError | VaultError):
        detail = exc.one_line() if isinstance(exc, VaultError) else str(exc)
        return (
            f"The send stopped: {detail}. Nothing is lost: what was not sent is still "
            "waiting on this laptop; try again later."
        )
    return None


class SendDialog(QDialog):
    """Shows the outbox per kind; Send; then the report, in the same dialog."""

    def __init__(self, vault: Vault, report: Report, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("send-to-organisation")
        self.setWindowTitle(TITLE)
        self._vault = vault
        self._report = report
        self.result_report: SendReport | None = None
        configured = hub_connection.configured(vault)

        waiting = NO_HUB if configured is None else waiting_text(waiting_by_kind(vault))
        self.summary = QLabel(waiting)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.outcome = QPlainTextEdit()
        self.outcome.setObjectName("outcome")
        self.outcome.setReadOnly(True)
        self.outcome.setVisible(False)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.send_button = buttons.addButton("&Send now", QDialogButtonBox.ButtonRole.ActionRole)
        self.send_button.setObjectName("send-now")
        self.send_button.setEnabled(configured is not None)
        self.send_button.setDefault(configured is not None)
        if configured is None:
            self.send_button.setToolTip("No hub is set for this vault (IT sets one)")
        self.send_button.clicked.connect(self._send)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.outcome)
        layout.addWidget(buttons)
        (self.send_button if configured is not None else self.close_button).setFocus()

    def _send(self) -> None:
        self.send_button.setEnabled(False)
        steps = _Steps(self)
        busy = run_with_progress(
            self,
            "Sending to the organisation…",
            lambda: send(self._vault, steps.step.emit),
            self._done,
            self._failed,
        )

        def stepped(done: int, total: int) -> None:
            busy.setLabelText(f"Sending to the organisation… {done} of {total}")

        steps.step.connect(stepped)

    def _show(self, lines: list[str]) -> None:
        self.outcome.setPlainText("\n".join(lines))
        self.outcome.setVisible(True)
        self.close_button.setFocus()

    def _done(self, result: SendReport) -> None:
        self.result_report = result
        self.summary.setText(waiting_text(waiting_by_kind(self._vault)))
        self.send_button.setEnabled(True)
        self._show(report_lines(result))
        self._report(
            f"Sent {result.sent} to the organisation; {result.waiting} still waiting."
            if result.unreachable is None
            else "Could not reach the organisation's hub: nothing is lost, try again later."
        )

    def _failed(self, exc: BaseException) -> None:
        self.send_button.setEnabled(True)
        text = failure_text(exc)
        if text is None:
            raise exc
        self._show([text])
