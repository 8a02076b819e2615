"""``RecordRepository.newest_ids``: the newest records, as the lists order them, without a scan.

``--smoke`` opens its editor on the newest corridor decision found this way; a
plan that sorted every record made that grow with the vault.
"""

from __future__ import annotations

from datetime import date

import pytest

from supnotes.domain.demo import build_demo
from supnotes.domain.records import RecordKind
from supnotes.domain.template_loader import TemplateLibrary
from supnotes.vault.demo import write_demo
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.vault import Vault
from tests.vault.test_query_plans import statements


@pytest.fixture
def filled(vault: Vault, library: TemplateLibrary) -> Vault:
    write_demo(vault, build_demo(library, today=date(2026, 3, 2), history_days=120))
    return vault


def _newest_first(vault: Vault, kind: RecordKind | None) -> list[str]:
    """Every record (of ``kind``), newest first, as the thread and lists order them."""
    rows = RecordRepository(vault).summaries()
    chosen = [s for s in rows if kind is None or s.kind is kind]
    return [s.id for s in sorted(chosen, key=lambda s: (s.held_on, s.reference), reverse=True)]


@pytest.mark.parametrize("kind", [None, RecordKind.AD_HOC, RecordKind.GROUP])
def test_the_newest_records_in_order(filled: Vault, kind: RecordKind | None) -> None:
    expected = _newest_first(filled, kind)
    assert len(expected) > 3
    records = RecordRepository(filled)
    for limit in (1, 2, 3, len(expected), len(expected) + 5):
        assert records.newest_ids(limit, kind) == expected[:limit]
    assert records.newest_ids(0, kind) == []


def test_an_empty_vault_has_none(vault: Vault) -> None:
    assert RecordRepository(vault).newest_ids(3) == []
    assert RecordRepository(vault).newest_ids(3, RecordKind.AD_HOC) == []


def _sorts_or_scans(vault: Vault, sql: str) -> list[str]:
    """Plan steps that read or sort every record. Walking the held_on index
    newest first is not one: the LIMIT stops it."""
    plan = [str(row[3]) for row in vault.conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()]
    walks = ("SCAN record USING INDEX record_held", "SEARCH record USING INDEX record_held")
    ties = "USE TEMP B-TREE FOR LAST TERM OF ORDER BY"  # only the rows of the newest day
    return [line for line in plan if not line.startswith(walks) and line != ties]


def test_the_check_catches_a_sort_of_every_record(vault: Vault) -> None:
    old = "SELECT id FROM record ORDER BY held_on DESC, reference DESC LIMIT 1"
    found = _sorts_or_scans(vault, old)
    # Every record is read (SQLite may read them from a covering index) and sorted.
    assert len(found) == 2
    assert found[0].startswith("SCAN record")
    assert found[1] == "USE TEMP B-TREE FOR ORDER BY"


@pytest.mark.parametrize("kind", [None, RecordKind.AD_HOC])
def test_finding_them_neither_scans_nor_sorts_every_record(
    filled: Vault, kind: RecordKind | None
) -> None:
    with statements(filled) as seen:
        RecordRepository(filled).newest_ids(1, kind)
    assert len(seen) == 2
    for sql in seen:
        assert _sorts_or_scans(filled, sql) == [], sql
