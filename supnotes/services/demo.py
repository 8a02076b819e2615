"""A demo vault whose signed records are really sealed: PDFs, extracts, an addendum.

The generated records that are signed are written as drafts and then sealed
through :func:`supnotes.services.sealing.seal_record`, in date order, with
the supervisee's generated acknowledgement: so the demo shows exactly what
a real vault holds. Sealing costs about 0.07 s a document, so the app's
``--demo`` covers a shorter history (:data:`SEALED_HISTORY_DAYS`) than the
year that ``supnotes demo`` builds by default.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from supnotes.domain.content import RecordContent
from supnotes.domain.demo import DemoVault
from supnotes.domain.records import RecordKind
from supnotes.pdf.identity import SigningIdentity, create_identity, to_pkcs12
from supnotes.services import identity as identities
from supnotes.services.demo_plan import (
    SEALED_HISTORY_DAYS,
    DemoSealing,
    build_sealed_demo,
    write_unsealed_demo,
)
from supnotes.services.sealing import (
    Acknowledgement,
    add_addendum,
    countersign_record,
    seal_record,
)
from supnotes.vault.vault import Vault

_COUNTERSIGN_PASSWORD = b"demo supervisee"

__all__ = [
    "SEALED_HISTORY_DAYS",
    "DemoSealing",
    "build_sealed_demo",
    "finish_demo",
    "seal_one",
    "write_sealed_demo",
    "write_unsealed_demo",
]


def seal_one(vault: Vault, sealing: DemoSealing, record_id: str) -> None:
    """Seal one demo record as the supervisor did on the day (safe on a worker thread)."""
    content = next(c for c in sealing.signed if c.record.id == record_id)
    record, comments = content.record, content.record.comments
    acknowledgement = None
    if record.worker_id is not None:
        acknowledgement = Acknowledgement(
            typed_name=comments.acknowledged_name,
            has_read=True,
            agrees=comments.agrees,
            comments=comments.text,
            at=comments.acknowledged_at,
        )
    identity = identities.ensure(vault, sealing.demo.supervisor)
    seal_record(vault, record_id, acknowledgement, identity=identity, now=record.signed_at)


def finish_demo(vault: Vault, sealing: DemoSealing) -> None:
    """After every seal: one signed addendum and one counter-signed record."""
    identity = identities.ensure(vault, sealing.demo.supervisor)
    _amend_and_countersign(vault, sealing.demo, list(sealing.signed), identity)


def write_sealed_demo(
    vault: Vault, demo: DemoVault, progress: Callable[[int, int], None] | None = None
) -> int:
    """Write ``demo`` and seal its signed records; returns how many were sealed."""
    sealing = write_unsealed_demo(vault, demo)
    identities.ensure(vault, demo.supervisor)
    for done, record_id in enumerate(sealing.record_ids, start=1):
        seal_one(vault, sealing, record_id)
        if progress is not None:
            progress(done, len(sealing.signed))
    finish_demo(vault, sealing)
    return len(sealing.signed)


def _amend_and_countersign(
    vault: Vault, demo: DemoVault, signed: list[RecordContent], identity: SigningIdentity
) -> None:
    """One signed addendum, and one record counter-signed by its supervisee."""
    sessions = [c for c in signed if c.record.kind is RecordKind.ONE_TO_ONE]
    if not sessions:
        return
    about_children = [c for c in sessions if c.child_refs]
    amended_content = (about_children or sessions)[-1]
    amended = amended_content.record
    assert amended.signed_at is not None
    later = amended.signed_at + timedelta(days=3)
    # It concerns a child's review date, so it reaches that child's record too.
    children = amended_content.child_refs[:1]
    add_addendum(
        vault,
        amended.id,
        f"The review date for {children[0] if children else 'a child'} was recorded wrongly",
        "The review date agreed in supervision was two weeks later than recorded; the "
        "worker confirmed this from their notes of the session.",
        child_refs=children,
        added_on=later.date(),
        identity=identity,
        now=later,
    )
    if len(sessions) < 2:
        return
    countersigned = sessions[-2].record
    worker = next(w for w in demo.workers if w.id == countersigned.worker_id)
    own = create_identity(worker.name, worker.role, demo.supervisor.organisation)
    pkcs12 = to_pkcs12(own, _COUNTERSIGN_PASSWORD)
    countersign_record(vault, countersigned.id, pkcs12, _COUNTERSIGN_PASSWORD)
