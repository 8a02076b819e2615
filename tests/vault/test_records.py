"""Records in the vault: autosave, continuity, signing, immutability in SQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import sqlcipher3

from supnotes.domain.actions import Action, ActionStatus
from supnotes.domain.cases import CaseDiscussion
from supnotes.domain.decisions import Decision
from supnotes.domain.frequency import FrequencyRule
from supnotes.domain.ids import new_id
from supnotes.domain.people import CaseloadEntry, Stage, SupervisorProfile, Worker
from supnotes.domain.records import Addendum, RecordStatus, SuperviseeComments
from supnotes.domain.schedule import DEFAULT_RULES
from supnotes.domain.template_loader import TemplateLibrary
from supnotes.vault.repositories.actions import ActionRepository
from supnotes.vault.repositories.profile import ProfileRepository
from supnotes.vault.repositories.record_lists import RecordListRepository
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.repositories.settings import SettingsRepository
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.search import search
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Vault


def _session_with_action(
    vault: Vault, library: TemplateLibrary, worker: Worker, held_on: date
) -> tuple[str, Action]:
    records = RecordRepository(vault)
    content = records.create(library.get("one-to-one"), worker_id=worker.id, held_on=held_on)
    action = Action(new_id(), content.record.id, "Update the chronology", worker.name, held_on)
    RecordListRepository(vault).save_action(action)
    return content.record.id, action


def test_create_allocates_references_and_keeps_the_template(
    vault: Vault, library: TemplateLibrary, worker: Worker
) -> None:
    records = RecordRepository(vault)
    first = records.create(library.get("one-to-one"), worker_id=worker.id, held_on=date(2026, 1, 5))
    second = records.create(
        library.get("one-to-one"), worker_id=worker.id, held_on=date(2026, 2, 5)
    )
    assert (first.record.reference, second.record.reference) == ("SN-2026-0001", "SN-2026-0002")
    assert first.record.status is RecordStatus.DRAFT
    stored = vault.query("SELECT id, version FROM template_snapshot")
    assert stored == [("one-to-one", 1)]


def test_autosave_answers_and_search_stays_in_step(
    vault: Vault, library: TemplateLibrary, worker: Worker
) -> None:
    records = RecordRepository(vault)
    rid = records.create(
        library.get("one-to-one"), worker_id=worker.id, held_on=date(2026, 1, 5)
    ).record.id
    records.save_answer(rid, "wellbeing.wellbeing", "Feeling overwhelmed by court work")
    records.save_answer(rid, "wellbeing.stress-scale", 4)
    assert records.get(rid).record.answers == {
        "wellbeing.stress-scale": 4,
        "wellbeing.wellbeing": "Feeling overwhelmed by court work",
    }
    assert [h.record_id for h in search(vault, "overwhelmed")] == [rid]
    records.save_answer(rid, "wellbeing.wellbeing", "Settled now")
    assert search(vault, "overwhelmed") == []
    assert [h.record_id for h in search(vault, "settled")] == [rid]
    records.save_answer(rid, "wellbeing.wellbeing", "")
    assert "wellbeing.wellbeing" not in records.get(rid).record.answers


def test_continuity_next_record_reviews_open_actions_and_closes_them(
    vault: Vault, library: TemplateLibrary, worker: Worker
) -> None:
    first_id, action = _session_with_action(vault, library, worker, date(2026, 1, 5))
    records, lists = RecordRepository(vault), RecordListRepository(vault)
    records.sign(first_id)
    second = records.create(
        library.get("one-to-one"), worker_id=worker.id, held_on=date(2026, 2, 2)
    )
    assert [r.action_id for r in second.reviews] == [action.id]
    assert ActionRepository(vault).reviewed_in(second.record.id)[action.id].text == action.text

    lists.review_action(
        second.record.id, action.id, ActionStatus.CARRIED_FORWARD, new_due_on=date(2026, 3, 1)
    )
    carried = ActionRepository(vault).get(action.id)
    assert carried.status is ActionStatus.CARRIED_FORWARD
    assert carried.effective_due_on == date(2026, 3, 1)
    records.sign(second.record.id)

    third = records.create(library.get("one-to-one"), worker_id=worker.id, held_on=date(2026, 3, 2))
    assert [r.action_id for r in third.reviews] == [action.id]
    lists.review_action(third.record.id, action.id, ActionStatus.DONE, note="Done and shared")
    done = ActionRepository(vault).get(action.id)
    assert (done.status, done.closed_in) == (ActionStatus.DONE, third.record.id)
    assert ActionRepository(vault).open_for_worker(worker.id) == []
    # Undo while the record is a draft; deleting the draft also restores it.
    lists.review_action(third.record.id, action.id, ActionStatus.DROPPED)
    records.delete_draft(third.record.id)
    assert ActionRepository(vault).get(action.id).status is ActionStatus.CARRIED_FORWARD


def test_overdue_actions(vault: Vault, library: TemplateLibrary, worker: Worker) -> None:
    _, action = _session_with_action(vault, library, worker, date(2026, 1, 5))
    actions = ActionRepository(vault)
    assert actions.overdue(date(2026, 1, 5)) == []
    assert [a.id for a in actions.overdue(date(2026, 1, 6), worker.id)] == [action.id]


def _raw_refused(vault: Vault, sql: str, params: tuple[object, ...] = ()) -> None:
    with pytest.raises(sqlcipher3.IntegrityError, match="signed records cannot be changed"):
        vault.conn.execute(sql, params)


def test_signed_records_are_immutable_in_sql(
    vault: Vault, library: TemplateLibrary, worker: Worker
) -> None:
    rid, action = _session_with_action(vault, library, worker, date(2026, 1, 5))
    records, lists = RecordRepository(vault), RecordListRepository(vault)
    records.save_answer(rid, "wellbeing.wellbeing", "Fine")
    case = CaseDiscussion(new_id(), rid, "C-104233", decision="Proceed to conference")
    lists.save_case_discussion(case)
    decision = Decision(new_id(), rid, "C-104233", "Proceed to conference")
    lists.save_decision(decision)
    records.save_comments(
        rid, SuperviseeComments("Agreed", True, "Dana Fictional", datetime.now(UTC))
    )
    records.sign(rid)

    _raw_refused(vault, "UPDATE record SET held_on = '2020-01-01' WHERE id = ?", (rid,))
    _raw_refused(vault, "UPDATE record SET status = 'draft' WHERE id = ?", (rid,))
    _raw_refused(vault, "DELETE FROM record WHERE id = ?", (rid,))
    _raw_refused(vault, "UPDATE answer SET value = '\"changed\"' WHERE record_id = ?", (rid,))
    _raw_refused(vault, "DELETE FROM answer WHERE record_id = ?", (rid,))
    _raw_refused(vault, "INSERT INTO answer VALUES (?, 'x.y', '1')", (rid,))
    _raw_refused(vault, "UPDATE case_discussion SET decision = 'No' WHERE id = ?", (case.id,))
    _raw_refused(vault, "UPDATE decision SET rationale = 'x' WHERE id = ?", (decision.id,))
    _raw_refused(vault, "UPDATE action SET text = 'x' WHERE id = ?", (action.id,))
    _raw_refused(vault, "UPDATE action SET due_on = '2030-01-01' WHERE id = ?", (action.id,))
    with pytest.raises(sqlcipher3.IntegrityError):
        records.save_answer(rid, "wellbeing.wellbeing", "Sneaky edit")
    assert records.get(rid).record.answers["wellbeing.wellbeing"] == "Fine"

    # What practice needs after signing stays possible.
    lists.mark_decision_copied(decision.id)
    vault.conn.execute("UPDATE action SET status = 'done' WHERE id = ?", (action.id,))
    records.seal(rid, "ab" * 32)
    _raw_refused(vault, "UPDATE record SET sealed_sha256 = 'cd' WHERE id = ?", (rid,))
    assert records.get(rid).decisions[0].copied_to_child_record


def test_an_action_closed_by_a_signed_record_is_frozen(
    vault: Vault, library: TemplateLibrary, worker: Worker
) -> None:
    first_id, action = _session_with_action(vault, library, worker, date(2026, 1, 5))
    records = RecordRepository(vault)
    records.sign(first_id)
    second = records.create(
        library.get("one-to-one"), worker_id=worker.id, held_on=date(2026, 2, 2)
    )
    RecordListRepository(vault).review_action(second.record.id, action.id, ActionStatus.DONE)
    records.sign(second.record.id)
    _raw_refused(vault, "UPDATE action SET status = 'open' WHERE id = ?", (action.id,))


def test_addenda_amend_signed_records_only(
    vault: Vault, library: TemplateLibrary, worker: Worker
) -> None:
    rid, _ = _session_with_action(vault, library, worker, date(2026, 1, 5))
    addendum = (new_id(), rid, "Correction", "Date of visit was 3 Jan", "2026-01-10")
    sql = "INSERT INTO addendum(id, record_id, reason, text, added_on) VALUES (?, ?, ?, ?, ?)"
    with pytest.raises(sqlcipher3.IntegrityError, match="addendum"):
        vault.conn.execute(sql, addendum)
    RecordRepository(vault).sign(rid)
    vault.conn.execute(sql, addendum)
    assert RecordRepository(vault).get(rid).addenda == (
        Addendum(addendum[0], rid, "Correction", "Date of visit was 3 Jan", date(2026, 1, 10)),
    )


def test_workers_profile_and_settings(vault: Vault, worker: Worker) -> None:
    workers = WorkerRepository(vault)
    workers.add_caseload(worker.id, CaseloadEntry(date(2026, 1, 1), 17))
    assert workers.get(worker.id).current_caseload == 17
    assert [w.id for w in workers.find("dana")] == [worker.id]
    profile = SupervisorProfile("Sam Example", "Team Manager", "Northmoor Council")
    ProfileRepository(vault).save(profile)
    assert ProfileRepository(vault).get() == profile
    settings = SettingsRepository(vault)
    assert settings.stage_rules() == dict(DEFAULT_RULES)
    SettingsStore(vault).set("schedule.rule.qualified", "fortnightly")
    assert settings.stage_rules()[Stage.QUALIFIED] == FrequencyRule.every(days=14)
    assert settings.get("caseload.warning") == 20


def test_an_action_row_left_empty_is_never_outstanding(
    vault: Vault, worker: Worker, library: TemplateLibrary
) -> None:
    from supnotes.vault.repositories.overview import OverviewRepository

    records = RecordRepository(vault)
    first = records.create(library.get("one-to-one"), worker_id=worker.id, held_on=date(2026, 1, 5))
    lists = RecordListRepository(vault)
    for position, text in enumerate(["Chase the school report", "   "]):
        lists.save_action(
            Action(
                f"00000000-0000-4000-8000-00000000000{position}",
                first.record.id,
                text,
                owner="Dana",
                due_on=date(2026, 1, 12),
                position=position,
            )
        )
    outstanding = ActionRepository(vault).open_for_worker(worker.id)
    assert [a.text for a in outstanding] == ["Chase the school report"]
    assert [a.text for a in ActionRepository(vault).overdue(date(2026, 2, 1))] == [
        "Chase the school report"
    ]
    (standing,) = OverviewRepository(vault).standings(date(2026, 2, 1))
    assert (standing.open_actions, standing.overdue_actions) == (1, 1)
    second = records.create(
        library.get("one-to-one"), worker_id=worker.id, held_on=date(2026, 2, 2)
    )
    assert len(second.reviews) == 1
