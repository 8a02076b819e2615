"""The structured lists of a draft record: case discussions, decisions, attendees,
actions, and its review of earlier actions (continuity).

Each write is one transaction that also touches the record and refreshes its
index row. On a signed record the database refuses them (see migration 2),
except the two things that may change after signing: an earlier action's
progress when a later record reviews it, and a decision's "copied to the
child's record" mark.
"""

from __future__ import annotations

from datetime import date

from supnotes.domain.actions import Action, ActionStatus, apply_review
from supnotes.domain.cases import CaseDiscussion
from supnotes.domain.decisions import Decision
from supnotes.domain.group import Attendee
from supnotes.vault import fts
from supnotes.vault.connection import Connection, compose
from supnotes.vault.repositories import rows
from supnotes.vault.repositories.actions import actions_by_id
from supnotes.vault.repositories.records import touch
from supnotes.vault.vault import Vault


def _upsert(conn: Connection, table: str, columns: str, params: tuple[object, ...]) -> None:
    names = [c.strip() for c in columns.split(",")]
    updates = ", ".join(f"{c} = excluded.{c}" for c in names[1:])
    conn.execute(
        compose(
            "INSERT INTO {table}({columns}) VALUES ({marks}) "
            "ON CONFLICT(id) DO UPDATE SET {updates}",
            table=table,
            columns=columns,
            marks=rows.placeholders(columns),
            updates=updates,
        ),
        params,
    )


class RecordListRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def _write(self, record_id: str, table: str, columns: str, params: tuple[object, ...]) -> None:
        with self._vault.transaction() as conn:
            _upsert(conn, table, columns, params)
            touch(conn, record_id)
            fts.mark_changed(conn, record_id)

    def _remove(self, record_id: str, table: str, entry_id: str) -> None:
        with self._vault.transaction() as conn:
            conn.execute(compose("DELETE FROM {table} WHERE id = ?", table=table), (entry_id,))
            touch(conn, record_id)
            fts.mark_changed(conn, record_id)

    def save_case_discussion(self, case: CaseDiscussion) -> None:
        self._write(case.record_id, "case_discussion", rows.CASE_COLUMNS, rows.case_params(case))

    def remove_case_discussion(self, case: CaseDiscussion) -> None:
        self._remove(case.record_id, "case_discussion", case.id)

    def save_decision(self, decision: Decision) -> None:
        self._write(
            decision.record_id, "decision", rows.DECISION_COLUMNS, rows.decision_params(decision)
        )

    def remove_decision(self, decision: Decision) -> None:
        self._remove(decision.record_id, "decision", decision.id)

    def mark_decision_copied(self, decision_id: str, copied: bool = True) -> None:
        """Note that a decision is on the child's record (allowed after signing)."""
        with self._vault.transaction() as conn:
            conn.execute(
                "UPDATE decision SET copied_to_child_record = ? WHERE id = ?",
                (int(copied), decision_id),
            )

    def save_attendee(self, attendee: Attendee) -> None:
        self._write(
            attendee.record_id, "attendee", rows.ATTENDEE_COLUMNS, rows.attendee_params(attendee)
        )

    def remove_attendee(self, attendee: Attendee) -> None:
        self._remove(attendee.record_id, "attendee", attendee.id)

    def save_action(self, action: Action) -> None:
        """Add or edit an action raised in a draft record."""
        self._write(action.raised_in, "action", rows.ACTION_COLUMNS, rows.action_params(action))

    def remove_action(self, action: Action) -> None:
        self._remove(action.raised_in, "action", action.id)

    def review_action(
        self,
        record_id: str,
        action_id: str,
        outcome: ActionStatus | None,
        *,
        note: str | None = None,
        new_due_on: date | None = None,
    ) -> Action:
        """Set a review outcome in ``record_id`` and move the action with it."""
        with self._vault.transaction() as conn:
            row = conn.execute(
                compose(
                    "SELECT {columns} FROM action_review WHERE record_id = ? AND action_id = ?",
                    columns=rows.REVIEW_COLUMNS,
                ),
                (record_id, action_id),
            ).fetchone()
            if row is None:
                raise KeyError(f"{record_id} does not review action {action_id}")
            action = actions_by_id(conn, [action_id])[action_id]
            updated, review = apply_review(
                action, rows.review_from_row(row), outcome, note=note, new_due_on=new_due_on
            )
            conn.execute(
                "UPDATE action_review SET outcome = ?, note = ? WHERE record_id = ? "
                "AND action_id = ?",
                (
                    None if review.outcome is None else str(review.outcome),
                    review.note,
                    record_id,
                    action_id,
                ),
            )
            conn.execute(
                "UPDATE action SET status = ?, closed_in = ?, revised_due_on = ? WHERE id = ?",
                (
                    str(updated.status),
                    updated.closed_in,
                    None if updated.revised_due_on is None else updated.revised_due_on.isoformat(),
                    action_id,
                ),
            )
            touch(conn, record_id)
            fts.mark_changed(conn, record_id)
            return updated
