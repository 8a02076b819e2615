"""Take the screenshot of Settings → Organisation escrow key from the real dialog.

Run under a virtual display::

    xvfb-run -a -s "-screen 0 1024x640x24" uv run python docs/screenshots/take_escrow.py

A throwaway vault gets an escrow slot for a throwaway organisation key (X25519),
offered by machine-wide defaults written to a temporary folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

OUT = Path(__file__).resolve().parent
PASSPHRASE = "violet tractor sandwich lagoon"  # noqa: S105 (a throwaway vault for pictures)


def _settle(ms: int = 600) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> int:
    from supnotes.domain.settings import SETTINGS
    from supnotes.services import escrow as escrow_service
    from supnotes.ui.dialogs.escrow_section import add_escrow_section
    from supnotes.ui.dialogs.settings_dialog import build_settings_dialog
    from supnotes.vault.escrow import generate_key_pair, public_pem
    from supnotes.vault.kdf import TEST_PARAMS
    from supnotes.vault.machine_defaults import read
    from supnotes.vault.vault import Vault

    app = QApplication.instance() or QApplication(sys.argv)
    temp = Path(tempfile.mkdtemp(prefix="supnotes-shots-"))
    key = generate_key_pair("x25519")
    pem = temp / "org-escrow.pem"
    pem.write_bytes(public_pem(key.public_key()))
    defaults = temp / "defaults.toml"
    defaults.write_text(f'[escrow]\npublic_key = "{pem}"\n')
    os.environ["SUPNOTES_DEFAULTS"] = str(defaults)
    vault, _ = Vault.create(temp / "vault", PASSPHRASE, kdf_params=TEST_PARAMS)
    with vault:
        escrow_service.add(vault, key.public_key())
        dialog = build_settings_dialog({row.key: row.default for row in SETTINGS})
        section = add_escrow_section(dialog, vault, read(defaults))
        assert section is not None
        dialog.show()
        _settle()
        dialog.scroll_area.ensureWidgetVisible(section)
        _settle()
        dialog.grab().save(str(OUT / "settings-escrow.png"), "PNG")
        sys.stdout.write("wrote settings-escrow.png\n")
        dialog.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
