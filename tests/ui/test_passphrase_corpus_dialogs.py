"""The passphrase corpus pasted (clipboard + Ctrl+V) into the unlock and first-run dialogs.

Unlock: the NFC and NFD forms open a vault made with the NFD form; anything
else is a wrong passphrase, said on the same page, with the vault's files
untouched. First run: the meter gives the same verdict as ``init``, and the
page can go on only when the passphrase is accepted. No case raises.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from supnotes.ui.access.first_run import build_first_run
from supnotes.ui.access.unlock import build_unlock_dialog
from supnotes.ui.common import operations
from supnotes.vault import errors
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.paths import VaultPaths
from supnotes.vault.vault import Vault

DATA = json.loads(
    (Path(__file__).parent.parent / "data" / "passphrases" / "cases.json").read_text("utf-8")
)
VAULT_PASSPHRASE = unicodedata.normalize("NFD", DATA["vault_passphrase_nfd_of"])


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    accepted: bool  # as a new passphrase
    opens: bool  # the NFD vault


def _cases() -> list[Case]:
    cases = []
    for raw in DATA["cases"]:
        if "repeat" in raw:
            unit, size = raw["repeat"]["unit"], raw["repeat"]["bytes"]
            text = (unit * (size // len(unit) + 1))[:size]
        else:
            text = raw["text"]
        accepted = raw["create"]["exit"] == 0
        cases.append(Case(raw["name"], text, accepted, raw.get("opens_nfd_vault", False)))
    # A NUL cannot travel in an environment variable, but it can be pasted.
    cases.append(Case("nul-inside", "violet tractor\x00sandwich lagoon", False, False))
    return cases


CASES = _cases()


def _paste(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    QApplication.clipboard().setText(text)
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def _fingerprint(folder: Path) -> str:
    paths = VaultPaths(folder)
    digest = hashlib.sha256()
    for path in (paths.db, paths.keyfile):
        digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_pasted_at_unlock(qtbot: QtBot, tmp_path: Path, case: Case) -> None:
    folder = tmp_path / "vault"
    Vault.create(folder, VAULT_PASSPHRASE, kdf_params=TEST_PARAMS)[0].close()
    before = _fingerprint(folder)
    dialog = build_unlock_dialog(folder)
    qtbot.addWidget(dialog)
    dialog.show()
    _paste(qtbot, dialog.passphrase, case.text)
    if not case.text:
        assert not dialog.unlock_button.isEnabled()
        QTest.keyClick(dialog.passphrase, Qt.Key.Key_Return)
        assert not operations.busy()
        assert not dialog.error_panel.isVisible()
        assert _fingerprint(folder) == before
        return
    if case.opens:
        with qtbot.waitSignal(dialog.unlocked, timeout=10_000) as blocker:
            QTest.keyClick(dialog.passphrase, Qt.Key.Key_Return)
        blocker.args[0].close()
        return
    QTest.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not operations.busy(), timeout=10_000)
    assert dialog.current_page is dialog.passphrase_page
    assert errors.WrongPassphrase.message in dialog.error_panel.text()
    assert _fingerprint(folder) == before


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_pasted_at_first_run(qtbot: QtBot, tmp_path: Path, case: Case) -> None:
    wizard = build_first_run(tmp_path / "vault")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wizard.profile_page.name.setText("Sam Okafor")
    wizard.next()
    fields = wizard.passphrase_page.fields
    _paste(qtbot, fields.first, case.text)
    _paste(qtbot, fields.second, case.text)
    assert wizard.passphrase_page.isComplete() == case.accepted
    verdict = fields.verdict.text()
    if case.text:
        assert ("(accepted)" in verdict) == case.accepted, verdict
    if case.accepted:
        assert any(word in verdict for word in ("Fair", "Good", "Strong"))
    assert not (tmp_path / "vault").exists()  # nothing is made before "Create the vault"
