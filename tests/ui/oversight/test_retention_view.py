"""File → Retention review on a real vault, driven with real clicks and keys."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from supnotes.ui.oversight.retention_view import RetentionView
from supnotes.vault.vault import Vault


def _leave_one(vault: Vault) -> int:
    (worker_id,) = vault.query("SELECT worker_id FROM record WHERE worker_id IS NOT NULL LIMIT 1")[
        0
    ]
    with vault.transaction() as conn:
        conn.execute("UPDATE worker SET leaving_date = '2018-06-30' WHERE id = ?", (worker_id,))
    return int(
        str(vault.query("SELECT count(*) FROM record WHERE worker_id = ?", (worker_id,))[0][0])
    )


def test_review_lists_then_deletes_only_after_confirmation(qtbot: QtBot, vault: Vault) -> None:
    count = _leave_one(vault)
    total = int(str(vault.query("SELECT count(*) FROM record")[0][0]))
    view = RetentionView(lambda: vault)
    qtbot.addWidget(view)
    view.show()
    assert view.table.rowCount() == count
    assert "6 years after the worker left" in view.summary.text()
    assert view.delete_button.isEnabled()

    # Escape keeps them.
    QTest.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(view.confirm.isVisible)
    assert view.confirm.text() == (
        f"Delete {count} record(s) past the retention period (6 years after the worker left)?"
    )
    assert view.confirm.defaultButton().text() == "Keep them"
    QTest.keyClick(view.confirm, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not view.confirm.isVisible())
    assert vault.query("SELECT count(*) FROM record") == [(total,)]

    # The destructive button deletes.
    QTest.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(view.confirm.isVisible)
    QTest.mouseClick(view.confirm_delete, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.table.rowCount() == 0)
    assert vault.query("SELECT count(*) FROM record") == [(total - count,)]
    assert view.outcome.text().startswith(f"Deleted {count} record(s)")
    assert "ages out on" in view.outcome.text()
    assert not view.delete_button.isEnabled()


def test_the_audit_trail_is_saved_as_csv(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    count = _leave_one(vault)
    view = RetentionView(lambda: vault)
    qtbot.addWidget(view)
    QTest.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(view.confirm.isVisible)
    QTest.mouseClick(view.confirm_delete, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.table.rowCount() == 0)
    target = tmp_path / "audit.csv"
    view.write_audit(vault, str(target))
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "kind,reference,was_signed,deleted_at,deleted_by,rule"
    assert len(lines) == count + 1
