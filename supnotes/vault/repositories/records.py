"""Records: create, read, list, autosave answers and header, sign, delete drafts.

Autosave calls :meth:`RecordRepository.save_answer` many times a minute: it
writes one answer row, touches the record and refreshes its index row, all
in one short transaction.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time

from supnotes.domain.actions import start_review
from supnotes.domain.content import RecordContent
from supnotes.domain.ids import iso, new_id
from supnotes.domain.records import (
    AnswerValue,
    ChildCitation,
    Record,
    RecordKind,
    RecordStatus,
    SuperviseeComments,
    format_reference,
)
from supnotes.domain.templates import FieldKind, Template
from supnotes.vault import fts, scopes
from supnotes.vault.connection import Connection, compose
from supnotes.vault.repositories import rows
from supnotes.vault.repositories.actions import open_actions_of_worker
from supnotes.vault.repositories.templates import store_snapshot
from supnotes.vault.vault import Vault


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True, slots=True)
class RecordSummary:
    """One line of the record list."""

    id: str
    reference: str
    held_on: date
    kind: RecordKind
    template_id: str
    template_version: int
    status: RecordStatus
    people: str  # the supervisee, or a group's attendees


def next_reference(conn: Connection, year: int, reserved: Collection[str] = ()) -> str:
    """The year's next reference, above those stored and those ``reserved`` (not yet stored)."""
    prefix = format_reference(year, 0)[:-4]
    (highest,) = conn.execute(
        # Deleted records' references stay taken: the retention audit trail names them.
        "SELECT max(CAST(substr(reference, ?) AS INTEGER)) FROM (SELECT reference FROM record "
        "UNION ALL SELECT reference FROM retention_audit) WHERE reference LIKE ?",
        (len(prefix) + 1, prefix + "%"),
    ).fetchone()
    tails = [r[len(prefix) :] for r in reserved if r.startswith(prefix)]
    numbers = [int(highest or 0), *(int(t) for t in tails if t.isdigit())]
    return format_reference(year, max(numbers) + 1)


def load_content(conn: Connection, record_id: str) -> RecordContent:
    """A whole record (KeyError if there is none)."""
    row = conn.execute(
        compose("SELECT {c} FROM record WHERE id = ?", c=rows.RECORD_COLUMNS), (record_id,)
    ).fetchone()
    if row is None:
        raise KeyError(record_id)
    answers = {
        str(k): rows.answer_value(v)
        for k, v in conn.execute(
            "SELECT key, value FROM answer WHERE record_id = ? ORDER BY key", (record_id,)
        ).fetchall()
    }

    def many(columns: str, table: str, owner: str) -> list[rows.Row]:
        return list(
            conn.execute(
                compose(
                    "SELECT {columns} FROM {table} WHERE {owner} = ? ORDER BY position, rowid",
                    columns=columns,
                    table=table,
                    owner=owner,
                ),
                (record_id,),
            ).fetchall()
        )

    reviews = conn.execute(
        compose(
            "SELECT {c} FROM action_review WHERE record_id = ? ORDER BY position, action_id",
            c=rows.REVIEW_COLUMNS,
        ),
        (record_id,),
    ).fetchall()
    addenda = conn.execute(
        compose(
            "SELECT {c} FROM addendum WHERE record_id = ? ORDER BY added_on, id",
            c=rows.ADDENDUM_COLUMNS,
        ),
        (record_id,),
    ).fetchall()
    children: dict[str, list[ChildCitation]] = {}
    for addendum_id, child_ref, cites in conn.execute(
        "SELECT c.addendum_id, c.child_ref, c.cites_sha256 FROM addendum_child c "
        "JOIN addendum a ON a.id = c.addendum_id WHERE a.record_id = ? "
        "ORDER BY c.addendum_id, c.position",
        (record_id,),
    ).fetchall():
        children.setdefault(addendum_id, []).append(ChildCitation(child_ref, cites))
    return RecordContent(
        record=rows.record_from_row(row, answers),
        case_discussions=tuple(
            map(rows.case_from_row, many(rows.CASE_COLUMNS, "case_discussion", "record_id"))
        ),
        actions=tuple(map(rows.action_from_row, many(rows.ACTION_COLUMNS, "action", "raised_in"))),
        decisions=tuple(
            map(rows.decision_from_row, many(rows.DECISION_COLUMNS, "decision", "record_id"))
        ),
        attendees=tuple(
            map(rows.attendee_from_row, many(rows.ATTENDEE_COLUMNS, "attendee", "record_id"))
        ),
        reviews=tuple(map(rows.review_from_row, reviews)),
        addenda=tuple(
            replace(a, children=tuple(children.get(a.id, ())))
            for a in map(rows.addendum_from_row, addenda)
        ),
    )


def insert_contents(conn: Connection, contents: Sequence[RecordContent]) -> None:
    """Write whole records (import, demo) inside the caller's transaction.

    Records go in as drafts with all their rows, and only then are the signed
    ones marked signed: the immutability triggers refuse rows added to a
    record that is already signed.
    """

    def put(table: str, columns: str, params: list[tuple[object, ...]]) -> None:
        sql = compose(
            "INSERT INTO {table}({columns}) VALUES ({marks})",
            table=table,
            columns=columns,
            marks=rows.placeholders(columns),
        )
        conn.executemany(sql, params)

    put(
        "record",
        rows.RECORD_COLUMNS,
        [rows.record_params(c.record, RecordStatus.DRAFT) for c in contents],
    )

    put(
        "answer",
        "record_id, key, value",
        [
            (c.record.id, key, rows.answer_json(value))
            for c in contents
            for key, value in c.record.answers.items()
        ],
    )
    put(
        "case_discussion",
        rows.CASE_COLUMNS,
        [rows.case_params(x) for c in contents for x in c.case_discussions],
    )
    put(
        "decision",
        rows.DECISION_COLUMNS,
        [rows.decision_params(x) for c in contents for x in c.decisions],
    )
    put(
        "attendee",
        rows.ATTENDEE_COLUMNS,
        [rows.attendee_params(x) for c in contents for x in c.attendees],
    )
    put("action", rows.ACTION_COLUMNS, [rows.action_params(x) for c in contents for x in c.actions])
    put(
        "action_review",
        rows.REVIEW_COLUMNS,
        [rows.review_params(x) for c in contents for x in c.reviews],
    )
    conn.executemany(
        "UPDATE record SET status = ?, signed_at = ?, sealed_sha256 = ? WHERE id = ?",
        [
            (
                str(c.record.status),
                rows.iso_datetime(c.record.signed_at),
                c.record.sealed_sha256,
                c.record.id,
            )
            for c in contents
            if c.record.is_locked
        ],
    )
    put(
        "addendum",
        rows.ADDENDUM_COLUMNS,
        [rows.addendum_params(x) for c in contents for x in c.addenda],
    )
    put(
        "addendum_child",
        rows.ADDENDUM_CHILD_COLUMNS,
        [p for c in contents for x in c.addenda for p in rows.addendum_child_params(x)],
    )
    for content in contents:
        fts.reindex(conn, content.record.id)


def touch(conn: Connection, record_id: str) -> None:
    conn.execute(
        "UPDATE record SET updated_at = ? WHERE id = ?",
        (rows.iso_datetime(utc_now()), record_id),
    )


class RecordRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    # -- reading --------------------------------------------------------------

    def get(self, record_id: str) -> RecordContent:
        return load_content(self._vault.conn, record_id)

    def header(self, record_id: str) -> Record:
        return self.get(record_id).record

    def ids(self) -> list[str]:
        return [str(r[0]) for r in self._vault.query("SELECT id FROM record ORDER BY held_on, n")]

    def newest_ids(self, limit: int, kind: RecordKind | None = None) -> list[str]:
        """The ids of the ``limit`` newest records (of ``kind``), newest first (as
        :meth:`summaries` orders).

        Two steps on the held_on index (the oldest date among them, then those
        rows), so it does not grow with the vault: one ORDER BY on both columns
        made SQLite sort every record.
        """
        params: dict[str, object] = {"kind": None if kind is None else kind.value, "limit": limit}
        if limit <= 0:
            return []
        with self._vault.exclusive():
            since = self._vault.query(
                "SELECT held_on FROM record WHERE :kind IS NULL OR kind = :kind "
                "ORDER BY held_on DESC LIMIT 1 OFFSET :limit - 1",
                params,
            )
            if not since:  # fewer than ``limit``: all of them
                since = [("",)]
            found = self._vault.query(
                "SELECT id FROM record WHERE held_on >= :since AND (:kind IS NULL OR kind = :kind) "
                "ORDER BY held_on DESC, reference DESC LIMIT :limit",
                {**params, "since": since[0][0]},
            )
        return [str(r[0]) for r in found]

    def summaries(
        self, *, worker_id: str | None = None, status: RecordStatus | None = None
    ) -> list[RecordSummary]:
        """Records oldest first, optionally for one worker (incl. groups they attended)."""
        where, params = [], []
        if worker_id is not None:
            where.append(compose("r.id IN ({ids})", ids=scopes.WORKER_RECORD_IDS))
            params += scopes.worker_params(worker_id)
        if status is not None:
            where.append("r.status = ?")
            params.append(str(status))
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        found = self._vault.query(
            compose(
                "SELECT r.id, r.reference, r.held_on, r.kind, r.template_id, "
                "r.template_version, r.status, coalesce(w.name, (SELECT group_concat(name, ', ') "
                "FROM (SELECT name FROM attendee a WHERE a.record_id = r.id ORDER BY position)), "
                "'') FROM record r LEFT JOIN worker w ON w.id = r.worker_id {clause} "
                "ORDER BY r.held_on, r.reference",
                clause=clause,
            ),
            tuple(params),
        )
        return [
            RecordSummary(
                id=str(r[0]),
                reference=str(r[1]),
                held_on=date.fromisoformat(str(r[2])),
                kind=RecordKind(str(r[3])),
                template_id=str(r[4]),
                template_version=int(str(r[5])),
                status=RecordStatus(str(r[6])),
                people=str(r[7]),
            )
            for r in found
        ]

    # -- creating -------------------------------------------------------------

    def create(
        self,
        template: Template,
        *,
        worker_id: str | None,
        held_on: date,
        start_time: time | None = None,
        end_time: time | None = None,
        record_id: str | None = None,
    ) -> RecordContent:
        """A new draft, stored at once; if its template reviews earlier actions, every
        open one is listed."""
        content = self.draft(
            template,
            worker_id=worker_id,
            held_on=held_on,
            start_time=start_time,
            end_time=end_time,
            record_id=record_id,
        )
        self.insert_draft(content, template)
        return self.get(content.record.id)

    def draft(
        self,
        template: Template,
        *,
        worker_id: str | None,
        held_on: date,
        start_time: time | None = None,
        end_time: time | None = None,
        record_id: str | None = None,
        reserved: Collection[str] = (),
    ) -> RecordContent:
        """A new draft in memory only (nothing is written): the editor stores it with
        :meth:`insert_draft` at its first save, so a session opened and left without a
        word leaves no record behind. ``reserved``: references of other unsaved drafts."""
        now = utc_now()
        with self._vault.exclusive() as conn:
            record = Record(
                id=record_id or new_id(),
                reference=next_reference(conn, held_on.year, reserved),
                kind=template.kind,
                template_id=template.id,
                template_version=template.version,
                worker_id=worker_id,
                held_on=held_on,
                start_time=start_time,
                end_time=end_time,
                created_at=now,
                updated_at=now,
            )
            reviews = (
                start_review(open_actions_of_worker(conn, worker_id), record.id)
                if worker_id is not None and template.has_list(FieldKind.PREVIOUS_ACTIONS)
                else []
            )
        return RecordContent(record, reviews=tuple(reviews))

    def insert_draft(self, content: RecordContent, template: Template) -> None:
        """Store a draft made by :meth:`draft` (its record and its reviews of earlier
        actions; its answers and lists are saved by their own writes). If another record
        took its reference meanwhile, it gets the next free one."""
        with self._vault.transaction() as conn:
            store_snapshot(conn, template)
            record = content.record
            taken = conn.execute(
                "SELECT 1 FROM record WHERE reference = ?", (record.reference,)
            ).fetchone()
            if taken is not None:
                record = replace(record, reference=next_reference(conn, record.held_on.year))
            insert_contents(conn, [RecordContent(record, reviews=content.reviews)])

    # -- autosave -------------------------------------------------------------

    def save_answer(self, record_id: str, key: str, value: AnswerValue) -> None:
        """Store one answer (an empty one is removed)."""
        with self._vault.transaction() as conn:
            if value is None or value == "":
                conn.execute("DELETE FROM answer WHERE record_id = ? AND key = ?", (record_id, key))
            else:
                conn.execute(
                    "INSERT INTO answer(record_id, key, value) VALUES (?, ?, ?) "
                    "ON CONFLICT DO UPDATE SET value = excluded.value",
                    (record_id, key, rows.answer_json(value)),
                )
            touch(conn, record_id)
            fts.mark_changed(conn, record_id)

    def save_timing(
        self,
        record_id: str,
        *,
        held_on: date,
        start_time: time | None,
        end_time: time | None,
        next_date: date | None,
    ) -> None:
        with self._vault.transaction() as conn:
            conn.execute(
                "UPDATE record SET held_on = ?, start_time = ?, end_time = ?, next_date = ?, "
                "updated_at = ? WHERE id = ?",
                (
                    iso(held_on),
                    iso(start_time),
                    iso(end_time),
                    iso(next_date),
                    rows.iso_datetime(utc_now()),
                    record_id,
                ),
            )

    def save_comments(self, record_id: str, comments: SuperviseeComments) -> None:
        with self._vault.transaction() as conn:
            conn.execute(
                "UPDATE record SET comments_text = ?, comments_agrees = ?, acknowledged_name = ?, "
                "acknowledged_at = ?, updated_at = ? WHERE id = ?",
                (
                    comments.text,
                    rows.opt_int(comments.agrees),
                    comments.acknowledged_name,
                    rows.iso_datetime(comments.acknowledged_at),
                    rows.iso_datetime(utc_now()),
                    record_id,
                ),
            )
            fts.mark_changed(conn, record_id)

    # -- signing and after ----------------------------------------------------

    def sign(self, record_id: str, signed_at: datetime | None = None) -> None:
        """Lock a draft. The PDF seal (``sealed_sha256``) may follow once, see :meth:`seal`."""
        with self._vault.transaction() as conn:
            changed = conn.execute(
                "UPDATE record SET status = 'signed', signed_at = ?, updated_at = ? "
                "WHERE id = ? AND status = 'draft'",
                (
                    rows.iso_datetime(signed_at or utc_now()),
                    rows.iso_datetime(utc_now()),
                    record_id,
                ),
            ).rowcount
            if changed != 1:
                raise ValueError("only a draft can be signed")

    def seal(self, record_id: str, sha256: str) -> None:
        with self._vault.transaction() as conn:
            conn.execute("UPDATE record SET sealed_sha256 = ? WHERE id = ?", (sha256, record_id))

    def delete_draft(self, record_id: str) -> None:
        """Delete a draft; its reviews of earlier actions are undone first."""
        with self._vault.transaction() as conn:
            row = conn.execute("SELECT n FROM record WHERE id = ?", (record_id,)).fetchone()
            if row is None:
                return
            for action_id, prior in conn.execute(
                "SELECT action_id, prior_status FROM action_review WHERE record_id = ? "
                "AND outcome IS NOT NULL",
                (record_id,),
            ).fetchall():
                conn.execute(
                    "UPDATE action SET status = ?, closed_in = NULL WHERE id = ?",
                    (prior, action_id),
                )
            conn.execute("DELETE FROM record WHERE id = ?", (record_id,))
            fts.drop(conn, row[0])
