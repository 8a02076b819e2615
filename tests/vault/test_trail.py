"""The access trail: append-only in the vault itself, no folders, survives backup and restore."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from supnotes.domain.trail import TrailEntry, TrailKind, destination_name
from supnotes.services import trail
from supnotes.vault.connection import DatabaseError
from supnotes.vault.vault import Vault


def test_each_act_adds_exactly_one_entry_without_its_folder(vault: Vault) -> None:
    first = trail.record(
        vault,
        TrailKind.EXPORT_PDF,
        record_ref="SN-2026-0001",
        audience="child",
        child_ref="C-1042",
        destination=Path("/home/dana/Amara Oduya/SN-2026-0001 C-1042.pdf"),
    )
    assert trail.entries(vault) == [first]
    trail.record(vault, TrailKind.BACKUP, destination="C:\\Users\\Amara\\backup.zip")
    found = trail.entries(vault)
    assert [e.kind for e in found] == [TrailKind.EXPORT_PDF, TrailKind.BACKUP]
    assert [e.destination for e in found] == ["SN-2026-0001 C-1042.pdf", "backup.zip"]
    assert found[0].child_ref == "C-1042"


def test_the_vault_refuses_to_change_or_remove_an_entry(vault: Vault) -> None:
    trail.record(vault, TrailKind.PRINT, record_ref="SN-2026-0002")
    for statement in ("UPDATE access_trail SET kind = 'x'", "DELETE FROM access_trail"):
        with (
            pytest.raises(DatabaseError, match="access trail cannot be changed"),
            vault.transaction() as conn,
        ):
            conn.execute(statement)
    assert len(trail.entries(vault)) == 1


def test_the_vault_refuses_a_folder_in_a_destination(vault: Vault) -> None:
    sql = "INSERT INTO access_trail(at, kind, destination) VALUES (?, 'print', 'a/b')"
    with pytest.raises(DatabaseError), vault.transaction() as conn:
        conn.execute(sql, ("2026-01-01",))


def test_an_entry_cannot_be_made_with_a_folder() -> None:
    with pytest.raises(ValueError, match="without its folder"):
        TrailEntry(TrailKind.PRINT, datetime.now(), destination="/tmp/x.pdf")
    assert destination_name("  ") is None
    assert destination_name("a\\b/c.pdf") == "c.pdf"


def test_a_period_is_inclusive_of_both_days(vault: Vault) -> None:
    entry = trail.record(vault, TrailKind.CLIPBOARD, record_ref="SN-1", child_ref="C-1")
    day = entry.at.date()
    assert trail.entries(vault, day, day) == [entry]
    assert trail.entries(vault, day + timedelta(days=1)) == []
    assert trail.entries(vault, None, day - timedelta(days=1)) == []
