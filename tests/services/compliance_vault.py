"""A small vault holding issue 14's Examples A and B, a leaver, a group session and canaries.

Shared by the report's service, CLI and UI tests. Canaries are a child's
reference and wellbeing text typed into the records: the report must never
carry them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path

from supnotes.domain.actions import Action, ActionStatus
from supnotes.domain.cases import CaseDiscussion
from supnotes.domain.content import RecordContent
from supnotes.domain.group import Attendee
from supnotes.domain.ids import new_id
from supnotes.domain.people import CaseloadEntry, Stage, Worker
from supnotes.domain.records import Record, RecordKind, RecordStatus, format_reference
from supnotes.domain.template_loader import default_library
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.repositories.records import insert_contents
from supnotes.vault.repositories.templates import store_snapshot
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Vault

PASSPHRASE = "a long enough passphrase"
TODAY = date(2026, 6, 1)
CHILD_CANARY = "C-CANARY-7731"
WELLBEING_CANARY = "CANARY-wellbeing-kestrel"
ACTION_CANARY = "CANARY-action-heron"
CANARIES = (CHILD_CANARY, WELLBEING_CANARY, ACTION_CANARY)

ANN = Worker(
    "w-ann",
    "Ann Example",
    "Social Worker",
    "East",
    date(2024, 9, 1),
    Stage.QUALIFIED,
    caseload=(CaseloadEntry(date(2026, 1, 5), 14), CaseloadEntry(date(2026, 4, 15), 22)),
)
NINA = Worker("w-nina", "Nina Newly", "Social Worker", "East", date(2026, 3, 2), Stage.ASYE)
LEO = Worker(
    "w-leo",
    "=Leo Leaver",  # a name a spreadsheet would run as a formula
    "Family Support Worker",
    "West",
    date(2025, 1, 6),
    Stage.UNQUALIFIED,
    leaving_date=date(2026, 4, 10),
)

A_HELD = (date(2026, 1, 28), date(2026, 2, 25), date(2026, 3, 20), date(2026, 4, 30))
B_HELD = tuple(
    date(2026, m, d) for m, d in ((3, 9), (3, 16), (3, 24), (4, 6), (4, 20), (5, 11), (5, 25))
)
LEO_HELD = (date(2026, 2, 25), date(2026, 3, 20))
GROUP_ON = date(2026, 5, 12)
AGREEMENT_REVIEW = "2026-05-20"


class _Records:
    def __init__(self) -> None:
        self.contents: list[RecordContent] = []
        self.made = 0

    def record(
        self,
        on: date,
        worker: Worker | None,
        kind: RecordKind = RecordKind.ONE_TO_ONE,
        status: RecordStatus = RecordStatus.SIGNED,
        answers: dict[str, str] | None = None,
    ) -> Record:
        template = {
            RecordKind.ONE_TO_ONE: "one-to-one",
            RecordKind.GROUP: "group-reflecting-team",
            RecordKind.AGREEMENT: "supervision-agreement",
        }[kind]
        self.made += 1
        moment = datetime.combine(on, time(17, 0), tzinfo=UTC)
        return Record(
            new_id(),
            format_reference(on.year, self.made),
            kind,
            template,
            1,
            on,
            worker_id=None if worker is None else worker.id,
            status=status,
            answers=answers or {},
            created_at=moment,
            updated_at=moment,
            signed_at=moment if status is RecordStatus.SIGNED else None,
        )

    def one_to_one(self, worker: Worker, on: date) -> None:
        self.contents.append(RecordContent(self.record(on, worker)))


def build_contents() -> list[RecordContent]:
    out = _Records()
    for worker, dates in ((NINA, B_HELD), (LEO, LEO_HELD)):
        for day in dates:
            out.one_to_one(worker, day)
    jan, feb, mar, apr = (out.record(day, ANN) for day in A_HELD)
    # Ann's 20 Mar session discusses a child and raises two actions (canaries):
    # one closed in her 30 Apr session, one still open and overdue.
    case = CaseDiscussion(
        new_id(), mar.id, CHILD_CANARY, update=WELLBEING_CANARY, worries=WELLBEING_CANARY
    )
    closed = Action(
        new_id(),
        mar.id,
        ACTION_CANARY,
        owner="Ann",
        due_on=date(2026, 4, 1),
        status=ActionStatus.DONE,
        closed_in=apr.id,
        child_ref=CHILD_CANARY,
    )
    late = Action(new_id(), mar.id, ACTION_CANARY, due_on=date(2026, 5, 1), position=1)
    out.contents += [
        RecordContent(jan),
        RecordContent(feb),
        RecordContent(mar, case_discussions=(case,), actions=(closed, late)),
        RecordContent(apr),
    ]
    # A draft with nothing in it on 15 May: not held.
    out.contents.append(
        RecordContent(out.record(date(2026, 5, 15), ANN, status=RecordStatus.DRAFT))
    )
    # A group session Ann attended: counts only with the setting on.
    group = out.record(GROUP_ON, None, RecordKind.GROUP)
    attendee = Attendee(new_id(), group.id, ANN.name, worker_id=ANN.id)
    out.contents.append(RecordContent(group, attendees=(attendee,)))
    # Agreements: Ann's old one was replaced by a newer one still in date;
    # Nina's is past its review date; Leo's (a leaver) is past it too.
    for worker, made, review in (
        (ANN, date(2025, 1, 10), "2025-06-01"),
        (ANN, date(2026, 1, 10), "2027-01-10"),
        (NINA, date(2026, 3, 3), AGREEMENT_REVIEW),
        (LEO, date(2025, 1, 10), "2025-12-01"),
    ):
        made_record = out.record(made, worker, RecordKind.AGREEMENT)
        out.contents.append(
            RecordContent(replace(made_record, answers={"review.review-date": review}))
        )
    return out.contents


def make_vault(folder: Path) -> Vault:
    """Create the vault (organisation and marking set); the caller closes it."""
    vault, _ = Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS)
    for worker in (ANN, NINA, LEO):
        WorkerRepository(vault).save(worker)
    library = default_library()
    with vault.transaction() as conn:
        store_snapshot(conn, library.get("one-to-one"))
        store_snapshot(conn, library.get("group-reflecting-team"))
        store_snapshot(conn, library.get("supervision-agreement"))
        insert_contents(conn, build_contents())
    store = SettingsStore(vault)
    store.set("organisation.name", "Fictional Borough Council")
    store.set("marking.text", "OFFICIAL-SENSITIVE PERSONAL")
    return vault
