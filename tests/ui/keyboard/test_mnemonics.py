"""Every dialog SupNotes can show gives each Alt letter to one control only.

The dialogs are built over a real demo vault, shown (so that hidden rows do
not count), and their buttons, buddied labels, checkable group boxes and tabs
are read. Alt+S in Add worker must reach Save, not Stage.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget, QWizard
from pytestqt.qtbot import QtBot

from supnotes.domain.demo import build_demo
from supnotes.domain.records import RecordKind, RecordStatus
from supnotes.domain.template_loader import default_library
from supnotes.ui.access.first_run import build_first_run
from supnotes.ui.access.unlock import build_unlock_dialog
from supnotes.ui.common import operations
from supnotes.ui.common.actions import build_actions
from supnotes.ui.dialogs.help import build_about_dialog, build_shortcuts_dialog
from supnotes.ui.dialogs.settings_dialog import build_settings_dialog
from supnotes.ui.dialogs.templates_dialog import build_templates_dialog
from supnotes.ui.editor.launch import build_new_record_dialog
from supnotes.ui.editor.quick_decision import build_quick_decision_dialog
from supnotes.ui.file_menu.subject_access_dialog import SubjectAccessDialog
from supnotes.ui.sealing.addendum_dialog import build_addendum_dialog
from supnotes.ui.sealing.review_dialog import build_review_dialog
from supnotes.ui.sealing.trust_dialog import build_trust_dialog
from supnotes.ui.sealing.verify_dialog import build_verify_dialog
from supnotes.ui.views.leaving_dialog import build_leaving_dialog
from supnotes.ui.views.worker_dialog import build_worker_dialog
from supnotes.vault.demo import write_demo
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.repositories.settings import SettingsRepository
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Vault
from tests.ui.keyboard.mnemonics import clashes, mnemonic_of

Builder = Callable[[Vault, Path], QWidget]
_HOSTS: list[QWidget] = []  # the main window's actions live on these while sheets list them


def _shortcuts_sheet() -> QWidget:
    _HOSTS.append(QWidget())
    return build_shortcuts_dialog(build_actions(_HOSTS[-1]).all())


def _worker(vault: Vault):  # type: ignore[no-untyped-def]
    return WorkerRepository(vault).all()[0]


def _draft_id(vault: Vault) -> str:
    return next(
        s.id
        for s in RecordRepository(vault).summaries()
        if s.kind is RecordKind.ONE_TO_ONE and s.status is RecordStatus.DRAFT
    )


BUILDERS: dict[str, Builder] = {
    "add worker": lambda v, _t: build_worker_dialog(
        None, SettingsRepository(v).stage_rules(), date.today()
    ),
    "change worker": lambda v, _t: build_worker_dialog(
        _worker(v), SettingsRepository(v).stage_rules(), date.today()
    ),
    "worker leaves": lambda v, _t: build_leaving_dialog(_worker(v), date.today()),
    "settings": lambda v, _t: build_settings_dialog(SettingsStore(v).all()),
    "new record": lambda v, _t: build_new_record_dialog(
        WorkerRepository(v).all(), default_library().latest(), None
    ),
    "quick decision": lambda v, _t: build_quick_decision_dialog(
        v, WorkerRepository(v).all(), default_library()
    ),
    "review and sign": lambda v, _t: build_review_dialog(v, _draft_id(v)),
    "verify": lambda _v, _t: build_verify_dialog(),
    "trust": lambda v, _t: build_trust_dialog(v),
    "addendum": lambda _v, _t: build_addendum_dialog("SN-2026-0001", ["C-1001"]),
    "templates": lambda _v, t: build_templates_dialog(default_library(), t / "templates"),
    "unlock": lambda v, _t: build_unlock_dialog(v.paths.folder),
    "first run": lambda _v, t: build_first_run(t / "new-vault"),
    "shortcuts": lambda _v, _t: _shortcuts_sheet(),
    "about": lambda _v, _t: build_about_dialog(),
    "subject access": lambda v, _t: SubjectAccessDialog(v, lambda _text: None),
}


@pytest.fixture
def demo(open_vault: Vault) -> Vault:
    write_demo(open_vault, build_demo(default_library(), today=date.today()))
    return open_vault


def test_mnemonic_of_reads_the_letter_qt_reads() -> None:
    assert mnemonic_of("Sta&ge") == "g"
    assert mnemonic_of("Save && close") is None
    assert mnemonic_of("&Save") == "s"


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_each_alt_letter_belongs_to_one_control(
    qapp: QApplication, qtbot: QtBot, demo: Vault, tmp_path: Path, name: str
) -> None:
    window = BUILDERS[name](demo, tmp_path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    pages = [window]
    if isinstance(window, QWizard):
        pages = []
        for _ in window.pageIds():
            pages.append(window)
            assert clashes(window) == {}, (name, window.currentPage().title())
            window.next()
    for shown in pages:
        assert clashes(shown) == {}, name
    qtbot.waitUntil(lambda: not operations.busy(), timeout=30_000)
    if isinstance(window, QDialog):
        window.reject()


def test_alt_s_in_add_worker_reaches_save(qtbot: QtBot, demo: Vault) -> None:
    dialog = build_worker_dialog(None, SettingsRepository(demo).stage_rules(), date.today())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    QTest.keyClicks(dialog.name, "Alex Morgan")
    with qtbot.waitSignal(dialog.accepted, timeout=2_000):
        QTest.keyClick(dialog.name, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
