"""Management decisions on a child's case, with their rationale."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date


class DecisionLevel(enum.StrEnum):
    """Who in the organisation holds the decision."""

    PRACTITIONER = "practitioner"
    SUPERVISOR = "supervisor"
    TEAM_MANAGER = "team-manager"
    SERVICE_MANAGER = "service-manager"
    HEAD_OF_SERVICE = "head-of-service"


@dataclass(frozen=True, slots=True)
class Decision:
    """A decision (including a decision not to act) with its rationale.

    ``copied_to_child_record`` records that the decision has been put on the
    child's file in the case-management system.
    """

    id: str
    record_id: str
    child_ref: str
    decision: str
    rationale: str = ""
    decided_by: str = ""
    level: DecisionLevel = DecisionLevel.TEAM_MANAGER
    decided_on: date | None = None
    not_to_act: bool = False
    copied_to_child_record: bool = False
    position: int = 0

    def text_parts(self) -> tuple[str, ...]:
        return (self.child_ref, self.decision, self.rationale, self.decided_by)
