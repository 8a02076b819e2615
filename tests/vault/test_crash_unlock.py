"""Unlock after a killed process: a quick check before, the full check after, on its own connection.

The process is really killed (SIGKILL, mid-write). Damage is made the way a
lying drive would leave it: bytes changed inside one encrypted page, which
SQLCipher's page HMAC refuses when that page is read.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest

from supnotes.domain.people import Stage, Worker
from supnotes.domain.template_loader import TemplateLibrary
from supnotes.vault.errors import VaultCorrupt, VaultError
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.vault import Unlock, Vault
from tests.vault.conftest import PASSPHRASE
from tests.vault.test_crash import _kill_and_collect, _start_writer

PAGE = 4096  # SQLCipher 4's page size


def _fill(folder: Path, library: TemplateLibrary) -> None:
    """A worker and a one-to-one with an answer; closed cleanly (all in the main file)."""
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault:
        worker = Worker("w1", "Dana Fictional", "Social Worker", "East", date(2024, 1, 8),
                        Stage.QUALIFIED)  # fmt: skip
        WorkerRepository(vault).save(worker)
        records = RecordRepository(vault)
        rid = records.create(
            library.get("one-to-one"), worker_id="w1", held_on=date(2026, 1, 5)
        ).record.id
        records.save_answer(rid, "wellbeing.wellbeing", "Sleeping better since the move.")


def _damage(folder: Path, table: str) -> None:
    """Change bytes in the middle of ``table``'s root page in the main file."""
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault:
        (root,) = vault.conn.execute(
            "SELECT rootpage FROM sqlite_schema WHERE name = ?", (table,)
        ).fetchone()
    db = folder / "supnotes.db"
    data = bytearray(db.read_bytes())
    at = (int(root) - 1) * PAGE + PAGE // 2
    data[at : at + 16] = bytes(b ^ 0xFF for b in data[at : at + 16])
    db.write_bytes(bytes(data))


def _crash(folder: Path) -> None:
    writer = _start_writer(folder)
    _kill_and_collect(writer)


def test_after_a_kill_the_vault_opens_and_the_full_check_passes_while_it_is_written(
    closed_vault: tuple[Path, str], library: TemplateLibrary
) -> None:
    folder, _ = closed_vault
    _fill(folder, library)
    _crash(folder)
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault:
        assert vault.recovered_from_crash
        results = []
        checker = threading.Thread(target=lambda: results.append(vault.check_on_own_connection()))
        checker.start()
        for number in range(20):  # the app keeps writing on its own connection meanwhile
            with vault.transaction() as conn:
                conn.execute("INSERT INTO setting VALUES (?, '1', 'now')", (f"during-{number}",))
        checker.join(timeout=60)
        assert results
        assert results[0].ok, results[0].problems


def test_damage_to_what_the_window_needs_is_refused_before_it_opens(
    closed_vault: tuple[Path, str], library: TemplateLibrary
) -> None:
    folder, _ = closed_vault
    _fill(folder, library)
    _damage(folder, "worker")
    _crash(folder)
    with pytest.raises(VaultCorrupt):
        Vault.open(folder, Unlock(passphrase=PASSPHRASE))


def test_damage_to_the_records_is_found_by_the_background_check(
    closed_vault: tuple[Path, str], library: TemplateLibrary
) -> None:
    folder, _ = closed_vault
    _fill(folder, library)
    _damage(folder, "answer")
    _crash(folder)
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault:
        assert vault.recovered_from_crash
        report = vault.check_on_own_connection()
    assert not report.ok
    assert any(p.startswith(("structure", "encryption")) for p in report.problems)


def test_the_background_check_stops_when_asked(
    closed_vault: tuple[Path, str], library: TemplateLibrary
) -> None:
    folder, _ = closed_vault
    _fill(folder, library)
    with (
        Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault,
        pytest.raises(VaultError, match="stopped"),
    ):
        vault.check_on_own_connection(stop=lambda: True)
