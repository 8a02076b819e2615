"""The compliance report from a real vault: Examples A and B, teams, groups, CSV and PDF."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from supnotes.domain.compliance import Period
from supnotes.services.compliance_output import to_csv, to_pdf
from supnotes.services.compliance_report import NoSuchTeam, build_report
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Vault
from tests.services.compliance_vault import ANN, CANARIES, LEO, NINA, TODAY, make_vault
from tests.tools import need_command

SPRING = Period(date(2026, 3, 1), date(2026, 5, 31))


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vault]:
    opened = make_vault(tmp_path_factory.mktemp("compliance") / "v")
    with opened:
        yield opened


def test_examples_a_and_b_from_the_vault(vault: Vault) -> None:
    report = build_report(vault, SPRING, today=TODAY)
    rows = {r.worker.id: r for r in report.rows}
    a, b = rows[ANN.id], rows[NINA.id]
    assert (a.due, a.held, a.longest_gap) == (3, 2, 41)
    assert [s.days for s in a.late] == [13]
    assert a.days_overdue_at_end == 3
    assert (b.due, b.held, b.progression_met, b.longest_gap) == (9, 7, False, 21)
    assert (a.actions.raised, a.actions.closed, a.actions.overdue) == (2, 1, 1)
    assert (a.caseload_start, a.caseload_end) == (14, 22)


def test_a_leaver_is_counted_to_their_leaving_date(vault: Vault) -> None:
    leo = next(r for r in build_report(vault, SPRING, today=TODAY).rows if r.worker.id == LEO.id)
    assert leo.window == Period(date(2026, 3, 1), date(2026, 4, 10))
    assert (leo.due, leo.held, leo.part_of_period) == (1, 1, "left")


def test_team_filter_and_totals(vault: Vault) -> None:
    east = build_report(vault, SPRING, " east ", today=TODAY)
    assert {r.worker.id for r in east.rows} == {ANN.id, NINA.id}
    assert (east.totals.due, east.totals.held, east.totals.held_on_target) == (12, 9, 9)
    with pytest.raises(NoSuchTeam, match="East, West"):
        build_report(vault, SPRING, "North", today=TODAY)


def test_group_sessions_count_only_with_the_setting(vault: Vault) -> None:
    store = SettingsStore(vault)
    try:
        store.set("schedule.count_group_sessions", True)
        ann = next(
            r for r in build_report(vault, SPRING, today=TODAY).rows if r.worker.id == ANN.id
        )
        assert ann.held == 3
        assert ann.days_overdue_at_end == 0  # 12 May + 28 days = 9 Jun
    finally:
        store.set("schedule.count_group_sessions", False)


def test_csv_rows_and_no_canary(vault: Vault) -> None:
    data = to_csv(build_report(vault, SPRING, today=TODAY))
    text = data.decode("utf-8")
    assert not any(canary in text for canary in CANARIES)
    rows = list(csv.DictReader(io.StringIO(text)))
    ann = next(r for r in rows if r["Worker"] == ANN.name)
    assert ann["Sessions due"] == "3"
    assert ann["Sessions held"] == "2"
    assert ann["Longest gap (days)"] == "41"
    assert ann["Most days overdue"] == "13"
    assert ann["Days overdue at end"] == "3"
    assert ann["Overdue"] == "no"
    assert ann["Progression met"] == "n/a"
    nina = next(r for r in rows if r["Worker"] == NINA.name)
    assert (nina["Sessions due"], nina["Progression met"]) == ("9", "no")
    assert nina["Part of period"] == "joined"
    # A name starting with "=" is written so a spreadsheet shows it, not runs it.
    assert any(r["Worker"] == "'" + LEO.name for r in rows)
    assert rows[-1]["Worker"] == "Team totals (3 workers)"


@pytest.fixture(scope="module")
def pdf(vault: Vault) -> bytes:
    return to_pdf(build_report(vault, SPRING, "East", today=TODAY))


def test_pdf_text_has_marking_figures_and_definitions_and_no_canary(
    pdf: bytes, tmp_path: Path
) -> None:
    pdftotext = need_command("pdftotext", "poppler-utils")
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        [pdftotext, "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    flat = " ".join(text.split())
    assert flat.count("OFFICIAL-SENSITIVE PERSONAL") >= 2  # top and bottom of each page
    assert "Supervision compliance report" in flat
    assert "Team: East" in flat
    assert "Ann Example" in flat
    assert "41 days" in flat
    assert "13 days" in flat
    assert "Definitions" in flat
    assert "every gap between consecutive sessions is at most the phase's interval" in flat
    assert "Fictional Borough Council" in flat
    assert not any(canary in flat for canary in CANARIES)


def test_pdf_carries_its_own_data_kind_and_no_canary(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    raw = reader.attachments["record-data.json"][0]
    data = json.loads(raw)
    assert data["audience"]["output"] == "compliance-report"
    assert data["record"]["reference"] == "COMPLIANCE-2026-03-01-2026-05-31"
    kinds = [c["kind"] for c in data["content"] if c["type"] == "table"]
    assert kinds == ["compliance-supervision", "compliance-actions", "compliance-totals"]
    assert not any(canary.encode() in raw for canary in CANARIES)
    assert not any(canary.encode() in pdf for canary in CANARIES)


def test_progression_before_any_phase_ends_is_said_in_words(vault: Vault) -> None:
    early = build_report(vault, Period(date(2026, 3, 2), date(2026, 4, 10)), "East", today=TODAY)
    rows = {r["Worker"]: r for r in csv.DictReader(io.StringIO(to_csv(early).decode("utf-8")))}
    assert rows[NINA.name]["Progression met"] == "no phase ended"
    assert rows[ANN.name]["Progression met"] == "n/a"
