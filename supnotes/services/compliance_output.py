"""The compliance report as CSV, and as a PDF through the records' rendering layer.

Both carry the same rows: one per worker in post during the period, then the
team totals. The PDF prints the protective marking on every page and the
definitions the figures follow (docs/compliance.md); its attached data is
the printed tables (``audience.output`` ``"compliance-report"``,
docs/embedded-data.md).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from supnotes.domain.compliance import TeamTotals, WorkerCompliance
from supnotes.domain.people import Stage
from supnotes.pdf.printable import FieldRow, Heading, Paragraph, PrintableRecord, Table
from supnotes.pdf.record_data import COMPLIANCE_REPORT
from supnotes.services.compliance_report import ComplianceReport
from supnotes.vault.vault import Vault

TITLE = "Supervision compliance report"

DEFINITIONS: tuple[tuple[str, str], ...] = (
    (
        "Sessions due",
        "The worker's rule applied as a calendar from an anchor: the last session held "
        "before the period, or the start date if there is none. Each due date is the "
        "previous one plus the interval of the phase the previous one falls in (phases "
        "count from the start date). Due dates inside the period while the worker is in "
        "post are counted.",
    ),
    (
        "Sessions held",
        "Signed one-to-ones, and drafts with content dated on or before the day the "
        "report was made; group sessions only when the setting says they count. Ad-hoc "
        "decisions and supervision agreements never count.",
    ),
    (
        "Days overdue",
        "Rolling, as the worker list shows it: the next session is due one interval after "
        "the last one held. 'At end' is the days past that date on the last day in post in "
        "the period; 'most' also counts sessions held late within it. A worker is flagged "
        "overdue when the days overdue at the end exceed the grace.",
    ),
    (
        "Longest gap",
        "The most days between consecutive sessions held, counting from the anchor and up "
        "to the period's end or the leaving date.",
    ),
    (
        "ASYE/NQSW progression met",
        "Over the phases that ended within the period, every gap between consecutive "
        "sessions is at most the phase's interval plus the grace. The first gap counts from "
        "the start date; a gap belongs to the phase in which it starts. 'No phase ended': no phase "
        "ended in the period.",
    ),
    (
        "Actions",
        "Raised: in a record dated within the period. Closed: marked done or dropped by a "
        "record dated within it. Overdue: still open when the report was made and due "
        "before the period's end.",
    ),
    (
        "Caseload",
        "The latest count on or before the first and the last day in post in the period.",
    ),
    (
        "Joiners and leavers",
        "Counted only for the part of the period they were in post.",
    ),
    (
        "Team totals",
        "Sums of the rows; 'held on target' caps each worker's sessions held at their "
        "sessions due, so extra sessions for one worker do not hide missed ones for another.",
    ),
)

CSV_COLUMNS = (
    "Worker",
    "Team",
    "Role",
    "Stage",
    "In post from",
    "In post to",
    "Part of period",
    "Sessions due",
    "Sessions held",
    "Longest gap (days)",
    "Days overdue at end",
    "Most days overdue",
    "Overdue",
    "Progression met",
    "Actions raised",
    "Actions closed",
    "Actions overdue",
    "Caseload at start",
    "Caseload at end",
)


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def progression_text(row: WorkerCompliance) -> str:
    if row.progression_met is None:
        return "no phase ended" if row.worker.stage is Stage.ASYE else "n/a"
    return _yes_no(row.progression_met)


def _count(value: int | None) -> str:
    return "" if value is None else str(value)


def _row_cells(row: WorkerCompliance) -> list[str]:
    w = row.worker
    return [
        w.name,
        w.team,
        w.role,
        w.stage.label,
        row.window.start.isoformat(),
        row.window.end.isoformat(),
        row.part_of_period,
        str(row.due),
        str(row.held),
        str(row.longest_gap),
        str(row.days_overdue_at_end),
        str(row.most_days_overdue),
        _yes_no(row.overdue),
        progression_text(row),
        str(row.actions.raised),
        str(row.actions.closed),
        str(row.actions.overdue),
        _count(row.caseload_start),
        _count(row.caseload_end),
    ]


def _totals_cells(totals: TeamTotals) -> list[str]:
    return [
        f"Team totals ({totals.workers} workers)",
        "",
        "",
        "",
        "",
        "",
        "",
        str(totals.due),
        f"{totals.held} ({totals.held_on_target} on target)",
        "",
        "",
        "",
        f"{totals.overdue_workers} overdue",
        f"{totals.progression_not_met} not met",
        str(totals.actions.raised),
        str(totals.actions.closed),
        str(totals.actions.overdue),
        str(totals.caseload_start),
        str(totals.caseload_end),
    ]


def _safe(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula (names are typed by people)."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def to_csv(report: ComplianceReport) -> bytes:
    """UTF-8 CSV with a header row, one row per worker, then the totals."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in report.rows:
        writer.writerow([_safe(c) for c in _row_cells(row)])
    writer.writerow([_safe(c) for c in _totals_cells(report.totals)])
    return out.getvalue().encode("utf-8")


def _team_words(report: ComplianceReport) -> str:
    return "All teams" if report.team is None else f"Team: {report.team}"


def _supervision_table(rows: Sequence[WorkerCompliance]) -> Table:
    return Table(
        "Supervision",
        (
            "Worker",
            "In post",
            "Due",
            "Held",
            "Longest gap",
            "Overdue at end",
            "Most overdue",
            "Progression met",
        ),
        [
            [
                f"{r.worker.name} ({r.worker.team})" if r.worker.team else r.worker.name,
                f"{r.window.start.isoformat()} to {r.window.end.isoformat()}"
                + (f" ({r.part_of_period})" if r.part_of_period else ""),
                str(r.due),
                str(r.held),
                f"{r.longest_gap} days",
                f"{r.days_overdue_at_end} days" + (" (overdue)" if r.overdue else ""),
                f"{r.most_days_overdue} days",
                progression_text(r),
            ]
            for r in rows
        ],
        weights=(2.0, 2.0, 0.8, 0.8, 1.35, 1.3, 1.3, 1.65),
        kind="compliance-supervision",
    )


def _actions_table(rows: Sequence[WorkerCompliance]) -> Table:
    return Table(
        "Actions and caseload",
        (
            "Worker",
            "Actions raised",
            "Actions closed",
            "Actions overdue",
            "Caseload at start",
            "Caseload at end",
        ),
        [
            [
                r.worker.name,
                str(r.actions.raised),
                str(r.actions.closed),
                str(r.actions.overdue),
                _count(r.caseload_start) or "not recorded",
                _count(r.caseload_end) or "not recorded",
            ]
            for r in rows
        ],
        weights=(2.4, 1, 1, 1, 1, 1),
        kind="compliance-actions",
    )


def _totals_table(t: TeamTotals) -> Table:
    return Table(
        "Team totals",
        ("Figure", "Value"),
        [
            ["Workers in post during the period", str(t.workers)],
            ["Sessions due", str(t.due)],
            ["Sessions held", str(t.held)],
            ["Sessions held on target", str(t.held_on_target)],
            ["Workers overdue at the end", str(t.overdue_workers)],
            ["ASYE/NQSW progression not met", str(t.progression_not_met)],
            ["Actions raised", str(t.actions.raised)],
            ["Actions closed", str(t.actions.closed)],
            ["Actions overdue", str(t.actions.overdue)],
            ["Caseload at start (sum)", str(t.caseload_start)],
            ["Caseload at end (sum)", str(t.caseload_end)],
        ],
        weights=(3, 1),
        kind="compliance-totals",
    )


def printable(report: ComplianceReport) -> PrintableRecord:
    """The report as the rendering layer's model (no signature: it is not a record)."""
    p = report.period
    ref = f"COMPLIANCE-{p.start.isoformat()}-{p.end.isoformat()}"
    meta: tuple[FieldRow, ...] = (
        FieldRow("Period", f"{p.start.isoformat()} to {p.end.isoformat()}"),
        FieldRow("Team", report.team or "All teams"),
        FieldRow("Made on", report.made_on.isoformat()),
        FieldRow("Grace before overdue", f"{report.grace_days} days"),
        FieldRow("Group sessions count", _yes_no(report.count_group)),
    )
    if report.trail_entries is not None:
        meta += (
            FieldRow(
                "Access trail",
                f"{report.trail_entries} entries in the period: exports, prints, copies, "
                "backups and restores of this vault (listed by 'supnotes trail')",
            ),
        )
    blocks: list[Heading | Paragraph | Table] = []
    if report.rows:
        blocks += [
            Heading("Per worker"),
            _supervision_table(report.rows),
            _actions_table(report.rows),
        ]
    else:
        blocks.append(Paragraph("", "No worker was in post during this period."))
    blocks += [Heading("Team totals"), _totals_table(report.totals), Heading("Definitions")]
    blocks += [Paragraph(label, text) for label, text in DEFINITIONS]
    return PrintableRecord(
        title=TITLE,
        kind="Compliance with the supervision policy",
        record_ref=ref,
        version=report.made_on.isoformat(),
        organisation=report.organisation,
        audience=_team_words(report),
        marking=report.marking or "OFFICIAL-SENSITIVE",
        meta=meta,
        blocks=tuple(blocks),
        output=COMPLIANCE_REPORT,
    )


def to_pdf(report: ComplianceReport) -> bytes:
    """The report as PDF/A-4f with its data attached (imports reportlab when called)."""
    from supnotes.pdf.render import render_pdf

    return render_pdf(printable(report))


def write_report(vault: Vault, report: ComplianceReport, fmt: str, out: Path) -> None:
    """Write ``report`` as PDF or CSV to ``out`` atomically; recorded in the access trail."""
    from supnotes.domain.trail import TrailKind
    from supnotes.services import trail
    from supnotes.vault.atomic import write_atomic

    write_atomic(out, to_pdf(report) if fmt == "pdf" else to_csv(report))
    trail.record_if_writable(
        vault, TrailKind.EXPORT_REPORT, audience=f"compliance report ({fmt})", destination=out
    )
