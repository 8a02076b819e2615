"""Service-wide figures: what a supervisor sends to the hub per period, and the service view.

Only numbers and the workers' names, roles and teams: no child, no record
text, no wellbeing content. The format is closed: a payload with any key not
listed here is refused, so nothing else can ride along.

Version 2 adds the period's highlights as counts per team, collection
(learning themes, items to feed up, good practice) and practice theme from
the closed list in :mod:`supnotes.domain.practice_themes`: never the text.
Version 1 payloads (no highlights) are still read.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import date

from supnotes.domain.highlights import COLLECTIONS
from supnotes.domain.practice_themes import ALLOWED as ALLOWED_THEMES
from supnotes.domain.practice_themes import UNMATCHED

FORMAT = "supnotes-service-figures"
VERSION = 2
READ_VERSIONS = (1, 2)


class FiguresError(ValueError):
    """A figures payload that is not in the format (the reason says where)."""


@dataclass(frozen=True)
class WorkerFigures:
    team: str
    worker: str
    role: str
    due: int
    held: int
    held_on_target: int
    overdue: bool
    most_days_overdue: int
    caseload_end: int | None


@dataclass(frozen=True)
class TeamHighlight:
    """How many of a team's highlights in the period touch a theme (a count, never text)."""

    team: str
    collection: str  # "themes" | "feed-up" | "good-practice"
    theme: str
    count: int


@dataclass(frozen=True)
class ServiceFigures:
    supervisor: str
    organisation: str
    period_start: date
    period_end: date
    made_on: date
    caseload_warning: int
    workers: tuple[WorkerFigures, ...]
    highlights: tuple[TeamHighlight, ...] = ()

    def to_json(self) -> bytes:
        body = {
            "format": FORMAT,
            "version": VERSION,
            "supervisor": self.supervisor,
            "organisation": self.organisation,
            "period_start": self.period_start.isoformat(),
            "period_end": self.period_end.isoformat(),
            "made_on": self.made_on.isoformat(),
            "caseload_warning": self.caseload_warning,
            "workers": [asdict(w) for w in self.workers],
            "highlights": [asdict(h) for h in self.highlights],
        }
        return json.dumps(body, sort_keys=True, ensure_ascii=False).encode()


_TOP = {
    "format": str,
    "version": int,
    "supervisor": str,
    "organisation": str,
    "period_start": str,
    "period_end": str,
    "made_on": str,
    "caseload_warning": int,
    "workers": list,
}
_WORKER = {
    "team": str,
    "worker": str,
    "role": str,
    "due": int,
    "held": int,
    "held_on_target": int,
    "overdue": bool,
    "most_days_overdue": int,
    "caseload_end": (int, type(None)),
}
_HIGHLIGHT = {"team": str, "collection": str, "theme": str, "count": int}


def _check(obj: object, shape: Mapping[str, object], where: str) -> dict[str, object]:
    if not isinstance(obj, dict):
        raise FiguresError(f"{where} is not an object")
    if set(obj) != set(shape):
        extra, lacking = sorted(set(obj) - set(shape)), sorted(set(shape) - set(obj))
        raise FiguresError(f"{where} has keys outside the format {extra} or lacks {lacking}")
    for key, kind in shape.items():
        value = obj[key]
        if kind is int and isinstance(value, bool):
            raise FiguresError(f"{where}.{key} is not a number")
        if not isinstance(value, kind):  # type: ignore[arg-type]
            raise FiguresError(f"{where}.{key} has the wrong type")
    return obj


def parse(payload: bytes) -> ServiceFigures:
    """Read a payload, refusing anything outside the format."""
    try:
        body = json.loads(payload.decode())
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FiguresError(f"not JSON ({exc})") from None
    version = body.get("version") if isinstance(body, dict) else None
    shape = {**_TOP, "highlights": list} if version != 1 else _TOP
    top = _check(body, shape, "figures")
    if top["format"] != FORMAT or top["version"] not in READ_VERSIONS:
        raise FiguresError(f"not {FORMAT} version {' or '.join(map(str, READ_VERSIONS))}")
    workers = []
    listed = top["workers"]
    assert isinstance(listed, list)
    for n, raw in enumerate(listed, start=1):
        row = _check(raw, _WORKER, f"workers[{n}]")
        workers.append(WorkerFigures(**row))  # type: ignore[arg-type]
    highlights = highlights_from(top.get("highlights", []))
    teams = {w.team for w in workers} | {""}
    if any(h.team not in teams for h in highlights):
        # A team's name is the one free-text field of a highlight: it must be one the
        # figures already name, so nothing else can ride along in its place.
        raise FiguresError("a highlight names a team none of the workers is in")
    try:
        return ServiceFigures(
            supervisor=str(top["supervisor"]),
            organisation=str(top["organisation"]),
            period_start=date.fromisoformat(str(top["period_start"])),
            period_end=date.fromisoformat(str(top["period_end"])),
            made_on=date.fromisoformat(str(top["made_on"])),
            caseload_warning=int(str(top["caseload_warning"])),
            workers=tuple(workers),
            highlights=highlights,
        )
    except ValueError as exc:
        raise FiguresError(f"a date is not a date ({exc})") from None


def highlights_from(listed: object) -> tuple[TeamHighlight, ...]:
    """The highlights of a payload (or of the hub's service_highlights view), checked:
    only the known collections and themes, and a count of at least one."""
    if not isinstance(listed, list):
        raise FiguresError("highlights is not a list")
    found = []
    for n, raw in enumerate(listed, start=1):
        row = _check(raw, _HIGHLIGHT, f"highlights[{n}]")
        if row["collection"] not in COLLECTIONS:
            raise FiguresError(f"highlights[{n}].collection is not one of {list(COLLECTIONS)}")
        if row["theme"] not in ALLOWED_THEMES:
            raise FiguresError(f"highlights[{n}].theme is not in the list of practice themes")
        if int(str(row["count"])) < 1:
            raise FiguresError(f"highlights[{n}].count is not a positive number")
        found.append(TeamHighlight(**row))  # type: ignore[arg-type]
    return tuple(found)


@dataclass(frozen=True)
class SupervisorLine:
    """One line of the service view: a supervisor's team in the period."""

    team: str
    supervisor: str
    workers: int
    due: int
    held: int
    held_on_target: int
    overdue: int
    over_caseload: int


def service_lines(
    sent: Iterable[ServiceFigures], start: date, end: date, team: str | None = None
) -> list[SupervisorLine]:
    """Per team and supervisor, from the figures whose period lies within start..end."""
    lines: dict[tuple[str, str], list[WorkerFigures]] = defaultdict(list)
    warning: dict[tuple[str, str], int] = {}
    for figures in sent:
        if figures.period_start < start or figures.period_end > end:
            continue
        for w in figures.workers:
            if team is None or w.team == team:
                key = (w.team, figures.supervisor)
                lines[key].append(w)
                warning[key] = figures.caseload_warning
    return [
        SupervisorLine(
            team=key[0],
            supervisor=key[1],
            workers=len({w.worker for w in rows}),
            due=sum(w.due for w in rows),
            held=sum(w.held for w in rows),
            held_on_target=sum(w.held_on_target for w in rows),
            overdue=sum(1 for w in rows if w.overdue),
            over_caseload=sum(
                1 for w in rows if w.caseload_end is not None and w.caseload_end > warning[key]
            ),
        )
        for key, rows in sorted(lines.items())
    ]


@dataclass(frozen=True)
class SentHighlights:
    """One supervisor's highlights for one period, as the hub holds them."""

    period_start: date
    period_end: date
    highlights: tuple[TeamHighlight, ...]


@dataclass(frozen=True)
class HighlightLine:
    """One line of "Highlights across teams": a theme in one collection, and who raised it."""

    theme: str
    collection: str
    mentions: int
    teams: tuple[tuple[str, int], ...]  # (team, mentions), most first


def highlight_lines(
    sent: Iterable[SentHighlights], start: date, end: date, team: str | None = None
) -> list[HighlightLine]:
    """Per theme and collection, summed over the sets whose period lies within start..end."""
    by_theme: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for one in sent:
        if one.period_start < start or one.period_end > end:
            continue
        for h in one.highlights:
            if team is None or h.team == team:
                by_theme[(h.theme, h.collection)][h.team] += h.count
    order: dict[str, int] = {c: n for n, c in enumerate(COLLECTIONS)}
    lines = [
        HighlightLine(
            theme=theme,
            collection=collection,
            mentions=sum(teams.values()),
            teams=tuple(sorted(teams.items(), key=lambda tc: (-tc[1], tc[0]))),
        )
        for (theme, collection), teams in by_theme.items()
    ]
    # Grouped by theme (the most mentioned first, the unmatched last), then by collection.
    totals: dict[str, int] = defaultdict(int)
    for line in lines:
        totals[line.theme] += line.mentions
    return sorted(
        lines,
        key=lambda line: (
            line.theme == UNMATCHED,
            -totals[line.theme],
            line.theme,
            order.get(line.collection, 99),
        ),
    )
