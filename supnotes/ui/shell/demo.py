"""``supnotes --demo``: a temporary vault of made-up people, passphrase shown.

The vault is created in a fresh temporary folder (with the real key
derivation, so the demo shows the real start-up) and removed when the app
quits. The folder is locked as in use while the app runs, so one left by an
app that crashed or was killed is removed the next time a demo starts.
It holds the same fictitious supervision as the ``supnotes demo`` command;
its signed records are written as drafts and sealed once the window shows
(:mod:`supnotes.ui.shell.demo_sealing`), since sealing 50 records takes seconds.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from filelock import FileLock

from supnotes.ui.shell.demo_sealing import seal_all
from supnotes.vault.kdf import MIN_ITERATIONS, MIN_MEMORY_KIB, Argon2Params
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.staging import claim_folder, release_folder, sweep
from supnotes.vault.vault import Vault

if TYPE_CHECKING:
    from supnotes.services.demo_plan import DemoSealing

DEMO_PASSPHRASE = "demo blue kettle harbour"  # noqa: S105 (published: shown to everyone)
DEMO_PREFIX = "supnotes-demo-"
#: Real Argon2id at the floor every new key slot gets, without timing this machine
#: first: calibrating costs six more passes (0.4 s, seconds when busy) before the
#: window, and the demo's passphrase is published, so a stronger setting protects
#: nothing. Unlocking the demo after locking it still derives the key for real.
DEMO_KDF = Argon2Params(iterations=MIN_ITERATIONS, memory_kib=MIN_MEMORY_KIB, lanes=4)
#: The in-use locks of this app's demo folders, held until the demo is removed.
_HELD: dict[Path, FileLock] = {}


def write_demo_drafts(vault: Vault) -> DemoSealing:
    """Fill ``vault`` with fictitious workers and records, the signed ones still drafts.

    Quick (no signing stack is loaded): the app shows its window on this, and
    :class:`supnotes.ui.shell.demo_sealing.DemoSealer` seals the rest afterwards.
    """
    # Imported here, on the worker thread that makes the demo: the generator is
    # no part of an app opening a real vault.
    from supnotes.domain.template_loader import default_library
    from supnotes.services.demo_plan import build_sealed_demo, write_unsealed_demo

    library = default_library()
    sealing = write_unsealed_demo(vault, build_sealed_demo(library, today=date.today()))
    supervisor = sealing.demo.supervisor
    # Settings → You shows the supervisor who signed the demo's records.
    SettingsStore(vault).set_many(
        {
            "profile.name": supervisor.name,
            "profile.role": supervisor.role,
            "organisation.name": supervisor.organisation,
        }
    )
    return sealing


def fill_demo(vault: Vault) -> None:
    """The whole demo at once, every signed record sealed (as ``supnotes demo`` writes it)."""
    sealing = write_demo_drafts(vault)
    seal_all(vault, sealing)


def create_demo_vault() -> tuple[Vault, DemoSealing]:
    """A new demo vault in a temporary folder, its seals still to do (on a worker thread).

    The vault is created with the real key derivation (at the floor, see
    :data:`DEMO_KDF`), and its records written in the same step: a demo vault
    is never seen half-written.
    """
    root, held = claim_folder(Path(tempfile.gettempdir()), DEMO_PREFIX)
    plans: list[DemoSealing] = []
    try:
        vault, _recovery_key = Vault.create(
            root / "vault",
            DEMO_PASSPHRASE,
            kdf_params=DEMO_KDF,
            fill=lambda made: plans.append(write_demo_drafts(made)),
        )
    except BaseException:
        release_folder(root, held)
        raise
    _HELD[root] = held
    return vault, plans[0]


def remove_stale_demo_folders() -> list[Path]:
    """Remove demo folders left by an app that crashed or was killed."""
    return sweep(Path(tempfile.gettempdir()), DEMO_PREFIX)


def remove_demo_vault(folder: Path) -> None:
    """Delete a demo vault's temporary folder (after the vault is closed)."""
    root = folder.parent
    if root.name.startswith(DEMO_PREFIX):
        release_folder(root, _HELD.pop(root, None))
