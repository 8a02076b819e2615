"""File → Export and import → Receive a handover…: check it, show what it holds, import it.

The supervisor chooses a handover file, or fetches the ones addressed to
their key from the organisation's hub when one is set for this vault. The
file is checked (signature, then decryption with this vault's key) and read
off the UI thread, and the dialog shows what it holds before anything is
written: the worker, the number of records and of open actions, whether
private notes came too, and the giver (with a warning, and a box to tick,
when the giver is not in this vault's trust register). Importing is the
ordinary all-or-nothing import (:func:`supnotes.services.handover.import_received`,
as ``supnotes handover-import``); the open actions then come up for review in
the receiver's next one-to-one with that worker. Every refusal is a plain
message; nothing is written.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supnotes.services import encryption_key as keys
from supnotes.services import handover, hub_connection
from supnotes.services.hub_handover import MAX_HANDOVER_BYTES
from supnotes.ui.common.file_dialogs import choose_open_path
from supnotes.ui.common.fit import grow_on_screen
from supnotes.ui.common.operations import run_with_progress
from supnotes.ui.file_menu.fingerprint_lines import two_lines
from supnotes.vault.portability import ImportReport
from supnotes.vault.vault import Vault

Report = Callable[[str], None]
TITLE = "Receive a handover"
HANDOVER_FILTER = "SupNotes handovers (*.supnotes-handover *.handover);;All files (*)"
NO_KEY = (
    "This vault has no encryption key yet, so no handover can be for it. Create one in "
    "Settings → Encryption key for handovers, export the public key and give it to the "
    "supervisor handing over."
)


class Refused(Exception):
    """A handover that cannot be received; the message says why, in plain words."""


@dataclass(frozen=True)
class Checked:
    received: handover.Received
    contents: handover.Contents
    name: str


def _reason(exc: BaseException) -> str | None:
    from supnotes.hub.errors import HubError
    from supnotes.vault.errors import VaultError

    if isinstance(exc, Refused):
        return str(exc)
    if isinstance(exc, VaultError):
        return exc.one_line()
    if isinstance(exc, OSError):
        return f"the file could not be read ({exc.strerror or exc.__class__.__name__})."
    if isinstance(exc, HubError | ValueError):  # HandoverError, ExportFormatError among them
        return str(exc)
    return None


def failure_text(exc: BaseException) -> str | None:
    """A refusal in plain words (nothing was imported); None for a bug."""
    reason = _reason(exc)
    if reason is None:
        return None
    reason = reason.rstrip(".")
    if not isinstance(exc, Refused):  # a Refused one starts with the file's name as it is
        reason = reason[0].upper() + reason[1:]
    return reason + ("." if "nothing" in reason else ". Nothing was imported.")


def check_file(vault: Vault, path: Path) -> Checked:
    """Read, check and decrypt ``path``, and read what it holds (off the UI thread)."""
    size = path.stat().st_size
    if size > MAX_HANDOVER_BYTES:
        raise Refused(f"{path.name} is larger than a handover can be (512 MB)")
    data = path.read_bytes()
    from supnotes.services.handover_envelope import HandoverError, Tampered, WrongRecipient

    try:
        received = _opened(vault, data)
    except (WrongRecipient, Tampered):
        raise
    except HandoverError as exc:
        raise Refused(f"{path.name}: {exc}") from None
    with vault.exclusive():
        contents = handover.contents(vault, received)
    return Checked(received, contents, path.name)


def _opened(vault: Vault, data: bytes) -> handover.Received:
    # Each read holds the vault's lock: never an autosave's half-done transaction.
    with vault.exclusive():
        return handover.open_received(vault, data)


def describe(checked: Checked) -> str:
    c = checked.contents
    records = "1 record" if c.records == 1 else f"{c.records} records"
    if c.drafts:
        records += f" (among them {c.drafts} unsigned draft{'' if c.drafts == 1 else 's'})"
    actions = "1 open action" if c.open_actions == 1 else f"{c.open_actions} open actions"
    lines = [
        f"Worker: {c.worker_name}",
        f"{records}, {actions} (they come up for review in your next one-to-one with "
        f"{c.worker_name})",
        f"From: {c.giver_name}",
        f"Giver's certificate (SHA-256):\n{two_lines(c.giver_fingerprint)}",
        "Private notes: included (still disclosable on request)"
        if c.includes_private
        else "Private notes: not included",
    ]
    if c.already_here:
        lines.append(
            f"{c.worker_name} is already in this vault: what is here stays as it is; only "
            "records not here yet are added."
        )
    elif c.same_name_here:
        lines.append(
            f"Another worker named {c.worker_name} is already in this vault: this one is "
            "added beside them, not merged."
        )
    return "\n".join(lines)


class ReceiveDialog(QDialog):
    def __init__(
        self,
        vault: Vault,
        report: Report,
        imported: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("receive-handover")
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(480)
        self._vault = vault
        self._report = report
        self._imported = imported
        self.checked: Checked | None = None
        self.result_report: ImportReport | None = None
        self._fetched_folder: tempfile.TemporaryDirectory[str] | None = None
        has_key = keys.current(vault) is not None
        hub = hub_connection.configured(vault) is not None
        self._init_fields(has_key=has_key, hub=hub)
        self._init_layout()
        self.finished.connect(lambda _code: self._forget_fetched())
        first = (
            self.choose if has_key else self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        )
        first.setFocus()

    def _init_fields(self, *, has_key: bool, hub: bool) -> None:
        self.intro = QLabel(
            "Choose the handover file the giving supervisor sent you"
            + (", or fetch the ones waiting for you on the organisation's hub." if hub else ".")
            if has_key
            else NO_KEY
        )
        self.intro.setObjectName("intro")
        self.intro.setWordWrap(True)
        self.choose = QPushButton("Choose a &file…")
        self.choose.setObjectName("choose-file")
        self.choose.setEnabled(has_key)
        self.choose.clicked.connect(self._choose_file)
        self.choose.setAutoDefault(False)  # a file chooser: never the default
        self.fetch = QPushButton("Fetch from the &hub")
        self.fetch.setObjectName("fetch-from-hub")
        self.fetch.setEnabled(has_key and hub)
        self.fetch.setVisible(hub)
        self.fetch.clicked.connect(self._fetch)
        self.fetched = QComboBox()
        self.fetched.setObjectName("fetched")
        self.fetched.setVisible(False)
        self.fetched.activated.connect(self._fetched_chosen)
        self.contents = QLabel()
        self.contents.setObjectName("contents")
        self.contents.setWordWrap(True)
        self.contents.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.contents.setVisible(False)
        self.warning = QLabel(
            "Warning: the giver is not in your trust register. Check the fingerprint above "
            "with them by another way (phone, in person) before you import."
        )
        self.warning.setObjectName("giver-warning")
        self.warning.setWordWrap(True)
        self.warning.setVisible(False)
        self.checked_giver = QCheckBox(
            "I have &checked the giver's fingerprint with them (phone, in person)"
        )
        self.checked_giver.setObjectName("giver-checked")
        self.checked_giver.setVisible(False)
        self.checked_giver.toggled.connect(lambda _on: self._allow())

    def _init_layout(self) -> None:
        self.buttons = buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("import-handover")
        self.import_button.setEnabled(False)
        buttons.accepted.connect(self.import_now)
        buttons.rejected.connect(self.reject)

        row = QHBoxLayout()
        row.addWidget(self.choose)
        row.addWidget(self.fetch)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addWidget(self.fetched)
        layout.addWidget(self.contents)
        layout.addWidget(self.warning)
        layout.addWidget(self.checked_giver)
        layout.addWidget(buttons)

    # -- choosing ---------------------------------------------------------------------

    def handover_file(self) -> Path | None:
        """Which file (the project's open dialog); tests replace it."""
        return choose_open_path(self, self._vault, TITLE, HANDOVER_FILTER)

    def _choose_file(self) -> None:
        path = self.handover_file()
        if path is not None:
            self.open_file(path)

    def open_file(self, path: Path) -> None:
        """Check ``path`` off the UI thread, then show what it holds."""
        self.checked = None
        self._allow()
        self.contents.setVisible(False)
        self.warning.setVisible(False)
        self.checked_giver.setVisible(False)
        self.checked_giver.setChecked(False)
        vault = self._vault
        run_with_progress(
            self,
            f"Checking {path.name}…",
            lambda: check_file(vault, path),
            self._shown,
            self._failed,
        )

    def _shown(self, checked: Checked) -> None:
        self.checked = checked
        self.contents.setText(describe(checked))
        self.contents.setVisible(True)
        unregistered = not checked.contents.giver_registered
        self.warning.setVisible(unregistered)
        self.checked_giver.setVisible(unregistered)
        self._allow()
        self._fit()
        (self.checked_giver if unregistered else self.import_button).setFocus()

    def _fit(self) -> None:
        """Grow to show the contents, and stay on the screen (found at 1024x640)."""
        grow_on_screen(self)

    def _allow(self) -> None:
        checked = self.checked
        ok = checked is not None and (
            checked.contents.giver_registered or self.checked_giver.isChecked()
        )
        self.import_button.setEnabled(ok)
        self.import_button.setDefault(ok)

    # -- the hub ------------------------------------------------------------------------

    def _forget_fetched(self) -> None:
        if self._fetched_folder is not None:
            self._fetched_folder.cleanup()
            self._fetched_folder = None

    def _fetch(self) -> None:
        from supnotes.services import hub_handover

        own = keys.current(self._vault)
        if own is None:
            return
        self._forget_fetched()
        folder = tempfile.TemporaryDirectory(prefix="supnotes-fetched-")
        self._fetched_folder = folder
        vault = self._vault
        run_with_progress(
            self,
            "Fetching from the organisation's hub…",
            lambda: hub_handover.fetch(vault, Path(folder.name), own.fingerprint),
            self._was_fetched,
            self._failed,
        )

    def _was_fetched(self, paths: list[Path]) -> None:
        self.fetched.clear()
        if not paths:
            self.intro.setText("Nothing is waiting for you on the organisation's hub.")
            self.fetched.setVisible(False)
            return
        for path in paths:
            self.fetched.addItem(path.name, str(path))
        self.fetched.setVisible(len(paths) > 1)
        self.intro.setText(
            f"{len(paths)} handover(s) are waiting for you on the hub"
            + (": choose one." if len(paths) > 1 else ".")
        )
        self.open_file(paths[0])

    def _fetched_chosen(self, index: int) -> None:
        data = self.fetched.itemData(index)
        if data:
            self.open_file(Path(str(data)))

    # -- importing ------------------------------------------------------------------------

    def import_now(self) -> None:
        checked = self.checked
        if checked is None or not self.import_button.isEnabled():
            return
        self.import_button.setEnabled(False)
        vault = self._vault
        run_with_progress(
            self,
            f"Importing the handover of {checked.contents.worker_name}…",
            lambda: handover.import_received(vault, checked.received, vault.exclusive),
            self._done,
            self._failed,
        )

    def _done(self, result: ImportReport) -> None:
        self.result_report = result
        name = self.checked.contents.worker_name if self.checked else "the worker"
        self._report(
            # The outcome first: a long name is cut at the right, never the count.
            f"{result.records_added} records added: received the handover of {name}.\n"
            f"{result.pdfs_added} sealed PDFs added; {result.records_unchanged} records were "
            "already here, unchanged. Their open actions come up in your next one-to-one "
            "with them."
        )
        self._imported()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._allow()
        text = failure_text(exc)
        if text is None:
            raise exc
        QMessageBox.warning(self, TITLE, text)
