"""The organisation's escrow slot: add, remove, follow IT's policy, recover.

Every change of who can open the vault is recorded in the access trail in
the same transaction as the key file is rewritten: if the rewrite fails, the
transaction rolls back and the trail says nothing happened (nothing did).
See docs/escrow.md for the procedure IT follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from supnotes.domain.trail import TrailEntry, TrailKind
from supnotes.services import trail
from supnotes.vault.escrow import (
    MAX_KEY_FILE_BYTES,
    EscrowKeyUnusable,
    EscrowPrivateKey,
    EscrowPublicKey,
    EscrowSlotInfo,
    fingerprint,
    load_public_key,
)
from supnotes.vault.kdf import Argon2Params
from supnotes.vault.machine_defaults import MachineDefaults
from supnotes.vault.repositories.trail import TrailRepository
from supnotes.vault.vault import Unlock, Vault, check_passphrase_strength


def read_public_key(path: Path) -> EscrowPublicKey:
    """The organisation's public key from a file (PEM public key or certificate, or DER)."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_KEY_FILE_BYTES + 1)
    except OSError as exc:
        raise EscrowKeyUnusable(f"{path} cannot be read: {exc.strerror or exc}") from None
    return load_public_key(raw)


def organisation_key(defaults: MachineDefaults) -> EscrowPublicKey | None:
    """The escrow key IT named in the machine-wide defaults (None when none is named)."""
    source = defaults.escrow_public_key
    if source is None:
        return None
    if source.startswith("-----BEGIN"):
        return load_public_key(source.encode("ascii", errors="replace"))
    return read_public_key(Path(source))


def current(vault: Vault) -> EscrowSlotInfo | None:
    return vault.keyfile.escrow_info


def add(vault: Vault, public_key: EscrowPublicKey) -> EscrowSlotInfo:
    """Add (or replace) the escrow slot for ``public_key``, and record it in the trail.

    Replacing another organisation key records its removal too.
    """
    before = vault.keyfile.escrow_info
    wanted = fingerprint(public_key)
    with vault.transaction():
        if before is not None and before.fingerprint != wanted:
            trail.record(vault, TrailKind.ESCROW_REMOVED, destination=before.fingerprint)
        trail.record(vault, TrailKind.ESCROW_ADDED, destination=wanted)
        vault.add_escrow_slot(public_key)
    info = vault.keyfile.escrow_info
    assert info is not None
    return info


def remove(vault: Vault) -> None:
    """Remove the escrow slot, and record it in the trail (nothing when there is none)."""
    info = vault.keyfile.escrow_info
    if info is None:
        return
    with vault.transaction():
        trail.record(vault, TrailKind.ESCROW_REMOVED, destination=info.fingerprint)
        vault.remove_escrow_slot()


#: The audience of an entry written by :func:`reconcile`: the act's own entry was lost.
RECORDED_LATE = "recorded at the next unlock"


def reconcile(vault: Vault) -> TrailEntry | None:
    """Give the trail the entry a killed add or remove could not commit.

    The key file is replaced before the trail entry commits (so a failed
    rewrite leaves no false entry); a process killed between the two leaves
    a slot whose change the trail does not show. Run at each unlock by the
    app and the escrow commands: when the newest escrow entry disagrees with
    the key file, the missing entry is appended now, marked as recorded late.
    """
    if vault.read_only:
        return None
    last = TrailRepository(vault).last_of((TrailKind.ESCROW_ADDED, TrailKind.ESCROW_REMOVED))
    info = vault.keyfile.escrow_info
    if info is not None:
        if (
            last is not None
            and last.kind is TrailKind.ESCROW_ADDED
            and last.destination == info.fingerprint
        ):
            return None
        return trail.record(
            vault, TrailKind.ESCROW_ADDED, audience=RECORDED_LATE, destination=info.fingerprint
        )
    if last is None or last.kind is TrailKind.ESCROW_REMOVED:
        return None
    return trail.record(
        vault, TrailKind.ESCROW_REMOVED, audience=RECORDED_LATE, destination=last.destination
    )


@dataclass(frozen=True)
class PolicyOutcome:
    """What following IT's escrow policy at unlock did, and what to tell the supervisor."""

    message: str | None = None
    added: bool = False


def apply_policy(vault: Vault, defaults: MachineDefaults) -> PolicyOutcome:
    """Follow the machine defaults' escrow policy on a vault just unlocked.

    With ``escrow.required``, a vault without the organisation's key (no slot,
    or a slot for another key) gets it now, and the supervisor is told. Without
    it, the supervisor is told the key is offered (Settings adds it). A key
    that cannot be read is reported, never fatal; a read-only vault is left.
    The trail is first brought in line with the key file (:func:`reconcile`).
    """
    reconcile(vault)
    if defaults.escrow_public_key is None:
        return PolicyOutcome()
    try:
        key = organisation_key(defaults)
    except EscrowKeyUnusable as exc:
        return PolicyOutcome(
            f"The organisation's escrow key named by IT could not be used: {exc.one_line()}"
        )
    assert key is not None
    present = vault.keyfile.escrow_info
    wanted = fingerprint(key)
    if present is not None and present.fingerprint == wanted:
        return PolicyOutcome()
    if not defaults.escrow_required:
        return PolicyOutcome(_offer(present))
    if vault.read_only:
        return PolicyOutcome()
    add(vault, key)
    return PolicyOutcome(
        "As your organisation requires, its escrow key was added to this vault.\n"
        "IT can recover the vault if both passphrase and recovery key are lost "
        f"(key {wanted[:23]}…).",
        added=True,
    )


def _offer(present: EscrowSlotInfo | None) -> str:
    if present is None:
        return (
            "Your organisation offers an escrow key: see Settings → Organisation escrow key.\n"
            "With it, IT can recover this vault if you lose your passphrase and recovery key."
        )
    return (
        "This vault's escrow key is not your organisation's current one: see Settings.\n"
        "Settings → Organisation escrow key shows the vault's key and adds the current one."
    )


@dataclass(frozen=True)
class EscrowRecovery:
    """What ``escrow-unlock`` did: the key used and the new recovery key (shown once)."""

    fingerprint: str
    recovery_key: str


def escrow_unlock(
    folder: Path,
    private_key: EscrowPrivateKey,
    new_passphrase: str,
    *,
    kdf_params: Argon2Params | None = None,
) -> EscrowRecovery:
    """Open the vault with the organisation's key, set a new passphrase and recovery key.

    The new passphrase is judged first, so a refused one changes nothing. The
    audit entry is committed before the key file changes: the vault was
    opened with the escrow key even if what follows fails.
    """
    check_passphrase_strength(new_passphrase)
    used = fingerprint(private_key.public_key())
    with Vault.open(folder, Unlock(escrow_key=private_key)) as vault:
        reconcile(vault)
        trail.record(vault, TrailKind.ESCROW_UNLOCK, destination=used)
        vault.change_passphrase(new_passphrase, kdf_params=kdf_params)
        recovery_key = vault.new_recovery_key()
    return EscrowRecovery(used, recovery_key)
