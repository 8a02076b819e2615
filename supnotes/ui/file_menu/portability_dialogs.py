"""File → Export and import: JSON of the whole vault or one worker, and the organisation's PKCS#12.

The work is done by the same functions the command line's ``export`` and
``import`` use (see :mod:`supnotes.cli.model_commands`); the three thin
functions below are this window's only call sites, so a change of export
format follows here by changing them alone. Everything runs off the UI
thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from supnotes.pdf.errors import PdfError
from supnotes.ui.common.file_dialogs import choose_open_path, choose_save_path
from supnotes.ui.common.operations import run_with_progress
from supnotes.vault.errors import VaultError
from supnotes.vault.portability import ImportReport
from supnotes.vault.vault import Vault

Report = Callable[[str], None]
JSON_FILTER = "SupNotes exports (*.supnotes.zip *.zip *.json)"
ZIP_FILTER = "SupNotes exports (*.supnotes.zip)"
PKCS12_FILTER = "Signing identities (*.p12 *.pfx)"


class ImportRefused(Exception):
    """A file that cannot be imported; the message says why, in plain words."""


# -- the service calls (as the command line makes them) ---------------------------


def export_json(vault: Vault, out: Path, worker_id: str | None) -> int:
    """Write the export (format version 2: a zip with the sealed PDFs) to ``out``.

    The whole vault, or one worker's records for a subject access request;
    private notes are left out. Returns the number of records.
    """
    from supnotes.services.transfer import export_file

    # Runs off the UI thread: each read holds the vault's lock, so it never sees
    # an autosave's half-done transaction on the shared connection.
    summary = export_file(
        vault,
        out,
        as_zip=True,
        worker_id=worker_id,
        exported_at=datetime.now(UTC),
        hold=vault.exclusive,
    )
    return summary.records


def import_json(vault: Vault, path: Path) -> ImportReport:
    """Import an export (zip or JSON); :class:`ImportRefused` (nothing imported) if refused."""
    from supnotes.domain.export_format import ExportFormatError
    from supnotes.services.transfer import import_file

    try:
        return import_file(vault, path, hold=vault.exclusive)
    except ExportFormatError as exc:
        raise ImportRefused(f"{path.name} was refused, nothing imported: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportRefused(f"{path.name} could not be read ({exc.__class__.__name__}).") from None


def import_identity(vault: Vault, path: Path, password: str) -> str:
    """Use the organisation's PKCS#12 from now on; its certificate's fingerprint."""
    from supnotes.services.identity import import_organisation

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportRefused(f"{path.name} could not be read ({exc.strerror}).") from None
    try:
        return import_organisation(vault, data, password.encode("utf-8")).fingerprint
    except PdfError as exc:
        raise ImportRefused(f"{path.name} was not accepted: {exc}") from None


# -- the dialogs ---------------------------------------------------------------------


def _failure(parent: QWidget | None, title: str) -> Callable[[BaseException], None]:
    def failed(exc: BaseException) -> None:
        if isinstance(exc, ImportRefused):
            QMessageBox.warning(parent, title, str(exc))
        elif isinstance(exc, VaultError):
            QMessageBox.warning(parent, title, exc.one_line())
        elif isinstance(exc, OSError):
            QMessageBox.warning(parent, title, f"The file could not be written: {exc.strerror}")
        else:
            raise exc

    return failed


def export_dialog(
    vault: Vault,
    parent: QWidget | None,
    report: Report,
    worker: tuple[str, str] | None = None,
) -> Path | None:
    """Ask where, then export the whole vault, or ``worker`` (id, name) for subject access."""
    if worker is None:
        suggested = f"SupNotes export {date.today().isoformat()}.supnotes.zip"
        title = "Export the whole vault"
    else:
        suggested = f"SupNotes records of {worker[1]} {date.today().isoformat()}.supnotes.zip"
        title = f"Export the records of {worker[1]}"
    path = choose_save_path(parent, vault, title, suggested, ZIP_FILTER)
    if path is None:
        return None
    worker_id = None if worker is None else worker[0]

    def done(count: int) -> None:
        noun = "record" if count == 1 else "records"
        report(f"Exported {count} {noun} to {path.name} (no private notes).\nSaved to {path}.")

    run_with_progress(
        parent,
        "Exporting…",
        lambda: export_json(vault, path, worker_id),
        done,
        _failure(parent, "Not exported"),
    )
    return path


def import_dialog(
    vault: Vault, parent: QWidget | None, report: Report, imported: Callable[[], None]
) -> Path | None:
    """Choose an export file and import it; ``imported`` runs after a successful import."""
    path = choose_open_path(parent, vault, "Import a SupNotes export", JSON_FILTER)
    if path is None:
        return None

    def done(result: ImportReport) -> None:
        report(
            f"Imported {result.records_added} records and {result.workers_added} workers.\n"
            f"{result.records_unchanged} records and {result.workers_unchanged} workers "
            "were already here, unchanged."
        )
        imported()

    run_with_progress(
        parent,
        f"Importing {path.name}…",
        lambda: import_json(vault, path),
        done,
        _failure(parent, "Nothing imported"),
    )
    return path


def identity_dialog(vault: Vault, parent: QWidget | None, report: Report) -> Path | None:
    """Choose the organisation's PKCS#12, ask its password, and sign with it from now on."""
    path = choose_open_path(parent, vault, "Organisation signing identity", PKCS12_FILTER)
    if path is None:
        return None
    password, ok = QInputDialog.getText(
        parent,
        "Organisation signing identity",
        f"Password of {path.name}:",
        QLineEdit.EchoMode.Password,
    )
    if not ok:
        return None

    def done(fingerprint: str) -> None:
        report(
            "Your records are signed with the organisation's identity from now on.\n"
            f"Its fingerprint: {fingerprint}. Records signed before stay valid."
        )

    run_with_progress(
        parent,
        "Importing the signing identity…",
        lambda: import_identity(vault, path, password),
        done,
        _failure(parent, "Signing identity not imported"),
    )
    return path
