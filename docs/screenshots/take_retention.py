"""Take the retention review's and the highlights dialog's screenshots, light and dark.

Run under a virtual display::

    xvfb-run -a -s "-screen 0 1280x900x24" uv run python docs/screenshots/take_retention.py

A throwaway demo vault of made-up people is made in a temporary folder; one
worker is given a leaving date in 2019 so their records are past retention.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

OUT = Path(__file__).resolve().parent
PASSPHRASE = "violet tractor sandwich lagoon"  # noqa: S105 (a throwaway vault for pictures)


def _save(widget: QWidget, name: str) -> None:
    loop = QEventLoop()
    QTimer.singleShot(400, loop.quit)
    loop.exec()
    widget.grab().save(str(OUT / name), "PNG")
    sys.stdout.write(f"wrote {name}\n")


def main() -> int:
    temp = Path(tempfile.mkdtemp(prefix="supnotes-shots-"))
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR", "XDG_STATE_HOME"):
        os.environ[var] = str(temp / var.lower())
        (temp / var.lower()).mkdir(mode=0o700)

    from supnotes.domain.demo import build_demo
    from supnotes.domain.template_loader import default_library
    from supnotes.ui.oversight.highlights_view import HighlightsView
    from supnotes.ui.oversight.retention_view import RetentionView
    from supnotes.ui.shell.app import make_application
    from supnotes.ui.shell.theme import Appearance
    from supnotes.vault.demo import write_demo
    from supnotes.vault.kdf import TEST_PARAMS
    from supnotes.vault.vault import Vault

    app: QApplication = make_application()
    appearance = Appearance(app)
    vault, _ = Vault.create(temp / "vault", PASSPHRASE, kdf_params=TEST_PARAMS)
    with vault:
        library = default_library()
        write_demo(vault, build_demo(library, today=date(2026, 3, 20), history_days=120))
        (worker_id,) = vault.query("SELECT worker_id FROM record WHERE kind = 'one-to-one'")[0]
        with vault.transaction() as conn:
            conn.execute("UPDATE worker SET leaving_date = '2019-07-31' WHERE id = ?", (worker_id,))
        for theme in ("light", "dark"):
            appearance.apply(theme, 1.0)
            view = RetentionView(lambda: vault)
            view.show()
            _save(view, f"retention-review-{theme}.png")
            view.ask()
            _save(view.confirm, f"retention-confirm-{theme}.png")
            view.confirm.done(0)
            view.close()
            dialog = HighlightsView(lambda: vault, library, today=date(2026, 3, 20))
            dialog.show()
            _save(dialog, f"highlights-{theme}.png")
            dialog.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
