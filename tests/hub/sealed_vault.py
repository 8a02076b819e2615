"""A vault with sealed records (a one-to-one with two children, with an addendum to one
child, and a group), built once per session and copied for each test."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

from supnotes.domain.demo import build_demo
from supnotes.domain.records import RecordKind, RecordStatus
from supnotes.domain.template_loader import default_library
from supnotes.services.sealing import Acknowledgement, add_addendum, seal_record
from supnotes.vault.demo import write_demo
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.vault import Unlock, Vault

PASSPHRASE = "a long enough passphrase"
TODAY = date(2026, 3, 20)


def build(folder: Path) -> None:
    built = build_demo(default_library(), today=TODAY, history_days=30)
    drafts = tuple(
        replace(c, record=replace(c.record, status=RecordStatus.DRAFT, signed_at=None))
        for c in built.records
    )
    demo = replace(built, records=drafts)
    one = next(
        c for c in demo.records if c.record.kind is RecordKind.ONE_TO_ONE and len(c.child_refs) >= 2
    )
    group = next(c for c in demo.records if c.record.kind is RecordKind.GROUP)
    vault, _ = Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS)
    with vault:
        write_demo(vault, demo)
        ack = Acknowledgement(typed_name="Worker", has_read=True, agrees=True, comments="")
        seal_record(vault, one.record.id, ack)
        seal_record(vault, group.record.id, None)
        add_addendum(
            vault,
            one.record.id,
            "correction",
            "The review date is a week later.",
            child_refs=[sorted(one.child_refs)[0]],
        )


def copy(source: Path, target: Path) -> Vault:
    shutil.copytree(source, target)
    return Vault.open(target, Unlock(passphrase=PASSPHRASE))


def copy_open(folder: Path) -> Vault:
    return Vault.open(folder, Unlock(passphrase=PASSPHRASE))
