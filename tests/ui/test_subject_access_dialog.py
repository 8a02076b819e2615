"""File → Export and import → Subject access pack…: by keyboard, off the UI thread, recorded."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from supnotes.domain.people import Stage, Worker
from supnotes.domain.trail import TrailKind
from supnotes.services import trail
from supnotes.ui.common import operations
from supnotes.ui.file_menu.subject_access_dialog import SubjectAccessDialog
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.vault import Vault

PASSPHRASE = "a long enough passphrase"
WORKERS = ("Ffion Pritchard", "Dele Adeyemi")


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    opened, _ = Vault.create(tmp_path / "v", PASSPHRASE, kdf_params=TEST_PARAMS)
    with opened:
        for n, name in enumerate(WORKERS):
            WorkerRepository(opened).save(
                Worker(
                    f"0d9c2a44-8d65-4d3f-9a1e-6c1f1b0c2e1{n}",
                    name,
                    "Social Worker",
                    "East",
                    date(2024, 1, 8),
                    Stage.QUALIFIED,
                )
            )
        yield opened


def _dialog(qtbot: QtBot, vault: Vault, out: Path, said: list[str]) -> SubjectAccessDialog:
    dialog = SubjectAccessDialog(vault, said.append, None, "0d9c2a44-8d65-4d3f-9a1e-6c1f1b0c2e11")
    qtbot.addWidget(dialog)
    dialog.chosen_path = lambda _suggested: out  # type: ignore[method-assign,assignment]
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    return dialog


def _alt(dialog: SubjectAccessDialog, key: Qt.Key) -> None:
    """Alt+letter, sent where a user's key goes: the focused widget."""
    QTest.keyClick(QApplication.focusWidget() or dialog, key, Qt.KeyboardModifier.AltModifier)


def test_the_pack_is_made_by_keyboard_with_safe_defaults(
    qtbot: QtBot, vault: Vault, tmp_path: Path
) -> None:
    said: list[str] = []
    out = tmp_path / "pack.zip"
    dialog = _dialog(qtbot, vault, out, said)
    assert dialog.worker.currentText() == "Dele Adeyemi"  # the selected worker
    assert not dialog.private.isChecked()
    assert dialog.masking.isChecked()
    assert "still disclosable on request" in dialog.private.text()
    before = len(trail.entries(vault))
    _alt(dialog, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: dialog.saved_to is not None and not operations.busy(), timeout=30_000)
    assert dialog.saved_to == out
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        readme = archive.read("README.txt").decode()
    assert {"README.txt", "index.pdf", "records.supnotes.json", "maskings.csv"} <= set(names)
    assert "records about Dele Adeyemi" in readme
    assert "Private notes: left out" in readme
    entries = trail.entries(vault)
    assert len(entries) == before + 1
    assert entries[-1].kind is TrailKind.SUBJECT_ACCESS
    assert said
    assert "pack.zip" in said[-1]


def test_alt_letters_reach_each_option(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, vault, tmp_path / "p.zip", [])
    # A mnemonic clicks its button after a short press animation.
    _alt(dialog, Qt.Key.Key_I)
    qtbot.waitUntil(dialog.private.isChecked, timeout=2000)
    _alt(dialog, Qt.Key.Key_M)
    qtbot.waitUntil(lambda: not dialog.masking.isChecked(), timeout=2000)
    _alt(dialog, Qt.Key.Key_W)
    assert dialog.worker.hasFocus()


def test_an_unwritable_destination_says_so_and_leaves_nothing(
    qtbot: QtBot, vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warned: list[str] = []

    def warning(_parent: object, _title: str, text: str) -> int:
        warned.append(text)
        return 0

    monkeypatch.setattr(QMessageBox, "warning", warning)
    out = tmp_path / "no such folder" / "pack.zip"
    dialog = _dialog(qtbot, vault, out, [])
    before = len(trail.entries(vault))
    _alt(dialog, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: bool(warned) and not operations.busy(), timeout=30_000)
    assert warned[0].startswith("No pack was written")
    assert "Traceback" not in warned[0]
    assert not out.parent.exists()
    assert len(trail.entries(vault)) == before
    assert dialog.isVisible()
    assert dialog.make.isEnabled()
