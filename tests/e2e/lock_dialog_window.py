"""Type a wrong passphrase into the demo's lock dialog in a real window; print its layout.

Run by ``test_dialog_layout_real_window.py`` inside Xvfb (1024x640) with
openbox: ``python -m tests.e2e.lock_dialog_window SHOT.png`` types a wrong
passphrase and Enter with key events, then prints one JSON line (the labels
and buttons with less height than their text needs, whether the demo
passphrase ends above the field, the dialog's size) and saves its picture.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from supnotes.ui.access.unlock import UnlockDialog, build_unlock_dialog
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.vault import Vault


def squeezed(dialog: UnlockDialog) -> list[str]:
    """Shown labels and buttons with less height than their text needs."""
    cut = []
    for label in dialog.findChildren(QLabel):
        if label.isVisibleTo(dialog) and label.text():
            needs = (
                label.heightForWidth(label.width())
                if label.wordWrap()
                else label.minimumSizeHint().height()
            )
            if label.height() < needs:
                cut.append(f"{label.objectName()}: {label.height()} < {needs}")
    for button in dialog.findChildren(QPushButton):
        needs = button.minimumSizeHint().height()
        if button.isVisibleTo(dialog) and button.height() < needs:
            cut.append(f"{button.text()}: {button.height()} < {needs}")
    return cut


def main(shot: str) -> None:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        vault, _ = Vault.create(Path(tmp) / "v", "a long enough passphrase", kdf_params=TEST_PARAMS)
        folder = vault.paths.folder
        vault.close()
        dialog = build_unlock_dialog(
            folder, relock=True, idle=False, demo_passphrase="demo blue kettle harbour"
        )
        dialog.show()

        def report() -> None:
            demo = dialog.findChild(QLabel, "demo-passphrase")
            assert demo is not None
            print(
                json.dumps(
                    {
                        "error_shown": dialog.error_panel.isVisible(),
                        "squeezed": squeezed(dialog),
                        "demo_above_field": demo.geometry().bottom()
                        < dialog.passphrase.geometry().top(),
                        "dialog": [dialog.width(), dialog.height()],
                    }
                ),
                flush=True,
            )
            dialog.grab().save(shot)
            dialog.done(0)
            app.quit()

        def wrong() -> None:
            dialog.activateWindow()
            QTest.keyClicks(dialog.passphrase, "not the passphrase")
            QTest.keyClick(dialog.passphrase, Qt.Key.Key_Return)
            QTimer.singleShot(2500, report)

        QTimer.singleShot(1500, wrong)
        app.exec()


if __name__ == "__main__":
    main(sys.argv[1])
