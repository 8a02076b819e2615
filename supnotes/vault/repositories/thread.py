"""A worker's thread of records, newest first, with what the list shows of each.

One query gives every record the worker was in (their own and groups they
attended) with its open-action and addendum counts; template titles come from
the vault's own snapshots (the version each record was written with).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from supnotes.domain.records import RecordKind, RecordStatus
from supnotes.vault.connection import compose
from supnotes.vault.repositories.rows import OUTSTANDING_ACTION
from supnotes.vault.repositories.templates import TemplateStore
from supnotes.vault.vault import Vault

_COLUMNS = compose(
    "r.id, r.reference, r.held_on AS held_on, r.kind, r.template_id, r.template_version, "
    "r.status, "
    "(SELECT count(*) FROM action a INDEXED BY action_outstanding "
    "WHERE a.raised_in = r.id AND {outstanding}), "
    "(SELECT count(*) FROM addendum d WHERE d.record_id = r.id), r.n AS n",
    outstanding=OUTSTANDING_ACTION,
)

#: The worker's own records straight from the covering index
#: ``record_worker_thread`` (migration 13), then the groups they attended that
#: are not their own, newest first. Parameter ``:worker``. The same rows, in the
#: same order, as ``r.id IN (scopes.WORKER_RECORD_IDS)``
#: (``tests/vault/test_thread_query.py``); reading the record table for every
#: own record made opening a worker cost a decrypted page per record.
_THREAD = compose(
    "SELECT {columns} FROM record r WHERE r.worker_id = :worker "
    "UNION ALL "
    "SELECT {columns} FROM record r "
    "WHERE r.id IN (SELECT record_id FROM attendee WHERE worker_id = :worker) "
    "AND r.worker_id IS NOT :worker "
    "ORDER BY held_on DESC, n DESC",
    columns=_COLUMNS,
)


@dataclass(frozen=True, slots=True)
class ThreadEntry:
    """One record in a worker's thread."""

    record_id: str
    reference: str
    held_on: date
    kind: RecordKind
    template_title: str
    status: RecordStatus
    open_actions: int  # raised in this record and still open
    addenda: int  # dated amendments after signing

    @property
    def is_amended(self) -> bool:
        return self.addenda > 0


class ThreadRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def for_worker(self, worker_id: str) -> list[ThreadEntry]:
        with self._vault.exclusive():
            rows = self._vault.query(_THREAD, {"worker": worker_id})
            titles = TemplateStore(self._vault)
            return [
                ThreadEntry(
                    record_id=str(r[0]),
                    reference=str(r[1]),
                    held_on=date.fromisoformat(str(r[2])),
                    kind=RecordKind(str(r[3])),
                    template_title=titles.title(str(r[4]), int(str(r[5]))),
                    status=RecordStatus(str(r[6])),
                    open_actions=int(str(r[7])),
                    addenda=int(str(r[8])),
                )
                for r in rows
            ]
