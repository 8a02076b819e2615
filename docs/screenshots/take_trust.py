"""Take the Trust register's and the Verify dialog's screenshots from the real widgets.

Run under a virtual display::

    xvfb-run -a -s "-screen 0 1280x900x24" uv run python docs/screenshots/take_trust.py

A throwaway vault with a made-up supervisor is made in a temporary folder; the
records verified are one genuine and one forged in the supervisor's name.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

OUT = Path(__file__).resolve().parent
PASSPHRASE = "violet tractor sandwich lagoon"  # noqa: S105 (a throwaway vault for pictures)


def _settle(ms: int = 600) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _save(widget: QWidget, name: str) -> None:
    _settle()
    widget.grab().save(str(OUT / name), "PNG")
    sys.stdout.write(f"wrote {name}\n")


def _wait_for(dialog: object) -> None:
    for _ in range(100):
        if getattr(dialog, "judgement", None) is not None:
            return
        _settle(100)


def main() -> int:
    from supnotes.pdf.identity import certificate_pem, create_identity
    from supnotes.pdf.render import render_pdf
    from supnotes.pdf.sign import countersign, sign_pdf
    from supnotes.pdf.trust_register import read_register
    from supnotes.services import identity as identities
    from supnotes.services import trust
    from supnotes.ui.sealing.trust_dialog import build_trust_dialog
    from supnotes.ui.sealing.verify_dialog import build_verify_dialog
    from supnotes.vault.kdf import TEST_PARAMS
    from supnotes.vault.vault import Vault
    from tests.pdf.sample import SUPERVISOR, WORKER, sample_record

    app = QApplication.instance() or QApplication(sys.argv)
    temp = Path(tempfile.mkdtemp(prefix="supnotes-shots-"))
    vault, _ = Vault.create(temp / "vault", PASSPHRASE, kdf_params=TEST_PARAMS)
    with vault:
        own = identities.create_self_signed(
            vault, SUPERVISOR, "Team Manager", "Cyngor Sir Glanrafon"
        )
        colleague = create_identity(WORKER, "Social Worker", "Cyngor Sir Glanrafon")
        pem = temp / "colleague.pem"
        pem.write_bytes(certificate_pem(colleague.certificate))
        trust.register(vault, read_register(pem), trust.CHECKED_WITH_OWNER)
        dialog = build_trust_dialog(vault)
        dialog.show()
        _save(dialog, "trust-register.png")
        dialog.close()

        genuine = temp / "SN-2025-000142.pdf"
        genuine.write_bytes(
            countersign(sign_pdf(render_pdf(sample_record(filler=1)), own), colleague)
        )
        forged = temp / "SN-2025-000142-forged.pdf"
        forger = create_identity(SUPERVISOR, "Team Manager", "Cyngor Sir Glanrafon")
        forged.write_bytes(sign_pdf(render_pdf(sample_record(filler=1)), forger))
        for path, name in ((genuine, "verify-registered.png"), (forged, "verify-forged.png")):
            verify = build_verify_dialog(None, lambda: trust.trust_roots(vault))
            verify.resize(1000, 540)
            verify.show()
            verify.check(path)
            _wait_for(verify)
            _save(verify, name)
            verify.close()
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
