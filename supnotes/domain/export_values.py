"""Reading one JSON value of an export, bounded: the checks every field goes through.

A file to import is untrusted, so text has a length limit and may hold no
NUL or broken Unicode, whole numbers have ranges, dates are real days within
1900-2199, times are ``HH:MM`` and date-times carry a time zone. Every
refusal names the JSON path of the value.
"""

from __future__ import annotations

import enum
import re
from datetime import date, datetime, time
from typing import Any, TypeVar

from supnotes.domain.export_format import ExportFormatError, is_sha256
from supnotes.domain.ids import is_id

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")

# Bounds on what a file may hold. Generous for real records (a 90-minute
# session typed flat out is about 60,000 characters), small enough that a
# hostile file cannot make the vault or the PDFs unmanageable.
SHORT_TEXT = 10_000  # names, roles, references, owners
LONG_TEXT = 2_000_000  # answers and the text of lists
MAX_POSITION = 1_000_000
MAX_COUNT = 100_000  # caseload counts, template versions, revisions
MAX_PDF_BYTES = 512 * 1024 * 1024
MAX_RULE_DAYS = 36_600  # a frequency rule's numbers: at most a century
ANSWER_NUMBER = 2**53  # answers are JSON numbers: whole, and exact in any reader
FIRST_YEAR, LAST_YEAR = 1900, 2199
OUTPUTS = ("supervision-file", "child-record")

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"\d{2}:\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})")


def check_text(path: str, value: str, limit: int) -> str:
    """``value`` if it is text a vault can hold; else a refusal naming ``path``."""
    if len(value) > limit:
        raise ExportFormatError(path, f"is {len(value):,} characters long; at most {limit:,}")
    if "\x00" in value:
        raise ExportFormatError(path, "contains a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ExportFormatError(path, "is not valid Unicode text (a lone surrogate)") from None
    return value


def _in_years(path: str, value: date) -> None:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ExportFormatError(path, f"must be a date between {FIRST_YEAR} and {LAST_YEAR}")


class JsonObject:
    """A JSON object being read, which knows its path for error messages."""

    def __init__(self, value: object, path: str) -> None:
        if not isinstance(value, dict):
            raise ExportFormatError(path, "must be an object")
        self.data: dict[str, Any] = value
        self.path = path

    def at(self, key: str) -> str:
        return f"{self.path}.{key}"

    def get(self, key: str) -> Any:
        if key not in self.data:
            raise ExportFormatError(self.at(key), "is missing")
        return self.data[key]

    def text(self, key: str, limit: int = SHORT_TEXT) -> str:
        value = self.get(key)
        if not isinstance(value, str):
            raise ExportFormatError(self.at(key), "must be text")
        return check_text(self.at(key), value, limit)

    def long_text(self, key: str) -> str:
        return self.text(key, LONG_TEXT)

    def opt_text(self, key: str) -> str | None:
        return None if self.get(key) is None else self.text(key)

    def ident(self, key: str) -> str:
        value = self.text(key)
        if not is_id(value):
            raise ExportFormatError(self.at(key), "must be a lower-case UUID")
        return value

    def opt_ident(self, key: str) -> str | None:
        return None if self.get(key) is None else self.ident(key)

    def integer(self, key: str, low: int, high: int) -> int:
        value = self.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            raise ExportFormatError(self.at(key), "must be a whole number")
        if not low <= value <= high:
            raise ExportFormatError(self.at(key), f"must be from {low:,} to {high:,}")
        return value

    def flag(self, key: str) -> bool:
        value = self.get(key)
        if not isinstance(value, bool):
            raise ExportFormatError(self.at(key), "must be true or false")
        return value

    def opt_flag(self, key: str) -> bool | None:
        return None if self.get(key) is None else self.flag(key)

    def sha256(self, key: str) -> str | None:
        value = self.get(key)
        if value is None:
            return None
        if not is_sha256(value):
            raise ExportFormatError(
                self.at(key), "must be a SHA-256: 64 lower-case hexadecimal digits"
            )
        return str(value)

    def _shaped(self, key: str, shape: re.Pattern[str], what: str) -> str | None:
        value = self.opt_text(key)
        if value is not None and not shape.fullmatch(value):
            raise ExportFormatError(self.at(key), f"must be {what}")
        return value

    def opt_date(self, key: str) -> date | None:
        what = "a date (YYYY-MM-DD)"
        text = self._shaped(key, _DATE, what)
        if text is None:
            return None
        try:
            value = date.fromisoformat(text)
        except ValueError:
            raise ExportFormatError(self.at(key), f"must be a real date; {text} is not") from None
        _in_years(self.at(key), value)
        return value

    def day(self, key: str) -> date:
        value = self.opt_date(key)
        if value is None:
            raise ExportFormatError(self.at(key), "must be a date (YYYY-MM-DD)")
        return value

    def opt_time(self, key: str) -> time | None:
        text = self._shaped(key, _TIME, "a time (HH:MM)")
        if text is None:
            return None
        try:
            return time.fromisoformat(text)
        except ValueError:
            raise ExportFormatError(self.at(key), f"must be a real time; {text} is not") from None

    def opt_datetime(self, key: str) -> datetime | None:
        what = "a date and time with a time zone (ISO 8601)"
        text = self._shaped(key, _DATETIME, what)
        if text is None:
            return None
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            raise ExportFormatError(self.at(key), f"must be a real {what}") from None
        if value.tzinfo is None:
            raise ExportFormatError(self.at(key), "must include a time zone")
        _in_years(self.at(key), value.date())
        return value

    def choice(self, key: str, kind: type[E]) -> E:
        text = self.text(key)
        try:
            return kind(text)
        except ValueError:
            allowed = ", ".join(str(m.value) for m in kind)
            raise ExportFormatError(self.at(key), f"must be one of {allowed}") from None

    def items(self, key: str) -> list[JsonObject]:
        value = self.get(key)
        if not isinstance(value, list):
            raise ExportFormatError(self.at(key), "must be a list")
        return [JsonObject(v, f"{self.at(key)}[{i}]") for i, v in enumerate(value)]
