"""Reading dates and times as a supervisor types them.

Dates: ``14/12/2026``, ``14.12.26``, ``14-12``, ``14122026``, ``141226``,
``1412`` (day and month, this year), ``2026-12-31``, ``+14`` (days from
today), ``+2w``, ``-3``, ``today``. Times: ``10:30``, ``10.30``, ``1030``,
``930``, ``9``, ``2pm``, ``2.30 pm``. Empty text is "no value"; anything
else that cannot be read raises :class:`UnreadableEntry` with a message that
says how to type it. Nothing is ever guessed: a value is read whole or refused.
"""

from __future__ import annotations

import re
from datetime import date, time, timedelta

# Years a typed date may name. Far enough both ways for any supervision or
# review date, and far from ``date.max``, so date arithmetic on a typed date
# (the next due date, a review in months) cannot overflow.
FIRST_YEAR = 1900
LAST_YEAR = 2199

DATE_HINT = (
    "type it as 14/12/2026, 14122026, 14/12 (this year), 2026-12-14 or +14 (days from today)"
)
TIME_HINT = "type it as 10:30, 1030, 930 or 2pm"


class UnreadableEntry(ValueError):
    """Typed text that is not a date or time SupNotes can read; the message says why."""


_SEPARATED = re.compile(r"^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})(?:\s*[/.\-\s]\s*(\d{2}|\d{4}))?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_RELATIVE = re.compile(r"^([+-])\s*(\d{1,4})\s*(d|days?|w|weeks?)?$", re.IGNORECASE)
_CLOCK = re.compile(r"^(\d{1,2})(?:\s*[:.h]\s*(\d{2}))?\s*(am|pm|a|p)?$", re.IGNORECASE)
_CLOCK_DIGITS = re.compile(r"^(\d{3,4})\s*(am|pm|a|p)?$", re.IGNORECASE)


def _full_year(text: str | None, today: date) -> int:
    if text is None:
        return today.year
    year = int(text)
    return year + 2000 if len(text) == 2 else year


def _make_date(year: int, month: int, day: int, typed: str) -> date:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UnreadableEntry(
            f"“{typed}” is outside the years SupNotes accepts ({FIRST_YEAR} to {LAST_YEAR})."
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise UnreadableEntry(f"“{typed}” is not a day of the calendar: {DATE_HINT}.") from None


def parse_day(text: str, today: date | None = None) -> date | None:
    """The date in ``text`` (None when empty); :class:`UnreadableEntry` when it cannot be read."""
    today = today or date.today()
    typed = text.strip()
    if not typed:
        return None
    lowered = typed.lower()
    if lowered in ("today", "t"):
        return today
    if match := _RELATIVE.match(typed):
        sign, count, unit = match.groups()
        days = int(count) * (7 if (unit or "d").lower().startswith("w") else 1)
        if sign == "-":
            days = -days
        return _make_date(*_ymd(today + timedelta(days=days)), typed)
    if match := _ISO.match(typed):
        year, month, day = (int(part) for part in match.groups())
        return _make_date(year, month, day, typed)
    if match := _SEPARATED.match(typed):
        day_text, month_text, year_text = match.groups()
        return _make_date(_full_year(year_text, today), int(month_text), int(day_text), typed)
    if typed.isdigit() and len(typed) in (4, 6, 8):
        year_text = typed[4:] or None
        return _make_date(_full_year(year_text, today), int(typed[2:4]), int(typed[:2]), typed)
    raise UnreadableEntry(f"“{typed}” is not a date SupNotes can read: {DATE_HINT}.")


def _ymd(day: date) -> tuple[int, int, int]:
    return day.year, day.month, day.day


def parse_clock(text: str) -> time | None:
    """The time of day in ``text`` (None when empty); :class:`UnreadableEntry` otherwise."""
    typed = text.strip()
    if not typed:
        return None
    if match := _CLOCK_DIGITS.match(typed):
        digits, suffix = match.groups()
        hour, minute = int(digits[:-2]), int(digits[-2:])
    elif match := _CLOCK.match(typed):
        hour_text, minute_text, suffix = match.groups()
        hour, minute = int(hour_text), int(minute_text or 0)
    else:
        raise UnreadableEntry(f"“{typed}” is not a time SupNotes can read: {TIME_HINT}.")
    if suffix:
        if not 1 <= hour <= 12:
            raise UnreadableEntry(f"“{typed}” is not a time of day: {TIME_HINT}.")
        hour = hour % 12 + (12 if suffix.lower().startswith("p") else 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise UnreadableEntry(f"“{typed}” is not a time of day: {TIME_HINT}.")
    return time(hour, minute)


def show_day(value: date | None) -> str:
    """A date as the fields show it (``14/12/2026``), empty for none."""
    return "" if value is None else f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def show_clock(value: time | None) -> str:
    return "" if value is None else f"{value.hour:02d}:{value.minute:02d}"


def end_before_start(start: time | None, end: time | None) -> bool:
    """True when both are set and the end is earlier than the start."""
    return start is not None and end is not None and end < start
