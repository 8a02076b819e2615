"""How the parts of a record read on paper: dates, scales, answers, list tables.

Split from :mod:`supnotes.pdf.record_view`, which decides what goes in each
document; this module only says how each piece is worded.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, time
from typing import TypeVar

from supnotes.domain.actions import Action
from supnotes.domain.cases import CaseDiscussion
from supnotes.domain.decisions import Decision
from supnotes.domain.group import Attendee
from supnotes.domain.outputs import ReviewedAction
from supnotes.domain.records import AnswerValue
from supnotes.domain.templates import Field, FieldKind
from supnotes.pdf.printable import Block, FieldRow, Heading, Paragraph, Table

T = TypeVar("T")

# -- words ---------------------------------------------------------------------


def long_date(day: date | None) -> str:
    """British long form, e.g. ``Friday 14 March 2025``."""
    if day is None:
        return ""
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_date(day: date | None) -> str:
    return "" if day is None else f"{day.day} {day:%b %Y}"


def when(moment: datetime | None) -> str:
    if moment is None:
        return ""
    local = moment.astimezone() if moment.tzinfo else moment
    return f"{long_date(local.date())}, {local:%H:%M}"


def duration(minutes: int) -> str:
    """``1 h 30 min``, ``1 h``, ``45 min``."""
    hours, rest = divmod(minutes, 60)
    parts = ([f"{hours} h"] if hours else []) + ([f"{rest} min"] if rest or not hours else [])
    return " ".join(parts)


def _iso_date(text: str) -> str:
    try:
        return long_date(date.fromisoformat(text))
    except ValueError:
        return text


def _iso_time(text: str) -> str:
    try:
        return f"{time.fromisoformat(text):%H:%M}"
    except ValueError:
        return text


def scale_text(item: Field, value: int) -> str:
    """``7 of 10``, with the point's label when the template names it."""
    text = f"{value} of {item.maximum}"
    labels = item.scale_labels
    label = ""
    if len(labels) == item.maximum - item.minimum + 1:
        label = labels[value - item.minimum]
    elif labels and value == item.minimum:
        label = labels[0]
    elif len(labels) > 1 and value == item.maximum:
        label = labels[-1]
    return f"{text} \u2014 {label}" if label else text


def answer_text(item: Field, value: AnswerValue, people: Mapping[str, str]) -> str:
    """An answer as a reader would say it; empty when nothing was recorded."""
    if value is None or value == "":
        return ""
    kind = item.kind
    if kind is FieldKind.CHECKBOX:
        return "Yes" if value else "No"
    if kind is FieldKind.SCALE and isinstance(value, int) and not isinstance(value, bool):
        return scale_text(item, value)
    formatters: dict[FieldKind, Callable[[str], str]] = {
        FieldKind.DATE: _iso_date,
        FieldKind.TIME: _iso_time,
        FieldKind.PERSON: lambda v: people.get(v, v),
    }
    return formatters.get(kind, str)(str(value))


def _name(who: str, people: Mapping[str, str]) -> str:
    return people.get(who, who)


# -- list entries ---------------------------------------------------------------


def _case_blocks(case: CaseDiscussion) -> list[Block]:
    blocks: list[Block] = [
        Heading(f"Case discussion: {case.child_ref}", level=2, child_ref=case.child_ref)
    ]
    parts = (
        ("Update", case.update),
        ("Child's voice", case.childs_voice),
        ("Worries", case.worries),
        ("What's working well", case.working_well),
        ("Analysis", case.analysis),
        ("Decision", case.decision),
        ("Rationale", case.rationale),
    )
    blocks += [Paragraph(label, text) for label, text in parts if text.strip()]
    if case.review_date is not None:
        blocks.append(FieldRow("Review date", long_date(case.review_date)))
    return blocks


def _without_column(table: Table, index: int) -> Table:
    """``table`` less one column: in a child's extract every row is that child's."""

    def cut(seq: Sequence[T]) -> list[T]:
        return [x for i, x in enumerate(seq) if i != index]

    return Table(
        table.title,
        cut(table.columns),
        [cut(row) for row in table.rows],
        cut(table.weights),
        kind=table.kind,
        hash_columns=[c - (c > index) for c in table.hash_columns if c != index],
    )


def _actions_table(title: str, actions: Sequence[Action], people: Mapping[str, str]) -> Table:
    return Table(
        title,
        ["Action", "Child", "Owner", "Due"],
        [
            [
                a.text,
                a.child_ref or "",
                _name(a.owner, people),
                short_date(a.revised_due_on or a.due_on),
            ]
            for a in actions
        ],
        weights=[5, 1.6, 2.2, 1.5],
        kind="actions",
    )


def _reviews_table(
    title: str, reviews: Sequence[ReviewedAction], people: Mapping[str, str]
) -> Table:
    return Table(
        title,
        ["Action", "Owner", "Due", "Outcome"],
        [
            [
                r.action.text + (f"\n{r.review.note}" if r.review.note else ""),
                _name(r.action.owner, people),
                short_date(r.action.revised_due_on or r.action.due_on),
                str(r.review.outcome or r.review.prior_status).replace("-", " ").capitalize(),
            ]
            for r in reviews
        ],
        weights=[5, 2.2, 1.5, 1.5],
        kind="reviewed-actions",
    )


def _decisions_table(title: str, decisions: Sequence[Decision], people: Mapping[str, str]) -> Table:
    return Table(
        title,
        ["Child", "Decision", "Rationale", "By"],
        [
            [
                d.child_ref,
                d.decision + (" (decision not to act)" if d.not_to_act else ""),
                d.rationale,
                ", ".join(x for x in (_name(d.decided_by, people), short_date(d.decided_on)) if x),
            ]
            for d in decisions
        ],
        weights=[1.6, 4, 4, 2],
        kind="decisions",
    )


def _attendees_table(title: str, attendees: Sequence[Attendee]) -> Table:
    return Table(
        title,
        ["Name", "Role"],
        [[a.name, str(a.role).replace("-", " ").capitalize()] for a in attendees],
        weights=[3, 2],
        kind="attendees",
    )


def list_blocks(
    item: Field,
    entries: Sequence[object],
    people: Mapping[str, str],
    *,
    child_column: bool = True,
) -> list[Block]:
    """``entries`` as printed; ``child_column`` False for one child's extract."""
    kind = item.kind
    if kind is FieldKind.CASE_DISCUSSIONS:
        return [b for e in entries if isinstance(e, CaseDiscussion) for b in _case_blocks(e)]
    if kind is FieldKind.ACTIONS:
        table = _actions_table(item.label, [e for e in entries if isinstance(e, Action)], people)
        return [table if child_column else _without_column(table, 1)]
    if kind is FieldKind.DECISIONS:
        decisions = [e for e in entries if isinstance(e, Decision)]
        table = _decisions_table(item.label, decisions, people)
        return [table if child_column else _without_column(table, 0)]
    if kind is FieldKind.ATTENDEES:
        return [_attendees_table(item.label, [e for e in entries if isinstance(e, Attendee)])]
    reviewed = [e for e in entries if isinstance(e, ReviewedAction)]
    return [_reviews_table(item.label, reviewed, people)]
