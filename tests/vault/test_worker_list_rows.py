"""The worker list's rows: each worker's latest caseload only, and never a saveable Worker."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from supnotes.domain.demo import build_demo
from supnotes.domain.people import CaseloadEntry, ListedWorker, Stage, Worker
from supnotes.domain.standing import standing_of
from supnotes.domain.template_loader import TemplateLibrary
from supnotes.vault.demo import write_demo
from supnotes.vault.repositories.held import last_held_by_worker
from supnotes.vault.repositories.overview import OverviewRepository
from supnotes.vault.repositories.settings import SettingsRepository
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.vault import Vault

TODAY = date(2026, 3, 2)


@pytest.fixture
def workers(vault: Vault, library: TemplateLibrary) -> WorkerRepository:
    write_demo(vault, build_demo(library, today=TODAY, history_days=200))
    repo = WorkerRepository(vault)
    history = tuple(CaseloadEntry(date(2025, month, 1), month) for month in (11, 3, 7))
    repo.save(
        Worker(
            "w-hist",
            "Ada History",
            "SW",
            "North",
            date(2024, 1, 1),
            Stage.QUALIFIED,
            caseload=history,
        )
    )
    repo.save(Worker("w-none", "Bo None", "SW", "", date(2025, 1, 1), Stage.ASYE))
    repo.save(
        Worker(
            "w-left",
            "Cy Left",
            "SW",
            "",
            date(2020, 1, 1),
            Stage.QUALIFIED,
            caseload=history[:1],
            leaving_date=date(2025, 12, 1),
        )
    )
    return repo


@pytest.mark.parametrize("include_left", [True, False])
def test_the_list_rows_are_the_workers_with_their_latest_count(
    workers: WorkerRepository, include_left: bool
) -> None:
    full = workers.all(include_left=include_left)
    listed = workers.listed(include_left=include_left)
    assert len(full) > 3
    assert listed == [ListedWorker.of(w) for w in full]  # same workers, same order
    by_id = {w.id: w for w in listed}
    assert by_id["w-hist"].latest_caseload == CaseloadEntry(date(2025, 11, 1), 11)
    assert by_id["w-hist"].current_caseload == 11
    assert by_id["w-none"].latest_caseload is None
    assert ("w-left" in by_id) is include_left


def test_standings_are_those_of_the_full_workers(vault: Vault, workers: WorkerRepository) -> None:
    rules = SettingsRepository(vault).stage_rules()
    last = last_held_by_worker(vault, TODAY)
    standings = OverviewRepository(vault).standings(TODAY)
    expected = {
        w.id: standing_of(w, last.get(w.id, (None, None))[0], (0, 0), TODAY, rules)
        for w in workers.all()
    }
    assert [s.worker.id for s in standings] == [w.id for w in workers.all()]
    for standing in standings:
        want = expected[standing.worker.id]
        assert (standing.worker, standing.rule, standing.last_held, standing.next_due) == (
            want.worker,
            want.rule,
            want.last_held,
            want.next_due,
        )


def test_a_list_row_cannot_be_saved_over_the_history(workers: WorkerRepository) -> None:
    row = next(w for w in workers.listed() if w.id == "w-hist")
    with pytest.raises(AttributeError):
        workers.save(replace(row, name="Renamed"))  # type: ignore[arg-type]
    kept = workers.get("w-hist")
    assert kept.name == "Ada History"
    assert len(kept.caseload) == 3
