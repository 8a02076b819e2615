"""A child process that writes autosave-sized transactions until it is killed.

Run as ``python -m tests.vault.crash_writer FOLDER`` with SUPNOTES_PASSPHRASE
set. Prints ``ready`` once open, then the number of each row whose COMMIT has
returned (a "confirmed" write), one per line, flushed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from supnotes.vault.vault import Unlock, Vault

TEXT = "The worker described the home visit and the child's wishes. " * 16  # ~1 KB


def main(folder: Path) -> None:
    vault = Vault.open(folder, Unlock(passphrase=os.environ["SUPNOTES_PASSPHRASE"]))
    (start,) = vault.conn.execute(
        "SELECT count(*) FROM setting WHERE key LIKE 'autosave-%'"
    ).fetchone()
    print("ready", flush=True)
    number = start
    while True:
        with vault.transaction() as conn:
            conn.execute(
                "INSERT INTO setting VALUES (?, ?, 'now')", (f"autosave-{number:06d}", f'"{TEXT}"')
            )
        print(number, flush=True)
        number += 1


if __name__ == "__main__":
    main(Path(sys.argv[1]))
