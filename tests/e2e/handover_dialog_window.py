"""Show the Hand over dialog in a real window and print how its parts were laid out.

Run by ``test_dialog_layout_real_window.py`` inside Xvfb with openbox, at
``QT_SCALE_FACTOR=1.5``: ``python -m tests.e2e.handover_dialog_window SHOT.png``
prints one JSON line and saves the dialog's picture.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from supnotes.ui.file_menu.handover_give_dialog import HandOverDialog
from tests.ui.handover_giver import giver_vault


def main(shot: str) -> None:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp, giver_vault(Path(tmp) / "giver") as vault:
        dialog = HandOverDialog(vault, lambda _t: None, None, None)
        dialog.show()

        def report() -> None:
            note, hub = dialog.key_note, dialog.to_hub
            print(
                json.dumps(
                    {
                        "dialog": [dialog.width(), dialog.height()],
                        "note": [note.height(), note.heightForWidth(note.width())],
                        "hub": [hub.geometry().bottom(), hub.height(), hub.sizeHint().height()],
                    }
                ),
                flush=True,
            )
            dialog.grab().save(shot)
            app.quit()

        QTimer.singleShot(1500, report)
        app.exec()


if __name__ == "__main__":
    main(sys.argv[1])
