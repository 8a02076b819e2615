"""Nothing written into the vault can be read from any file on disk."""

from __future__ import annotations

import os
import tempfile
import time
import uuid
from pathlib import Path

from supnotes.vault.backup import rolling_backup, write_backup
from supnotes.vault.vault import Unlock, Vault
from tests.vault.conftest import PASSPHRASE


def _forms(canary: str) -> list[bytes]:
    return [canary.encode("utf-8"), canary.encode("utf-16-le"), canary.encode("utf-16-be")]


def _files_containing(roots: list[Path], canary: str, since: float) -> list[Path]:
    found = []
    forms = _forms(canary)
    for root in roots:
        # os.walk skips folders that vanish meanwhile (other programs share the temp folder).
        paths = [Path(top) / name for top, _, names in os.walk(root) for name in names]
        for path in paths:
            try:
                if not path.is_file() or path.stat().st_mtime < since - 1:
                    continue
                data = path.read_bytes()
            except OSError:
                continue
            if any(form in data for form in forms):
                found.append(path)
    return found


def test_canary_appears_in_no_file(tmp_path: Path, created: tuple[Vault, str]) -> None:
    started = time.time()
    vault, _ = created
    canary = f"CANARY-{uuid.uuid4().hex}-Siân Wąsowska"
    with vault.transaction() as conn:
        # Many rows, so pages spill into the WAL and the main file alike.
        conn.executemany(
            "INSERT INTO setting VALUES (?, ?, 'now')",
            [(f"k{i}", f"{canary} {'x' * 500}") for i in range(200)],
        )
    # While open: vault, -wal and -shm.
    assert Path(str(vault.paths.db) + "-wal").exists()
    roots = [vault.paths.folder, Path(tempfile.gettempdir())]
    assert _files_containing(roots, canary, started) == []

    write_backup(vault, tmp_path / "backup.snbackup")
    rolling_backup(vault)
    with vault.transaction() as conn:
        conn.execute("DELETE FROM setting WHERE key = 'k1'")
    vault.close()
    assert _files_containing([*roots, tmp_path], canary, started) == []

    # And the reader can still read it back, so the test wrote what it searched for.
    with Vault.open(vault.paths.folder, Unlock(passphrase=PASSPHRASE)) as reopened:
        assert reopened.query(
            "SELECT count(*) FROM setting WHERE value LIKE ?", (f"{canary}%",)
        ) == [(199,)]


def test_vault_files_are_private(created: tuple[Vault, str]) -> None:
    vault, _ = created
    if os.name != "posix":
        return
    for path in (vault.paths.db, vault.paths.keyfile, vault.paths.folder):
        assert path.stat().st_mode & 0o077 == 0, path
