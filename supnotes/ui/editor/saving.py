"""The writes autosave runs: each captures its values and takes the vault when it runs.

Snapshots are taken on the UI thread; the returned functions run on the
autosave's worker thread, each one short vault transaction through the
repositories (the UI never writes SQL).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from supnotes.domain.actions import Action, ActionStatus
from supnotes.domain.cases import CaseDiscussion
from supnotes.domain.content import RecordContent
from supnotes.domain.decisions import Decision
from supnotes.domain.group import Attendee
from supnotes.domain.records import AnswerValue
from supnotes.domain.templates import Template
from supnotes.ui.editor.autosave import Write
from supnotes.vault.repositories.record_lists import RecordListRepository
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.vault import Vault

if TYPE_CHECKING:
    from supnotes.ui.editor.header import RecordHeader


def create_record(content: RecordContent, template: Template) -> Write:
    """Store a new record (made in memory by ``RecordRepository.draft``): its first save."""
    return lambda vault: RecordRepository(vault).insert_draft(content, template)


def answer(record_id: str, key: str, value: AnswerValue) -> Write:
    return lambda vault: RecordRepository(vault).save_answer(record_id, key, value)


def timing(record_id: str, header: RecordHeader) -> Write:
    now = header.timing()

    def write(vault: Vault) -> None:
        RecordRepository(vault).save_timing(
            record_id,
            held_on=now.held_on,
            start_time=now.start_time,
            end_time=now.end_time,
            next_date=now.next_date,
        )

    return write


def case(discussion: CaseDiscussion) -> Write:
    return lambda vault: RecordListRepository(vault).save_case_discussion(discussion)


def remove_case(discussion: CaseDiscussion) -> Write:
    return lambda vault: RecordListRepository(vault).remove_case_discussion(discussion)


def action(item: Action) -> Write:
    return lambda vault: RecordListRepository(vault).save_action(item)


def remove_action(item: Action) -> Write:
    return lambda vault: RecordListRepository(vault).remove_action(item)


def decision(item: Decision) -> Write:
    return lambda vault: RecordListRepository(vault).save_decision(item)


def remove_decision(item: Decision) -> Write:
    return lambda vault: RecordListRepository(vault).remove_decision(item)


def attendee(item: Attendee) -> Write:
    return lambda vault: RecordListRepository(vault).save_attendee(item)


def remove_attendee(item: Attendee) -> Write:
    return lambda vault: RecordListRepository(vault).remove_attendee(item)


def review(record_id: str, action_id: str, outcome: ActionStatus | None) -> Write:
    def write(vault: Vault) -> None:
        RecordListRepository(vault).review_action(record_id, action_id, outcome)

    return write
