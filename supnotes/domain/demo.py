"""A demo vault's content: fictitious workers and a year of their supervision.

Pure and deterministic: the same seed and ``today`` give the same people,
records and ids. No real person, place or child is named; the local
authority is the invented Northmoor Council.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta

from supnotes.domain import demo_text as text
from supnotes.domain.actions import Action, ActionReview, ActionStatus, apply_review, start_review
from supnotes.domain.cases import CaseDiscussion
from supnotes.domain.content import RecordContent
from supnotes.domain.decisions import Decision, DecisionLevel
from supnotes.domain.group import Attendee, AttendeeRole
from supnotes.domain.people import CaseloadEntry, Stage, SupervisorProfile, Worker
from supnotes.domain.records import (
    AnswerValue,
    Record,
    RecordStatus,
    SuperviseeComments,
    format_reference,
)
from supnotes.domain.schedule import due_dates, next_due, rule_for
from supnotes.domain.template_loader import TemplateLibrary
from supnotes.domain.templates import Template

SUPERVISOR = SupervisorProfile(
    name="Helen Marchbank",
    role="Team Manager",
    organisation="Northmoor Council Children's Services",
    team="Assessment and Intervention Team East",
)

# name, role, stage, days in post, caseload, days since leaving (None: still here)
_STAFF: tuple[tuple[str, str, Stage, int, int, int | None], ...] = (
    ("Priya Halloran", "Social Worker (ASYE)", Stage.ASYE, 130, 9, None),
    ("Rhiannon Tulley", "Social Worker (ASYE)", Stage.ASYE, 330, 12, None),
    ("Tomasz Brennock", "Social Worker", Stage.QUALIFIED, 1600, 17, None),
    ("Amara Oduya-Lynch", "Senior Practitioner", Stage.QUALIFIED, 3000, 14, None),
    ("Ceri Maddox", "Social Worker", Stage.QUALIFIED, 900, 22, None),
    ("Joel Ashworth-Pike", "Family Support Worker", Stage.UNQUALIFIED, 700, 11, None),
    ("Fenella Okorie", "Deputy Team Manager", Stage.MANAGER, 2500, 6, None),
    ("Marcus Deverill", "Social Worker", Stage.QUALIFIED, 1200, 15, 120),
)
SIGNING_DELAY = timedelta(days=14)  # older sessions are signed, recent ones still drafts


@dataclass(frozen=True)
class DemoVault:
    supervisor: SupervisorProfile
    workers: tuple[Worker, ...]
    templates: tuple[Template, ...]
    records: tuple[RecordContent, ...]


@dataclass
class _Builder:
    rng: random.Random
    today: date
    library: TemplateLibrary
    actions: dict[str, Action] = field(default_factory=dict)
    open_by_worker: dict[str, list[str]] = field(default_factory=dict)
    contents: list[RecordContent] = field(default_factory=list)

    def id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def pick(self, options: Sequence[str], k: int = 1) -> str:
        return " ".join(self.rng.sample(list(options), k=min(k, len(options))))

    def weekday(self, day: date) -> date:
        return day + timedelta(days={5: -1, 6: 1}.get(day.weekday(), 0))

    def is_signed(self, day: date) -> bool:
        return day <= self.today - SIGNING_DELAY

    def header(
        self, template: Template, day: date, worker: Worker | None, **extra: object
    ) -> Record:
        signed = self.is_signed(day)
        start = time(self.rng.choice((9, 10, 13, 14)), self.rng.choice((0, 30)))
        minutes = self.rng.choice((60, 75, 90, 90, 90))
        end = (datetime.combine(day, start) + timedelta(minutes=minutes)).time()
        created = datetime.combine(day, start, tzinfo=UTC)
        signed_at = created + timedelta(days=2, hours=3) if signed else None
        comments = SuperviseeComments()
        if signed and worker is not None:
            disagrees = self.rng.random() < 0.05
            comments = SuperviseeComments(
                text=self.pick(text.DISAGREEMENTS) if disagrees else "",
                agrees=not disagrees,
                acknowledged_name=worker.name,
                acknowledged_at=signed_at - timedelta(minutes=10) if signed_at else None,
            )
        return Record(
            id=self.id(),
            reference="",
            kind=template.kind,
            template_id=template.id,
            template_version=template.version,
            worker_id=None if worker is None else worker.id,
            held_on=day,
            start_time=start,
            end_time=end,
            status=RecordStatus.SIGNED if signed else RecordStatus.DRAFT,
            comments=comments,
            created_at=created,
            updated_at=signed_at or created,
            signed_at=signed_at,
            **extra,  # type: ignore[arg-type]
        )

    # -- one-to-one sessions ---------------------------------------------------

    def review(self, record: Record, worker: Worker) -> tuple[ActionReview, ...]:
        earlier = [self.actions[i] for i in self.open_by_worker.get(worker.id, [])]
        reviews = []
        for pending in start_review(earlier, record.id):
            roll = self.rng.random()
            outcome: ActionStatus | None = (
                ActionStatus.DONE
                if roll < 0.65
                else ActionStatus.CARRIED_FORWARD
                if roll < 0.9
                else ActionStatus.DROPPED
            )
            if not record.is_signed and self.rng.random() < 0.5:
                outcome = None
            note = "" if outcome is None else self.rng.choice(("", "", "Confirmed in session."))
            action, review = apply_review(
                self.actions[pending.action_id], pending, outcome, note=note
            )
            self.actions[action.id] = action
            reviews.append(review)
        self.open_by_worker[worker.id] = [
            i for i in self.open_by_worker.get(worker.id, []) if self.actions[i].is_open
        ]
        return tuple(reviews)

    def new_actions(
        self, record: Record, owner: str, child_refs: Sequence[str], count: int
    ) -> tuple[Action, ...]:
        made = []
        for position in range(count):
            action = Action(
                id=self.id(),
                raised_in=record.id,
                position=position,
                text=self.pick(text.ACTIONS),
                owner=owner if self.rng.random() < 0.8 else SUPERVISOR.name,
                due_on=record.held_on + timedelta(days=self.rng.choice((7, 14, 21, 28))),
                child_ref=self.rng.choice([None, *child_refs]),
            )
            self.actions[action.id] = action
            made.append(action)
        return tuple(made)

    def cases(
        self, record: Record, children: Sequence[str]
    ) -> tuple[tuple[CaseDiscussion, ...], tuple[Decision, ...]]:
        discussed = self.rng.sample(list(children), k=self.rng.randint(1, min(3, len(children))))
        cases, decisions = [], []
        for position, child in enumerate(discussed):
            decision, rationale = self.pick(text.DECISIONS), self.pick(text.RATIONALE)
            cases.append(
                CaseDiscussion(
                    id=self.id(),
                    record_id=record.id,
                    child_ref=child,
                    position=position,
                    update=self.pick(text.UPDATES, 2),
                    childs_voice=self.pick(text.CHILDS_VOICE),
                    worries=self.pick(text.WORRIES, 2),
                    working_well=self.pick(text.WORKING_WELL),
                    analysis=self.pick(text.ANALYSIS),
                    decision=decision,
                    rationale=rationale,
                    review_date=record.held_on + timedelta(weeks=6),
                )
            )
            if self.rng.random() < 0.6:
                decisions.append(self.decision(record, child, position, decision, rationale))
        return tuple(cases), tuple(decisions)

    def decision(
        self, record: Record, child: str, position: int, decision: str, rationale: str
    ) -> Decision:
        return Decision(
            id=self.id(),
            record_id=record.id,
            child_ref=child,
            position=position,
            decision=decision,
            rationale=rationale,
            decided_by=SUPERVISOR.name,
            level=DecisionLevel.TEAM_MANAGER,
            decided_on=record.held_on,
            not_to_act=decision.startswith("No further action"),
            copied_to_child_record=record.is_signed and self.rng.random() < 0.8,
        )

    def one_to_one(self, worker: Worker, day: date, children: Sequence[str], caseload: int) -> None:
        asye = worker.stage is Stage.ASYE
        template = self.library.get("asye-supervision" if asye else "one-to-one")
        rule = rule_for(worker)
        record = self.header(
            template, day, worker, next_date=next_due(rule, worker.start_date, day)
        )
        answers: dict[str, AnswerValue] = {
            "wellbeing.wellbeing": self.pick(text.WELLBEING, 2),
            "workload.caseload": str(caseload),
        }
        if asye:
            answers |= {
                "wellbeing.confidence": self.rng.randint(4, 9),
                "workload.complexity": self.pick(text.WORKLOAD),
                "progress.kss-evidence": self.pick(text.LEARNING, 2),
                "progress.review-point": self.rng.choice(("3-month review", "None due")),
                "progress.assessor-liaison": self.rng.random() < 0.5,
                "progress.development-plan": self.pick(text.LEARNING),
            }
        else:
            answers |= {
                "agenda.items": self.pick(text.AGENDA),
                "wellbeing.stress-scale": self.rng.randint(3, 9),
                "wellbeing.support-offered": self.pick(text.SUPPORT),
                "workload.capacity": "Over capacity" if caseload > 20 else "At capacity",
                "workload.workload-notes": self.pick(text.WORKLOAD, 2),
                "development.learning": self.pick(text.LEARNING),
                "organisation.issues": self.pick(text.ORGANISATION),
            }
            if self.rng.random() < 0.4:
                answers["development.good-practice"] = self.pick(text.GOOD_PRACTICE)
        if self.rng.random() < 0.3:
            answers["notes.notes"] = "Check in about workload again next time; seemed tired."
        record = replace(record, answers=answers)
        reviews = self.review(record, worker)
        cases, decisions = self.cases(record, children)
        actions = self.new_actions(record, worker.name, children, self.rng.randint(1, 3))
        self.open_by_worker.setdefault(worker.id, []).extend(a.id for a in actions)
        self.contents.append(RecordContent(record, cases, actions, decisions, reviews=reviews))

    # -- other kinds -----------------------------------------------------------

    def agreement(self, worker: Worker, day: date) -> None:
        template = self.library.get("supervision-agreement")
        record = self.header(template, day, worker)
        answers: dict[str, AnswerValue] = {
            "purpose.purpose": "Supervision covers management oversight of casework, "
            "professional development, personal support and mediation with the organisation.",
            "arrangements.frequency": rule_for(worker).describe(),
            "arrangements.duration": "90 minutes, uninterrupted",
            "arrangements.venue": "Meeting room 2, Eastgate office, or online if agreed",
            "arrangements.cancellation": "Rearranged within five working days by the supervisor.",
            "arrangements.preparation": "Both bring agenda items; the worker updates case notes.",
            "recording.recording": "Typed during the session, signed by both within a week.",
            "recording.sharing": "Case decisions are copied to each child's record.",
            "confidentiality.confidentiality": "Confidential except where safeguarding, conduct "
            "or fitness to practise concerns arise.",
            "disagreement.disagreement": "Disagreement is recorded; escalation to the service "
            "manager if unresolved.",
            "disagreement.expectations": "Honesty, preparation and protected time.",
            "review.review-date": (day + timedelta(days=365)).isoformat(),
            "review.both-agree": True,
        }
        self.contents.append(RecordContent(replace(record, answers=answers)))

    def attending(self, staff: Sequence[Worker]) -> list[Worker]:
        """Who comes to a group session: four or five of the team."""
        return self.rng.sample(list(staff), k=min(len(staff), self.rng.randint(4, 5)))

    def group(self, day: date, staff: Sequence[Worker], index: int) -> None:
        template_id = "group-signs-of-safety" if index % 2 else "group-reflecting-team"
        template = self.library.get(template_id)
        record = self.header(template, day, None)
        present = self.attending(staff)
        attendees = [Attendee(self.id(), record.id, SUPERVISOR.name, AttendeeRole.CHAIR)]
        for position, worker in enumerate(present, start=1):
            role = AttendeeRole.PRESENTER if position == 1 else AttendeeRole.MEMBER
            attendees.append(Attendee(self.id(), record.id, worker.name, role, worker.id, position))
        answers: dict[str, AnswerValue] = {
            "presentation.question": self.pick(text.GROUP_QUESTIONS),
            "presentation.background": self.pick(text.UPDATES, 2),
            "reflection.reflections": self.pick(text.GROUP_REFLECTIONS, 2),
            "reflection.hypotheses": self.pick(text.GROUP_HYPOTHESES),
            "reflection.ideas": self.pick(text.GROUP_IDEAS, 2),
            "themes.learning-themes": self.pick(text.LEARNING_THEMES),
            "themes.feed-up": self.pick(text.ORGANISATION),
        }
        if template_id == "group-signs-of-safety":
            answers |= {
                "mapping.worries": self.pick(text.WORRIES, 2),
                "mapping.working-well": self.pick(text.WORKING_WELL, 2),
                "mapping.needs-to-happen": self.pick(text.GROUP_IDEAS),
                "mapping.scaling": self.rng.randint(2, 7),
            }
        else:
            answers["response.response"] = "Will try " + self.pick(text.GROUP_IDEAS).lower()
        record = replace(record, answers=answers)
        actions = self.new_actions(record, present[0].name, (), 1)
        if record.is_signed:  # closed outside a review: the presenter reported back
            actions = tuple(replace(a, status=ActionStatus.DONE) for a in actions)
        self.contents.append(RecordContent(record, actions=actions, attendees=tuple(attendees)))

    def ad_hoc(self, worker: Worker, day: date, children: Sequence[str]) -> None:
        template = self.library.get("ad-hoc-decision")
        record = self.header(template, day, worker)
        child = self.rng.choice(list(children))
        answers: dict[str, AnswerValue] = {
            "decision.trigger": self.pick(text.ADHOC_TRIGGERS),
            "decision.facts": self.pick(text.UPDATES),
            "decision.childs-voice": self.pick(text.CHILDS_VOICE),
            "decision.risk": self.pick(text.WORRIES),
            "decision.review-date": (day + timedelta(days=14)).isoformat(),
        }
        record = replace(record, answers=answers)
        decision = self.decision(
            record, child, 0, self.pick(text.DECISIONS), self.pick(text.RATIONALE)
        )
        actions = self.new_actions(record, worker.name, (child,), self.rng.randint(0, 1))
        self.open_by_worker.setdefault(worker.id, []).extend(a.id for a in actions)
        self.contents.append(RecordContent(record, actions=actions, decisions=(decision,)))


def _workers(rng: random.Random, today: date, builder: _Builder, history_days: int) -> list[Worker]:
    workers = []
    for name, role, stage, days_in_post, caseload, left_days_ago in _STAFF:
        start = today - timedelta(days=days_in_post)
        leaving = None if left_days_ago is None else today - timedelta(days=left_days_ago)
        history, count = [], max(1, caseload - rng.randint(0, 4))
        first = max(start, today - timedelta(days=history_days))
        for month in range(0, history_days // 30 + 1):
            on = first + timedelta(days=30 * month)
            if on > today or (leaving is not None and on >= leaving):
                break
            count = max(0, count + rng.randint(-2, 2)) if month else count
            history.append(CaseloadEntry(on, count))
        if history and leaving is None:
            history[-1] = CaseloadEntry(history[-1].on, caseload)
        workers.append(
            Worker(
                id=builder.id(),
                name=name,
                role=role,
                team=SUPERVISOR.team,
                start_date=start,
                stage=stage,
                caseload=tuple(history),
                leaving_date=leaving,
            )
        )
    return workers


def _children(rng: random.Random, count: int) -> list[str]:
    return [f"C-{rng.randint(100000, 199999)}" for _ in range(count)]


def build_demo(
    library: TemplateLibrary, *, today: date, seed: int = 2026, history_days: int = 365
) -> DemoVault:
    """Supervision for about eight fictitious workers over ``history_days`` up to ``today``.

    A demo whose signed records get real sealed PDFs uses a shorter history
    (see :mod:`supnotes.services.demo`): sealing costs about 0.1 s a document.
    """
    rng = random.Random(seed)  # noqa: S311 (demo data must repeat from a seed, not be secret)
    builder = _Builder(rng, today, library)
    workers = _workers(rng, today, builder, history_days)
    history_start = today - timedelta(days=history_days)
    for worker in workers:
        children = _children(rng, max(3, (worker.current_caseload or 6) // 2))
        first = max(worker.start_date, history_start)
        last = min(today, worker.leaving_date or today)
        builder.agreement(worker, builder.weekday(first + timedelta(days=3)))
        # Sessions and corridor decisions in date order, so each session
        # reviews every action raised before it.
        events: list[tuple[date, bool]] = []
        for due in due_dates(rule_for(worker), worker.start_date, last):
            if due < first or rng.random() < 0.08:  # the odd missed session
                continue
            day = builder.weekday(min(last, due + timedelta(days=rng.randint(-2, 3))))
            if day <= today:
                events.append((day, True))
        for _ in range(3 if worker.leaving_date is None else 1):
            offset = rng.randint(4, max(5, (last - first).days))
            events.append((builder.weekday(first + timedelta(days=offset)), False))
        for day, formal in sorted(events):
            if formal:
                builder.one_to_one(worker, day, children, worker.caseload_on(day) or 0)
            else:
                builder.ad_hoc(worker, min(day, today), children)
    for index in range(max(1, history_days // 30)):
        day = builder.weekday(history_start + timedelta(days=14 + 30 * index))
        present = [w for w in workers if w.is_active(day)]
        builder.group(day, present, index)
    return DemoVault(
        supervisor=SUPERVISOR,
        workers=tuple(workers),
        templates=tuple(library.latest()),
        records=_finish(builder),
    )


def _finish(builder: _Builder) -> tuple[RecordContent, ...]:
    """Number the records in date order and give each action its final state."""
    ordered = sorted(builder.contents, key=lambda c: (c.record.held_on, c.record.id))
    counters: dict[int, int] = {}
    finished = []
    for content in ordered:
        year = content.record.held_on.year
        counters[year] = counters.get(year, 0) + 1
        record = replace(content.record, reference=format_reference(year, counters[year]))
        actions = tuple(builder.actions.get(a.id, a) for a in content.actions)
        finished.append(replace(content, record=record, actions=actions))
    return tuple(finished)
