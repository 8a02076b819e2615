"""A worker's thread of records, newest first, with what the list shows of each.

One query gives every record the worker was in (their own and groups they
attended) with its open-action and addendum counts; template titles come from
the vault's own snapshots (the version each record was written with).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from supnotes.domain.records import RecordKind, RecordStatus
from supnotes.vault import scopes
from supnotes.vault.connection import compose
from supnotes.vault.repositories.rows import OUTSTANDING_ACTION
from supnotes.vault.repositories.templates import TemplateStore
from supnotes.vault.vault import Vault

_THREAD = compose(
    "SELECT r.id, r.reference, r.held_on, r.kind, r.template_id, r.template_version, r.status, "
    "(SELECT count(*) FROM action a WHERE a.raised_in = r.id AND {outstanding}), "
    "(SELECT count(*) FROM addendum d WHERE d.record_id = r.id) "
    "FROM record r WHERE r.id IN ({ids}) "
    "ORDER BY r.held_on DESC, r.n DESC",
    outstanding=OUTSTANDING_ACTION,
    ids=scopes.WORKER_RECORD_IDS,
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
            rows = self._vault.query(_THREAD, tuple(scopes.worker_params(worker_id)))
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
