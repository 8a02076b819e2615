"""Service-wide figures: sent per period, checked at intake, read only by who needs them,
and the service report built from them, on both backends."""

from __future__ import annotations

import json
from datetime import date

import pytest

from supnotes.domain.compliance import Period
from supnotes.domain.service_figures import FiguresError, parse
from supnotes.hub.deposits import NewDeposit
from supnotes.services.compliance_report import build_report
from supnotes.services.hub_figures import figures_for, queue_figures
from supnotes.services.hub_intake import run_intake
from supnotes.services.hub_report import build_service_report, to_csv, to_pdf
from supnotes.services.hub_send import send
from supnotes.vault.vault import Vault
from tests.hub.conftest import Hub, connect_vault, register_own_certificate
from tests.hub.sealed_vault import TODAY
from tests.pdf.text import pages_text

PERIOD = Period(date(2026, 2, 1), TODAY)


def test_figures_hold_numbers_and_names_only(sealed: Vault) -> None:
    figures = figures_for(sealed, PERIOD, today=TODAY)
    assert parse(figures.to_json()) == figures
    body = json.loads(figures.to_json())
    assert set(body["workers"][0]) == {
        "team", "worker", "role", "due", "held", "held_on_target", "overdue",
        "most_days_overdue", "caseload_end",
    }  # fmt: skip
    assert b"C-" not in figures.to_json()  # no child reference rides along


def test_a_payload_outside_the_format_is_refused() -> None:
    body = json.loads(b'{"format": "x"}')
    with pytest.raises(FiguresError, match="keys outside the format"):
        parse(json.dumps(body).encode())


def test_the_service_report_adds_up_what_supervisors_sent(hub: Hub, sealed: Vault) -> None:
    register_own_certificate(sealed, hub)
    connect_vault(sealed, hub, hub.login("supervisor"))
    assert queue_figures(sealed, PERIOD, today=TODAY)
    assert not queue_figures(sealed, PERIOD, today=TODAY)  # the same figures once
    sent = send(sealed)
    assert sent.unreachable is None
    left_for_admin = sent.sent
    if hub.server is not None:
        # The records officer's intake does not see figures (HR data); the admin's does.
        with hub.open_as(hub.login("records-officer")) as store:
            done = run_intake(store)
            assert (done.accepted, done.refused) == (sent.sent - 1, [])
            assert store.rows("SELECT count(*) FROM deposit WHERE kind = 'figures'") == [(0,)]
        left_for_admin = 1
    with hub.open_as(hub.login("admin")) as store:
        assert run_intake(store).accepted == left_for_admin
    with hub.open_as(hub.login("psw")) as store:
        report = build_service_report(store, Period(date(2026, 1, 1), date(2026, 12, 31)))
        outside = build_service_report(store, Period(date(2026, 3, 1), date(2026, 12, 31)))
    totals = build_report(sealed, PERIOD, today=TODAY).totals
    assert report.figures_read == 1
    assert sum(line.due for line in report.lines) == totals.due
    assert sum(line.held for line in report.lines) == totals.held
    assert sum(line.workers for line in report.lines) == totals.workers
    assert sum(line.overdue for line in report.lines) == totals.overdue_workers
    assert outside.lines == ()  # figures for a period not inside the one asked for
    csv_text = to_csv(report).decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("Team,Supervisor,Workers")
    assert len(csv_text.splitlines()) == len(report.lines) + 1
    text = " ".join(pages_text(to_pdf(report)))
    assert "Supervision across the service" in text
    assert report.lines[0].supervisor in text


def test_figures_with_anything_extra_are_refused_at_intake(hub: Hub, sealed: Vault) -> None:
    body = json.loads(figures_for(sealed, PERIOD, today=TODAY).to_json())
    body["workers"][0]["child_ref"] = "C-100450"
    smuggled = NewDeposit("figures", "all teams", "FIGURES-x", False, json.dumps(body).encode())
    login = hub.login("supervisor")
    with hub.open_as(login) as store:
        store.deposit(smuggled, login)
    with hub.open_as(hub.login("admin")) as store:
        (refused,) = run_intake(store).refused
    assert refused[1].startswith("not readable as service figures")
