"""Edits reach the search index without FTS5's slow secure-delete; deletions keep it.

docs/security.md ("The search index and edits") weighs this: an edit's earlier
wording may stay, unsearchable, in the encrypted index's older segments until
they merge; a record's deletion still overwrites its terms, and a retention
deletion's scrub (``optimize``) removes whatever earlier wording remained.

An edit's re-index merges nothing either (FTS5's ``automerge`` off for it): the
merging is done by :func:`tidy_index`, off the search (docs/benchmarks.md).
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
from supnotes.vault.search import bring_index_up_to_date, search, tidy_index
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


def _config(vault: Vault) -> dict[str, int]:
    return {str(k): int(str(v)) for k, v in vault.query("SELECT k, v FROM record_fts_config")}


def _level_0(vault: Vault) -> int:
    with vault.exclusive() as conn:
        levels = fts.segments_per_level(conn)
    return levels[0] if levels else 0


def _long_answer(edit: int) -> str:
    """About 2,400 distinct words: several of the index's leaf pages per re-index."""
    return " ".join(f"w{edit}x{i}" for i in range(2400))


def test_an_edits_reindex_merges_nothing_and_leaves_the_settings_as_decided(
    vault: Vault, draft: str
) -> None:
    """Twelve long edits, each re-indexed by a search, write well over FTS5's 64-page
    automerge step: with automerge on during the re-index one of them would merge
    level 0 (fewer segments there); off, each adds exactly one segment."""
    records = RecordRepository(vault)
    records.save_answer(draft, KEY, "first")
    bring_index_up_to_date(vault)
    before = _level_0(vault)
    edits = 12
    assert before + edits < fts.CRISIS_MERGE  # no crisis merge either
    for edit in range(edits):
        records.save_answer(draft, KEY, _long_answer(edit))
        assert [h.record_id for h in search(vault, f"w{edit}x7")] == [draft]
    assert _level_0(vault) == before + edits
    # Re-indexing leaves FTS5's settings as the decision says: secure-delete on
    # (deletions), automerge at FTS5's default (bulk writes), crisis merge unset.
    config = _config(vault)
    assert config["secure-delete"] == 1
    assert config.get("automerge", fts.AUTOMERGE) == fts.AUTOMERGE
    assert "crisismerge" not in config
    assert "usermerge" not in config


def test_tidy_merges_the_edit_segments_and_search_finds_the_same(vault: Vault, draft: str) -> None:
    records = RecordRepository(vault)
    assert tidy_index(vault) is False  # nothing waits
    for edit in range(fts.TIDY_AT):
        records.save_answer(draft, KEY, f"{_long_answer(edit)} grandmother visit {edit}")
        bring_index_up_to_date(vault)
    waiting = _level_0(vault)
    assert waiting >= fts.TIDY_AT
    found = search(vault, "grandmother")
    prefix = search(vault, "w3x1*")
    assert tidy_index(vault) is True
    assert _level_0(vault) < fts.TIDY_AT
    assert search(vault, "grandmother") == found
    assert search(vault, "w3x1*") == prefix
    assert [h.record_id for h in found] == [draft]
    assert _config(vault)["secure-delete"] == 1


def test_segments_per_level_reads_the_structure_fts5_wrote(vault: Vault, draft: str) -> None:
    records = RecordRepository(vault)
    for edit in range(3):
        records.save_answer(draft, KEY, f"note {edit}")
        bring_index_up_to_date(vault)
    with vault.exclusive() as conn:
        assert sum(fts.segments_per_level(conn)) >= 3
    with vault.transaction() as conn:
        conn.execute("INSERT INTO record_fts(record_fts) VALUES ('optimize')")
    with vault.exclusive() as conn:
        assert sum(fts.segments_per_level(conn)) == 1  # optimize leaves one segment
