"""Settings → Organisation escrow key, and IT's policy when the app unlocks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from supnotes.domain.trail import TrailKind
from supnotes.services import escrow as escrow_service
from supnotes.services import trail
from supnotes.ui.dialogs.escrow_section import ABSENT, EscrowSection
from supnotes.ui.shell.controller import AppController
from supnotes.ui.shell.machine_state import MachineState
from supnotes.ui.shell.theme import Appearance
from supnotes.vault import escrow
from supnotes.vault.vault import Vault
from tests.vault.escrow_keys import organisation_key

T = TypeVar("T")


def _defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, required: bool) -> str:
    """Point the machine-wide defaults at an escrow key; returns its fingerprint."""
    key = organisation_key("x25519").public_key()
    pem = tmp_path / "org-escrow.pem"
    pem.write_bytes(escrow.public_pem(key))
    defaults = tmp_path / "defaults.toml"
    flag = "true" if required else "false"
    defaults.write_text(f'[escrow]\npublic_key = "{pem}"\nrequired = {flag}\n')
    monkeypatch.setenv("SUPNOTES_DEFAULTS", str(defaults))
    return escrow.fingerprint(key)


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


def _slot(vault: Vault) -> escrow.EscrowSlotInfo | None:
    return vault.keyfile.escrow_info


def _section(controller: AppController) -> EscrowSection:
    dialog = controller.open_settings()
    section = dialog.findChild(EscrowSection, "escrow-section")
    assert isinstance(section, EscrowSection)
    return section


def _child(section: EscrowSection, kind: type[T], name: str) -> T:
    found = section.findChild(QWidget, name)
    assert isinstance(found, kind)
    return found


def test_an_offered_key_is_mentioned_then_added_from_settings(
    qtbot: QtBot,
    start: AppController,
    open_vault: Vault,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wanted = _defaults(tmp_path, monkeypatch, required=False)
    start.vault_ready(open_vault)
    window = start.window
    assert window is not None
    qtbot.waitUntil(lambda: "offers an escrow key" in window.statusBar().currentMessage())
    assert _slot(open_vault) is None
    section = _section(start)
    assert _child(section, QLabel, "escrow-status").text() == ABSENT
    assert not _child(section, QLineEdit, "escrow-fingerprint").isVisibleTo(section)
    assert not _child(section, QPushButton, "escrow-remove").isEnabled()
    QTest.mouseClick(_child(section, QPushButton, "escrow-add-defaults"), Qt.MouseButton.LeftButton)
    assert _child(section, QLineEdit, "escrow-fingerprint").text() == wanted
    assert "Present" in _child(section, QLabel, "escrow-status").text()
    info = _slot(open_vault)
    assert info is not None
    assert _child(section, QLabel, "escrow-added").text() == (
        f"{info.added_at[:10]} {info.added_at[11:16]} UTC"
    )
    assert not _child(section, QPushButton, "escrow-add-defaults").isEnabled()  # added already
    assert "access trail" in _child(section, QLabel, "escrow-message").text()
    assert [e.kind for e in trail.entries(open_vault)] == [TrailKind.ESCROW_ADDED]


def test_removing_asks_first(qtbot: QtBot, start: AppController, open_vault: Vault) -> None:
    key = organisation_key("x25519")
    escrow_service.add(open_vault, key.public_key())
    start.vault_ready(open_vault)
    section = _section(start)
    assert _child(section, QLineEdit, "escrow-fingerprint").text() == escrow.fingerprint(
        key.public_key()
    )
    remove = _child(section, QPushButton, "escrow-remove")
    assert remove.isEnabled()
    # Cancel keeps it.
    QTest.mouseClick(remove, Qt.MouseButton.LeftButton)
    question = section.question
    assert isinstance(question, QMessageBox)
    assert question.defaultButton() is question.button(QMessageBox.StandardButton.Cancel)
    cancel = question.button(QMessageBox.StandardButton.Cancel)
    QTest.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert _slot(open_vault) is not None
    # Remove takes it out.
    QTest.mouseClick(remove, Qt.MouseButton.LeftButton)
    question = section.question
    assert question is not None
    QTest.mouseClick(question.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert _slot(open_vault) is None
    assert _child(section, QLabel, "escrow-status").text() == ABSENT
    kinds = [e.kind for e in trail.entries(open_vault)]
    assert kinds == [TrailKind.ESCROW_ADDED, TrailKind.ESCROW_REMOVED]


def test_a_required_key_is_added_at_unlock_and_cannot_be_removed(
    qtbot: QtBot,
    start: AppController,
    open_vault: Vault,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wanted = _defaults(tmp_path, monkeypatch, required=True)
    start.vault_ready(open_vault)
    window = start.window
    assert window is not None
    qtbot.waitUntil(lambda: "organisation requires" in window.statusBar().currentMessage())
    info = _slot(open_vault)
    assert info is not None
    assert info.fingerprint == wanted
    section = _section(start)
    assert _child(section, QLineEdit, "escrow-fingerprint").text() == wanted
    remove = _child(section, QPushButton, "escrow-remove")
    assert not remove.isEnabled()
    assert "requires" in remove.toolTip()


def test_a_file_that_is_not_a_key_changes_nothing(
    qtbot: QtBot, start: AppController, open_vault: Vault, tmp_path: Path
) -> None:
    start.vault_ready(open_vault)
    section = _section(start)
    assert not _child(section, QPushButton, "escrow-add-defaults").isVisibleTo(section)
    bad = tmp_path / "notes.pem"
    bad.write_text("not a key\n")
    before = open_vault.paths.keyfile.read_bytes()
    assert not section.add_from_file(bad)
    assert "Nothing was changed" in _child(section, QLabel, "escrow-message").text()
    assert open_vault.paths.keyfile.read_bytes() == before
    good = tmp_path / "org.pem"
    good.write_bytes(escrow.public_pem(organisation_key("rsa").public_key()))
    assert section.add_from_file(good)
    assert "RSA-OAEP-SHA256" in _child(section, QLabel, "escrow-status").text()


def test_tab_reaches_the_section_inside_the_scroll_area(
    qtbot: QtBot, start: AppController, open_vault: Vault
) -> None:
    """Found on a 640-pixel screen: Tab went from the last field to OK, and reached the
    section's buttons only after Cancel, where the scroll area did not show them."""
    start.vault_ready(open_vault)
    section = _section(start)
    dialog = section.window()
    dialog.resize(dialog.width(), 420)  # the section starts below the fold
    qtbot.waitExposed(dialog)
    add_file = _child(section, QPushButton, "escrow-add-file")
    ok = next(b for b in dialog.findChildren(QPushButton) if b.text().replace("&", "") == "OK")
    scroll = dialog.scroll_area  # type: ignore[attr-defined]
    viewport = scroll.viewport()
    assert add_file.visibleRegion().isEmpty()
    # Tab from the form's first field until the section or OK is reached.
    first = next(
        w
        for w in scroll.widget().findChildren(QWidget)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisible()
    )
    first.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    for _ in range(200):
        focused = QApplication.focusWidget()
        if focused is add_file or focused is ok:
            break
        assert focused is not None
        QTest.keyClick(focused, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is add_file
    assert not add_file.visibleRegion().isEmpty()
    assert viewport.rect().contains(add_file.mapTo(viewport, add_file.rect().center()))


def test_a_focused_escrow_control_is_scrolled_into_view(
    qtbot: QtBot, start: AppController, open_vault: Vault
) -> None:
    """The handover key section's fix (Shift+Tab from OK reached a control off the
    screen at 1024x640) holds for every section below the form, escrow's too."""
    from PySide6.QtWidgets import QScrollArea

    start.vault_ready(open_vault)
    section = _section(start)
    dialog = section.window()
    qtbot.waitExposed(dialog)
    dialog.resize(600, 320)
    scroll = dialog.findChild(QScrollArea)
    assert scroll is not None
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    scroll.verticalScrollBar().setValue(0)
    QApplication.processEvents()
    target = section.add_file
    assert target.visibleRegion().isEmpty()  # below the fold
    target.setFocus(Qt.FocusReason.BacktabFocusReason)
    qtbot.waitUntil(lambda: not target.visibleRegion().isEmpty(), timeout=2000)


def test_after_adding_or_removing_the_focus_moves_on(
    qtbot: QtBot,
    start: AppController,
    open_vault: Vault,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As with "Export public key…": Enter after a done act must not open it again."""
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

    good = tmp_path / "org.pem"
    good.write_bytes(escrow.public_pem(organisation_key("x25519").public_key()))
    asked: list[str] = []

    def pick(*_args: object, **_kwargs: object) -> tuple[str, str]:
        asked.append("open dialog")
        return str(good), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(pick))
    start.vault_ready(open_vault)
    section = _section(start)
    dialog = section.window()
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    add_file = _child(section, QPushButton, "escrow-add-file")
    add_file.setFocus()
    QTest.keyClick(add_file, Qt.Key.Key_Space)
    assert asked == ["open dialog"]
    assert _slot(open_vault) is not None
    message = _child(section, QLabel, "escrow-message")
    assert "added" in message.text()
    assert message.accessibleDescription() == message.text()
    assert QApplication.focusWidget() is _child(section, QLineEdit, "escrow-fingerprint")

    remove = _child(section, QPushButton, "escrow-remove")
    remove.setFocus()
    QTest.keyClick(remove, Qt.Key.Key_Space)
    question = section.question
    assert isinstance(question, QMessageBox)
    qtbot.waitExposed(question)
    yes = question.button(QMessageBox.StandardButton.Yes)
    yes.setFocus()
    QTest.keyClick(yes, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: _slot(open_vault) is None, timeout=2000)
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    assert "removed" in message.text()
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    assert QApplication.focusWidget() is buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert asked == ["open dialog"]
