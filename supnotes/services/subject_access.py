"""Make a subject-access pack for one worker: one zip, written whole or not at all.

The pack (docs/subject-access.md) holds the readable index PDF, the sealed
supervision-file copies exactly as stored, the records as an export format
version 2 document, the maskings CSV and a README. Everything is read from
the vault first (``hold()`` around each read: the app passes the vault's
lock), then written into an owner-only temporary file beside the
destination that replaces it only once complete, so a full disk or a
failure half-way leaves no pack, not half of one. The act is then recorded
in the access trail; if that fails, the pack is removed again, so nothing
leaves the vault unrecorded.
"""

from __future__ import annotations

import contextlib
import zipfile
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from supnotes.domain.export_format import dumps
from supnotes.domain.masking import Masker
from supnotes.domain.subject_access import (
    INDEX_NAME,
    JSON_NAME,
    MASKINGS_NAME,
    README_NAME,
    PackPlan,
    maskings_csv,
    plan_pack,
    readme_text,
)
from supnotes.domain.trail import TrailKind
from supnotes.services import trail
from supnotes.services.export_zip import staged_file
from supnotes.vault.portability import export_document, read_pdf
from supnotes.vault.repositories.profile import ProfileRepository
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Vault

Hold = Callable[[], AbstractContextManager[object]]
Progress = Callable[[str], None]
AUDIENCE = "subject access"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


class NoSuchWorker(LookupError):
    """The worker asked for is not in this vault."""


@dataclass(frozen=True)
class PackResult:
    path: Path
    plan: PackPlan


def _known_children(vault: Vault) -> list[str]:
    rows = vault.query(
        "SELECT child_ref FROM case_discussion UNION SELECT child_ref FROM decision "
        "UNION SELECT child_ref FROM action WHERE child_ref IS NOT NULL"
    )
    return sorted({str(r[0]) for r in rows if r[0] is not None and str(r[0]).strip()})


@dataclass(frozen=True)
class _Read:
    document: dict[str, Any]
    worker_name: str
    other_people: list[str]
    children: list[str]
    organisation: str
    marking: str
    supervisor: str


def _read(vault: Vault, worker_id: str, include_private: bool, now: datetime) -> _Read:
    workers = WorkerRepository(vault)
    try:
        worker = workers.get(worker_id)
    except KeyError:
        raise NoSuchWorker("no worker has that id in this vault") from None
    store = SettingsStore(vault)
    profile = ProfileRepository(vault).get()
    return _Read(
        document=export_document(
            vault, worker_id=worker_id, include_private=include_private, exported_at=now
        ),
        worker_name=worker.name,
        other_people=[w.name for w in workers.all() if w.id != worker_id],
        children=_known_children(vault),
        organisation=store.get_text("organisation.name")
        or (profile.organisation if profile else ""),
        marking=store.get_text("marking.text"),
        supervisor="" if profile is None else profile.name,
    )


def _entry(name: str, compress: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.compress_type = compress
    info.external_attr = 0o600 << 16
    return info


def make_pack(
    vault: Vault,
    worker_id: str,
    out: Path,
    *,
    include_private: bool = False,
    mask_third_parties: bool = True,
    hold: Hold = nullcontext,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> PackResult:
    """Write the pack of ``worker_id`` to ``out`` (a zip) and record it in the trail.

    Raises :class:`NoSuchWorker`, or ``OSError``/:class:`VaultError` for a
    destination that cannot be written (nothing is left there).
    """
    say = progress or (lambda _text: None)
    moment = now or datetime.now(UTC)
    say("Reading the records…")
    with hold():
        read = _read(vault, worker_id, include_private, moment)
    document = read.document
    maskings = []
    if mask_third_parties:
        masker = Masker(
            worker_id, read.worker_name, read.other_people, read.children, read.supervisor
        )
        document = masker.mask_document(document)
        maskings = masker.maskings
    plan = plan_pack(document, worker_id, read.worker_name, maskings, masked=mask_third_parties)
    made_on = moment.astimezone().date().isoformat()
    say("Writing the index…")
    from supnotes.services.subject_access_index import to_pdf

    index = to_pdf(
        plan,
        made_on=made_on,
        reference=f"SUBJECT-ACCESS-{made_on}",
        organisation=read.organisation,
        marking=read.marking,
        supervisor=read.supervisor,
    )
    readme = readme_text(
        plan, made_on=made_on, organisation=read.organisation, supervisor=read.supervisor
    )
    with staged_file(out) as handle, zipfile.ZipFile(handle, "w", allowZip64=True) as archive:
        archive.writestr(_entry(README_NAME, zipfile.ZIP_DEFLATED), readme.encode("utf-8"))
        archive.writestr(_entry(INDEX_NAME, zipfile.ZIP_STORED), index)
        archive.writestr(_entry(JSON_NAME, zipfile.ZIP_DEFLATED), dumps(document).encode("utf-8"))
        archive.writestr(_entry(MASKINGS_NAME, zipfile.ZIP_DEFLATED), maskings_csv(plan))
        for number, sealed in enumerate(plan.included, start=1):
            say(f"Adding signed copy {number} of {len(plan.included)}…")
            with hold():
                pdf = read_pdf(vault, sealed.document_id)
            archive.writestr(_entry(sealed.name, zipfile.ZIP_STORED), pdf)
    try:
        trail.record(vault, TrailKind.SUBJECT_ACCESS, audience=AUDIENCE, destination=out)
    except BaseException:
        # Nothing leaves the vault unrecorded: without its trail entry, no pack.
        with contextlib.suppress(OSError):
            out.unlink()
        raise
    return PackResult(out, plan)
