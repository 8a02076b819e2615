"""Save and open dialogs start in the Documents folder (else home), never the app's own folder.

Seen in the real app: with no Documents folder, Settings → Export public key…
opened its save dialog in the folder the program was started from (Qt's
answer to a start folder that is not there). These open the real Qt file
dialog by pressing the real button, read the folder it shows, and cancel it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from supnotes.domain.template_loader import default_library
from supnotes.services import encryption_key as keys
from supnotes.services import identity as identities
from supnotes.ui.common.file_dialogs import documents_folder
from supnotes.ui.dialogs.encryption_key_section import EncryptionKeySection
from supnotes.ui.dialogs.escrow_section import EscrowSection
from supnotes.ui.oversight.highlights_view import HighlightsView
from supnotes.ui.oversight.retention_view import RetentionView
from supnotes.ui.sealing.trust_dialog import TrustDialog
from supnotes.ui.shell.controller import AppController
from supnotes.ui.shell.machine_state import MachineState
from supnotes.ui.shell.theme import Appearance
from supnotes.vault.vault import Vault


def _folder_shown_by_the_dialog_of(qtbot: QtBot, button: QPushButton) -> Path:
    """Press ``button`` with Space; the folder its real file dialog opened in (then cancelled)."""
    seen: list[str] = []
    tries = [0]

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QFileDialog):
            seen.append(dialog.directory().absolutePath())
            dialog.reject()
        elif tries[0] < 200:
            tries[0] += 1
            QTimer.singleShot(25, look)

    QTimer.singleShot(25, look)
    button.setFocus()
    QTest.keyClick(button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    return Path(seen[0]).resolve()


@pytest.fixture
def home(isolated_folders: Path) -> Path:
    assert Path.cwd().resolve() != isolated_folders.resolve()  # else the test could not fail
    return isolated_folders.resolve()


@pytest.fixture
def start(qapp: QApplication, open_vault: Vault, machine: MachineState) -> Iterator[AppController]:
    font = qapp.font()
    controller = AppController(
        qapp, open_vault.paths.folder, machine=machine, appearance=Appearance(qapp)
    )
    yield controller
    if controller.window is not None:
        controller.window.close()
    qapp.setFont(font)
    controller.deleteLater()


def _settings(qtbot: QtBot, controller: AppController) -> QWidget:
    dialog = controller.open_settings()
    qtbot.waitExposed(dialog)
    return dialog


def test_documents_if_it_is_there_else_home(home: Path) -> None:
    assert documents_folder().resolve() == home
    (home / "Documents").mkdir()
    assert documents_folder().resolve() == home / "Documents"


def test_export_public_key_opens_in_home_without_documents_then_in_documents(
    qtbot: QtBot, start: AppController, open_vault: Vault, home: Path
) -> None:
    keys.ensure(open_vault)
    start.vault_ready(open_vault)
    section = _settings(qtbot, start).findChild(EncryptionKeySection, "encryption-key-section")
    assert isinstance(section, EncryptionKeySection)
    assert _folder_shown_by_the_dialog_of(qtbot, section.export_button) == home
    (home / "Documents").mkdir()
    assert _folder_shown_by_the_dialog_of(qtbot, section.export_button) == home / "Documents"


def test_escrow_add_from_a_file_opens_in_documents(
    qtbot: QtBot, start: AppController, open_vault: Vault, home: Path
) -> None:
    (home / "Documents").mkdir()
    start.vault_ready(open_vault)
    section = _settings(qtbot, start).findChild(EscrowSection, "escrow-section")
    assert isinstance(section, EscrowSection)
    assert _folder_shown_by_the_dialog_of(qtbot, section.add_file) == home / "Documents"


def test_settings_folder_choose_opens_in_documents_when_empty(
    qtbot: QtBot, start: AppController, open_vault: Vault, home: Path
) -> None:
    (home / "Documents").mkdir()
    start.vault_ready(open_vault)
    dialog = _settings(qtbot, start)
    field = dialog.findChild(QWidget, "setting:files.folder")
    assert field is not None
    choose = field.findChild(QPushButton)
    assert isinstance(choose, QPushButton)
    assert _folder_shown_by_the_dialog_of(qtbot, choose) == home / "Documents"


def test_trust_register_export_opens_in_documents(
    qtbot: QtBot, open_vault: Vault, home: Path
) -> None:
    (home / "Documents").mkdir()
    identities.create_self_signed(open_vault, "Helen Marchbank", "Team Manager", "Org")
    dialog = TrustDialog(open_vault)
    qtbot.addWidget(dialog)
    dialog.show()
    export = next(b for b in dialog.findChildren(QPushButton) if b.text().startswith("Export"))
    assert _folder_shown_by_the_dialog_of(qtbot, export) == home / "Documents"


def test_highlights_and_retention_audit_open_in_documents(
    qtbot: QtBot, open_vault: Vault, home: Path
) -> None:
    (home / "Documents").mkdir()
    highlights = HighlightsView(lambda: open_vault, default_library(), today=date(2026, 3, 20))
    qtbot.addWidget(highlights)
    highlights.show()
    assert _folder_shown_by_the_dialog_of(qtbot, highlights.save_button) == home / "Documents"
    retention = RetentionView(lambda: open_vault)
    qtbot.addWidget(retention)
    retention.show()
    assert _folder_shown_by_the_dialog_of(qtbot, retention.audit_button) == home / "Documents"
