"""Workers and their caseload history."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import TypedDict

from supnotes.domain.frequency import FrequencyRule
from supnotes.domain.ids import iso, parse_date
from supnotes.domain.people import CaseloadEntry, ListedWorker, Stage, Worker
from supnotes.vault.connection import Connection, compose
from supnotes.vault.vault import Vault

_COLUMNS = "id, name, role, team, start_date, stage, frequency_rule, leaving_date"


def write_worker(conn: Connection, worker: Worker) -> None:
    """Insert or replace a worker and their whole caseload history."""
    rule = None if worker.frequency_rule is None else json.dumps(worker.frequency_rule.to_json())
    conn.execute(
        compose(
            "INSERT INTO worker({c}) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET name = excluded.name, role = excluded.role, "
            "team = excluded.team, start_date = excluded.start_date, stage = excluded.stage, "
            "frequency_rule = excluded.frequency_rule, leaving_date = excluded.leaving_date",
            c=_COLUMNS,
        ),
        (
            worker.id,
            worker.name,
            worker.role,
            worker.team,
            iso(worker.start_date),
            str(worker.stage),
            rule,
            iso(worker.leaving_date),
        ),
    )
    conn.execute("DELETE FROM caseload_entry WHERE worker_id = ?", (worker.id,))
    conn.executemany(
        "INSERT INTO caseload_entry(worker_id, on_date, count) VALUES (?, ?, ?)",
        [(worker.id, iso(e.on), e.count) for e in worker.caseload],
    )


class WorkerRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def save(self, worker: Worker) -> None:
        with self._vault.transaction() as conn:
            write_worker(conn, worker)

    def add_caseload(self, worker_id: str, entry: CaseloadEntry) -> None:
        with self._vault.transaction() as conn:
            conn.execute(
                "INSERT INTO caseload_entry(worker_id, on_date, count) VALUES (?, ?, ?) "
                "ON CONFLICT DO UPDATE SET count = excluded.count",
                (worker_id, iso(entry.on), entry.count),
            )

    def get(self, worker_id: str) -> Worker:
        found = self._load("WHERE id = ?", (worker_id,))
        if not found:
            raise KeyError(worker_id)
        return found[0]

    def all(self, *, include_left: bool = True) -> list[Worker]:
        where = "" if include_left else "WHERE leaving_date IS NULL"
        return self._load(where, ())

    def listed(self, *, include_left: bool = True) -> list[ListedWorker]:
        """Every worker (or those still in post) for the worker list, same order as :meth:`all`.

        One row each with their latest caseload count (from the caseload
        table's primary key), not their whole history: on the 10-year bench
        vault that is 141 rows instead of 11,688 caseload objects, whose
        allocation also set off Python's full garbage collections (~75 ms).
        """
        where = "" if include_left else "WHERE leaving_date IS NULL"
        latest = (
            "(SELECT {field} FROM caseload_entry c WHERE c.worker_id = worker.id "
            "ORDER BY c.on_date DESC LIMIT 1)"
        )
        sql = compose(
            "SELECT {c}, {on}, {count} FROM worker {where} ORDER BY name, id",
            c=_COLUMNS,
            on=compose(latest, field="c.on_date"),
            count=compose(latest, field="c.count"),
            where=where,
        )
        listed = []
        for row in self._vault.query(sql):
            on = parse_date(None if row[8] is None else str(row[8]))
            listed.append(
                ListedWorker(
                    **_fields(row),
                    latest_caseload=None if on is None else CaseloadEntry(on, int(str(row[9]))),
                )
            )
        return listed

    def find(self, name: str) -> list[Worker]:
        """Workers whose name is ``name`` (any case); else those whose name contains it."""
        everyone = self.all()
        wanted = name.casefold().strip()
        exact = [w for w in everyone if w.name.casefold() == wanted]
        return exact or [w for w in everyone if wanted in w.name.casefold()]

    def _load(self, where: str, params: tuple[object, ...]) -> list[Worker]:
        sql = compose("SELECT {c} FROM worker {where} ORDER BY name, id", c=_COLUMNS, where=where)
        rows = self._vault.query(sql, params)
        ids = [str(r[0]) for r in rows]
        caseloads: dict[str, list[CaseloadEntry]] = {i: [] for i in ids}
        for worker_id, on_date, count in self._vault.query(
            "SELECT worker_id, on_date, count FROM caseload_entry ORDER BY worker_id, on_date"
        ):
            if worker_id in caseloads:
                day = parse_date(str(on_date))
                assert day is not None
                assert isinstance(count, int)
                caseloads[str(worker_id)].append(CaseloadEntry(day, count))
        return [Worker(**_fields(row), caseload=tuple(caseloads[str(row[0])])) for row in rows]


def _fields(row: Sequence[object]) -> _WorkerFields:
    """The worker's own columns (``_COLUMNS``, in order), as keyword arguments."""
    start = parse_date(str(row[4]))
    assert start is not None
    return _WorkerFields(
        id=str(row[0]),
        name=str(row[1]),
        role=str(row[2]),
        team=str(row[3]),
        start_date=start,
        stage=Stage(str(row[5])),
        frequency_rule=None if row[6] is None else FrequencyRule.from_json(json.loads(str(row[6]))),
        leaving_date=parse_date(None if row[7] is None else str(row[7])),
    )


class _WorkerFields(TypedDict):
    id: str
    name: str
    role: str
    team: str
    start_date: date
    stage: Stage
    frequency_rule: FrequencyRule | None
    leaving_date: date | None
