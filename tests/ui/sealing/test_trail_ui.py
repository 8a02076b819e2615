"""The app's side of the access trail: prints, Ctrl+Shift+C, the clipboard, the trail window.

Real sealed vaults and real widgets; the printer dialogs are the only thing
stood in for (a modal system dialog cannot be answered offscreen), and the
stand-in for Print still paints the stored pages onto a PDF printer.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from supnotes.domain.demo import DemoVault
from supnotes.domain.trail import TrailKind, trail_csv
from supnotes.services import exports, trail
from supnotes.services.case_direction import case_direction
from supnotes.ui.common import operations
from supnotes.ui.common.clipboard import ClipboardGuard
from supnotes.ui.oversight.trail_view import TrailView
from supnotes.ui.sealing import review_dialog
from supnotes.ui.sealing.printing import paint_pdf
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Unlock, Vault
from tests.services.conftest import PASSPHRASE, demo
from tests.services.trail_vault import CANARY, copy_vault, make_sealed_vault

__all__ = ["demo"]

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory, demo: DemoVault) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("trail-ui") / "vault"
    return folder, make_sealed_vault(folder, demo)


@pytest.fixture
def sealed(made: tuple[Path, str], tmp_path: Path) -> Iterator[tuple[Vault, str]]:
    folder = copy_vault(made[0], tmp_path / "vault")
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault:
        yield vault, made[1]


def _review(qtbot: QtBot, vault: Vault, record_id: str) -> review_dialog.ReviewDialog:
    dialog = review_dialog.build_review_dialog(vault, record_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not operations.busy(), timeout=30_000)
    return dialog


def test_printing_adds_one_entry_and_a_cancelled_print_none(
    qtbot: QtBot, sealed: tuple[Vault, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault, record_id = sealed
    dialog = _review(qtbot, vault, record_id)

    def printed(pdf: bytes, _parent: QWidget | None = None) -> bool:
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        paint_pdf(printer, pdf)
        return True

    monkeypatch.setattr(review_dialog, "print_with_dialog", lambda pdf, parent: False)
    dialog.print_button.click()
    assert trail.entries(vault) == []
    monkeypatch.setattr(review_dialog, "print_with_dialog", printed)
    dialog.print_button.click()
    (entry,) = trail.entries(vault)
    assert (tmp_path / "printed.pdf").stat().st_size > 0
    assert entry.kind is TrailKind.PRINT
    assert entry.record_ref == dialog.record.reference

    class Preview:
        def __init__(self, answer: QDialog.DialogCode) -> None:
            self.answer = answer

        def exec(self) -> QDialog.DialogCode:
            return self.answer

    for answer in (QDialog.DialogCode.Rejected, QDialog.DialogCode.Accepted):
        monkeypatch.setattr(
            review_dialog, "build_print_preview", lambda pdf, parent, a=answer: Preview(a)
        )
        dialog.print_preview()
    assert [e.kind for e in trail.entries(vault)] == [TrailKind.PRINT, TrailKind.PRINT]


def test_the_export_buttons_add_one_entry_each(
    qtbot: QtBot, sealed: tuple[Vault, str], tmp_path: Path
) -> None:
    vault, record_id = sealed
    dialog = _review(qtbot, vault, record_id)
    dialog.choose_path = lambda suggested: tmp_path / suggested
    outputs = exports.outputs(vault, record_id)
    for output in outputs:
        assert dialog.export(output) is not None
    found = trail.entries(vault)
    assert [e.child_ref for e in found] == [o.child_ref for o in outputs]
    assert all(e.kind is TrailKind.EXPORT_PDF for e in found)
    assert all((tmp_path / str(e.destination)).is_file() for e in found)
    dialog.choose_path = lambda suggested: None  # the save dialog cancelled
    assert dialog.export(outputs[0]) is None
    assert len(trail.entries(vault)) == len(outputs)


def test_ctrl_shift_c_copies_the_chosen_childs_direction_then_clears_it(
    qtbot: QtBot, sealed: tuple[Vault, str]
) -> None:
    vault, record_id = sealed
    SettingsStore(vault).set("clipboard.clear_seconds", 45)
    children = RecordRepository(vault).get(record_id).child_refs
    assert len(children) >= 2
    dialog = _review(qtbot, vault, record_id)
    guard = ClipboardGuard(QGuiApplication.clipboard(), dialog)
    dialog.copier._guard = guard
    offered: list[tuple[str, ...]] = []

    def choose(refs: Sequence[str]) -> str:
        offered.append(tuple(refs))
        return refs[1]

    dialog.copier.choose_child = choose
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    QTest.keyClick(dialog, Qt.Key.Key_C, CTRL_SHIFT)
    assert offered == [children]
    clipboard = QGuiApplication.clipboard()
    expected = case_direction(vault, record_id, children[1])
    assert clipboard.text() == expected
    (entry,) = trail.entries(vault)
    assert entry.kind is TrailKind.CLIPBOARD
    assert entry.child_ref == children[1]
    assert entry.destination == "clipboard"
    assert CANARY not in repr(vault.query("SELECT * FROM access_trail"))
    assert "leaves the clipboard in 45 seconds" in dialog.status.text()
    assert guard.timer.interval() == 45_000
    assert guard.timer.isActive()
    guard.timer.timeout.emit()  # the time has passed
    assert clipboard.text() == ""

    # something else copied since is never cleared
    QTest.keyClick(dialog, Qt.Key.Key_C, CTRL_SHIFT)
    assert clipboard.text() == expected
    clipboard.setText("the supervisor's own words")
    guard.timer.timeout.emit()
    assert clipboard.text() == "the supervisor's own words"
    assert len(trail.entries(vault)) == 2


def test_the_trail_window_lists_newest_first_and_saves_csv(
    qtbot: QtBot, qtmodeltester: object, sealed: tuple[Vault, str], tmp_path: Path
) -> None:
    vault, record_id = sealed
    reference = RecordRepository(vault).header(record_id).reference
    trail.record(vault, TrailKind.EXPORT_PDF, record_ref=reference, destination=tmp_path / "a.pdf")
    trail.record(vault, TrailKind.BACKUP, audience="backup", destination=tmp_path / "b.snbackup")
    view = TrailView(lambda: vault)
    qtbot.addWidget(view)
    qtmodeltester.check(view.model)  # type: ignore[attr-defined]
    view.show()
    qtbot.waitExposed(view)
    assert view.model.rowCount() == 2
    assert view.model.index(0, 1).data() == "Backed up"
    assert view.model.index(1, 2).data() == reference
    assert "2 entries" in view.summary.text()
    view.table.setFocus()
    QTest.keyClick(view.table, Qt.Key.Key_Down)
    assert view.table.currentIndex().row() == 1
    QTest.keyClick(view.table, Qt.Key.Key_Tab)  # Tab leaves the list
    assert not view.table.hasFocus()
    out = view.write_csv(vault, tmp_path / "trail.csv")
    assert out is not None
    assert out.read_bytes().decode("utf-8") == trail_csv(trail.entries(vault))
    assert "2 entries in trail.csv" in view.outcome.text()
    assert view.write_csv(vault, tmp_path / "missing" / "t.csv") is None
    assert "was not saved" in view.outcome.text()
