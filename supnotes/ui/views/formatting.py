"""How dates, counts and warnings read in the lists (one place, so they agree)."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QColor, QGuiApplication, QPalette


def short_date(day: date | None) -> str:
    """``12 Nov 2026``: unambiguous in every locale a supervisor is likely to use."""
    return "" if day is None else f"{day.day} {day:%b %Y}"


def days_text(days: int) -> str:
    return "1 day" if days == 1 else f"{days} days"


def warning_colour() -> QColor:
    """A red that reads on the current palette without shouting."""
    base = QGuiApplication.palette().color(QPalette.ColorRole.Base)
    return QColor("#ef9a9a") if base.lightness() < 128 else QColor("#b3261e")


def quiet_colour() -> QColor:
    """For rows that matter less (leavers): the palette's placeholder grey."""
    return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
