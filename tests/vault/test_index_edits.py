"""Edits reach the search index without FTS5's slow secure-delete; deletions keep it.

docs/security.md ("The search index and edits") weighs this: an edit's earlier
wording may stay, unsearchable, in the encrypted index's older segments until
they merge; a record's deletion still overwrites its terms, and a retention
deletion's scrub (``optimize``) removes whatever earlier wording remained.
"""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from supnotes.domain.people import Worker
from supnotes.domain.template_loader import TemplateLibrary
from supnotes.vault import fts
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.repositories.retention import scrub
from supnotes.vault.search import bring_index_up_to_date, search
from supnotes.vault.vault import Vault

KEY = "wellbeing.wellbeing"


def _secure_delete(vault: Vault) -> int:
    rows = vault.query("SELECT v FROM record_fts_config WHERE k = 'secure-delete'")
    return int(str(rows[0][0]))


def _index_bytes(vault: Vault) -> bytes:
    rows = vault.query("SELECT block FROM record_fts_data")
    return b"".join(r[0] for r in rows if isinstance(r[0], bytes))


@pytest.fixture
def draft(vault: Vault, library: TemplateLibrary, worker: Worker) -> str:
    records = RecordRepository(vault)
    return records.create(
        library.get("one-to-one"), worker_id=worker.id, held_on=date(2026, 1, 5)
    ).record.id


def test_an_edit_is_searchable_at_once_and_secure_delete_stays_on(vault: Vault, draft: str) -> None:
    records = RecordRepository(vault)
    records.save_answer(draft, KEY, "The grandmother offered weekend care.")
    assert [h.record_id for h in search(vault, "grandmother")] == [draft]
    records.save_answer(draft, KEY, "The aunt offered weekend care.")
    assert search(vault, "grandmother") == []
    assert [h.record_id for h in search(vault, "aunt")] == [draft]
    assert _secure_delete(vault) == 1
    assert vault.query("SELECT count(*) FROM fts_pending") == [(0,)]


def test_a_failed_catch_up_leaves_secure_delete_on(
    vault: Vault, draft: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    RecordRepository(vault).save_answer(draft, KEY, "Something to index.")

    def broken(conn: object, record_id: str) -> None:
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(fts, "reindex", broken)
    with pytest.raises(RuntimeError):
        bring_index_up_to_date(vault)
    assert _secure_delete(vault) == 1
    assert vault.query("SELECT count(*) FROM fts_pending") == [(1,)]  # still queued
    monkeypatch.undo()
    assert [h.record_id for h in search(vault, "something")] == [draft]


def test_earlier_wording_is_gone_after_the_record_is_deleted_and_scrubbed(
    vault: Vault, draft: str
) -> None:
    token = uuid.uuid4().hex
    records = RecordRepository(vault)
    records.save_answer(draft, KEY, f"Noted: Canary{token} at the visit.")
    assert [h.record_id for h in search(vault, f"Canary{token}")] == [draft]
    records.save_answer(draft, KEY, "Noted: nothing of note at the visit.")
    assert search(vault, f"Canary{token}") == []  # never found again
    # The trade-off, as written in docs/security.md: the earlier term may stay in
    # the index's older segment until it merges (this also shows the scan works).
    assert token.encode() in _index_bytes(vault)
    records.delete_draft(draft)
    scrub(vault)
    assert token.encode() not in _index_bytes(vault)
