"""Retention review on a real vault: the list, the audited deletion, and no trace left."""

from __future__ import annotations

import uuid
import zipfile
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlcipher3

from supnotes.services import retention
from supnotes.services.sealing import add_addendum, seal_record
from supnotes.vault.backup import write_backup
from supnotes.vault.repositories.highlights import GoodPracticeRepository
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.repositories.retention import NothingToDelete
from supnotes.vault.search import search
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Vault
from tests.services.plain_pages import database_plaintext, header_is_sqlite, wal_plaintext
from tests.services.test_sealing import ACK


def _worker_of(vault: Vault, record_id: str) -> str:
    return str(vault.query("SELECT worker_id FROM record WHERE id = ?", (record_id,))[0][0])


def _leave(vault: Vault, worker_id: str, on: str) -> None:
    with vault.transaction() as conn:
        conn.execute("UPDATE worker SET leaving_date = ? WHERE id = ?", (on, worker_id))


def _plant(vault: Vault, record_id: str, canary: str) -> None:
    """The canary in an answer, the supervisee's comments (via sealing) and an addendum."""
    records = RecordRepository(vault)
    (key,) = vault.query(
        "SELECT key FROM answer WHERE record_id = ? AND json_type(value) = 'text' LIMIT 1",
        (record_id,),
    )[0]
    records.save_answer(record_id, str(key), f"Noted during the visit: {canary} and more.")
    ack = replace(ACK, comments=f"My comment {canary}.")
    seal_record(vault, record_id, ack)
    add_addendum(vault, record_id, "Correction", f"The canary {canary} again.")


def _fts_blocks(vault: Vault) -> bytes:
    """The FTS5 index's shadow table, where the index's segments live."""
    rows = vault.query("SELECT block FROM record_fts_data")
    return b"".join(r[0] for r in rows if isinstance(r[0], bytes))


def _backup_plaintext(backup: Path, key: bytes, scratch: Path) -> bytes:
    with zipfile.ZipFile(backup) as archive:
        archive.extract("supnotes.db", scratch)
    return database_plaintext(scratch / "supnotes.db", key)


def test_delete_past_retention_leaves_no_trace_in_any_file(
    vault: Vault, session_id: str, tmp_path: Path
) -> None:
    token = uuid.uuid4().hex
    canary = f"Canary{token}"
    needle = token.encode()  # FTS5 stores terms lowercased and prefix-compressed: the tail
    _plant(vault, session_id, canary)
    GoodPracticeRepository(vault).mark(session_id, f"Good: {canary}", on=date(2026, 3, 1))
    assert [h.record_id for h in search(vault, canary)] == [session_id]
    worker_id = _worker_of(vault, session_id)
    _leave(vault, worker_id, "2019-01-31")
    key = vault.data_key
    wal = Path(str(vault.paths.db) + "-wal")

    # The scan sees the canary before the deletion: the method can fail.
    before = write_backup(vault, tmp_path / "before.snbackup").path
    assert header_is_sqlite(vault.paths.db, key)
    assert needle in database_plaintext(vault.paths.db, key) + wal_plaintext(wal, key)
    assert needle in _backup_plaintext(before, key, tmp_path / "b")
    fts_blocks = _fts_blocks(vault)
    assert needle in fts_blocks

    due = retention.review(vault)
    assert session_id in {d.facts.record_id for d in due}
    assert {d.facts.record_id for d in due} == {
        str(r[0]) for r in vault.query("SELECT id FROM record WHERE worker_id = ?", (worker_id,))
    }
    report = retention.delete(vault, due, at=datetime(2026, 3, 20, 12, tzinfo=UTC))

    assert vault.conn.execute("PRAGMA secure_delete").fetchone() == (1,)
    reference = next(d.facts.reference for d in due if d.facts.record_id == session_id)
    trail = retention.audit(vault)
    assert len(trail) == len(due) == len(report.deleted.references)
    mine = next(e for e in trail if e.reference == reference)
    assert mine.was_signed
    assert mine.rule == "6 years after the worker left"
    for table, column in (
        ("record", "id"),
        ("sealed_document", "record_id"),
        ("addendum", "record_id"),
        ("answer", "record_id"),
        ("case_discussion", "record_id"),
        ("decision", "record_id"),
        ("action", "raised_in"),
        ("drawn_signature", "record_id"),
        ("good_practice", "record_id"),
    ):
        assert vault.query(f"SELECT count(*) FROM {table} WHERE {column} = ?", (session_id,)) == [
            (0,)
        ], table
    assert vault.query("SELECT count(*) FROM retention_purge") == [(0,)]
    assert search(vault, canary) == []
    assert vault.query("SELECT count(*) FROM record_fts") == vault.query(
        "SELECT count(*) FROM record"
    )

    after = write_backup(vault, tmp_path / "after.snbackup").path
    fts_blocks = _fts_blocks(vault)
    assert needle not in fts_blocks
    assert needle not in database_plaintext(vault.paths.db, key)
    assert needle not in wal_plaintext(wal, key)
    assert needle not in _backup_plaintext(after, key, tmp_path / "a")
    vault.close()
    assert needle not in database_plaintext(vault.paths.db, key)
    assert needle not in wal_plaintext(wal, key)


def test_signed_records_go_only_through_the_audited_route(vault: Vault, session_id: str) -> None:
    seal_record(vault, session_id, ACK)
    refusals = [
        ("DELETE FROM record WHERE id = ?", (session_id,)),
        ("DELETE FROM sealed_document WHERE record_id = ?", (session_id,)),
        ("DELETE FROM answer WHERE record_id = ?", (session_id,)),
        ("INSERT INTO retention_purge(record_id) VALUES (?)", (session_id,)),
    ]
    for sql, params in refusals:
        with pytest.raises(sqlcipher3.IntegrityError), vault.transaction() as conn:
            conn.execute(sql, params)
    assert vault.query("SELECT status FROM record WHERE id = ?", (session_id,)) == [("signed",)]


def test_the_audit_trail_only_grows(vault: Vault, session_id: str) -> None:
    _leave(vault, _worker_of(vault, session_id), "2010-01-01")
    retention.delete(vault, retention.review(vault))
    assert retention.audit(vault)
    for sql in ("UPDATE retention_audit SET deleted_by = 'x'", "DELETE FROM retention_audit"):
        with pytest.raises(sqlcipher3.IntegrityError), vault.transaction() as conn:
            conn.execute(sql)


def test_a_record_waits_for_a_kept_record_reviewing_its_actions(
    vault: Vault, session_id: str
) -> None:
    worker_id = _worker_of(vault, session_id)
    store = SettingsStore(vault)
    store.set("retention.basis", "after-creation")
    store.set("retention.years", 1)
    first = vault.query(
        "SELECT r.id FROM record r WHERE r.worker_id = ? AND EXISTS (SELECT 1 FROM action a "
        "JOIN action_review v ON v.action_id = a.id AND v.record_id <> r.id "
        "WHERE a.raised_in = r.id) ORDER BY held_on LIMIT 1",
        (worker_id,),
    )
    assert first, "the demo history should hold a reviewed action"
    (record_id,) = (str(first[0][0]),)
    with vault.transaction() as conn:
        conn.execute(
            "UPDATE record SET created_at = '2019-01-01T09:00:00+00:00' WHERE id = ?", (record_id,)
        )
    due = retention.review(vault)
    assert [d.facts.record_id for d in due] == [record_id]
    assert due[0].waits_for
    assert not due[0].deletable
    with pytest.raises(NothingToDelete):
        retention.delete(vault, due)
    assert vault.query("SELECT count(*) FROM record WHERE id = ?", (record_id,)) == [(1,)]
    assert retention.audit(vault) == []


def test_a_deleted_records_reference_is_never_given_again(vault: Vault, session_id: str) -> None:
    from supnotes.domain.template_loader import default_library

    with vault.transaction() as conn:
        conn.execute(
            "INSERT INTO retention_audit(kind, reference, was_signed, deleted_at, deleted_by, "
            "rule) VALUES ('one-to-one', 'SN-2031-0007', 1, '2037-01-01T00:00:00+00:00', 'x', 'y')"
        )
    made = RecordRepository(vault).create(
        default_library().get("one-to-one"),
        worker_id=_worker_of(vault, session_id),
        held_on=date(2031, 6, 1),
    )
    assert made.record.reference == "SN-2031-0008"


def test_an_older_export_cannot_bring_deleted_records_back(vault: Vault, session_id: str) -> None:
    from supnotes.domain.export_format import ExportFormatError, dumps
    from supnotes.domain.export_reader import loads
    from supnotes.vault.portability import export_document, import_document

    worker_id = _worker_of(vault, session_id)
    with vault.transaction() as conn:  # a worker who started and left long ago
        conn.execute("UPDATE worker SET start_date = '2005-01-01' WHERE id = ?", (worker_id,))
    _leave(vault, worker_id, "2010-01-01")
    before = dumps(export_document(vault))
    due = retention.review(vault)
    retention.delete(vault, due, at=datetime(2026, 3, 20, 12, tzinfo=UTC))
    with pytest.raises(ExportFormatError, match="deleted under the retention rule on 2026-03-20"):
        import_document(vault, loads(before))
    assert vault.query("SELECT count(*) FROM record WHERE id = ?", (session_id,)) == [(0,)]
