"""A child's case direction as plain text, for a case-management system's case note.

Liquidlogic, Mosaic and Eclipse take a case note as plain text in one field:
no tables, no formatting, lines under about 80 characters read well in all
three. The text is made from the same :class:`ChildRecordExtract` the
child's sealed extract is printed from, so it says what the signed extract
says; it ends with the record's reference and the SHA-256 of the sealed
extract, so whoever reads the case note can find and check the signed
original.

Only the direction is carried: the date and the supervisor, the decisions
with their rationale, the actions with owner and due date, the review date.
The discussion itself (update, worries, analysis …) stays in the extract.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from supnotes.domain.actions import Action
from supnotes.domain.cases import CaseDiscussion
from supnotes.domain.decisions import Decision
from supnotes.domain.outputs import ChildRecordExtract, ReviewedAction
from supnotes.domain.templates import FieldKind

TITLE = "Case direction"
NONE_RECORDED = "None recorded."


@dataclass(frozen=True, slots=True)
class CaseDirectionSource:
    """What the text is made of: the child's extract and the names printed on it."""

    extract: ChildRecordExtract
    supervisor: str  # "Name, Role" as the extract prints the decision-maker
    sealed_sha256: str  # of the child's sealed extract, as stored
    people: Mapping[str, str]  # worker id -> name, as the extract prints owners


def long_date(day: date | None) -> str:
    """British long form, as the extract prints it: ``Friday 14 March 2025``."""
    if day is None:
        return ""
    return f"{day:%A} {day.day} {day:%B %Y}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _name(who: str, people: Mapping[str, str]) -> str:
    return people.get(who, who)


def _decision_lines(n: int, decision: Decision, people: Mapping[str, str]) -> list[str]:
    words = _one_line(decision.decision)
    if decision.not_to_act:
        words += " (decision not to act)"
    lines = [f"{n}. {words}"]
    if decision.rationale.strip():
        lines.append(f"   Rationale: {_one_line(decision.rationale)}")
    by = ", ".join(
        x for x in (_name(decision.decided_by, people), long_date(decision.decided_on)) if x
    )
    if by:
        lines.append(f"   Decided by: {by}")
    return lines


def _case_lines(n: int, case: CaseDiscussion) -> list[str]:
    lines = [f"{n}. {_one_line(case.decision)}"]
    if case.rationale.strip():
        lines.append(f"   Rationale: {_one_line(case.rationale)}")
    return lines


def _action_lines(n: int, action: Action, people: Mapping[str, str]) -> list[str]:
    owner = _name(action.owner, people) or "not named"
    due = long_date(action.effective_due_on) or "no date set"
    return [f"{n}. {_one_line(action.text)}", f"   Owner: {owner}. Due: {due}."]


def _review_lines(n: int, reviewed: ReviewedAction, people: Mapping[str, str]) -> list[str]:
    action, review = reviewed.action, reviewed.review
    outcome = str(review.outcome or review.prior_status).replace("-", " ").capitalize()
    lines = [f"{n}. {_one_line(action.text)}", f"   Outcome: {outcome}."]
    if review.note.strip():
        lines.append(f"   Note: {_one_line(review.note)}")
    owner = _name(action.owner, people)
    if owner:
        lines.append(f"   Owner: {owner}.")
    return lines


def _review_dates(source: CaseDirectionSource) -> list[date]:
    """Review dates: each case discussion's, and a date answer labelled as a review."""
    found: list[date] = []
    for section in source.extract.sections:
        for view in section.fields:
            for entry in view.entries:
                if isinstance(entry, CaseDiscussion) and entry.review_date is not None:
                    found.append(entry.review_date)
            if (
                view.field.kind is FieldKind.DATE
                and "review" in view.field.label.casefold()
                and isinstance(view.answer, str)
                and view.answer
            ):
                try:
                    found.append(date.fromisoformat(view.answer))
                except ValueError:
                    continue
    return sorted(set(found))


def case_direction_text(source: CaseDirectionSource) -> str:
    """The case note, ready to paste: plain text, ``\\n`` line ends, ending with a newline."""
    extract = source.extract
    record = extract.record
    decisions: list[list[str]] = []
    actions: list[list[str]] = []
    reviews: list[list[str]] = []
    for entry in extract.entries:
        if isinstance(entry, Decision):
            decisions.append(_decision_lines(len(decisions) + 1, entry, source.people))
        elif isinstance(entry, CaseDiscussion) and entry.decision.strip():
            decisions.append(_case_lines(len(decisions) + 1, entry))
        elif isinstance(entry, Action) and entry.text.strip():
            actions.append(_action_lines(len(actions) + 1, entry, source.people))
        elif isinstance(entry, ReviewedAction):
            reviews.append(_review_lines(len(reviews) + 1, entry, source.people))
    lines = [
        f"{TITLE} for {extract.child_ref} — {record.reference}",
        f"Date: {long_date(record.held_on)}",
        f"Supervisor: {source.supervisor}",
        "",
        "Decisions:",
    ]
    lines += [line for block in decisions for line in block] or [NONE_RECORDED]
    lines += ["", "Actions:"]
    lines += [line for block in actions for line in block] or [NONE_RECORDED]
    if reviews:
        lines += ["", "Earlier actions reviewed:"]
        lines += [line for block in reviews for line in block]
    dates = _review_dates(source)
    lines += ["", f"Review date: {', '.join(long_date(d) for d in dates) or 'not set'}"]
    lines += [
        "",
        f"Signed record: {record.reference}, extract for {extract.child_ref}.",
        f"SHA-256 of the sealed extract: {source.sealed_sha256}",
    ]
    return "\n".join(lines) + "\n"
