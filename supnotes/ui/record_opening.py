"""The seam where opening a record happens (thread, search results, anywhere).

The session editor replaces :func:`open_record` with its own; until then a
read-only summary shows the record, so opening works end to end today.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from supnotes.domain.content import RecordContent
from supnotes.ui.views.formatting import short_date
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.repositories.workers import WorkerRepository

if TYPE_CHECKING:
    from supnotes.ui.parts import PartsContext


def summary_html(content: RecordContent, worker_name: str) -> str:
    """The record's header, answers and lists as escaped HTML (read-only view)."""
    r = content.record
    e = html.escape
    parts = [
        f"<h3>{e(r.kind.label)} — {e(short_date(r.held_on))}</h3>",
        f"<p>{e(r.reference)} · {e(worker_name)} · {e(str(r.status).capitalize())}</p>",
    ]
    for key, value in r.answers.items():
        if value not in (None, ""):
            parts.append(f"<p><b>{e(key)}</b><br>{e(str(value))}</p>")
    for case in content.case_discussions:
        parts.append(f"<p><b>Case {e(case.child_ref)}</b><br>{e(case.decision)}</p>")
    for action in content.actions:
        parts.append(f"<p>• {e(action.text)} ({e(str(action.status))})</p>")
    return "\n".join(parts)


def build_record_summary_dialog(
    content: RecordContent, worker_name: str, parent: QWidget | None = None
) -> QDialog:
    dialog = QDialog(parent)
    dialog.setObjectName("record-summary")
    dialog.setWindowTitle(f"Record {content.record.reference}")
    view = QTextBrowser(dialog)
    view.setObjectName("record-summary-text")
    view.setAccessibleName("Record")
    view.setHtml(summary_html(content, worker_name))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(view)
    layout.addWidget(buttons)
    dialog.resize(640, 560)
    return dialog


def open_record(context: PartsContext, record_id: str) -> QDialog | None:
    """Open ``record_id`` for reading or editing; None while the vault is locked.

    Today: a read-only summary. The session editor replaces this body.
    """
    vault = context.lock.vault
    if vault is None:
        return None
    parent = QApplication.activeWindow()
    content = RecordRepository(vault).get(record_id)
    worker_id = content.record.worker_id
    name = WorkerRepository(vault).get(worker_id).name if worker_id is not None else "Group"
    dialog = build_record_summary_dialog(content, name, parent)
    dialog.open()
    return dialog
