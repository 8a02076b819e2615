"""One interface to a hub, whichever backend holds it.

The SQL both backends share is written once here with ``%s`` placeholders;
each backend runs it (the file backend turns them into ``?``). Reads for
what is built later (service figures, handover, retention) belong here as
further methods, with their tables added by a new migration in each schema.
"""

from __future__ import annotations

import abc
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

from supnotes.hub.address import Backend, HubAddress
from supnotes.hub.deposits import (
    SIGNER_ROLES,
    Decision,
    DepositState,
    NewDeposit,
    Signer,
    StoredDeposit,
)
from supnotes.hub.errors import HubError

Row = tuple[Any, ...]

_DEPOSIT_COLUMNS = (
    "id, kind, target, record_reference, is_addendum, sha256, content, sender, received_at"
)
FILINGS = {"hr-file": "hr_file", "child-inbox": "child_inbox", "figures": "service_figures"}


def compose(template: str, /, **parts: str) -> str:
    """Fill constant names written in this package into SQL; values travel as parameters."""
    return template.format(**parts)


def as_datetime(value: object) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    text = str(value).replace("Z", "+00:00")
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _deposit(row: Row) -> StoredDeposit:
    return StoredDeposit(
        id=str(row[0]),
        kind=str(row[1]),
        target=str(row[2]),
        record_reference=str(row[3]),
        is_addendum=bool(row[4]),
        sha256=str(row[5]),
        content=bytes(row[6]),
        sender=str(row[7]),
        received_at=as_datetime(row[8]),
    )


class HubStore(abc.ABC):
    """A connected hub. Every method is one transaction; a dropped connection raises
    :class:`~supnotes.hub.errors.HubUnreachable` and leaves nothing half-written."""

    backend: Backend
    address: HubAddress

    # --- what each backend provides -------------------------------------
    @abc.abstractmethod
    def rows(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        """Run one statement in its own transaction; its rows (if any)."""

    @abc.abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """Statements run through :meth:`rows` inside it commit together."""

    @abc.abstractmethod
    def version(self) -> int:
        """The schema's version (0: not initialised)."""

    @abc.abstractmethod
    def initialise(self) -> int:
        """Create or migrate the schema (and roles, where the backend has them)."""

    @abc.abstractmethod
    def close(self) -> None: ...

    @abc.abstractmethod
    def _insert_deposit(self, deposit: NewDeposit, sender: str) -> bool: ...

    @abc.abstractmethod
    def _my_deposit_rows(self, sender: str) -> list[Row]: ...

    @abc.abstractmethod
    def _insert_signer(self, signer: Signer) -> bool: ...

    @abc.abstractmethod
    def _insert_decision(self, deposit_id: str, decision: Decision, reason: str) -> None: ...

    @property
    @abc.abstractmethod
    def has_roles(self) -> bool:
        """False for the file hub: whoever opens the file reads everything."""

    def create_login(self, name: str, role: str, password: str) -> None:  # noqa: ARG002
        raise HubError("the file hub has no logins or roles: use PostgreSQL for those")

    def roles(self) -> dict[str, list[str]]:
        """Each group role and the logins granted it ({} for the file hub)."""
        return {}

    # --- deposits --------------------------------------------------------
    def deposit(self, deposit: NewDeposit, sender: str) -> bool:
        """Add ``deposit`` unless the hub already holds it; True if it was new.

        ``sender`` is recorded only by the file hub; PostgreSQL records the
        login (``session_user``) whatever the client says.
        """
        return self._insert_deposit(deposit, sender)

    def my_deposits(self, sender: str) -> list[DepositState]:
        """The state of every deposit this sender made (PostgreSQL: the login's own)."""
        return [
            DepositState(
                id=str(r[0]),
                kind=str(r[1]),
                target=str(r[2]),
                record_reference=str(r[3]),
                received_at=as_datetime(r[4]),
                decision=None if r[5] is None else str(r[5]),
                reason=str(r[6] or ""),
            )
            for r in self._my_deposit_rows(sender)
        ]

    def received(self, limit: int = 1000) -> list[StoredDeposit]:
        """Deposits not yet through intake, oldest first."""
        return [
            _deposit(r)
            for r in self.rows(
                compose(
                    "SELECT {columns} FROM deposit d WHERE NOT EXISTS "
                    "(SELECT 1 FROM intake_decision i WHERE i.deposit_id = d.id) "
                    "ORDER BY received_at, id LIMIT %s",
                    columns=_DEPOSIT_COLUMNS,
                ),
                (limit,),
            )
        ]

    def accepted_for(self, kind: str, target: str, record_reference: str) -> list[StoredDeposit]:
        """Accepted deposits of the same record (or addendum) in the same place."""
        return [
            _deposit(r)
            for r in self.rows(
                compose(
                    "SELECT {columns} FROM deposit d JOIN current_decision i "
                    "ON i.deposit_id = d.id WHERE i.decision = 'accepted' AND d.kind = %s "
                    "AND d.target = %s AND d.record_reference = %s ORDER BY d.received_at",
                    columns=_DEPOSIT_COLUMNS,
                ),
                (kind, target, record_reference),
            )
        ]

    def refused(self, limit: int = 1000, after: str = "") -> list[StoredDeposit]:
        """Deposits whose latest decision is a refusal (to reconsider), by id after ``after``."""
        return [
            _deposit(r)
            for r in self.rows(
                compose(
                    "SELECT {columns} FROM deposit d JOIN current_decision i "
                    "ON i.deposit_id = d.id WHERE i.decision = 'refused' AND d.id > %s "
                    "ORDER BY d.id LIMIT %s",
                    columns=_DEPOSIT_COLUMNS,
                ),
                (after, limit),
            )
        ]

    def decide(self, deposit_id: str, decision: Decision, reason: str = "") -> None:
        """Add intake's decision; the latest counts, an acceptance is final (append-only)."""
        self._insert_decision(deposit_id, decision, reason)

    def filed(self, filing: str, target: str | None = None) -> list[StoredDeposit]:
        """Accepted deposits in ``hr-file`` or ``child-inbox``, of one target or all."""
        view = FILINGS[filing]
        where, params = ("WHERE target = %s", (target,)) if target else ("", ())
        return [
            _deposit(r)
            for r in self.rows(
                compose(
                    "SELECT {columns} FROM {view} {where} ORDER BY target, received_at",
                    columns=_DEPOSIT_COLUMNS,
                    view=view,
                    where=where,
                ),
                params,
            )
        ]

    def highlight_rows(self) -> list[tuple[str, str, datetime, str, str, str]]:
        """Accepted figures' highlights, without the per-worker figures: (sender, target,
        received_at, period_start, period_end, highlights as JSON text)."""
        return [
            (str(r[0]), str(r[1]), as_datetime(r[2]), str(r[3]), str(r[4]), str(r[5]))
            for r in self.rows(
                "SELECT sender, target, received_at, period_start, period_end, highlights "
                "FROM service_highlights ORDER BY received_at, id"
            )
        ]

    def waiting_by_kind(self) -> dict[str, int]:
        """How many deposits of each kind await intake (counts, whatever the login may read)."""
        return {str(k): int(v) for k, v in self.rows("SELECT kind, waiting FROM waiting_by_kind")}

    def counts(self) -> dict[str, int]:
        """received / accepted / refused counts (for IT, and the load figures)."""
        found = self.rows(
            "SELECT coalesce(i.decision, 'received'), count(*) FROM deposit d "
            "LEFT JOIN current_decision i ON i.deposit_id = d.id GROUP BY 1"
        )
        return {str(k): int(v) for k, v in found}

    # --- the register of signers -------------------------------------------
    def register_signer(self, signer: Signer) -> bool:
        """Add a signer; False if that certificate was already registered."""
        if signer.role not in SIGNER_ROLES:
            raise HubError(f"a signer's role is one of {', '.join(SIGNER_ROLES)}")
        return self._insert_signer(signer)

    def signers(self) -> list[Signer]:
        return [
            Signer(
                fingerprint=str(r[0]),
                name=str(r[1]),
                subject=str(r[2]),
                role=str(r[3]),
                der=bytes(r[4]),
                registered_at=as_datetime(r[5]),
                registered_by=str(r[6]),
            )
            for r in self.rows(
                "SELECT fingerprint, name, subject, role, der, registered_at, registered_by "
                "FROM signer ORDER BY name, fingerprint"
            )
        ]

    def __enter__(self) -> HubStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
