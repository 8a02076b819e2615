"""Case discussions: what was said and directed about one child."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class CaseDiscussion:
    """One child's case as discussed in a session.

    ``child_ref`` is the reference in the case-management system (e.g.
    ``C-104233``), never the child's name: the extract for the child's record
    is filed by it.
    """

    id: str
    record_id: str
    child_ref: str
    position: int = 0
    update: str = ""
    childs_voice: str = ""
    worries: str = ""
    working_well: str = ""
    analysis: str = ""
    decision: str = ""
    rationale: str = ""
    review_date: date | None = None

    def __post_init__(self) -> None:
        if not self.child_ref.strip():
            raise ValueError("a case discussion needs a child reference")

    def text_parts(self) -> tuple[str, ...]:
        return (
            self.child_ref,
            self.update,
            self.childs_voice,
            self.worries,
            self.working_well,
            self.analysis,
            self.decision,
            self.rationale,
        )
