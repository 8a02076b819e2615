"""Search the demo in the real main window; print whether each snippet's match is in view.

Run by ``test_dialog_layout_real_window.py`` inside Xvfb (1024x640) with
openbox: ``python -m tests.e2e.search_results_window SHOT.png QUERY`` types the
query into the search box with key events, and prints one JSON line (the
columns' widths, and per result whether the first match lies within its cell)
after saving the window's picture.
"""

from __future__ import annotations

import json
import sys
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from supnotes.domain.demo import build_demo
from supnotes.domain.template_loader import default_library
from supnotes.ui.shell.controller import AppController
from supnotes.ui.shell.machine_state import MachineState
from supnotes.ui.shell.theme import Appearance
from supnotes.ui.views import search_model as sm
from supnotes.ui.views.rich_text_delegate import MARGIN, RichTextDelegate, first_bold, runs
from supnotes.vault.demo import write_demo
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.vault import Vault


def _x(cursor: object) -> float:
    value = cursor[0] if isinstance(cursor, tuple) else cursor
    assert isinstance(value, float | int)
    return float(value)


def main(shot: str, query: str) -> None:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        vault, _ = Vault.create(root / "v", "a long enough passphrase", kdf_params=TEST_PARAMS)
        write_demo(vault, build_demo(default_library(), today=date.today()))
        machine = MachineState(root / "ui-state.ini")
        controller = AppController(
            app, vault.paths.folder, machine=machine, appearance=Appearance(app)
        )
        controller.vault_ready(vault)
        window = controller.window
        assert window is not None
        window.showMaximized()
        results = window.parts.search_results

        def report() -> None:
            table, model = results.table, results.model
            header = table.horizontalHeader()
            delegate = table.itemDelegateForColumn(sm.SNIPPET)
            assert isinstance(delegate, RichTextDelegate)
            room = table.fontMetrics().horizontalAdvance("…")
            rows: list[bool | None] = []
            for row in range(model.rowCount()):
                index = model.index(row, sm.SNIPPET)
                option = QStyleOptionViewItem()
                table.initViewItemOption(option)
                option.rect = table.visualRect(index)
                layout, spot = delegate.spot(option, index)
                match = first_bold(runs(index.data(sm.SNIPPET_HTML_ROLE) or ""))
                if match is None or layout.lineCount() == 0:
                    rows.append(None)
                    continue
                line = layout.lineAt(0)
                ends = [spot.x + _x(line.cursorToX(p)) for p in match]
                left = room if spot.left_mark else 0
                right = option.rect.width() - 2 * MARGIN - (room if spot.right_mark else 0)
                rows.append(left - 1 <= min(ends) and max(ends) <= right + 1)
            print(
                json.dumps(
                    {
                        "widths": [header.sectionSize(c) for c in range(4)],
                        "viewport": table.viewport().width(),
                        "in_view": rows,
                        "sideways": table.horizontalScrollBar().maximum(),
                    }
                ),
                flush=True,
            )
            window.grab().save(shot)
            app.quit()

        def search() -> None:
            box = window.parts.search_box
            box.setFocus()
            QTest.keyClicks(box, query)
            QTest.keyClick(box, Qt.Key.Key_Return)
            results.searched.connect(lambda: QTimer.singleShot(1500, report))

        QTimer.singleShot(2000, search)
        app.exec()
        controller.shutdown()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
