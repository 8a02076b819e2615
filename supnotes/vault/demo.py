"""Write a generated demo vault's content (see :mod:`supnotes.domain.demo`)."""

from __future__ import annotations

from supnotes.domain.demo import DemoVault
from supnotes.vault.repositories.profile import write_profile
from supnotes.vault.repositories.records import insert_contents
from supnotes.vault.repositories.templates import store_snapshot
from supnotes.vault.repositories.workers import write_worker
from supnotes.vault.vault import Vault


def write_demo(vault: Vault, demo: DemoVault) -> None:
    """Everything in one transaction: a half-filled demo vault is never left behind."""
    with vault.transaction() as conn:
        write_profile(conn, demo.supervisor)
        for template in demo.templates:
            store_snapshot(conn, template)
        for worker in demo.workers:
            write_worker(conn, worker)
        insert_contents(conn, demo.records)
