"""Handover files through the hub: queue one for a receiver, and fetch one's own.

The handover file is made and encrypted to the receiver by the handover
feature (``supnotes handover``); here it is only bytes. ``queue`` puts it in
the vault's outbox (kind ``handover``, addressed to the receiver's key
fingerprint) and the next send deposits it; ``fetch`` writes the handovers
addressed to the caller's keys into a folder, for ``supnotes handover-import``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from supnotes.hub.deposits import DepositKind, deposit_id
from supnotes.hub.handover import addressed_to_me, normalised_fingerprint
from supnotes.services.hub_connection import NoHubConfigured, open_configured
from supnotes.vault.atomic import write_atomic
from supnotes.vault.repositories.outbox import OutboxRepository
from supnotes.vault.vault import Vault

MAX_HANDOVER_BYTES = 512 * 1024 * 1024


def reference_for(sha256: str) -> str:
    """A handover's reference names no one: its file name may carry a worker's name."""
    return f"HANDOVER-{sha256[:16]}"


def queue(vault: Vault, path: Path, key_fingerprint: str) -> bool:
    """Queue ``path``'s bytes for the receiver; False if the same file is already queued."""
    key = normalised_fingerprint(key_fingerprint)
    if OutboxRepository(vault).connection() is None:
        raise NoHubConfigured
    content = path.read_bytes()
    if not content:
        raise ValueError(f"{path.name} is empty: not a handover file")
    if len(content) > MAX_HANDOVER_BYTES:
        raise ValueError(f"{path.name} is larger than a handover can be (512 MB)")
    sha = hashlib.sha256(content).hexdigest()
    kind = DepositKind.HANDOVER.value
    return OutboxRepository(vault).queue_payload(
        deposit_id(kind, key, sha), kind, key, reference_for(sha), content
    )


def fetch(vault: Vault, out: Path, key_fingerprint: str | None = None) -> list[Path]:
    """Write each handover addressed to this login's keys into ``out``; the paths written."""
    store, _ = open_configured(vault)
    with store:
        found = addressed_to_me(store, key_fingerprint)
    out.mkdir(mode=0o700, parents=True, exist_ok=True)
    written = []
    for handover in found:
        if hashlib.sha256(handover.content).hexdigest() != handover.sha256:
            continue  # never hand on bytes that are not what was deposited
        path = out / f"{handover.reference}.handover"
        write_atomic(path, handover.content, mode=0o600)
        written.append(path)
    return written
