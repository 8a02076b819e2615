"""The app's demo shows its window first and seals its signed records afterwards."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supnotes.domain.records import RecordStatus
from supnotes.services.demo_plan import DemoSealing
from supnotes.ui.common import operations
from supnotes.ui.shell.controller import AppController
from supnotes.ui.shell.demo import write_demo_drafts
from supnotes.ui.shell.machine_state import MachineState
from supnotes.ui.shell.theme import Appearance
from supnotes.ui.views import thread_model as tm
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.repositories.sealed import SUPERVISION_FILE, SealedRepository
from supnotes.vault.vault import Unlock, Vault
from tests.ui.conftest import PASSPHRASE

SEALING_TIMEOUT_MS = 240_000


@pytest.fixture
def demo(
    qapp: QApplication, open_vault: Vault, machine: MachineState
) -> Iterator[tuple[AppController, DemoSealing]]:
    sealing = write_demo_drafts(open_vault)
    controller = AppController(
        qapp, open_vault.paths.folder, machine=machine, appearance=Appearance(qapp), demo=True
    )
    controller._demo_ready((open_vault, sealing))
    yield controller, sealing
    if controller.lock is not None:
        controller.lock.close_vault()
    controller.deleteLater()


def _states(vault: Vault, sealing: DemoSealing) -> dict[str, tuple[RecordStatus, bool]]:
    """Each demo record to seal: its status, and whether its sealed copy is stored."""
    sealed = SealedRepository(vault)
    records = RecordRepository(vault)
    return {
        record_id: (
            records.header(record_id).status,
            sealed.find(record_id, SUPERVISION_FILE) is not None,
        )
        for record_id in sealing.record_ids
    }


def test_the_window_shows_before_the_seals_and_waiting_records_stay_shut(
    qtbot: QtBot, demo: tuple[AppController, DemoSealing]
) -> None:
    controller, sealing = demo
    window, sealer = controller.window, controller.demo_sealer
    assert window is not None
    assert window.isVisible()
    assert sealer is not None
    assert len(sealing.record_ids) > 20
    # Shown at once, with most of the seals still to do.
    assert len(sealer.pending()) > len(sealing.record_ids) // 2
    assert "Demo: sealing its signed records" in window.statusBar().currentMessage()
    # The newest one-to-one still waiting (its worker's thread shows it).
    content = next(
        c
        for c in reversed(sealing.signed)
        if c.record.id in sealer.pending() and c.record.worker_id is not None
    )
    waiting, worker_id = content.record.id, content.record.worker_id
    assert worker_id is not None
    parts = window.parts
    # The worker list loads off the UI thread once the window shows: select once it is there.
    qtbot.waitUntil(lambda: parts.workers.select_worker(worker_id), timeout=10_000)

    def row_of_waiting() -> int | None:
        # The thread shown before (the first worker's) has rows too: wait for this one's.
        model = parts.thread.model
        rows = [r for r in range(model.rowCount()) if model.entry(r).record_id == waiting]
        return rows[0] if rows else None

    qtbot.waitUntil(lambda: row_of_waiting() is not None, timeout=10_000)
    row = row_of_waiting()
    assert row is not None
    status = parts.thread.model.index(row, tm.STATUS).data()
    assert status == tm.BEING_SEALED
    # Opening it (Enter, double-click, a search result: all the one seam) is refused.
    assert controller.oversight.open_record(waiting) is None
    assert "being sealed" in window.statusBar().currentMessage()
    # Nor can it be discarded meanwhile.
    refused: list[str] = []
    parts.thread.discarder.refused.connect(refused.append)
    parts.thread.table.selectRow(row)
    parts.thread.discarder.ask()
    assert refused
    assert "being sealed" in refused[0]

    qtbot.waitUntil(lambda: sealer.done, timeout=SEALING_TIMEOUT_MS)
    qtbot.waitUntil(lambda: not operations.busy(), timeout=10_000)
    vault = controller.lock.vault if controller.lock else None
    assert vault is not None
    assert set(_states(vault, sealing).values()) == {(RecordStatus.SIGNED, True)}
    assert "Demo ready" in window.statusBar().currentMessage()
    # The demo's addendum and counter-signature came last, as `supnotes demo` writes them.
    revisions = vault.query("SELECT max(revision) FROM sealed_document")
    assert revisions[0][0] == 2
    assert vault.query("SELECT count(*) FROM addendum")[0][0] != 0
    # Sealed, it opens now (read-only, as a signed record does).
    editor = controller.oversight.open_record(waiting)
    assert editor is not None


def test_quitting_mid_way_leaves_every_record_whole(
    qtbot: QtBot, demo: tuple[AppController, DemoSealing]
) -> None:
    controller, sealing = demo
    sealer, lock = controller.demo_sealer, controller.lock
    assert sealer is not None
    assert lock is not None
    assert lock.vault is not None
    folder = lock.vault.paths.folder
    qtbot.waitUntil(lambda: len(sealer.pending()) < len(sealing.record_ids), timeout=60_000)
    lock.close_vault()  # what quitting does: the seal under way finishes, no other starts
    left = sealer.pending()
    qtbot.wait(500)
    QApplication.processEvents()
    assert not operations.busy()
    # At most the seal that was under way is counted since; none started after.
    assert left
    assert len(left) - len(sealer.pending()) <= 1
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as reopened:
        states = _states(reopened, sealing)
    # Every record is either sealed with its PDFs, or still a draft without any.
    assert set(states.values()) <= {(RecordStatus.SIGNED, True), (RecordStatus.DRAFT, False)}
    assert (RecordStatus.DRAFT, False) in set(states.values())
    assert not sealer.done
