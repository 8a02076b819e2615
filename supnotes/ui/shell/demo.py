"""``supnotes --demo``: a temporary vault of made-up people, passphrase shown.

The vault is created in a fresh temporary folder (with the real key
derivation, so the demo shows the real start-up) and removed when the app
quits. The folder is locked as in use while the app runs, so one left by an
app that crashed or was killed is removed the next time a demo starts.
:func:`fill_demo` writes the same fictitious supervision as the
``supnotes demo`` command.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from filelock import FileLock

from supnotes.vault.staging import claim_folder, release_folder, sweep
from supnotes.vault.vault import Vault

DEMO_PASSPHRASE = "demo blue kettle harbour"  # noqa: S105 (published: shown to everyone)
DEMO_PREFIX = "supnotes-demo-"
#: The in-use locks of this app's demo folders, held until the demo is removed.
_HELD: dict[Path, FileLock] = {}


def fill_demo(vault: Vault) -> None:
    """Fill ``vault`` with fictitious workers and their records, the signed ones sealed.

    Every signed record gets its real signed PDFs (as the ``supnotes demo``
    command does), so export, print and verify work on the demo; sealing is
    what makes this take several seconds.
    """
    # Imported here: sealing brings pyHanko and reportlab, which an app
    # opening an existing vault should not load at start-up.
    from supnotes.domain.template_loader import default_library
    from supnotes.services.demo import build_sealed_demo, write_sealed_demo
    from supnotes.vault.settings_store import SettingsStore

    demo = build_sealed_demo(default_library(), today=date.today())
    write_sealed_demo(vault, demo)
    # Settings → You shows the supervisor who signed the demo's records.
    SettingsStore(vault).set_many(
        {
            "profile.name": demo.supervisor.name,
            "profile.role": demo.supervisor.role,
            "organisation.name": demo.supervisor.organisation,
        }
    )


def create_demo_vault() -> Vault:
    """A new demo vault in a temporary folder (runs on a worker thread)."""
    root, held = claim_folder(Path(tempfile.gettempdir()), DEMO_PREFIX)
    try:
        vault, _recovery_key = Vault.create(root / "vault", DEMO_PASSPHRASE, fill=fill_demo)
    except BaseException:
        release_folder(root, held)
        raise
    _HELD[root] = held
    return vault


def remove_stale_demo_folders() -> list[Path]:
    """Remove demo folders left by an app that crashed or was killed."""
    return sweep(Path(tempfile.gettempdir()), DEMO_PREFIX)


def remove_demo_vault(folder: Path) -> None:
    """Delete a demo vault's temporary folder (after the vault is closed)."""
    root = folder.parent
    if root.name.startswith(DEMO_PREFIX):
        release_folder(root, _HELD.pop(root, None))
