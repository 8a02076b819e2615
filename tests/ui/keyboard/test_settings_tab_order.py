"""Settings: Tab goes top to bottom through every section, then OK and Cancel (eyes5 D8).

Found in a real window at 1024x640: Shift+Tab from "Your name" went to the
trust register button, the certificate field, Cancel, OK and "Create
encryption key…", and going forward the view jumped from the last section
back up to the profile.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from supnotes.ui.shell.controller import AppController
from supnotes.ui.shell.machine_state import MachineState
from supnotes.ui.shell.theme import Appearance
from supnotes.vault.vault import Vault


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


def _open(qtbot: QtBot, controller: AppController, vault: Vault) -> QDialog:
    controller.vault_ready(vault)
    dialog = controller.open_settings()
    assert isinstance(dialog, QDialog)
    qtbot.waitExposed(dialog)
    dialog.resize(640, 360)  # short: most of the form is below the fold
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    return dialog


def _walk(dialog: QDialog, key: Qt.Key, start: QWidget, steps: int = 80) -> list[QWidget]:
    start.setFocus()
    seen = [start]
    for _ in range(steps):
        QTest.keyClick(QApplication.focusWidget() or dialog, key)
        focused = QApplication.focusWidget()
        assert focused is not None
        if focused is start:
            return seen
        seen.append(focused)
    raise AssertionError("Tab never came back to where it started")


def _top(widget: QWidget, dialog: QDialog) -> tuple[int, int]:
    where = widget.mapTo(dialog, QPoint(0, 0))
    return where.y(), where.x()


def _content_top(widget: QWidget, content: QWidget) -> tuple[int, int]:
    where = widget.mapTo(content, QPoint(0, 0))
    return where.y(), where.x()


def test_tab_goes_top_to_bottom_then_ok_and_cancel(
    qtbot: QtBot, start: AppController, open_vault: Vault
) -> None:
    dialog = _open(qtbot, start, open_vault)
    name = dialog.findChild(QWidget, "setting:profile.name")
    assert name is not None
    ring = _walk(dialog, Qt.Key.Key_Tab, name)
    names = [w.objectName() for w in ring]
    # Every section is in the ring: the profile's certificate row and trust
    # register, escrow, and the handover key.
    for wanted in ("signing-fingerprint", "open-trust-register", "escrow-add-file"):
        assert wanted in names, names
    assert any(w.text() == "Create encryption key…" for w in ring if hasattr(w, "text")), names
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    content = dialog.scroll_area.widget()  # type: ignore[attr-defined]
    inside = [w for w in ring if content.isAncestorOf(w)]
    # The form's controls first, then the buttons, nothing of the form after them.
    assert ring[: len(inside)] == inside, names
    assert all(buttons.isAncestorOf(w) for w in ring[len(inside) :]), ring[len(inside) :]
    assert len(ring) - len(inside) == 2  # OK and Cancel
    # Top to bottom (left to right within a row) as laid out in the form.
    places = [_content_top(w, content) for w in inside]
    for before, after, a, b in zip(places, places[1:], inside, inside[1:], strict=False):
        assert before[0] < after[0] or (before[0] == after[0] and before[1] < after[1]), (
            f"{a.objectName() or a} at {before} before {b.objectName() or b} at {after}"
        )


def test_shift_tab_is_the_reverse(qtbot: QtBot, start: AppController, open_vault: Vault) -> None:
    dialog = _open(qtbot, start, open_vault)
    name = dialog.findChild(QWidget, "setting:profile.name")
    assert name is not None
    forward = _walk(dialog, Qt.Key.Key_Tab, name)
    backward = _walk(dialog, Qt.Key.Key_Backtab, name)
    assert backward == [forward[0], *reversed(forward[1:])]
    # Shift+Tab from "Your name" reaches the last button, not a control of the form.
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    assert buttons.isAncestorOf(backward[1])


def test_each_control_tabbed_to_is_in_view_and_the_view_only_moves_down(
    qtbot: QtBot, start: AppController, open_vault: Vault
) -> None:
    dialog = _open(qtbot, start, open_vault)
    name = dialog.findChild(QWidget, "setting:profile.name")
    assert name is not None
    bar = dialog.scroll_area.verticalScrollBar()  # type: ignore[attr-defined]
    assert bar.maximum() > 0  # the test means nothing if the form fits
    name.setFocus()
    last = bar.value()
    for _ in range(80):
        QTest.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert focused is not None
        if focused is name:
            break
        assert not focused.visibleRegion().isEmpty(), focused.objectName() or focused
        assert bar.value() >= last, f"the view jumped up at {focused.objectName() or focused}"
        last = bar.value()
    assert last == bar.maximum()  # reached the bottom of the form
