"""Retention review in the vault: the facts the rule needs, the audited deletion, the trail.

:func:`record_facts` gathers, per record, only what the rule in
:mod:`supnotes.domain.retention` needs. :meth:`RetentionRepository.delete`
removes records past retention, signed or not, through the one exemption the
schema allows (see migration ``m0008_retention``): each record's audit entry
is written first, then its marker, then the record and everything it owns —
answers, case discussions, decisions, attendees, actions and their reviews,
addenda, sealed PDFs, drawn signatures and its search-index row — and the
markers are removed before the transaction commits.

After the commit, :func:`scrub` makes the bytes go from every file: the WAL
is checkpointed (TRUNCATE), the database is vacuumed (``secure_delete`` is
on, and VACUUM rewrites every page), and the WAL checkpointed again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from supnotes.domain.retention import AuditEntry, Due, HandedOver, RecordFacts, RetentionRule
from supnotes.vault.connection import Connection, DatabaseError, classify
from supnotes.vault.errors import VaultError
from supnotes.vault.vault import Vault

_FACTS_SQL = """
SELECT r.id, r.reference, r.kind, r.status, r.held_on, r.created_at,
       (SELECT json_group_array(json_array(coalesce(w.leaving_date, ''),
                                           coalesce(h.handed_over_on, ''),
                                           coalesce(nullif(h.to_name, ''), h.to_fingerprint, '')))
          FROM worker w LEFT JOIN worker_handover h ON h.worker_id = w.id
         WHERE w.id = r.worker_id
            OR (r.kind = 'group' AND w.id IN (SELECT a.worker_id FROM attendee a
                                               WHERE a.record_id = r.id)))
  FROM record r
 ORDER BY r.held_on, r.reference
"""

# Which records review a record's actions (a kept reviewer must not change).
_REVIEWERS_SQL = """
SELECT DISTINCT a.raised_in, v.record_id
  FROM action_review v JOIN action a ON a.id = v.action_id
 WHERE v.record_id <> a.raised_in
"""


class NothingToDelete(ValueError):
    """A deletion was asked for records that are not (or no longer) past retention."""


def _departures(raw: str) -> tuple[tuple[date | None, ...], tuple[HandedOver | None, ...]]:
    """Each worker's leaving date and handover, from ``[[left, handed_on, to], ...]``."""
    import json

    values = json.loads(raw) if raw else []
    leaving = tuple(date.fromisoformat(v[0]) if v[0] else None for v in values)
    handed = tuple(HandedOver(date.fromisoformat(v[1]), v[2]) if v[1] else None for v in values)
    return leaving, (handed if any(handed) else ())


def record_facts(conn: Connection) -> list[RecordFacts]:
    found = []
    for row in conn.execute(_FACTS_SQL).fetchall():
        leaving, handed = _departures(str(row[6]) if row[6] is not None else "")
        found.append(
            RecordFacts(
                record_id=str(row[0]),
                reference=str(row[1]),
                kind=str(row[2]),
                status=str(row[3]),
                held_on=date.fromisoformat(str(row[4])),
                created_on=datetime.fromisoformat(str(row[5])).date(),
                leaving_dates=leaving,
                handovers=handed,
            )
        )
    return found


def reviewers(conn: Connection) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for raised_in, reviewer in conn.execute(_REVIEWERS_SQL).fetchall():
        found.setdefault(str(raised_in), set()).add(str(reviewer))
    return found


@dataclass(frozen=True)
class Deleted:
    """What one deletion removed (references only) and when."""

    references: tuple[str, ...]
    deleted_at: datetime
    # False when the VACUUM after the deletion failed (e.g. no room for its
    # copy): the records are gone and secure_delete zeroed their pages, but
    # the file was not rewritten; :func:`scrub` runs again at the next deletion.
    scrubbed: bool = True


def _write_audit(conn: Connection, entry: AuditEntry) -> None:
    conn.execute(
        "INSERT INTO retention_audit(kind, reference, was_signed, deleted_at, deleted_by, rule) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            entry.kind,
            entry.reference,
            int(entry.was_signed),
            entry.deleted_at.isoformat(timespec="seconds"),
            entry.deleted_by,
            entry.rule,
        ),
    )


def _delete_one(conn: Connection, record_id: str) -> None:
    (n,) = conn.execute("SELECT n FROM record WHERE id = ?", (record_id,)).fetchone()
    conn.execute(
        "DELETE FROM addendum_child WHERE addendum_id IN "
        "(SELECT id FROM addendum WHERE record_id = ?)",
        (record_id,),
    )
    conn.execute("DELETE FROM sealed_document WHERE record_id = ?", (record_id,))
    conn.execute("DELETE FROM addendum WHERE record_id = ?", (record_id,))
    # Owned rows go by ON DELETE CASCADE: answers, case discussions, decisions,
    # attendees, actions (and their reviews), reviews, drawn signature.
    conn.execute("DELETE FROM record WHERE id = ?", (record_id,))
    conn.execute("DELETE FROM record_fts WHERE rowid = ?", (n,))
    conn.execute("DELETE FROM fts_pending WHERE record_id = ?", (record_id,))


def _purge(conn: Connection, entries: Sequence[tuple[str, AuditEntry]]) -> None:
    """Audit entries first, then the markers, then the records; no marker survives."""
    for _, entry in entries:
        _write_audit(conn, entry)
    for record_id, _ in entries:
        conn.execute("INSERT INTO retention_purge(record_id) VALUES (?)", (record_id,))
    for record_id, _ in entries:
        _delete_one(conn, record_id)
    conn.execute("DELETE FROM retention_purge")


def scrub(vault: Vault) -> None:
    """Make deleted bytes go from the database file and its WAL."""
    with vault.exclusive() as conn:
        try:
            conn.execute("INSERT INTO record_fts(record_fts) VALUES ('optimize')")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            conn.execute("VACUUM")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except DatabaseError as exc:
            classify(exc, vault.paths.db)


class RetentionRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def facts(self) -> tuple[list[RecordFacts], dict[str, set[str]]]:
        with self._vault.exclusive() as conn:
            return record_facts(conn), reviewers(conn)

    def delete(self, due: Sequence[Due], rule: RetentionRule, by: str, at: datetime) -> Deleted:
        """Delete ``due`` (each checked again inside the transaction) and scrub the files."""
        from supnotes.domain.retention import past_retention

        wanted = {d.facts.record_id for d in due}
        with self._vault.transaction() as conn:
            current = {
                d.facts.record_id: d
                for d in past_retention(rule, record_facts(conn), at.date(), reviewers(conn))
            }
            missing = [d.facts.reference for d in due if d.facts.record_id not in current]
            if missing:
                raise NothingToDelete(
                    f"{len(missing)} of the records are not past retention any more"
                )
            blocked = [current[i] for i in wanted if not current[i].deletable]
            if blocked:
                raise NothingToDelete(
                    f"{blocked[0].facts.reference} must wait for "
                    f"{', '.join(blocked[0].waits_for)}, which reviews its actions"
                )
            _purge(
                conn,
                [
                    (
                        item.facts.record_id,
                        AuditEntry(
                            kind=item.facts.kind,
                            reference=item.facts.reference,
                            was_signed=item.facts.status == "signed",
                            deleted_at=at,
                            deleted_by=by,
                            rule=rule.describe(),
                        ),
                    )
                    for item in due
                ],
            )
        references = tuple(d.facts.reference for d in due)
        try:
            scrub(self._vault)
        except VaultError:
            return Deleted(references, at, scrubbed=False)
        return Deleted(references, at)

    def audit(self) -> list[AuditEntry]:
        return [
            AuditEntry(
                kind=str(r[0]),
                reference=str(r[1]),
                was_signed=bool(r[2]),
                deleted_at=datetime.fromisoformat(str(r[3])),
                deleted_by=str(r[4]),
                rule=str(r[5]),
            )
            for r in self._vault.query(
                "SELECT kind, reference, was_signed, deleted_at, deleted_by, rule "
                "FROM retention_audit ORDER BY n"
            )
        ]
