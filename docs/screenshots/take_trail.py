"""Take the access trail window's screenshot.

Run under a virtual display::

    xvfb-run -a -s "-screen 0 1280x900x24" uv run python docs/screenshots/take_trail.py

A throwaway vault of made-up references is made in a temporary folder, and a
few acts are written to its trail as the app and the command line write them.
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


def main() -> int:
    temp = Path(tempfile.mkdtemp(prefix="supnotes-shots-"))
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR", "XDG_STATE_HOME"):
        os.environ[var] = str(temp / var.lower())
        (temp / var.lower()).mkdir(mode=0o700)

    from supnotes.domain.trail import TrailKind
    from supnotes.services import trail
    from supnotes.ui.oversight.trail_view import TrailView
    from supnotes.vault.kdf import TEST_PARAMS
    from supnotes.vault.vault import Vault

    app = QApplication(sys.argv)
    vault, _ = Vault.create(temp / "vault", PASSPHRASE, kdf_params=TEST_PARAMS)
    home = Path("/home/dana/Documents")
    acts = (
        (TrailKind.EXPORT_PDF, "SN-2026-0041", "supervision file", None, "SN-2026-0041.pdf"),
        (
            TrailKind.EXPORT_PDF,
            "SN-2026-0041",
            "child's record",
            "C-104233",
            "SN-2026-0041-C-104233.pdf",
        ),
        (
            TrailKind.CLIPBOARD,
            "SN-2026-0041",
            "case direction text, child's record",
            "C-104233",
            "clipboard",
        ),
        (TrailKind.PRINT, "SN-2026-0042", "supervision file, printed", None, None),
        (TrailKind.EXPORT_REPORT, None, "compliance report (pdf)", None, "compliance-q1.pdf"),
        (TrailKind.EXPORT_JSON, None, "one worker", None, "priya.supnotes.zip"),
        (TrailKind.BACKUP, None, "automatic backup", None, "auto-20260320-091500.snbackup"),
    )
    for kind, ref, audience, child, where in acts:
        trail.record(
            vault,
            kind,
            record_ref=ref,
            audience=audience,
            child_ref=child,
            destination=None if where is None else home / where,
        )
    view = TrailView(lambda: vault)
    view.resize(980, 380)
    view.show()
    loop = QEventLoop()
    QTimer.singleShot(400, loop.quit)
    loop.exec()
    view.grab().save(str(OUT / "access-trail.png"), "PNG")
    sys.stdout.write("wrote access-trail.png\n")
    view.close()
    vault.close()
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
