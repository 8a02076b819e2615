"""Identifiers and small value checks shared by the domain.

Every entity has a string UUID, so ids survive export and import unchanged.
"""

from __future__ import annotations

import uuid
from datetime import date, time


def new_id() -> str:
    """A fresh random id (UUID4, lower-case, hyphenated)."""
    return str(uuid.uuid4())


def is_id(text: str) -> bool:
    """True when ``text`` is a UUID in the canonical form :func:`new_id` makes."""
    try:
        return str(uuid.UUID(text)) == text
    except ValueError:
        return False


def parse_date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def parse_time(text: str | None) -> time | None:
    return None if text is None else time.fromisoformat(text)


def iso(value: date | time | None) -> str | None:
    """ISO text of a date or time (times to the minute), or None."""
    if value is None:
        return None
    if isinstance(value, time):
        return value.isoformat(timespec="minutes")
    return value.isoformat()
