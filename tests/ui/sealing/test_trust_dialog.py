"""Settings → Trust register…: import, add after checking, remove, export; real widgets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from supnotes.pdf.identity import certificate_pem, create_identity
from supnotes.services import identity as identities
from supnotes.services import trust
from supnotes.ui.sealing.trust_dialog import FINGERPRINT, HOW, TrustDialog, build_trust_dialog
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.vault import Vault


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    opened, _ = Vault.create(tmp_path / "v", "a long enough passphrase", kdf_params=TEST_PARAMS)
    with opened:
        identities.create_self_signed(opened, "Helen Marchbank", "Team Manager", "Org")
        yield opened


@pytest.fixture
def dialog(qtbot: QtBot, vault: Vault) -> TrustDialog:
    built = build_trust_dialog(vault)
    qtbot.addWidget(built)
    return built


def _answer(dialog: TrustDialog, answer: bool) -> list[str]:
    asked: list[str] = []

    def confirm(title: str, text: str) -> bool:
        asked.append(text)
        return answer

    dialog.confirm = confirm  # type: ignore[method-assign]
    return asked


def test_lists_own_certificate_which_cannot_be_removed(
    dialog: TrustDialog, vault: Vault, qtmodeltester: object
) -> None:
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]
    assert dialog.model.rowCount() == 1
    fingerprint = dialog.model.index(0, FINGERPRINT).data()
    assert fingerprint == identities.current_fingerprint(vault)
    assert dialog.model.index(0, HOW).data() == "your signing certificate"
    assert not dialog.remove_row(0)
    assert "stay in your register" in dialog.message.text()


def test_add_after_the_owner_confirms_and_remove(
    dialog: TrustDialog, vault: Vault, tmp_path: Path
) -> None:
    person = create_identity("Siân Gwŷn", "Social Worker", "Org")
    pem = tmp_path / "sian.pem"
    pem.write_bytes(certificate_pem(person.certificate))
    asked = _answer(dialog, False)
    assert dialog.add_checked(pem) == 0
    assert person.fingerprint in asked[0]  # the fingerprint is shown to compare
    assert "Nothing was registered" in dialog.message.text()
    _answer(dialog, True)
    assert dialog.add_checked(pem) == 1
    assert dialog.model.rowCount() == 2
    assert person.certificate in trust.trust_roots(vault)
    assert dialog.remove_row(1)
    assert person.certificate not in trust.trust_roots(vault)


def test_organisation_register_folder_and_bad_files(
    dialog: TrustDialog, vault: Vault, tmp_path: Path
) -> None:
    folder = tmp_path / "register"
    folder.mkdir()
    for n in range(3):
        cert = create_identity(f"Person {n}", "", "Org").certificate
        (folder / f"p{n}.pem").write_bytes(certificate_pem(cert))
    asked = _answer(dialog, True)
    assert dialog.import_register(folder) == 3
    assert "holds 3 certificate(s)" in asked[0]
    assert dialog.model.rowCount() == 4
    # several certificates are not "one checked with its owner"
    assert dialog.add_checked(folder) == 0
    junk = tmp_path / "junk.pem"
    junk.write_bytes(b"not a certificate")
    assert dialog.import_register(junk) == 0
    assert "Nothing was registered" in dialog.message.text()


def test_export_my_certificate(dialog: TrustDialog, vault: Vault, tmp_path: Path) -> None:
    out = tmp_path / "mine.pem"
    assert dialog.export_certificate(out)
    assert out.read_bytes() == certificate_pem(identities.current(vault).certificate)  # type: ignore[union-attr]
    assert "HR or IT" in dialog.message.text()
    labels = [b.text() for b in dialog.findChildren(QPushButton)]
    assert "Export my certificate…" in labels


def test_after_exporting_the_focus_goes_to_close(
    qtbot: QtBot, dialog: TrustDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter after "Export my certificate…" had saved reopened the save dialog."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog

    out = tmp_path / "mine.pem"
    asked: list[str] = []

    def pick(*_args: object, **_kwargs: object) -> tuple[str, str]:
        asked.append("save dialog")
        return str(out), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(pick))
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    export = next(b for b in dialog.findChildren(QPushButton) if b.text().startswith("Export"))
    export.setFocus()
    QTest.keyClick(export, Qt.Key.Key_Space)
    assert asked == ["save dialog"]
    assert out.is_file()
    assert str(out) in dialog.message.text()
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    close = buttons.button(QDialogButtonBox.StandardButton.Close)
    assert QApplication.focusWidget() is close
    QTest.keyClick(close, Qt.Key.Key_Return)
    assert asked == ["save dialog"]
    assert not dialog.isVisible()
