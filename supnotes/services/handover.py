"""Hand a worker's history to a named receiving supervisor, and receive one.

Giving: the version 2 ``.supnotes.zip`` of one worker (sealed PDFs as
stored; private notes only when chosen) is sealed in a handover envelope
(:mod:`supnotes.services.handover_envelope`) to the receiver's X25519 key,
signed with the giver's signing identity, written atomically, and recorded
as one access-trail entry.

The giver's vault then marks the worker handed over (the day, and the
receiver's key fingerprint and name): the retention rule counts that day like
a leaving date, so the giver's copy comes up for review under the
organisation's period.

Receiving: the envelope is checked (signature, then decryption with this
vault's key), the giver is looked up in this vault's trust register, and
only then is the zip imported through the ordinary all-or-nothing import
(which skips what is already there, so a second import adds nothing).
"""

from __future__ import annotations

import tempfile
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from supnotes.domain.trail import TrailKind
from supnotes.services import encryption_key as keys
from supnotes.services import identity as identities
from supnotes.services import trail, transfer
from supnotes.services import trust as trust_register
from supnotes.services.handover_envelope import Opened, Sealed, open_envelope, seal
from supnotes.vault.atomic import write_atomic
from supnotes.vault.portability import ImportReport
from supnotes.vault.repositories.handovers import HandoverMark, HandoverRepository
from supnotes.vault.vault import Vault

if TYPE_CHECKING:
    from supnotes.services.transfer import Hold


@dataclass(frozen=True)
class Received:
    opened: Opened
    sender_registered: bool


def _private_folder() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="supnotes-handover-")


def package(
    vault: Vault,
    worker_id: str,
    recipient: X25519PublicKey,
    *,
    include_private: bool = False,
    hold: Hold = nullcontext,
) -> Sealed:
    """The encrypted, signed handover of one worker (the seam for the hub's deposits).

    ``hold`` is entered around each read of the vault (the app passes its lock).
    """
    giver = identities.ensure(vault)
    with _private_folder() as folder:
        staged = Path(folder) / "handover.supnotes.zip"
        transfer.export_file(
            vault,
            staged,
            as_zip=True,
            worker_id=worker_id,
            include_private=include_private,
            part_of=TrailKind.HANDOVER,
            signed_only=True,
            hold=hold,
        )
        payload = staged.read_bytes()
    return seal(payload, recipient, giver, worker_id)


def _given(
    vault: Vault, worker_id: str, sealed: Sealed, destination: str, *, to_name: str, on: date | None
) -> None:
    """Record the handover once in the access trail and mark the worker handed over."""
    trail.record(
        vault,
        TrailKind.HANDOVER,
        audience=f"handover to {sealed.recipient_fingerprint}",
        destination=destination,
    )
    HandoverRepository(vault).mark(
        HandoverMark(
            worker_id, on or date.today(), sealed.recipient_fingerprint, " ".join(to_name.split())
        )
    )


def hand_over(
    vault: Vault,
    worker_id: str,
    recipient: X25519PublicKey,
    out: Path,
    *,
    include_private: bool = False,
    to_name: str = "",
    on: date | None = None,
    hold: Hold = nullcontext,
) -> Sealed:
    """Write the handover file atomically, record it once and mark the worker handed over.

    ``to_name`` names the receiver (else the key's fingerprint stands for
    them); ``on`` is the day (default today).
    """
    sealed = package(vault, worker_id, recipient, include_private=include_private, hold=hold)
    write_atomic(out, sealed.data)
    _given(vault, worker_id, sealed, out.name, to_name=to_name, on=on)
    return sealed


def hand_over_to_hub(
    vault: Vault,
    worker_id: str,
    recipient: X25519PublicKey,
    *,
    include_private: bool = False,
    to_name: str = "",
    on: date | None = None,
    hold: Hold = nullcontext,
) -> Sealed:
    """Queue the handover in the outbox for the connected hub (the next send deposits it)."""
    from supnotes.services import hub_handover

    sealed = package(vault, worker_id, recipient, include_private=include_private, hold=hold)
    with _private_folder() as folder:
        staged = Path(folder) / "handover.supnotes-handover"
        staged.write_bytes(sealed.data)
        hub_handover.queue(vault, staged, sealed.recipient_fingerprint)
    _given(vault, worker_id, sealed, "the hub's outbox", to_name=to_name, on=on)
    return sealed


def handed_over(vault: Vault, worker_id: str) -> HandoverMark | None:
    """The worker's latest handover from this vault, or None."""
    return HandoverRepository(vault).get(worker_id)


def open_received(vault: Vault, data: bytes) -> Received:
    """Check and decrypt a handover for this vault (the seam the hub's deposits call)."""
    private = keys.ensure(vault)
    opened = open_envelope(data, {private.fingerprint: private.private})
    registered = {entry.fingerprint for entry in trust_register.entries(vault)}
    return Received(opened, opened.sender_fingerprint in registered)


def import_received(vault: Vault, received: Received, hold: Hold = nullcontext) -> ImportReport:
    """Import a checked handover; all or nothing, and nothing twice.

    ``hold`` is entered around the vault's part, as for :func:`transfer.import_file`
    (the app passes the vault's lock). A worker this vault had handed over and
    now receives back is no longer marked handed over: their records here are
    kept again until they leave (or are handed over again).
    """
    with _private_folder() as folder:
        staged = Path(folder) / "handover.supnotes.zip"
        staged.write_bytes(received.opened.payload)
        report = transfer.import_file(vault, staged, hold)
    HandoverRepository(vault).clear(received.opened.worker_ref)
    return report


@dataclass(frozen=True)
class Contents:
    """What a received handover holds, shown before it is imported."""

    worker_id: str
    worker_name: str
    records: int
    # Of them, drafts (unsigned: the receiver can still change them).
    drafts: int
    open_actions: int
    includes_private: bool
    giver_name: str
    giver_fingerprint: str
    giver_registered: bool
    # The same worker (same id) is already in this vault: what is here stays.
    already_here: bool
    # Another worker with the same name (a different id) is in this vault.
    same_name_here: bool


def contents(vault: Vault, received: Received) -> Contents:
    """Read the checked payload (no writing): the worker, counts and the giver."""
    from cryptography.x509.oid import NameOID

    from supnotes.domain.export_format import ExportFormatError
    from supnotes.domain.records import RecordStatus
    from supnotes.vault.repositories.workers import WorkerRepository

    with _private_folder() as folder:
        staged = Path(folder) / "handover.supnotes.zip"
        staged.write_bytes(received.opened.payload)
        with transfer.PendingImport(staged) as pending:
            doc = pending.doc
    worker = next((w for w in doc.workers if w.id == received.opened.worker_ref), None)
    if worker is None:
        raise ExportFormatError("$.workers", "the handover does not hold the worker it names")
    # The ones the receiver's next one-to-one lists for review: raised in the
    # worker's own records (a group's actions stay with the group).
    open_actions = sum(
        1
        for content in doc.records
        if content.record.worker_id == worker.id
        for action in content.actions
        if action.is_outstanding
    )
    names = received.opened.sender.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    giver = str(names[0].value) if names else received.opened.sender.subject.rfc4514_string()
    workers = WorkerRepository(vault)
    here = {w.id: w for w in workers.all()}
    return Contents(
        worker_id=worker.id,
        worker_name=worker.name,
        records=len(doc.records),
        drafts=sum(1 for c in doc.records if c.record.status is RecordStatus.DRAFT),
        open_actions=open_actions,
        includes_private=doc.includes_private,
        giver_name=giver,
        giver_fingerprint=received.opened.sender_fingerprint,
        giver_registered=received.sender_registered,
        already_here=worker.id in here,
        same_name_here=any(
            w.name.casefold() == worker.name.casefold() and w.id != worker.id for w in here.values()
        ),
    )
