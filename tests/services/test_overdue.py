"""The overdue list's entries from a real vault: supervision, actions, agreements."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from supnotes.services.overdue import OverdueKind, overdue_entries
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Vault
from tests.services.compliance_vault import ACTION_CANARY, ANN, LEO, NINA, make_vault


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vault]:
    opened = make_vault(tmp_path_factory.mktemp("overdue") / "v")
    with opened:
        yield opened


def _by(vault: Vault, today: date) -> dict[tuple[str | None, OverdueKind], list[object]]:
    found: dict[tuple[str | None, OverdueKind], list[object]] = {}
    for e in overdue_entries(vault, today):
        found.setdefault((e.worker_id, e.kind), []).append(e)
    return found


def test_supervision_is_listed_only_past_the_grace(vault: Vault) -> None:
    # Ann's last session was 30 Apr: next due 28 May. On 31 May, 3 days: within grace.
    on_31 = {(e.worker_id, e.kind) for e in overdue_entries(vault, date(2026, 5, 31))}
    assert (ANN.id, OverdueKind.SUPERVISION) not in on_31
    on_1 = [e for e in overdue_entries(vault, date(2026, 6, 1)) if e.worker_id == ANN.id]
    sup = [e for e in on_1 if e.kind is OverdueKind.SUPERVISION]
    assert [(e.due_on, e.days, e.record_id) for e in sup] == [(date(2026, 5, 28), 4, None)]
    assert sup[0].details == "Last held 2026-04-30"


def test_the_grace_setting_applies(vault: Vault) -> None:
    store = SettingsStore(vault)
    try:
        store.set("schedule.grace_days", 0)
        kinds = {(e.worker_id, e.kind) for e in overdue_entries(vault, date(2026, 5, 31))}
        assert (ANN.id, OverdueKind.SUPERVISION) in kinds
    finally:
        store.set("schedule.grace_days", 3)


def test_overdue_actions_open_their_record(vault: Vault) -> None:
    entries = [e for e in overdue_entries(vault, date(2026, 6, 1)) if e.kind is OverdueKind.ACTION]
    assert len(entries) == 1  # the closed one is not listed
    (action,) = entries
    assert (action.worker_id, action.due_on, action.days) == (ANN.id, date(2026, 5, 1), 31)
    assert action.details == ACTION_CANARY  # the app shows the action's words
    assert action.record_id is not None


def test_agreements_past_review_for_workers_in_post(vault: Vault) -> None:
    found = _by(vault, date(2026, 6, 1))
    assert (NINA.id, OverdueKind.AGREEMENT) in found
    assert (ANN.id, OverdueKind.AGREEMENT) not in found  # her latest is in date
    assert (LEO.id, OverdueKind.AGREEMENT) not in found  # he has left
    assert not _by(vault, date(2026, 5, 20)).get((NINA.id, OverdueKind.AGREEMENT))


def test_entries_are_by_worker(vault: Vault) -> None:
    names = [e.worker_name for e in overdue_entries(vault, date(2026, 6, 1))]
    assert names == sorted(names, key=str.casefold)
    assert not any(e.worker_id == LEO.id for e in overdue_entries(vault, date(2026, 6, 1)))
