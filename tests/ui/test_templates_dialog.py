"""Help → Templates lists the user's folder, what loaded, and every refused file."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QTableView
from pytestqt.qtbot import QtBot

from supnotes.services.templates import app_library, user_template_folder
from supnotes.ui.dialogs.templates_dialog import LoadedModel, RefusedModel, build_templates_dialog
from supnotes.ui.editor.launch import Editors
from supnotes.ui.shell.controller import AppController
from supnotes.ui.shell.machine_state import MachineState
from supnotes.ui.shell.theme import Appearance
from supnotes.vault.vault import Vault

HOSTILE = Path(__file__).parent.parent / "data" / "templates" / "hostile"


def _rows(table: QTableView) -> list[list[str]]:
    model = table.model()
    return [
        [str(model.index(r, c).data()) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_the_models_pass_the_model_tester(qtmodeltester: Any, tmp_path: Path) -> None:
    library = app_library(HOSTILE)
    qtmodeltester.check(RefusedModel(library))
    qtmodeltester.check(LoadedModel(library))


def test_the_dialog_lists_refused_files_with_file_line_and_reason(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "templates"
    shutil.copytree(HOSTILE, folder)
    library = app_library(folder)
    dialog = build_templates_dialog(library, folder)
    qtbot.addWidget(dialog)
    summary = dialog.findChild(QLabel, "templates-refused-summary")
    assert summary is not None
    assert f"{len(library.errors)} template files were refused" in summary.text()
    refused = dialog.findChild(QTableView, "templates-refused")
    assert refused is not None
    rows = {file: (line, reason) for file, line, reason in _rows(refused)}
    assert rows["huge-version.toml"] == ("2", "template version must be at most 100,000")
    assert rows["folder.toml"] == ("", "is a folder, not a template file")
    assert rows["unknown-template-kind.toml"][0] == "4"
    loaded = dialog.findChild(QTableView, "templates-loaded")
    assert loaded is not None
    titles = [row[0] for row in _rows(loaded)]
    assert "My reflective log" in titles
    assert "Formal one-to-one supervision" in titles
    where = dialog.findChild(QLabel, "templates-folder")
    assert where is not None
    assert str(folder) in where.text()


def test_no_refused_files_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = build_templates_dialog(app_library(tmp_path / "t"), tmp_path / "t")
    qtbot.addWidget(dialog)
    summary = dialog.findChild(QLabel, "templates-refused-summary")
    assert summary is not None
    assert summary.text() == "No template file was refused."


@pytest.fixture
def controller_with_a_broken_user_template(
    qapp: QApplication, open_vault: Vault, machine: MachineState
) -> Iterator[AppController]:
    folder = user_template_folder()
    folder.mkdir(parents=True)
    shutil.copy(HOSTILE / "unknown-template-kind.toml", folder)
    shutil.copy(HOSTILE / "good-reflective-log.toml", folder)
    controller = AppController(
        qapp, open_vault.paths.folder, machine=machine, appearance=Appearance(qapp)
    )
    controller.vault_ready(open_vault)
    yield controller
    if controller.window is not None:
        controller.window.close()
    controller.deleteLater()


def test_the_app_says_a_file_was_refused_and_help_lists_it(
    qtbot: QtBot, controller_with_a_broken_user_template: AppController
) -> None:
    controller = controller_with_a_broken_user_template
    window = controller.window
    assert window is not None
    assert "1 template file was refused" in window.statusBar().currentMessage()
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert isinstance(help_menu, QMenu)
    assert window.commands.templates in help_menu.actions()
    window.commands.templates.trigger()
    dialog = window.findChild(QTableView, "templates-refused")
    assert dialog is not None
    rows = _rows(dialog)
    assert rows == [
        [
            "unknown-template-kind.toml",
            "4",
            "template kind 'coaching' is not one of one-to-one, group, ad-hoc, agreement",
        ]
    ]
    full_path = str(user_template_folder() / "unknown-template-kind.toml")
    first = dialog.model().index(0, RefusedModel.COLUMN_REASON)
    assert first.data(RefusedModel.FULL_PATH_ROLE) == full_path
    assert first.data(Qt.ItemDataRole.ToolTipRole) == f"{full_path}, line 4\n{rows[0][2]}"
    editors = window.findChild(Editors)
    assert editors is not None
    assert "my-log" in {t.id for t in editors.context.library.latest()}
