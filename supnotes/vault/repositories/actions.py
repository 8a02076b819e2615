"""Actions across records: what is open and overdue, for a worker or the team."""

from __future__ import annotations

from datetime import date

from supnotes.domain.actions import Action
from supnotes.vault.connection import Connection, compose
from supnotes.vault.repositories import rows
from supnotes.vault.vault import Vault

_QUALIFIED = ", ".join(f"a.{c.strip()}" for c in rows.ACTION_COLUMNS.split(","))


def open_actions_of_worker(conn: Connection, worker_id: str) -> list[Action]:
    found = conn.execute(
        compose(
            "SELECT {columns} FROM action a JOIN record r ON r.id = a.raised_in "
            "WHERE r.worker_id = ? AND {outstanding} "
            "ORDER BY r.held_on, a.position",
            columns=_QUALIFIED,
            outstanding=rows.OUTSTANDING_ACTION,
        ),
        (worker_id,),
    ).fetchall()
    return [rows.action_from_row(r) for r in found]


def actions_by_id(conn: Connection, ids: list[str]) -> dict[str, Action]:
    found: dict[str, Action] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        for row in conn.execute(
            compose(
                "SELECT {columns} FROM action WHERE id IN ({marks})",
                columns=rows.ACTION_COLUMNS,
                marks=marks,
            ),
            chunk,
        ).fetchall():
            action = rows.action_from_row(row)
            found[action.id] = action
    return found


class ActionRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def get(self, action_id: str) -> Action:
        found = actions_by_id(self._vault.conn, [action_id])
        if action_id not in found:
            raise KeyError(action_id)
        return found[action_id]

    def by_ids(self, ids: list[str]) -> dict[str, Action]:
        """The actions with these ids (those that exist), by id."""
        return actions_by_id(self._vault.conn, ids)

    def open_for_worker(self, worker_id: str) -> list[Action]:
        return open_actions_of_worker(self._vault.conn, worker_id)

    def reviewed_in(self, record_id: str) -> dict[str, Action]:
        """The earlier actions a record reviews, by id (for rendering its review section)."""
        ids = self._vault.query(
            "SELECT action_id FROM action_review WHERE record_id = ?", (record_id,)
        )
        return actions_by_id(self._vault.conn, [str(r[0]) for r in ids])

    def overdue(self, today: date, worker_id: str | None = None) -> list[Action]:
        """Open actions past their (revised) due date, oldest first."""
        where = "" if worker_id is None else "AND r.worker_id = ?"
        params: tuple[object, ...] = (today.isoformat(),)
        if worker_id is not None:
            params += (worker_id,)
        found = self._vault.query(
            compose(
                "SELECT {columns} FROM action a JOIN record r ON r.id = a.raised_in "
                "WHERE {outstanding} "
                "AND coalesce(a.revised_due_on, a.due_on) < ? {where} "
                "ORDER BY coalesce(a.revised_due_on, a.due_on), a.id",
                columns=_QUALIFIED,
                outstanding=rows.OUTSTANDING_ACTION,
                where=where,
            ),
            params,
        )
        return [rows.action_from_row(r) for r in found]
