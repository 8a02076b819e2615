"""The autosave worker merges the search index's edit segments, so a search need not.

An edit's re-index (the first search after it) merges nothing: FTS5's automerge
is off for it (``supnotes.vault.fts.reindex_edited``). A background batch
does one bounded merge step after its writes; lock's and close's batch, run
on the UI thread as the key goes, never does.
"""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from supnotes.ui.editor import autosave as autosave_module
from supnotes.ui.editor import saving
from supnotes.ui.editor.autosave import Autosave, Batch
from supnotes.vault import fts
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.search import bring_index_up_to_date, search
from supnotes.vault.vault import Vault
from tests.ui.editor.conftest import WORKER, Setup

KEY = "agenda.items"


def _level_0(vault: Vault) -> int:
    with vault.exclusive() as conn:
        levels = fts.segments_per_level(conn)
    return levels[0] if levels else 0


def _edits_waiting(setup: Setup) -> str:
    """A record edited and searched often enough that its segments wait for a merge."""
    template = setup.context.library.get("one-to-one")
    records = RecordRepository(setup.vault)
    rid = records.create(template, worker_id=WORKER.id, held_on=WORKER.start_date).record.id
    for edit in range(fts.TIDY_AT):
        records.save_answer(
            rid, KEY, f"Visit {edit}: " + " ".join(f"t{edit}w{i}" for i in range(300))
        )
        bring_index_up_to_date(setup.vault)
    assert _level_0(setup.vault) >= fts.TIDY_AT
    return rid


def test_a_background_save_merges_the_waiting_segments(qtbot: QtBot, setup: Setup) -> None:
    rid = _edits_waiting(setup)
    found = search(setup.vault, "visit")
    autosave = Autosave(lambda: setup.vault)
    events: list[str] = []
    autosave.trace = lambda event, _detail, _when: events.append(event)
    autosave.mark_write(KEY, saving.answer(rid, KEY, "Visit: the grandmother came too."))
    autosave.flush()
    qtbot.waitUntil(lambda: not autosave.pending, timeout=10_000)
    assert events.index("commit-end") < events.index("tidy-start") < events.index("tidy-end")
    assert _level_0(setup.vault) < fts.TIDY_AT
    assert [h.record_id for h in search(setup.vault, "grandmother")] == [rid]
    assert {h.record_id for h in search(setup.vault, "visit")} == {h.record_id for h in found}


def test_the_save_at_lock_merges_nothing(setup: Setup) -> None:
    rid = _edits_waiting(setup)
    waiting = _level_0(setup.vault)
    autosave = Autosave(lambda: setup.vault)
    autosave.mark_write(KEY, saving.answer(rid, KEY, "Saved as the vault locks."))
    assert autosave.flush_now()
    assert _level_0(setup.vault) == waiting


def test_a_failed_merge_is_not_a_failed_save(setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    rid = _edits_waiting(setup)

    def broken(vault: Vault) -> bool:
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(autosave_module, "tidy_index", broken)
    batch = Batch([(KEY, saving.answer(rid, KEY, "Kept."))]).run(setup.vault, tidy=True)
    assert batch.error is None
    assert batch.done == [KEY]
    assert RecordRepository(setup.vault).get(rid).record.answer(KEY) == "Kept."
