"""The people at a group supervision session."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class AttendeeRole(enum.StrEnum):
    CHAIR = "chair"
    PRESENTER = "presenter"
    MEMBER = "member"


@dataclass(frozen=True, slots=True)
class Attendee:
    """A worker (``worker_id``) or a named other person (``worker_id`` None)."""

    id: str
    record_id: str
    name: str
    role: AttendeeRole = AttendeeRole.MEMBER
    worker_id: str | None = None
    position: int = 0

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("an attendee needs a name")
