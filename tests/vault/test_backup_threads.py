"""Backups while another thread reads the vault's connection (issue: a backup
overlapping a view's load failed with "database backup is locked")."""

from __future__ import annotations

import threading
import zipfile
from dataclasses import replace
from pathlib import Path
from uuid import uuid4

from supnotes.domain.people import Worker
from supnotes.vault.backup import DB_NAME, read_manifest, write_backup
from supnotes.vault.connection import open_connection
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


def test_each_backup_is_one_committed_moment_while_another_thread_commits(
    vault: Vault, tmp_path: Path
) -> None:
    # Each commit writes a pair of rows and grows a long text by a page or so:
    # a copy torn between two commits would hold half a pair or a damaged page.
    stop = threading.Event()
    commits = 0
    writer_failures: list[BaseException] = []

    def commit_pairs() -> None:
        nonlocal commits
        while not stop.is_set():
            try:
                with vault.transaction() as conn:
                    conn.execute("INSERT INTO setting VALUES (?, 'a', 'now')", (f"a{commits}",))
                    conn.execute("INSERT INTO setting VALUES (?, 'b', 'now')", (f"b{commits}",))
                    conn.execute(
                        "INSERT OR REPLACE INTO setting VALUES ('long', ?, 'now')",
                        ("x" * 5000 * (commits % 20),),
                    )
                commits += 1
            except BaseException as exc:
                writer_failures.append(exc)
                return

    writer = threading.Thread(target=commit_pairs)
    writer.start()
    try:
        backups = [write_backup(vault, tmp_path / f"b{n}.snbackup").path for n in range(8)]
    finally:
        stop.set()
        writer.join()
    assert writer_failures == []
    assert commits > 0
    counts = []
    for n, backup in enumerate(backups):
        copy = tmp_path / f"x{n}"
        with zipfile.ZipFile(backup) as archive:
            archive.extract(DB_NAME, copy)
        conn = open_connection(copy / DB_NAME, vault.data_key, read_only=True)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            (a,) = conn.execute("SELECT count(*) FROM setting WHERE value = 'a'").fetchone()
            (b,) = conn.execute("SELECT count(*) FROM setting WHERE value = 'b'").fetchone()
        finally:
            conn.close()
        assert a == b
        counts.append(a)
    assert counts == sorted(counts)
