"""A sealed demo vault with canaries planted for the subject-access tests.

- a private note holding :data:`PRIVATE_CANARY` in a one-to-one of the subject;
- a group session the subject attended, sealed for real, whose every field
  names :data:`CHILD_CANARY` (a child reference) and :data:`WORKER_CANARY`
  (another worker in the vault, by full name, by first name and in lower
  case) and :data:`GUEST_CANARY` (an attendee who is not a worker).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

from supnotes.domain.actions import Action
from supnotes.domain.content import RecordContent
from supnotes.domain.decisions import Decision
from supnotes.domain.group import Attendee, AttendeeRole
from supnotes.domain.ids import new_id
from supnotes.domain.people import Stage, Worker
from supnotes.domain.records import Record, RecordKind
from supnotes.services.sealing import seal_record
from supnotes.vault.repositories.records import insert_contents
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.vault import Vault

PRIVATE_CANARY = "PRIVCANARY-7d1f-Siân"
CHILD_CANARY = "C-CANARY-4417"
WORKER_CANARY = "Zebedee Quillfeather"
GUEST_CANARY = "Ottoline Brisk"
WORKER_FIRST = "Zebedee"
WORKER_LAST = "Quillfeather"
CANARIES = (PRIVATE_CANARY, CHILD_CANARY, WORKER_FIRST, WORKER_LAST, "Ottoline", "Brisk")
HELD = date(2026, 2, 25)


def subject(vault: Vault) -> Worker:
    """The demo worker who attended the most group sessions."""
    workers = WorkerRepository(vault).all()
    return max(
        workers,
        key=lambda w: (
            int(
                str(vault.query("SELECT count(*) FROM attendee WHERE worker_id = ?", (w.id,))[0][0])
            ),
            w.name,
        ),
    )


def _reference(vault: Vault, number: int) -> str:
    return f"SN-2026-9{number:03d}"


def plant(vault: Vault, worker: Worker) -> tuple[str, str]:
    """Add the canary worker, a private note and a sealed group record; their ids."""
    other = Worker(
        id=new_id(),
        name=WORKER_CANARY,
        role="Social worker",
        team="Canary team",
        start_date=date(2020, 1, 1),
        stage=Stage.QUALIFIED,
    )
    WorkerRepository(vault).save(other)
    now = datetime(2026, 2, 25, 12, tzinfo=UTC)
    private_id, group_id = new_id(), new_id()
    one_to_one = Record(
        id=private_id,
        reference=_reference(vault, 1),
        kind=RecordKind.ONE_TO_ONE,
        template_id="one-to-one",
        template_version=1,
        held_on=HELD,
        worker_id=worker.id,
        answers={
            "notes.notes": f"My own worry: {PRIVATE_CANARY}",
            "wellbeing.wellbeing": "Settled this week.",
        },
        created_at=now,
        updated_at=now,
    )
    text = (
        f"{WORKER_FIRST} wondered whether {CHILD_CANARY} is safe at home; "
        f"{GUEST_CANARY} agreed with {WORKER_CANARY}.\n"
        f"{WORKER_FIRST.lower()} {WORKER_LAST.lower()} will call {CHILD_CANARY.lower()}'s school. "
        f"{worker.name} listened."
    )
    group = Record(
        id=group_id,
        reference=_reference(vault, 2),
        kind=RecordKind.GROUP,
        template_id="group-reflecting-team",
        template_version=1,
        held_on=HELD,
        start_time=time(10),
        end_time=time(11, 30),
        answers={
            "presentation.question": f"How do I help {CHILD_CANARY}?",
            "presentation.background": text,
            "reflection.reflections": text,
            "response.response": f"Thanks to {WORKER_FIRST} and {GUEST_CANARY}.",
        },
        created_at=now,
        updated_at=now,
    )
    attendees = (
        Attendee(new_id(), group_id, GUEST_CANARY, AttendeeRole.CHAIR, None, 0),
        Attendee(new_id(), group_id, WORKER_CANARY, AttendeeRole.PRESENTER, other.id, 1),
        Attendee(new_id(), group_id, worker.name, AttendeeRole.MEMBER, worker.id, 2),
    )
    decisions = (
        Decision(
            id=new_id(),
            record_id=group_id,
            child_ref=CHILD_CANARY,
            decision=f"{WORKER_CANARY} to lead",
            rationale=f"{WORKER_FIRST} sees progress for {CHILD_CANARY}.",
            decided_by="Helen Marchbank",
            decided_on=HELD,
        ),
    )
    actions = (
        Action(
            id=new_id(),
            raised_in=group_id,
            text=f"Call {CHILD_CANARY}'s school",
            owner=WORKER_CANARY,
            due_on=date(2026, 3, 10),
            child_ref=CHILD_CANARY,
        ),
    )
    with vault.transaction() as conn:
        insert_contents(
            conn,
            [
                RecordContent(one_to_one),
                RecordContent(
                    group,
                    decisions=decisions,
                    actions=actions,
                    attendees=attendees,
                ),
            ],
        )
    seal_record(vault, group_id, None, now=now)
    return private_id, group_id


def build(folder: Path) -> Path:
    """A sealed demo vault at ``folder`` with the canaries planted."""
    from tests.vault import sealed_demo

    sealed_demo.build(folder)
    with sealed_demo.open_vault(folder) as vault:
        plant(vault, subject(vault))
    return folder
