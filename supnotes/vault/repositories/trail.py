"""The access trail in the vault: append an entry, read a period.

Only :mod:`supnotes.services.trail` writes here. The table refuses updates
and deletions (migration ``m0009_access_trail``), so this repository has no
way to change an entry, and none is to be added.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from supnotes.domain.trail import TrailEntry, TrailKind
from supnotes.vault.repositories.rows import iso_datetime, parse_datetime
from supnotes.vault.vault import Vault

_COLUMNS = "at, kind, record_ref, audience, child_ref, destination"


def _entry(row: tuple[object, ...]) -> TrailEntry:
    at = parse_datetime(str(row[0]))
    assert at is not None
    return TrailEntry(
        kind=TrailKind(str(row[1])),
        at=at,
        record_ref=None if row[2] is None else str(row[2]),
        audience=None if row[3] is None else str(row[3]),
        child_ref=None if row[4] is None else str(row[4]),
        destination=None if row[5] is None else str(row[5]),
    )


class TrailRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def append(self, entry: TrailEntry) -> None:
        """Add ``entry``; joins the caller's transaction when one is open on this thread."""
        with self._vault.transaction() as conn:
            conn.execute(
                f"INSERT INTO access_trail({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",  # noqa: S608
                (
                    iso_datetime(entry.at),
                    entry.kind.value,
                    entry.record_ref,
                    entry.audience,
                    entry.child_ref,
                    entry.destination,
                ),
            )

    def between(self, start: date | None = None, end: date | None = None) -> list[TrailEntry]:
        """Entries from ``start`` to ``end`` inclusive (either open), oldest first."""
        low = "" if start is None else start.isoformat()
        high = "9999" if end is None else (end + timedelta(days=1)).isoformat()
        rows = self._vault.query(
            f"SELECT {_COLUMNS} FROM access_trail WHERE at >= ? AND at < ? ORDER BY n",  # noqa: S608
            (low, high),
        )
        return [_entry(tuple(r)) for r in rows]

    def count(self, start: date | None = None, end: date | None = None) -> int:
        low = "" if start is None else start.isoformat()
        high = "9999" if end is None else (end + timedelta(days=1)).isoformat()
        rows = self._vault.query(
            "SELECT count(*) FROM access_trail WHERE at >= ? AND at < ?", (low, high)
        )
        return int(str(rows[0][0]))

    def last_of(self, kinds: tuple[TrailKind, ...]) -> TrailEntry | None:
        """The newest entry of one of ``kinds`` (None when there is none)."""
        marks = ", ".join("?" * len(kinds))
        rows = self._vault.query(
            f"SELECT {_COLUMNS} FROM access_trail WHERE kind IN ({marks})"  # noqa: S608
            " ORDER BY n DESC LIMIT 1",
            tuple(k.value for k in kinds),
        )
        return _entry(tuple(rows[0])) if rows else None


def now() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)
