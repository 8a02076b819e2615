"""A small vault with one sealed session about two children, a canary in its words."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from supnotes.domain.demo import DemoVault
from supnotes.domain.records import RecordKind
from supnotes.services.sealing import seal_record
from supnotes.vault.demo import write_demo
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.vault import Vault
from tests.services.conftest import PASSPHRASE
from tests.services.test_sealing import ACK

#: A word no record would hold: it must never reach the access trail.
CANARY = "Quillfeathering"


def sealed_session(demo: DemoVault) -> tuple[DemoVault, str]:
    """``demo`` with a canary in one session's worries and a decision's rationale."""
    index, content = next(
        (n, c)
        for n, c in enumerate(demo.records)
        if c.record.kind is RecordKind.ONE_TO_ONE and len(c.child_refs) >= 2 and c.decisions
    )
    cases = tuple(
        replace(c, worries=f"{c.worries} {CANARY} worry.") for c in content.case_discussions
    )
    decisions = (
        replace(content.decisions[0], rationale=f"{content.decisions[0].rationale} {CANARY}."),
        *content.decisions[1:],
    )
    changed = replace(content, case_discussions=cases, decisions=decisions)
    records = (*demo.records[:index], changed, *demo.records[index + 1 :])
    return replace(demo, records=records), content.record.id


def make_sealed_vault(folder: Path, demo: DemoVault) -> str:
    """Create the vault in ``folder`` with the session sealed; the session's id."""
    with_canary, record_id = sealed_session(demo)
    vault, _ = Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS)
    with vault:
        write_demo(vault, with_canary)
        seal_record(vault, record_id, ACK)
    return record_id


def copy_vault(made: Path, into: Path) -> Path:
    shutil.copytree(made, into)
    return into
