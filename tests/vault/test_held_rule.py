"""Supervision held: the domain rule and the vault's SQL agree on every record.

One vault holds every combination that matters — each kind of record,
draft and signed, dated yesterday, today and tomorrow, with each kind of
content (and of near-content: blank text, an empty row, a placeholder
reference, a review with no outcome). The SQL's answer must equal the
domain's, record by record, with group sessions counted and not.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from supnotes.domain.actions import Action, ActionReview, ActionStatus
from supnotes.domain.cases import CaseDiscussion
from supnotes.domain.content import RecordContent
from supnotes.domain.decisions import Decision
from supnotes.domain.group import Attendee
from supnotes.domain.held import (
    PLACEHOLDER_REF,
    has_content,
    held_dates,
    is_held,
    last_held,
)
from supnotes.domain.ids import new_id
from supnotes.domain.people import Stage, Worker
from supnotes.domain.records import Record, RecordKind, RecordStatus, format_reference
from supnotes.domain.template_loader import default_library
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.repositories.held import (
    empty_draft_ids,
    held_dates_of,
    held_record_ids,
    last_held_by_worker,
    remove_empty_drafts,
)
from supnotes.vault.repositories.overview import OverviewRepository
from supnotes.vault.repositories.records import RecordRepository, insert_contents
from supnotes.vault.repositories.templates import store_snapshot
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Vault

TODAY = date(2026, 3, 20)
ANN = Worker(
    id=new_id(),
    name="Ann",
    role="SW",
    team="T",
    start_date=date(2025, 1, 6),
    stage=Stage.QUALIFIED,
)
BEN = Worker(
    id=new_id(),
    name="Ben",
    role="SW",
    team="T",
    start_date=date(2025, 1, 6),
    stage=Stage.QUALIFIED,
)
BASE_ACTION_RECORD = new_id()
BASE_ACTION = Action(id=new_id(), raised_in=BASE_ACTION_RECORD, text="Book the meeting")

Variant = Callable[[Record], RecordContent]
VARIANT_OF: dict[str, str] = {}  # record id -> the name of its variant


def _answer(value: object) -> Variant:
    return lambda r: RecordContent(replace(r, answers={"s.f": value}))  # type: ignore[dict-item]


def _case(**parts: object) -> Variant:
    def make(r: Record) -> RecordContent:
        fields: dict[str, object] = {"child_ref": PLACEHOLDER_REF, **parts}
        case = CaseDiscussion(id=new_id(), record_id=r.id, **fields)  # type: ignore[arg-type]
        return RecordContent(r, case_discussions=(case,))

    return make


def _action(**parts: object) -> Variant:
    def make(r: Record) -> RecordContent:
        fields: dict[str, object] = {"text": "", **parts}
        action = Action(id=new_id(), raised_in=r.id, **fields)  # type: ignore[arg-type]
        return RecordContent(r, actions=(action,))

    return make


def _decision(**parts: object) -> Variant:
    def make(r: Record) -> RecordContent:
        fields: dict[str, object] = {"child_ref": "", "decision": "", **parts}
        decision = Decision(id=new_id(), record_id=r.id, **fields)  # type: ignore[arg-type]
        return RecordContent(r, decisions=(decision,))

    return make


def _attendee(r: Record) -> RecordContent:
    return RecordContent(r, attendees=(Attendee(new_id(), r.id, "Ann", worker_id=ANN.id),))


def _review(outcome: ActionStatus | None) -> Variant:
    def make(r: Record) -> RecordContent:
        review = ActionReview(r.id, BASE_ACTION.id, ActionStatus.OPEN, outcome)
        return RecordContent(r, reviews=(review,))

    return make


VARIANTS: dict[str, Variant] = {
    "nothing": RecordContent,
    "blank answer": _answer(" \t\n\r "),
    "text answer": _answer("Talked about the rota"),
    "no-break space": _answer("\u00a0"),
    "scale at 0": _answer(0),
    "unticked box": _answer(False),
    "ticked box": _answer(True),
    "placeholder card": _case(),
    "card with review date": _case(review_date=date(2026, 4, 1)),
    "card with reference": _case(child_ref="C-104233"),
    "card with blank worries": _case(worries="  \n"),
    "card with analysis": _case(analysis="Risk is lower."),
    "empty action row": _action(),
    "action with owner": _action(owner="Sam"),
    "empty decision row": _decision(),
    "decision with rationale": _decision(rationale="Needs met"),
    "attendee": _attendee,
    "review not chosen": _review(None),
    "review done": _review(ActionStatus.DONE),
}
KINDS = tuple(RecordKind)
STATUSES = tuple(RecordStatus)
DAYS = (TODAY - timedelta(days=1), TODAY, TODAY + timedelta(days=1))


def _records() -> Iterator[RecordContent]:
    numbers = itertools.count(1)
    base = Record(
        id=BASE_ACTION_RECORD,
        reference=format_reference(2025, next(numbers)),
        kind=RecordKind.ONE_TO_ONE,
        template_id="one-to-one",
        template_version=1,
        held_on=date(2025, 6, 1),
        worker_id=BEN.id,
        created_at=datetime(2025, 6, 1, 9),
        updated_at=datetime(2025, 6, 1, 9),
    )
    yield RecordContent(base, actions=(BASE_ACTION,))
    for kind, status, day, (name, variant) in itertools.product(
        KINDS, STATUSES, DAYS, VARIANTS.items()
    ):
        record = Record(
            id=new_id(),
            reference=format_reference(2026, next(numbers)),
            kind=kind,
            template_id="one-to-one",
            template_version=1,
            held_on=day,
            worker_id=None if kind is RecordKind.GROUP else ANN.id,
            status=status,
            created_at=datetime(2026, 3, 1, 9),
            updated_at=datetime(2026, 3, 1, 9),
            signed_at=datetime(2026, 3, 1, 12) if status.is_locked else None,
        )
        VARIANT_OF[record.id] = name
        yield variant(record)


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vault]:
    folder: Path = tmp_path_factory.mktemp("held") / "v"
    opened, _ = Vault.create(folder, "a long enough passphrase", kdf_params=TEST_PARAMS)
    with opened:
        for worker in (ANN, BEN):
            WorkerRepository(opened).save(worker)
        with opened.transaction() as conn:
            store_snapshot(conn, default_library().get("one-to-one"))
            insert_contents(conn, list(_records()))
        yield opened


def _contents(vault: Vault) -> list[RecordContent]:
    records = RecordRepository(vault)
    return [records.get(record_id) for record_id in records.ids()]


@pytest.mark.parametrize("count_group", [False, True])
def test_sql_and_domain_agree_on_every_record(vault: Vault, count_group: bool) -> None:
    SettingsStore(vault).set("schedule.count_group_sessions", count_group)
    contents = _contents(vault)
    assert len(contents) == 1 + len(KINDS) * len(STATUSES) * len(DAYS) * len(VARIANTS)
    in_domain = {
        c.record.id
        for c in contents
        if is_held(c.record, has_content(c), TODAY, count_group=count_group)
    }
    assert held_record_ids(vault, TODAY) == in_domain
    assert set(empty_draft_ids(vault)) == {
        c.record.id for c in contents if not c.record.is_locked and not has_content(c)
    }
    by_sql = last_held_by_worker(vault, TODAY)
    for worker in (ANN, BEN):
        assert by_sql[worker.id] == (
            last_held(contents, worker.id, TODAY, count_group=count_group),
            last_held(contents, worker.id, TODAY, count_group=count_group, signed_only=True),
        ), worker.name
        assert held_dates_of(vault, worker.id, TODAY) == held_dates(
            contents, worker.id, TODAY, count_group=count_group
        ), worker.name
    SettingsStore(vault).set("schedule.count_group_sessions", False)


def test_the_rule_itself_on_a_few_plain_cases(vault: Vault) -> None:
    contents = {
        (c.record.kind, c.record.status, c.record.held_on, VARIANT_OF[c.record.id]): c
        for c in _contents(vault)
        if c.record.id in VARIANT_OF
    }

    def held(kind: RecordKind, status: RecordStatus, day: date, variant: str) -> bool:
        c = contents[(kind, status, day, variant)]
        return is_held(c.record, has_content(c), TODAY)

    one, draft, signed = RecordKind.ONE_TO_ONE, RecordStatus.DRAFT, RecordStatus.SIGNED
    assert held(one, signed, TODAY, "nothing")  # signed always counts
    assert not held(one, draft, TODAY, "nothing")  # an empty draft never does
    assert not held(one, draft, TODAY, "blank answer")
    assert not held(one, draft, TODAY, "placeholder card")
    assert not held(one, draft, TODAY, "empty action row")
    assert not held(one, draft, TODAY, "review not chosen")
    assert held(one, draft, TODAY, "text answer")
    assert held(one, draft, TODAY, "review done")
    assert held(one, draft, TODAY - timedelta(days=1), "card with reference")
    assert not held(one, draft, TODAY + timedelta(days=1), "text answer")  # not yet
    for kind in (RecordKind.AD_HOC, RecordKind.AGREEMENT, RecordKind.GROUP):
        assert not held(kind, signed, TODAY, "text answer")


def test_empty_drafts_are_removed_and_nothing_else(tmp_path: Path) -> None:
    with Vault.create(tmp_path / "v", "a long enough passphrase", kdf_params=TEST_PARAMS)[
        0
    ] as vault:
        for worker in (ANN, BEN):
            WorkerRepository(vault).save(worker)
        with vault.transaction() as conn:
            store_snapshot(conn, default_library().get("one-to-one"))
            insert_contents(conn, list(_records()))
        before = _contents(vault)
        keep = next(c.record.id for c in before if not has_content(c) and not c.record.is_locked)
        removed = remove_empty_drafts(vault, keep=frozenset({keep}))
        after = {c.record.id for c in _contents(vault)}
        gone = {c.record.id for c in before} - after
        assert removed == len(gone) > 0
        assert keep in after
        assert all(
            not c.record.is_locked and not has_content(c) for c in before if c.record.id in gone
        )


def test_an_empty_draft_today_leaves_an_overdue_worker_overdue(tmp_path: Path) -> None:
    """The reported case: opening a draft made an overdue worker "Last: today"."""
    with Vault.create(tmp_path / "v", "a long enough passphrase", kdf_params=TEST_PARAMS)[
        0
    ] as vault:
        WorkerRepository(vault).save(ANN)
        one_to_one = default_library().get("one-to-one")
        records = RecordRepository(vault)
        overview = OverviewRepository(vault)
        before = next(s for s in overview.standings(TODAY) if s.worker.id == ANN.id)
        assert before.last_held is None
        assert before.days_overdue(TODAY) > 0
        draft = records.create(one_to_one, worker_id=ANN.id, held_on=TODAY).record
        still = next(s for s in overview.standings(TODAY) if s.worker.id == ANN.id)
        assert still.last_held is None
        assert still.days_overdue(TODAY) == before.days_overdue(TODAY)
        records.save_answer(draft.id, "notes.notes", "Ann raised the rota.")
        now = next(s for s in overview.standings(TODAY) if s.worker.id == ANN.id)
        assert now.last_held == TODAY
        assert not now.last_held_signed  # a draft: the worker list says "(unsigned)"
        assert now.days_overdue(TODAY) == 0


def test_finding_empty_drafts_reads_the_draft_index_not_every_record(vault: Vault) -> None:
    """The app runs this at every unlock, before the window: it must not grow with the vault."""
    from supnotes.vault.repositories.held import _EMPTY_DRAFTS

    plan = [str(row[3]) for row in vault.conn.execute("EXPLAIN QUERY PLAN " + _EMPTY_DRAFTS)]
    assert any("INDEX record_draft" in line for line in plan), plan
    assert not any(line.startswith("SCAN r") and "record_draft" not in line for line in plan), plan
