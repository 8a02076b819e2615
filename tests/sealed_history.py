"""Seal a worker's history in a test vault, as a real vault's history is signed.

Handovers carry signed records only (drafts never leave the laptop), so the
handover tests seal what they hand over.
"""

from __future__ import annotations

from supnotes.services.sealing import Acknowledgement, seal_record
from supnotes.vault.vault import Vault

ACK = Acknowledgement("The supervisee", has_read=True, agrees=True)


def seal_history(vault: Vault, worker_id: str, *, keep_newest: bool = False) -> list[str]:
    """Seal the worker's own drafts and the group sessions they attended.

    Their newest own record stays a draft when ``keep_newest``. Returns the
    ids left as drafts.
    """
    own = [
        str(r[0])
        for r in vault.query(
            "SELECT id FROM record WHERE worker_id = ? AND status = 'draft' ORDER BY held_on, id",
            (worker_id,),
        )
    ]
    groups = [
        str(r[0])
        for r in vault.query(
            "SELECT DISTINCT a.record_id FROM attendee a JOIN record r ON r.id = a.record_id"
            " WHERE a.worker_id = ? AND r.status = 'draft'",
            (worker_id,),
        )
    ]
    left = own[-1:] if keep_newest else []
    for record_id in own:
        if record_id not in left:
            seal_record(vault, record_id, ACK)
    for record_id in groups:
        seal_record(vault, record_id, None)
    return left
