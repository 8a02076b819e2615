"""``supnotes verify --json``: the verdict and the record's embedded data, as one JSON object.

For a receiving system (a case-management system, an HR file) that imports
a record without retyping it. The verdict is written out from the verifier's
report as it stands (every field of its dataclasses, enums as their values,
times in ISO 8601), beside the data attached inside the PDF. The exit code
is the same as without ``--json``; a system imports the data only when
the verdict is a pass.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
from pathlib import Path
from typing import Any

from supnotes.pdf.embedded import EmbeddedData

FORMAT = "supnotes-verify"
FORMAT_VERSION = 1
# Properties (not dataclass fields) of the report worth writing out, if it has them.
_DERIVED = ("ok", "verdict", "exit_code")


def _dataclass(value: Any) -> dict[str, Any]:
    out = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    for name in _DERIVED:
        derived = getattr(value, name, None)
        if name not in out and derived is not None and not callable(derived):
            out[name] = _plain(derived)
    return out


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _dataclass(value)
    if isinstance(value, enum.Enum):
        return _plain(value.value)
    if isinstance(value, dt.datetime | dt.date | bytes):
        return value.hex() if isinstance(value, bytes) else value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    # Anything else JSON cannot hold (a certificate object, say) is written as text.
    return value if isinstance(value, str | int | float | bool) or value is None else str(value)


def _flat(verdict: dict[str, Any]) -> dict[str, Any]:
    """A judgement's own fields beside those of the verifier's report it wraps."""
    inner = verdict.pop("report", None)
    return {**inner, **verdict} if isinstance(inner, dict) else verdict


def verify_document(path: Path, report: Any, embedded: EmbeddedData) -> dict[str, Any]:
    """The JSON object ``verify --json`` prints (schema in docs/embedded-data.md)."""
    found = getattr(report, "reasons", ())
    reasons = found() if callable(found) else found
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "file": str(path),
        "verdict": {**_flat(_plain(report)), "reasons": list(reasons)},
        "embedded_data": embedded.data,
        "embedded_data_problem": embedded.problem,
    }


def print_json(path: Path, report: Any, embedded: EmbeddedData) -> None:
    print(json.dumps(verify_document(path, report, embedded), ensure_ascii=False, indent=1))
