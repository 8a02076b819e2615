"""First run: create the vault, say who you are, choose a passphrase, keep the recovery key.

Pages: welcome → about you → passphrase → creating (off the UI thread:
calibrating Argon2id takes a second or two) → recovery key (shown once; print
or save, then confirm by typing its last group) → done.

The passphrase page is the commit page ("Create the vault"): from the page
that creates the vault there is no Back, so no passphrase can be typed after
the vault exists that would not open it. If creating fails (a full disk, a
folder that is not empty) the page says why and offers Try again; Cancel
stays available until the vault exists, and after that the wizard cannot be
cancelled until the recovery key has been confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from supnotes.ui.access import recovery_sheet
from supnotes.ui.access.passphrase_fields import PassphraseFields
from supnotes.ui.access.vault_errors import describe
from supnotes.ui.common.fit import available, fit_to_screen
from supnotes.ui.common.operations import run_in_background
from supnotes.vault.errors import VaultError
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Vault


@dataclass(frozen=True)
class Profile:
    name: str
    role: str
    organisation: str


def create_vault(folder: Path, passphrase: str, profile: Profile) -> tuple[Vault, str]:
    """Create the vault and store the profile (runs on a worker thread)."""
    vault, recovery_key = Vault.create(folder, passphrase)
    try:
        SettingsStore(vault).set_many(
            {
                "profile.name": profile.name,
                "profile.role": profile.role,
                "organisation.name": profile.organisation,
            }
        )
        from supnotes.services.identity import create_from_profile

        create_from_profile(vault)  # the signing key and certificate, from the profile
    except BaseException:
        vault.close()
        raise
    return vault, recovery_key


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


class WelcomePage(QWizardPage):
    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.setTitle("Welcome to SupNotes")
        self.setSubTitle("A private, offline place for the supervision records you keep.")
        layout = QVBoxLayout(self)
        layout.addWidget(
            _heading(
                "<p>Everything you write is kept in one encrypted <b>vault</b> on this "
                "computer. Nothing is sent anywhere.</p>"
                "<p>In the next few steps you will:</p>"
                "<ol><li>tell SupNotes your name and role, for the records you sign;</li>"
                "<li>choose a passphrase that unlocks the vault;</li>"
                "<li>keep a <b>recovery key</b>: the only way back in if the passphrase "
                "is forgotten.</li></ol>"
            )
        )
        where = QLabel(f"The vault will be created in:<br><code>{folder}</code>")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(where)
        layout.addStretch(1)


class ProfilePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("About you")
        self.setSubTitle("Shown on the records you sign. You can change these later in Settings.")
        self.name = QLineEdit()
        self.name.setObjectName("profile-name")
        self.role = QLineEdit()
        self.role.setObjectName("profile-role")
        self.role.setPlaceholderText("e.g. Team Manager, Practice Supervisor")
        self.organisation = QLineEdit()
        self.organisation.setObjectName("profile-organisation")
        form = QFormLayout(self)
        form.addRow("Your na&me:", self.name)
        form.addRow("Your &role:", self.role)
        form.addRow("&Organisation:", self.organisation)
        self.name.textChanged.connect(self.completeChanged)

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        return bool(self.name.text().strip())

    def profile(self) -> Profile:
        return Profile(
            self.name.text().strip(), self.role.text().strip(), self.organisation.text().strip()
        )


class PassphrasePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Choose a passphrase")
        self.setSubTitle("You will type it each time you open SupNotes, and after it locks itself.")
        self.fields = PassphraseFields(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields)
        layout.addStretch(1)
        self.fields.changed.connect(self.completeChanged)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Create the vault")

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        wizard = self.wizard()
        if isinstance(wizard, FirstRunWizard):
            profile = wizard.profile_page.profile()
            self.fields.set_user_inputs((profile.name, profile.organisation))

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        return self.fields.is_valid


class CreatingPage(QWizardPage):
    """Creates the vault off the UI thread as soon as it is shown."""

    created = Signal(object, str)  # the open Vault, its recovery key

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self._folder = folder
        self.vault: Vault | None = None
        self.recovery_key = ""
        self._creating = False
        self.setTitle("Creating your vault")
        self.setCommitPage(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.status = QLabel("Tuning the encryption to this computer (a second or two)…")
        self.status.setObjectName("create-status")
        self.status.setWordWrap(True)
        self.retry = QPushButton("&Try again")
        self.retry.setObjectName("create-retry")
        self.retry.hide()
        self.retry.clicked.connect(self.initializePage)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        row = QHBoxLayout()
        row.addWidget(self.retry)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        if self.vault is not None or self._creating:
            return
        self._creating = True
        self.retry.hide()
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard)
        passphrase = wizard.passphrase_page.fields.passphrase
        profile = wizard.profile_page.profile()
        self.progress.setRange(0, 0)
        self.status.setText("Tuning the encryption to this computer (a second or two)…")
        run_in_background(
            lambda: create_vault(self._folder, passphrase, profile),
            self._done,
            self._failed,
        )

    def _done(self, result: tuple[Vault, str]) -> None:
        self._creating = False
        self.vault, self.recovery_key = result
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.status.setText("Your vault is ready. Next, keep your recovery key safe.")
        self.created.emit(self.vault, self.recovery_key)
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self._creating = False
        if not isinstance(exc, VaultError):
            raise exc
        view = describe(exc)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status.setText(f"<b>{view.message}</b><br>{view.advice}")
        self.retry.show()
        self.retry.setFocus()

    @property
    def creating(self) -> bool:
        return self._creating

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        return self.vault is not None


class RecoveryKeyPage(QWizardPage):
    def __init__(self, folder: Path) -> None:
        super().__init__()
        self._folder = folder
        self.recovery_key = ""
        self.setTitle("Your recovery key")
        self.setSubTitle(
            "If you forget your passphrase, this key is the only way to open the vault. "
            "It is shown only now."
        )
        self.setCommitPage(True)
        self._init_widgets()
        self._init_layout()

    def _init_widgets(self) -> None:
        self.key_label = QLabel()
        self.key_label.setObjectName("recovery-key")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setWeight(QFont.Weight.DemiBold)
        self.key_label.setFont(font)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setFrameShape(QLabel.Shape.StyledPanel)
        self.key_label.setMinimumHeight(56)
        self.print_button = QPushButton("&Print…")
        self.save_button = QPushButton("&Save as text file…")
        self.print_button.clicked.connect(
            lambda: recovery_sheet.print_recovery_key(self, self.recovery_key, self._folder)
        )
        self.save_button.clicked.connect(
            lambda: recovery_sheet.save_recovery_key(self, self.recovery_key, self._folder)
        )
        self.kept = QCheckBox("I have printed or written down the recovery key")
        self.kept.setObjectName("recovery-kept")
        self.last_group = QLineEdit()
        self.last_group.setObjectName("recovery-last-group")
        self.last_group.setMaxLength(4)
        self.last_group.setMaximumWidth(90)
        self.kept.toggled.connect(self.completeChanged)
        self.last_group.textChanged.connect(self.completeChanged)

    def _init_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.key_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addSpacing(12)
        layout.addWidget(self.kept)
        confirm = QFormLayout()
        confirm.addRow("To check, type its &last four characters:", self.last_group)
        layout.addLayout(confirm)
        note = QLabel(
            "Keep it apart from this laptop. A saved file is not encrypted: "
            "store it somewhere only you can reach, or print it and delete the file."
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addStretch(1)

    def show_key(self, recovery_key: str) -> None:
        self.recovery_key = recovery_key
        self.key_label.setText(recovery_key)

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        if not self.recovery_key or not self.kept.isChecked():
            return False
        expected = self.recovery_key.rsplit("-", 1)[-1].upper()
        typed = self.last_group.text().strip().upper().replace("O", "0")
        return typed == expected.replace("O", "0")


class DonePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("All set")
        layout = QVBoxLayout(self)
        layout.addWidget(
            _heading(
                "<p>Your vault is ready. SupNotes locks itself after a few minutes "
                "without use, and whenever you press <b>Ctrl+L</b>.</p>"
                "<p>Automatic encrypted backups are on; you can change how often in "
                "Settings.</p>"
            )
        )
        layout.addStretch(1)


class FirstRunWizard(QWizard):
    """The set-up. After ``accepted``, :attr:`vault` is the new, open vault."""

    vault_ready = Signal(object)  # the open Vault, once the recovery key is confirmed

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.setWindowTitle("Set up SupNotes")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Continue")
        self._init_pages()
        # 580x470 where the screen has room; less on a small one (1024x640
        # under QT_SCALE_FACTOR=1.5 is 427 high), so Next is never off screen.
        room = available(self)
        self.setMinimumSize(min(580, room.width()), min(470, room.height()))
        fit_to_screen(self, self.sizeHint().expandedTo(QSize(580, 470)))

    def _init_pages(self) -> None:
        self.welcome_page = WelcomePage(self.folder)
        self.profile_page = ProfilePage()
        self.passphrase_page = PassphrasePage()
        self.creating_page = CreatingPage(self.folder)
        self.recovery_page = RecoveryKeyPage(self.folder)
        self.done_page = DonePage()
        for page in (
            self.welcome_page,
            self.profile_page,
            self.passphrase_page,
            self.creating_page,
            self.recovery_page,
            self.done_page,
        ):
            self.addPage(page)
        self.creating_page.created.connect(self._created)

    @property
    def vault(self) -> Vault | None:
        return self.creating_page.vault

    def _created(self, _vault: Vault, recovery_key: str) -> None:
        self.recovery_page.show_key(recovery_key)
        self.button(QWizard.WizardButton.CancelButton).setEnabled(False)

    def back(self) -> None:
        # The Back button is already disabled after the commit page; this
        # also stops a programmatic back() past the vault's creation.
        if self.currentPage() in (self.creating_page, self.recovery_page, self.done_page):
            return
        super().back()

    def accept(self) -> None:
        super().accept()
        if self.vault is not None:
            self.vault_ready.emit(self.vault)

    def reject(self) -> None:
        # Once the vault exists, leaving before the recovery key is kept
        # would lose the only copy of it.
        # While it is being created, cancelling would leave a vault whose
        # recovery key nobody saw.
        if self.vault is not None or self.creating_page.creating:
            return
        super().reject()


def build_first_run(folder: Path, parent: QWidget | None = None) -> FirstRunWizard:
    """The first-run wizard for a vault to be created in ``folder``."""
    return FirstRunWizard(folder, parent)
