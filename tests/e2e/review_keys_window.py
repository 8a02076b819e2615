"""Open a one-to-one with actions to review in a real window; print how its review was laid out.

Run by ``test_dialog_layout_real_window.py`` inside Xvfb (1024x640) with
openbox: ``python -m tests.e2e.review_keys_window SHOT.png`` prints one JSON
line (the keys' legend: its text, height and the height it needs; the outcome
column's title and room; whether the table or the form scrolls sideways after
the review keys 2 and 0 were pressed; the Action and Owner columns' widths and
whether each action's wrapped text has the height it needs) and saves the
editor's picture with the review in view.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from supnotes.domain.template_loader import default_library
from supnotes.spelling import HunspellEngine
from supnotes.ui.access.lock import LockController
from supnotes.ui.editor.context import EditorContext
from supnotes.ui.editor.launch import Editors
from supnotes.ui.editor.review import ReviewModel, ReviewTable
from supnotes.ui.widgets import SpellService
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.repositories.personal_words import VaultPersonalDictionary
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.vault import Vault
from tests.ui.editor.conftest import WORKER

OWNER = "Bartholomew Featherstonehaugh-Cholmondeley"
ACTIONS = (
    "Complete the updated chronology and share it with the team manager before the review",
    "Complete the direct work session using the three houses tool",
    "Send the core group minutes to all agencies",
    "Chase the health visitor",
)


def main(shot: str) -> None:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        vault, _ = Vault.create(Path(tmp) / "v", "a long enough passphrase", kdf_params=TEST_PARAMS)
        WorkerRepository(vault).save(WORKER)
        lock = LockController(app, vault.paths.folder)
        lock.set_vault(vault)
        spelling = SpellService(VaultPersonalDictionary(vault), engine_factory=HunspellEngine)
        context = EditorContext(lock, spelling, default_library(), VaultPersonalDictionary(vault))
        editors = Editors(context)
        first = editors.new_record(WORKER.id, "one-to-one")
        actions = first.form.actions
        assert actions is not None
        for text in ACTIONS:
            row = actions.add_row(actions.new_item(actions.rowCount()))
            actions.setData(actions.index(row, actions.TEXT), text)
            actions.setData(actions.index(row, actions.OWNER), OWNER)
        first.save_now()
        first.close()
        editor = editors.new_record(WORKER.id, "one-to-one")
        editor.showMaximized()

        def report() -> None:
            table = editor.findChild(ReviewTable)
            legend = editor.findChild(QLabel, "review-keys")
            assert table is not None
            assert legend is not None
            editor.scroller.ensureWidgetVisible(table)
            table.setFocus()
            table.setCurrentIndex(table.model().index(0, 0))
            for key in (Qt.Key.Key_2, Qt.Key.Key_0):
                QTest.keyClick(table, key)
            QTest.qWait(300)
            header = table.horizontalHeader()
            model = table.model()
            whole = all(
                table.rowHeight(r)
                >= table.sizeHintForIndex(model.index(r, ReviewModel.ACTION)).height()
                for r in range(model.rowCount())
            )
            title = str(table.model().headerData(ReviewModel.OUTCOME, Qt.Orientation.Horizontal))
            QApplication.processEvents()
            print(
                json.dumps(
                    {
                        "legend": [
                            legend.text(),
                            legend.height(),
                            legend.heightForWidth(legend.width()),
                        ],
                        "legend_right": legend.mapTo(editor, legend.rect().topRight()).x(),
                        "editor": [editor.width(), editor.height()],
                        "title": [
                            title,
                            header.sectionSize(ReviewModel.OUTCOME),
                            header.fontMetrics().horizontalAdvance(title),
                        ],
                        "sideways": table.horizontalScrollBar().maximum(),
                        "form_sideways": editor.scroller.horizontalScrollBar().maximum(),
                        "action_owner": [
                            header.sectionSize(ReviewModel.ACTION),
                            header.sectionSize(ReviewModel.OWNER),
                        ],
                        "actions_whole": whole,
                    }
                ),
                flush=True,
            )
            editor.grab().save(shot)
            editor.close()
            lock.close_vault()
            app.quit()

        QTimer.singleShot(2500, report)
        app.exec()


if __name__ == "__main__":
    main(sys.argv[1])
