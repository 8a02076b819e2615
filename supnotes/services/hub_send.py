"""Sending sealed copies to the organisation's hub: queue, send, hear back.

``send`` is the supervisor's explicit act (``supnotes send``; the app's
"Send to the organisation…" calls :func:`send`). It queues every sealed
document not yet queued into the vault's outbox, then deposits what is
waiting one at a time, marking each sent only after the hub committed it.
A dropped connection leaves the rest waiting; the next send resumes, and a
deposit the hub already holds is not made twice (its id is the hash of its
kind, target and content). Then it reads back the intake decisions on the
supervisor's deposits, so refusals and their reasons are shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from supnotes.domain.trail import TrailKind
from supnotes.hub.deposits import DepositKind, NewDeposit, deposit_id
from supnotes.hub.errors import HubUnreachable
from supnotes.hub.store import HubStore
from supnotes.services import trail
from supnotes.services.hub_connection import address_of, configured, open_configured, sender_name
from supnotes.vault.repositories.outbox import Candidate, OutboxRepository, OutboxRow
from supnotes.vault.repositories.sealed import SUPERVISION_FILE
from supnotes.vault.vault import Vault


@dataclass
class SendReport:
    queued: int = 0  # newly queued by this send
    sent: int = 0  # deposited now
    already_held: int = 0  # the hub had them already (an earlier send that dropped)
    waiting: int = 0  # still in the outbox (offline, or the connection dropped)
    unreachable: str | None = None
    refused: list[OutboxRow] = field(default_factory=list)
    accepted: int = 0
    awaiting_intake: int = 0


def _rows_for(outbox: OutboxRepository, c: Candidate) -> list[tuple[str, str, str, str, bool, str]]:
    if c.output == SUPERVISION_FILE:
        kind, targets = DepositKind.SUPERVISION_FILE.value, outbox.workers_on(c.record_id)
    else:
        kind, targets = DepositKind.CHILD_EXTRACT.value, [c.child_ref or ""]
    return [
        (
            deposit_id(kind, target, c.sha256),
            kind,
            target,
            c.record_reference,
            c.is_addendum,
            c.sealed_document_id,
        )
        for target in targets
        if target
    ]


def queue_sealed(vault: Vault) -> int:
    """Put every sealed document not yet queued into the outbox; how many rows were added."""
    outbox = OutboxRepository(vault)
    rows = [row for c in outbox.candidates() for row in _rows_for(outbox, c)]
    return outbox.queue(rows) if rows else 0


AUDIENCE_OF_KIND = {
    DepositKind.SUPERVISION_FILE.value: "HR file",
    DepositKind.CHILD_EXTRACT.value: "child inbox",
    DepositKind.FIGURES.value: "figures",
    DepositKind.HANDOVER.value: "handover",
}


def _confirmed(vault: Vault, outbox: OutboxRepository, row: OutboxRow, hub_name: str) -> None:
    """Mark ``row`` sent and record it in the access trail, in one vault transaction.

    Called once the hub has confirmed it holds the deposit (new or already
    there). A row already marked sent is never sent again, so a deposit leaves
    exactly one trail entry however many attempts it took.
    """
    with vault.transaction():
        outbox.mark_sent(row.deposit_id)
        trail.record(
            vault,
            TrailKind.SEND,
            record_ref=row.record_reference or None,
            audience=AUDIENCE_OF_KIND.get(row.kind, row.kind),
            child_ref=row.target if row.kind == DepositKind.CHILD_EXTRACT.value else None,
            destination=hub_name,
        )


KIND_WORDS = {
    DepositKind.SUPERVISION_FILE.value: "supervision-file copies for HR files",
    DepositKind.CHILD_EXTRACT.value: "child extracts for the records officer",
    DepositKind.FIGURES.value: "sets of service figures",
    DepositKind.HANDOVER.value: "handovers",
}


def waiting_by_kind(vault: Vault) -> dict[str, int]:
    """What the next send would deposit, per kind: the outbox's waiting rows and
    the sealed documents not yet queued (counted, not queued: nothing is written)."""
    outbox = OutboxRepository(vault)
    counts: dict[str, int] = {}
    kinds = [row.kind for row in outbox.waiting()]
    kinds += [row[1] for c in outbox.candidates() for row in _rows_for(outbox, c)]
    for kind in kinds:
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def report_lines(report: SendReport) -> list[str]:
    """The report in plain words, for the app's dialog."""
    lines = [
        f"Sent now: {report.sent}.",
        f"Already at the organisation (from an earlier send): {report.already_held}.",
    ]
    if report.unreachable is not None:
        lines.append(
            f"Could not reach the organisation's hub, so {report.waiting} deposit(s) are "
            "still waiting on this laptop. Nothing is lost: try again later, and the send "
            f"carries on where it stopped. ({report.unreachable})"
        )
    elif report.waiting:
        lines.append(f"Still waiting on this laptop: {report.waiting}.")
    else:
        lines.append("Nothing is left waiting.")
    lines.append(
        f"At the organisation: accepted {report.accepted}, not yet checked by intake "
        f"{report.awaiting_intake}, refused {len(report.refused)}."
    )
    for row in report.refused:
        lines.append(f"Refused by intake: {row.record_reference} ({row.target}): {row.reason}")
    return lines


Progress = Callable[[int, int], None]  # (deposits done, deposits to send)


def send_waiting(
    vault: Vault,
    store: HubStore,
    sender: str,
    report: SendReport,
    *,
    hub_name: str = "hub",
    progress: Progress | None = None,
) -> None:
    """Deposit each waiting row, one transaction each; stops at a dropped connection."""
    outbox = OutboxRepository(vault)
    waiting = outbox.waiting()
    for index, row in enumerate(waiting):
        if progress is not None:
            progress(index, len(waiting))
        deposit = NewDeposit(
            kind=row.kind,
            target=row.target,
            record_reference=row.record_reference,
            is_addendum=row.is_addendum,
            content=outbox.content(row),
        )
        try:
            new = store.deposit(deposit, sender)
        except HubUnreachable as exc:
            report.unreachable = str(exc)
            report.waiting = len(waiting) - index
            return
        _confirmed(vault, outbox, row, hub_name)
        if new:
            report.sent += 1
        else:
            report.already_held += 1


def hear_back(vault: Vault, store: HubStore, sender: str, report: SendReport) -> None:
    """Copy the hub's intake decisions on this sender's deposits into the outbox."""
    outbox = OutboxRepository(vault)
    ours = {row.deposit_id: row for row in outbox.all()}
    for state in store.my_deposits(sender):
        row = ours.get(state.id)
        if row is None:
            continue
        if (row.decision, row.reason) != (state.decision, state.reason):
            outbox.record_decision(state.id, state.decision, state.reason)
    for row in outbox.all():
        if row.decision == "refused":
            report.refused.append(row)
        elif row.decision == "accepted":
            report.accepted += 1
        elif row.sent_at is not None:
            report.awaiting_intake += 1


def send(vault: Vault, progress: Progress | None = None) -> SendReport:
    """Queue, send what is waiting, and hear back; never raises for a dropped connection."""
    report = SendReport(queued=queue_sealed(vault))
    try:
        store, stored = open_configured(vault)
    except HubUnreachable as exc:
        report.unreachable = str(exc)
        outbox = OutboxRepository(vault)
        report.waiting = len(outbox.waiting())
        stored_hub = configured(vault)
        outbox.log(
            "send",
            address_of(stored_hub).describe() if stored_hub else "",
            f"not reached, waiting {report.waiting}",
        )
        return report
    outbox = OutboxRepository(vault)
    sender = sender_name(stored)
    try:
        send_waiting(vault, store, sender, report, hub_name=store.address.name(), progress=progress)
        if report.unreachable is None:
            hear_back(vault, store, sender, report)
    except HubUnreachable as exc:
        report.unreachable = str(exc)
    finally:
        store.close()
    report.waiting = len(outbox.waiting())
    outbox.log(
        "send",
        store.address.describe(),
        f"sent {report.sent}, already held {report.already_held}, waiting {report.waiting}",
    )
    return report
