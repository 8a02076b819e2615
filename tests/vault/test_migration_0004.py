"""Migration 4, and the search backlog it holds: edits are found by the next search."""

from __future__ import annotations

from pathlib import Path

from supnotes.domain.people import Worker
from supnotes.domain.template_loader import TemplateLibrary
from supnotes.vault import fts
from supnotes.vault.migrate import schema_version
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.search import search
from supnotes.vault.vault import Vault
from tests.vault.migration_helpers import create_db, migrate_to


def test_migration_4_adds_an_empty_backlog(tmp_path: Path) -> None:
    conn, paths = create_db(tmp_path / "v")
    migrate_to(conn, paths, 3)
    migrate_to(conn, paths, 4)
    assert schema_version(conn) == 4
    assert conn.execute("SELECT count(*) FROM fts_pending").fetchone() == (0,)
    conn.close()


def test_autosave_queues_and_search_catches_up(
    vault: Vault, worker: Worker, library: TemplateLibrary
) -> None:
    from datetime import date

    records = RecordRepository(vault)
    content = records.create(
        library.get("one-to-one"), worker_id=worker.id, held_on=date(2026, 3, 2)
    )
    key = next(k for k in library.get("one-to-one").answer_keys() if k.startswith("wellbeing"))
    records.save_answer(content.record.id, key, "Felt supported after the hearing at Moorgate")
    # The save only queued the record; the index row is rebuilt by the next search.
    assert fts.has_backlog(vault.conn)
    hits = search(vault, "Moorgate")
    assert [h.record_id for h in hits] == [content.record.id]
    assert not fts.has_backlog(vault.conn)
    records.save_answer(content.record.id, key, "Now about the garden")
    assert search(vault, "Moorgate") == []
    assert [h.record_id for h in search(vault, "garden")] == [content.record.id]
