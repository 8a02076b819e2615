"""Help dialogs, the shortcuts model, and unexpected errors that log no note text."""

from __future__ import annotations

import logging
import threading
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QTextBrowser, QWidget
from pytestqt.qtbot import QtBot

from supnotes import __version__
from supnotes.ui.common.actions import build_actions
from supnotes.ui.dialogs.help import (
    THIRD_PARTY,
    ShortcutsModel,
    build_about_dialog,
    build_shortcuts_dialog,
    shortcut_rows,
)
from supnotes.ui.shell.errors import ErrorHook, build_error_dialog, safe_summary

SECRET = "Child J disclosed something at the contact visit"


def test_shortcuts_model_passes_the_model_tester(qtmodeltester: Any, qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    model = ShortcutsModel(shortcut_rows(build_actions(holder).all()))
    qtmodeltester.check(model)
    assert model.rowCount() > 5
    assert (
        model.headerData(
            ShortcutsModel.COLUMN_KEYS,
            pytest.importorskip("PySide6.QtCore").Qt.Orientation.Horizontal,
        )
        == "Keys"
    )


def test_shortcuts_sheet_lists_lock_and_find(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    rows = dict(shortcut_rows(build_actions(holder).all()))
    assert rows["Lock"] == "Ctrl+L"
    assert "Find" in rows
    dialog = build_shortcuts_dialog(build_actions(holder).all(), holder)
    assert dialog.windowTitle() == "Keyboard shortcuts"


def test_about_box_has_version_and_licences(qtbot: QtBot) -> None:
    dialog = build_about_dialog()
    qtbot.addWidget(dialog)
    browser = dialog.findChild(QTextBrowser, "about-text")
    assert browser is not None
    text = browser.toPlainText()
    assert f"SupNotes {__version__}" in text
    for name, licence, _ in THIRD_PARTY:
        assert name in text
        assert licence in text


def _raise_with_secret() -> None:
    try:
        raise ValueError(SECRET)
    except ValueError as exc:
        raise RuntimeError(f"while saving: {SECRET}") from exc


def test_safe_summary_keeps_types_and_lines_but_never_the_message() -> None:
    with pytest.raises(RuntimeError) as info:
        _raise_with_secret()
    summary = safe_summary(info.value)
    assert "builtins.RuntimeError" in summary
    assert "builtins.ValueError" in summary
    assert "test_help_and_errors.py:" in summary
    assert "_raise_with_secret" in summary
    assert SECRET not in summary
    assert "while saving" not in summary


def test_error_dialog_shows_no_note_text(qtbot: QtBot) -> None:
    with pytest.raises(RuntimeError) as info:
        _raise_with_secret()
    box = build_error_dialog(info.value)
    qtbot.addWidget(box)
    shown = " ".join([box.text(), box.informativeText(), box.detailedText()])
    assert "Something went wrong" in box.text()
    assert SECRET not in shown


def test_hook_logs_no_secret_and_shows_a_dialog(
    qapp: QApplication, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    shown: list[BaseException] = []
    hook = ErrorHook(show=shown.append).install()
    try:
        with caplog.at_level(logging.ERROR, logger="supnotes"):
            try:
                _raise_with_secret()
            except RuntimeError as exc:
                hook._sys_hook(type(exc), exc, exc.__traceback__)
            thread = threading.Thread(target=_raise_with_secret)
            thread.start()
            thread.join()
        qtbot.waitUntil(lambda: len(shown) == 2)
    finally:
        hook.remove()
    assert len(caplog.records) == 2
    assert all(SECRET not in record.getMessage() for record in caplog.records)
    assert "RuntimeError" in caplog.records[0].getMessage()
