"""``supnotes --demo``: a temporary vault of made-up people, passphrase shown.

The vault is created in a fresh temporary folder (with the real key
derivation, so the demo shows the real start-up) and removed when the app
quits. :func:`fill_demo` is the seam where the demo data generator (the
``supnotes demo`` command's) is called.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from supnotes.vault.vault import Vault

DEMO_PASSPHRASE = "demo blue kettle harbour"  # noqa: S105 (published: shown to everyone)


def fill_demo(vault: Vault) -> None:
    """Fill ``vault`` with fictitious workers and records.

    Seam: the lead wires the model branch's generator here. An empty demo
    vault is valid meanwhile.
    """
    del vault


def create_demo_vault() -> Vault:
    """A new demo vault in a temporary folder (runs on a worker thread)."""
    root = Path(tempfile.mkdtemp(prefix="supnotes-demo-"))
    try:
        vault, _recovery_key = Vault.create(root / "vault", DEMO_PASSPHRASE)
        fill_demo(vault)
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    return vault


def remove_demo_vault(folder: Path) -> None:
    """Delete a demo vault's temporary folder (after the vault is closed)."""
    root = folder.parent
    if root.name.startswith("supnotes-demo-"):
        shutil.rmtree(root, ignore_errors=True)
