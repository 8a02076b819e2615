"""Service-wide figures: sent per period, checked at intake, read only by who needs them,
and the service report built from them, on both backends."""

from __future__ import annotations

import itertools
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from supnotes.domain.compliance import Period
from supnotes.domain.practice_themes import ALLOWED
from supnotes.domain.service_figures import FiguresError, parse
from supnotes.hub.address import HubAddress
from supnotes.hub.deposits import Decision, NewDeposit
from supnotes.hub.migrations import HubMigration
from supnotes.hub.opening import open_store
from supnotes.services.compliance_report import build_report
from supnotes.services.hub_figures import FuturePeriod, figures_for, queue_figures
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
    # Highlights are counts per team, collection and listed theme: never text.
    assert figures.highlights
    for h in body["highlights"]:
        assert set(h) == {"team", "collection", "theme", "count"}
        assert h["theme"] in ALLOWED
        assert h["count"] >= 1


def test_a_version_1_payload_without_highlights_is_still_read(sealed: Vault) -> None:
    body = json.loads(figures_for(sealed, PERIOD, today=TODAY).to_json())
    body["version"] = 1
    del body["highlights"]
    assert parse(json.dumps(body).encode()).highlights == ()
    body["highlights"] = []
    with pytest.raises(FiguresError, match="keys outside the format"):
        parse(json.dumps(body).encode())


def test_figures_for_a_period_not_yet_ended_are_refused(sealed: Vault) -> None:
    with pytest.raises(FuturePeriod, match="after today"):
        queue_figures(sealed, Period(date(2026, 3, 1), date(2026, 3, 21)), today=TODAY)
    assert queue_figures(sealed, Period(date(2026, 3, 1), TODAY), today=TODAY)


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
    assert csv_text.split("\r\n\r\n")[0].count("\r\n") == len(report.lines)
    text = " ".join(pages_text(to_pdf(report)))
    assert "Supervision across the service" in text
    assert report.lines[0].supervisor in text
    # Highlights across teams: the same counts the laptop sent, grouped by theme.
    sent_highlights = figures_for(sealed, PERIOD, today=TODAY).highlights
    assert report.highlights
    assert sum(line.mentions for line in report.highlights) == sum(h.count for h in sent_highlights)
    assert {line.theme for line in report.highlights} == {h.theme for h in sent_highlights}
    assert outside.highlights == ()
    assert "Highlights across teams" in text
    assert report.highlights[0].theme.split()[0] in text
    section = csv_text.split("Highlights across teams")[1].splitlines()
    assert section[1] == "Theme,Raised as,Mentions,Teams"
    assert len(section) == len(report.highlights) + 2


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


def test_highlights_with_text_in_place_of_a_theme_are_refused_at_intake(
    hub: Hub, sealed: Vault
) -> None:
    body = json.loads(figures_for(sealed, PERIOD, today=TODAY).to_json())
    body["highlights"][0]["theme"] = "C-100450 was hit at home"
    smuggled = NewDeposit("figures", "all teams", "FIGURES-y", False, json.dumps(body).encode())
    login = hub.login("supervisor")
    with hub.open_as(login) as store:
        store.deposit(smuggled, login)
    with hub.open_as(hub.login("admin")) as store:
        (refused,) = run_intake(store).refused
        assert "not in the list of practice themes" in refused[1]
        assert store.highlight_rows() == []


def test_figures_whose_period_ends_after_their_receipt_are_refused_at_intake(
    hub: Hub, sealed: Vault
) -> None:
    figures = figures_for(sealed, PERIOD, today=TODAY)
    body = json.loads(figures.to_json())
    body["period_end"] = (date.today() + timedelta(days=7)).isoformat()
    early = NewDeposit("figures", "all teams", "FIGURES-z", False, json.dumps(body).encode())
    login = hub.login("supervisor")
    with hub.open_as(login) as store:
        store.deposit(early, login)
    with hub.open_as(hub.login("admin")) as store:
        (refused,) = run_intake(store).refused
    assert "after the hub received the figures" in refused[1]


def test_a_hub_from_before_highlights_upgrades_and_still_reports_its_figures(
    hub: Hub, sealed: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hub from before the highlights holding version-1 figures (no highlights):
    'hub init' brings it to the highlights view; the old figures count, with no highlights."""
    from supnotes.hub import file_store, postgres_store, schema_file, schema_postgres

    def before(migrations: tuple[HubMigration, ...]) -> tuple[HubMigration, ...]:
        return tuple(itertools.takewhile(lambda m: "highlights" not in m.description, migrations))

    old = len(before(schema_file.MIGRATIONS))
    assert old == len(before(schema_postgres.MIGRATIONS)) < len(schema_file.MIGRATIONS)
    monkeypatch.setattr(file_store, "MIGRATIONS", before(schema_file.MIGRATIONS))
    monkeypatch.setattr(postgres_store, "MIGRATIONS", before(schema_postgres.MIGRATIONS))
    monkeypatch.setattr(
        postgres_store,
        "grants",
        lambda: tuple(
            g.replace(", service_highlights", "").replace(", waiting_by_kind", "")
            for g in schema_postgres.grants()
            if not g.startswith("GRANT SELECT ON waiting_by_kind")
        ),
    )
    if hub.server is None:
        address = HubAddress.file(tmp_path / "old.db")
    else:
        hub.server.psql("postgres", f"CREATE DATABASE {hub.dbname}_old")
        address = HubAddress.postgresql(hub.server.socket_url(f"{hub.dbname}_old"))
    with open_store(address, create=True) as store:
        assert store.initialise() == old
        body = json.loads(figures_for(sealed, PERIOD, today=TODAY).to_json())
        body["version"] = 1
        del body["highlights"]
        store.deposit(NewDeposit("figures", "all", "F-1", False, json.dumps(body).encode()), "x")
        (waiting,) = store.received()
        store.decide(waiting.id, Decision.ACCEPTED)  # as that version's intake did
    monkeypatch.undo()
    with open_store(address, create=True) as store:
        assert store.initialise() == schema_file.MIGRATIONS[-1].version
        report = build_service_report(store, Period(date(2026, 1, 1), date(2026, 12, 31)))
    assert report.figures_read == 1
    assert report.lines
    assert report.highlights == ()
