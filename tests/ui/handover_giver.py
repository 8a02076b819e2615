"""A giving supervisor's vault for the handover tests: a short demo history.

The history of the worker with open actions is sealed (a handover carries
signed records only); everything else stays a draft.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path

from supnotes.domain.demo import build_demo
from supnotes.domain.people import Worker
from supnotes.domain.records import RecordStatus
from supnotes.domain.template_loader import default_library
from supnotes.services import identity
from supnotes.vault.demo import write_demo
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.repositories.actions import open_actions_of_worker
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.vault import Vault
from tests.sealed_history import seal_history

PASSPHRASE = "a long enough passphrase"
GIVER = "Ann Giver"


@contextmanager
def giver_vault(folder: Path) -> Iterator[Vault]:
    built = build_demo(default_library(), today=date(2026, 3, 20), history_days=60)
    drafts = tuple(
        replace(c, record=replace(c.record, status=RecordStatus.DRAFT, signed_at=None))
        for c in built.records
    )
    vault, _ = Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS)
    with vault:
        write_demo(vault, replace(built, records=drafts))
        identity.create_self_signed(vault, GIVER, "Team manager", "Org")
        seal_history(vault, worker_with_open_actions(vault)[0].id)
        yield vault


def worker_with_open_actions(vault: Vault) -> tuple[Worker, list[str]]:
    """A worker who has open actions, and those actions' texts in review order."""
    for worker in WorkerRepository(vault).all():
        actions = open_actions_of_worker(vault.conn, worker.id)
        if actions:
            return worker, [a.text for a in actions]
    raise AssertionError("the demo has no worker with open actions")
