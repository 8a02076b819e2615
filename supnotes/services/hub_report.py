"""``hub report``: the service view across teams, from the figures supervisors sent.

Per team and supervisor: workers, sessions due vs held, held on target,
workers overdue at the end, and workers over the caseload warning level.
Read from the hub's accepted figures (the principal social worker's and
admin's view); the newest figures of each supervisor, team and period count.

Then "Highlights across teams": per practice theme and collection (learning
themes, items to feed up, good practice), how many highlights touched it and
which teams raised them. These are counts the laptops made from their own
highlights (docs/organisation.md); no text of a highlight reaches the hub.
They are read through the hub's ``service_highlights`` view, which holds no
per-worker figures.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date, datetime

from supnotes.domain.compliance import Period
from supnotes.domain.highlights import COLLECTION_TITLES
from supnotes.domain.service_figures import (
    FiguresError,
    HighlightLine,
    SentHighlights,
    ServiceFigures,
    highlight_lines,
    highlights_from,
    parse,
    service_lines,
)
from supnotes.domain.service_figures import SupervisorLine as Line
from supnotes.hub.store import HubStore
from supnotes.pdf.printable import FieldRow, Heading, Paragraph, PrintableRecord, Table
from supnotes.pdf.record_data import SERVICE_REPORT

TITLE = "Supervision across the service"
COLUMNS = (
    "Team",
    "Supervisor",
    "Workers",
    "Sessions due",
    "Sessions held",
    "Held on target",
    "Overdue",
    "Over caseload",
)

HIGHLIGHTS_TITLE = "Highlights across teams"
HIGHLIGHT_COLUMNS = ("Theme", "Raised as", "Mentions", "Teams")

# The same columns, in words short enough for an A4 table.
_PRINTED_COLUMNS = ("Team", "Supervisor", "Workers", "Due", "Held", "On target", "Overdue",
                    "Over caseload")  # fmt: skip


@dataclass(frozen=True)
class ServiceReport:
    period: Period
    team: str | None
    made_on: date
    lines: tuple[Line, ...]
    figures_read: int
    highlights: tuple[HighlightLine, ...] = ()


def build_service_report(
    store: HubStore, period: Period, team: str | None = None, *, today: date | None = None
) -> ServiceReport:
    newest: dict[tuple[str, str], tuple[datetime, ServiceFigures]] = {}
    for deposit in store.filed("figures"):
        try:
            figures = parse(deposit.content)
        except FiguresError:
            continue  # intake refuses these; an older hub might hold one
        key = (deposit.sender, deposit.target)
        if key not in newest or newest[key][0] < deposit.received_at:
            newest[key] = (deposit.received_at, figures)
    sent = [figures for _, figures in newest.values()]
    return ServiceReport(
        period=period,
        team=team,
        made_on=today or date.today(),
        lines=tuple(service_lines(sent, period.start, period.end, team)),
        figures_read=len(sent),
        highlights=tuple(highlight_lines(_sent_highlights(store), period.start, period.end, team)),
    )


def _sent_highlights(store: HubStore) -> list[SentHighlights]:
    """The newest highlights of each supervisor and figures target, checked again."""
    newest: dict[tuple[str, str], tuple[datetime, SentHighlights]] = {}
    for sender, target, received_at, start, end, listed in store.highlight_rows():
        try:
            one = SentHighlights(
                date.fromisoformat(start),
                date.fromisoformat(end),
                highlights_from(json.loads(listed)),
            )
        except (ValueError, FiguresError):
            continue  # intake refuses these; an older hub might hold one
        key = (sender, target)
        if key not in newest or newest[key][0] < received_at:
            newest[key] = (received_at, one)
    return [one for _, one in newest.values()]


def _teams(line: HighlightLine) -> str:
    return "; ".join(f"{team or '(no team)'} ({n})" for team, n in line.teams)


def _highlight_cells(line: HighlightLine) -> list[str]:
    title = COLLECTION_TITLES.get(line.collection, line.collection)  # type: ignore[call-overload]
    return [line.theme, str(title), str(line.mentions), _teams(line)]


def _cells(line: Line) -> list[str]:
    return [
        line.team,
        line.supervisor,
        str(line.workers),
        str(line.due),
        str(line.held),
        str(line.held_on_target),
        str(line.overdue),
        str(line.over_caseload),
    ]


def _safe(cell: str) -> str:
    """No spreadsheet formula from a name (CSV injection)."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@") else cell


def to_csv(report: ServiceReport) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for line in report.lines:
        writer.writerow([_safe(c) for c in _cells(line)])
    writer.writerow([])
    writer.writerow([HIGHLIGHTS_TITLE])
    writer.writerow(HIGHLIGHT_COLUMNS)
    for hl in report.highlights:
        writer.writerow([_safe(c) for c in _highlight_cells(hl)])
    return out.getvalue().encode("utf-8-sig")


def printable(report: ServiceReport) -> PrintableRecord:
    p = report.period
    blocks: list[Heading | Paragraph | Table] = [Heading("Per team and supervisor")]
    if report.lines:
        blocks.append(
            Table(
                title="",
                columns=_PRINTED_COLUMNS,
                rows=[_cells(line) for line in report.lines],
                weights=(3, 3, 1.6, 1.2, 1.2, 1.6, 1.9, 1.8),
            )
        )
    else:
        blocks.append(Paragraph("", "No supervisor sent figures for this period."))
    blocks.append(Heading(HIGHLIGHTS_TITLE))
    if report.highlights:
        blocks.append(
            Table(
                title="",
                columns=HIGHLIGHT_COLUMNS,
                rows=[_highlight_cells(hl) for hl in report.highlights],
                weights=(4, 3, 1.6, 5),
            )
        )
    else:
        blocks.append(Paragraph("", "No highlights were sent for this period."))
    blocks.append(
        Paragraph(
            "Where these come from",
            "Each supervisor's figures as sent for a period within this one and accepted at "
            "intake; the newest for each supervisor, team and period. Held on target counts "
            "at most the sessions due for each worker. Over caseload: workers whose caseload "
            "at the end of the period is above the warning level their supervisor's "
            "settings give. Highlights: each supervisor's laptop matched its own learning "
            "themes, items to feed up and good-practice notes against a fixed list of practice "
            "themes and sent only how many touched each theme, per team; one note can touch "
            "several themes. No child's details, wellbeing content or record text are held.",
        )
    )
    return PrintableRecord(
        title=TITLE,
        kind="Service-wide supervision figures",
        record_ref=f"SERVICE-{p.start.isoformat()}-{p.end.isoformat()}",
        version=report.made_on.isoformat(),
        organisation="",
        audience=f"Team: {report.team}" if report.team else "All teams",
        meta=(
            FieldRow("Period", f"{p.start.isoformat()} to {p.end.isoformat()}"),
            FieldRow("Team", report.team or "All teams"),
            FieldRow("Made on", report.made_on.isoformat()),
            FieldRow("Figures read", str(report.figures_read)),
        ),
        blocks=tuple(blocks),
        output=SERVICE_REPORT,
    )


def to_pdf(report: ServiceReport) -> bytes:
    from supnotes.pdf.render import render_pdf

    return render_pdf(printable(report))
