"""A child process that adds and removes the escrow slot over and over until it is killed.

Run as ``python -m tests.faults.escrow_child FOLDER PASSPHRASE PUBLIC_KEY.pem``.
Prints ``start`` once the vault is open, then ``added`` or ``removed`` after
each change has returned (key file replaced and trail entry committed), flushed.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from supnotes.services import escrow as escrow_service
from supnotes.vault.escrow import load_public_key
from supnotes.vault.throttle import UnlockThrottle
from supnotes.vault.vault import Unlock, Vault


def main(argv: list[str]) -> None:
    folder, passphrase, pem = Path(argv[0]), argv[1], Path(argv[2])
    key = load_public_key(pem.read_bytes())
    throttle = UnlockThrottle(Path(tempfile.mkdtemp()) / "attempts.json")
    vault = Vault.open(folder, Unlock(passphrase=passphrase), throttle=throttle)
    print("start", flush=True)
    while True:
        if vault.keyfile.escrow_info is None:
            escrow_service.add(vault, key)
            print("added", flush=True)
        else:
            escrow_service.remove(vault)
            print("removed", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
