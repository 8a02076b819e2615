"""Service-wide figures for a period, queued in the outbox for the hub.

Built from the compliance report (docs/compliance.md): per worker, sessions
due and held, overdue, caseload at the end; the workers' names, roles and
teams. No child, no record text, no wellbeing content. Queuing is the
supervisor's act (``supnotes send --figures-from … --figures-to …``); the
next ``send`` sends them with everything else.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from supnotes.domain.compliance import Period
from supnotes.domain.practice_themes import themes_of
from supnotes.domain.service_figures import ServiceFigures, TeamHighlight, WorkerFigures
from supnotes.domain.settings import CASELOAD_WARNING
from supnotes.domain.template_loader import TemplateLibrary
from supnotes.hub.deposits import DepositKind, content_sha256, deposit_id
from supnotes.services.compliance_report import build_report
from supnotes.vault.repositories.highlights import collect, record_teams
from supnotes.vault.repositories.outbox import OutboxRepository
from supnotes.vault.repositories.profile import ProfileRepository
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Vault


class FuturePeriod(ValueError):
    """Figures for a period that has not ended: they would count sessions not yet due."""


def team_highlights(
    vault: Vault,
    period: Period,
    team: str | None,
    library: TemplateLibrary,
    known_teams: frozenset[str],
) -> tuple[TeamHighlight, ...]:
    """The period's highlights as counts per team, collection and theme; no text.

    A record's team that none of the figures' workers is in (all its workers
    have left, say) is counted under "" (no team): intake accepts only teams
    the figures name."""
    teams = record_teams(vault, period.start, period.end)
    counts: Counter[tuple[str, str, str]] = Counter()
    for item in collect(vault, period.start, period.end, library):
        if not item.text.strip():
            continue
        for found in teams.get(item.reference, ("",)):
            owner = found if found in known_teams else ""
            if team is None or found == team:
                for theme in themes_of(item.text):
                    counts[(owner, item.collection, theme)] += 1
    return tuple(
        TeamHighlight(team=t, collection=c, theme=theme, count=n)
        for (t, c, theme), n in sorted(counts.items())
    )


def figures_for(
    vault: Vault,
    period: Period,
    team: str | None = None,
    *,
    today: date | None = None,
    library: TemplateLibrary | None = None,
) -> ServiceFigures:
    if period.end > (today or date.today()):
        raise FuturePeriod(
            f"the period ends on {period.end.isoformat()}, after today: send the figures "
            "once it has ended (they would count sessions not yet due)"
        )
    if library is None:
        from supnotes.services.templates import app_library

        library = app_library()
    report = build_report(vault, period, team, today=today)
    profile = ProfileRepository(vault).get()
    return ServiceFigures(
        supervisor=profile.name if profile else "",
        organisation=report.organisation,
        period_start=period.start,
        period_end=period.end,
        made_on=report.made_on,
        caseload_warning=SettingsStore(vault).get_int(CASELOAD_WARNING),
        workers=tuple(
            WorkerFigures(
                team=row.worker.team,
                worker=row.worker.name,
                role=row.worker.role,
                due=row.due,
                held=row.held,
                held_on_target=min(row.held, row.due),
                overdue=row.overdue,
                most_days_overdue=row.most_days_overdue,
                caseload_end=row.caseload_end,
            )
            for row in report.rows
        ),
        highlights=team_highlights(
            vault, period, team, library, frozenset(row.worker.team for row in report.rows)
        ),
    )


def queue_figures(
    vault: Vault,
    period: Period,
    team: str | None = None,
    *,
    today: date | None = None,
    library: TemplateLibrary | None = None,
) -> bool:
    """Queue the period's figures; False if the very same figures are already queued.

    Raises :class:`FuturePeriod` for a period ending after today."""
    payload = figures_for(vault, period, team, today=today, library=library).to_json()
    kind = DepositKind.FIGURES.value
    target = f"{team or 'all teams'} {period.start.isoformat()}..{period.end.isoformat()}"
    return OutboxRepository(vault).queue_payload(
        deposit_id(kind, target, content_sha256(payload)),
        kind,
        target,
        f"FIGURES-{period.start.isoformat()}-{period.end.isoformat()}",
        payload,
    )
