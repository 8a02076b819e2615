"""Backups while another thread reads the vault's connection (issue: a backup
overlapping a view's load failed with "database backup is locked")."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from uuid import uuid4

from supnotes.domain.people import Worker
from supnotes.vault.backup import read_manifest, write_backup
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.restore import restore_backup
from supnotes.vault.vault import Unlock, Vault
from tests.vault.conftest import PASSPHRASE


def test_backups_never_fail_while_another_thread_reads(
    vault: Vault, worker: Worker, tmp_path: Path
) -> None:
    stop = threading.Event()
    reads = 0
    reader_failures: list[BaseException] = []

    def read_forever() -> None:
        # Like the UI thread's reads: the shared connection, without the lock.
        nonlocal reads
        while not stop.is_set():
            try:
                vault.query("SELECT name FROM worker")
                vault.query("SELECT count(*) FROM sqlite_master")
                reads += 1
            except BaseException as exc:
                reader_failures.append(exc)
                return

    reader = threading.Thread(target=read_forever)
    reader.start()
    try:
        for n in range(30):
            out = tmp_path / f"b{n}.snbackup"
            write_backup(vault, out)
            assert read_manifest(out)["vault_id"] == vault.vault_id
    finally:
        stop.set()
        reader.join()
    assert reads > 0
    assert reader_failures == []


def test_a_backup_taken_while_another_thread_writes_restores_whole(
    vault: Vault, worker: Worker, tmp_path: Path
) -> None:
    stop = threading.Event()
    saved = 0
    writer_failures: list[BaseException] = []

    def write_forever() -> None:
        nonlocal saved
        while not stop.is_set():
            try:
                WorkerRepository(vault).save(replace(worker, id=str(uuid4()), name=f"W {saved}"))
                saved += 1
            except BaseException as exc:
                writer_failures.append(exc)
                return

    writer = threading.Thread(target=write_forever)
    writer.start()
    try:
        backups = [write_backup(vault, tmp_path / f"b{n}.snbackup").path for n in range(5)]
    finally:
        stop.set()
        writer.join()
    assert writer_failures == []
    assert saved > 0
    # Restoring opens the copy and runs the full check (pages, structure, keys).
    restore_backup(backups[-1], tmp_path / "restored", Unlock(passphrase=PASSPHRASE))
    with Vault.open(tmp_path / "restored", Unlock(passphrase=PASSPHRASE)) as restored:
        names = {w.name for w in WorkerRepository(restored).all()}
    assert worker.name in names
