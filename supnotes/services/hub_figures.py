"""Service-wide figures for a period, queued in the outbox for the hub.

Built from the compliance report (docs/compliance.md): per worker, sessions
due and held, overdue, caseload at the end; the workers' names, roles and
teams. No child, no record text, no wellbeing content. Queuing is the
supervisor's act (``supnotes send --figures-from … --figures-to …``); the
next ``send`` sends them with everything else.
"""

from __future__ import annotations

from datetime import date

from supnotes.domain.compliance import Period
from supnotes.domain.service_figures import ServiceFigures, WorkerFigures
from supnotes.domain.settings import CASELOAD_WARNING
from supnotes.hub.deposits import DepositKind, content_sha256, deposit_id
from supnotes.services.compliance_report import build_report
from supnotes.vault.repositories.outbox import OutboxRepository
from supnotes.vault.repositories.profile import ProfileRepository
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Vault


def figures_for(
    vault: Vault, period: Period, team: str | None = None, *, today: date | None = None
) -> ServiceFigures:
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
    )


def queue_figures(
    vault: Vault, period: Period, team: str | None = None, *, today: date | None = None
) -> bool:
    """Queue the period's figures; False if the very same figures are already queued."""
    payload = figures_for(vault, period, team, today=today).to_json()
    kind = DepositKind.FIGURES.value
    target = f"{team or 'all teams'} {period.start.isoformat()}..{period.end.isoformat()}"
    return OutboxRepository(vault).queue_payload(
        deposit_id(kind, target, content_sha256(payload)),
        kind,
        target,
        f"FIGURES-{period.start.isoformat()}-{period.end.isoformat()}",
        payload,
    )
