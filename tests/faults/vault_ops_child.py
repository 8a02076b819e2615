"""A child process that runs one real vault operation over and over until it is killed.

Run as ``python -m tests.faults.vault_ops_child OP FOLDER PASSPHRASE [OTHER...]``.
Prints ``start`` once the vault is open (key derivation done), then one line
per completed operation, flushed, so the parent knows what was confirmed:

- ``backup``: ``done`` after each backup written to ``FOLDER/../out/copy.snbackup``;
- ``passphrase``: ``now <n>`` after each change, cycling PASSPHRASE, OTHER... (the
  passphrases given, the vault opening with the first): ``n`` is the index of
  the one that opens the vault from then on;
- ``migrate``: ``done`` once the older vault is open, copied and migrated;
- ``seal``: ``sealed <record id>`` after each draft is signed and sealed.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.throttle import UnlockThrottle
from supnotes.vault.vault import Unlock, Vault

OUT_NAME = "copy.snbackup"


def _say(line: str) -> None:
    print(line, flush=True)


def _open(folder: Path, passphrase: str, *, read_only: bool = False) -> Vault:
    attempts = Path(tempfile.mkdtemp()) / "attempts.json"
    return Vault.open(
        folder,
        Unlock(passphrase=passphrase),
        throttle=UnlockThrottle(attempts),
        read_only=read_only,
    )


def backup(folder: Path, passphrase: str) -> None:
    from supnotes.vault.backup import write_backup

    out = folder.parent / "out"
    vault = _open(folder, passphrase, read_only=True)  # as 'supnotes backup' does
    _say("start")
    while True:
        write_backup(vault, out / OUT_NAME)
        _say("done")


def change_passphrase(folder: Path, phrases: list[str]) -> None:
    vault = _open(folder, phrases[0])
    _say("start")
    current = 0
    while True:
        current = (current + 1) % len(phrases)
        vault.change_passphrase(phrases[current], kdf_params=TEST_PARAMS)
        _say(f"now {current}")


def migrate(folder: Path, passphrase: str) -> None:
    _say("start")
    with _open(folder, passphrase):
        _say("done")


def seal(folder: Path, passphrase: str) -> None:
    from supnotes.domain.records import RecordStatus
    from supnotes.services import identity as identities
    from supnotes.services.sealing import Acknowledgement, seal_record

    vault = _open(folder, passphrase)
    rows = vault.query(
        "SELECT id, worker_id FROM record WHERE status = ? ORDER BY held_on, id",
        (str(RecordStatus.DRAFT),),
    )
    identity = identities.ensure(vault)
    _say("start")
    for record_id, worker_id in rows:
        acknowledgement = None
        if worker_id is not None:
            acknowledgement = Acknowledgement("A. Supervisee", has_read=True, agrees=True)
        seal_record(vault, str(record_id), acknowledgement, identity=identity)
        _say(f"sealed {record_id}")


def main(argv: list[str]) -> None:
    op, folder, passphrase, *rest = argv
    path = Path(folder)
    if op == "backup":
        backup(path, passphrase)
    elif op == "passphrase":
        change_passphrase(path, [passphrase, *rest])
    elif op == "migrate":
        migrate(path, passphrase)
    elif op == "seal":
        seal(path, passphrase)
    else:
        raise SystemExit(f"unknown operation {op}")


if __name__ == "__main__":
    main(sys.argv[1:])
