"""Child process for the print-preview test: open and close the preview of a sealed record.

Run as ``python -m tests.ui.sealing.preview_child FOLDER`` (offscreen). It
seals a demo session in a new vault under FOLDER, opens the review dialog,
presses "Print preview…" with the keyboard, lets the preview paint the
signed pages, closes it with Escape, does it again, and prints ``closed N``.
A segfault here (as before the fix) kills only this process.
"""

from __future__ import annotations

import gc
import os
import sys
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from supnotes.domain.demo import build_demo
from supnotes.domain.records import RecordKind, RecordStatus
from supnotes.domain.template_loader import default_library
from supnotes.services.sealing import Acknowledgement, seal_record
from supnotes.ui.common import operations
from supnotes.ui.sealing.review_dialog import build_review_dialog
from supnotes.vault.demo import write_demo
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.vault import Vault
from tests.services.conftest import TODAY

ROUNDS = 2


def main(folder: Path) -> int:
    app = QApplication(sys.argv[:1])
    built = build_demo(default_library(), today=TODAY, history_days=20)
    drafts = tuple(
        replace(c, record=replace(c.record, status=RecordStatus.DRAFT, signed_at=None))
        for c in built.records
    )
    vault, _ = Vault.create(folder / "v", "a long enough passphrase", kdf_params=TEST_PARAMS)
    write_demo(vault, replace(built, records=drafts))
    record_id = next(
        s.id for s in RecordRepository(vault).summaries() if s.kind is RecordKind.ONE_TO_ONE
    )
    seal_record(vault, record_id, Acknowledgement("Priya Halloran", True, True))
    dialog = build_review_dialog(vault, record_id)
    dialog.show()
    while operations.busy():
        app.processEvents()
    closed = 0

    def close_preview() -> None:
        nonlocal closed
        preview = next(
            (w for w in app.topLevelWidgets() if isinstance(w, QPrintPreviewDialog)), None
        )
        if preview is None or not preview.isVisible():
            QTimer.singleShot(50, close_preview)
            return
        app.processEvents()  # the preview paints the signed pages
        QTest.keyClick(preview, Qt.Key.Key_Escape)
        closed += 1

    for _ in range(ROUNDS):
        QTimer.singleShot(50, close_preview)
        dialog.preview_button.setFocus()
        QTest.keyClick(dialog.preview_button, Qt.Key.Key_Space)  # exec() until Escape
        gc.collect()
        app.processEvents()
    dialog.close()
    vault.close()
    print(f"closed {closed}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
