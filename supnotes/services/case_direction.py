"""A sealed record's case direction for one child, as text to paste into a case note.

Built from the same extract the child's sealed PDF was printed from
(:func:`supnotes.domain.outputs.child_record_extract` on the signed
record's sheet), and pointing at that PDF by its SHA-256. Each copy or
export of it is recorded in the access trail by :func:`record_copy`.
"""

from __future__ import annotations

from pathlib import PurePath

from supnotes.domain.case_direction import CaseDirectionSource, case_direction_text
from supnotes.domain.outputs import child_record_extract
from supnotes.domain.trail import TrailKind
from supnotes.services import trail
from supnotes.services.exports import NotSealed, sealed_document
from supnotes.services.sheets import signed_sheet
from supnotes.vault.repositories.records import load_content
from supnotes.vault.vault import Vault

AUDIENCE = "case direction text, child's record"


def case_direction(vault: Vault, record_id: str, child_ref: str) -> str:
    """The text for ``child_ref`` from the sealed record ``record_id``.

    Raises :class:`NotSealed` when the record is not signed here or has no
    sealed extract for that child, and ``KeyError`` for no such record.
    """
    with vault.exclusive() as conn:
        content = load_content(conn, record_id)
    if not content.record.is_signed:
        raise NotSealed("this record is not signed: case direction is copied from a sealed record")
    document = sealed_document(vault, record_id, child_ref)
    sheet = signed_sheet(vault, content)
    extract = child_record_extract(sheet.template, content, child_ref, sheet.reviewed_actions)
    role = f", {sheet.supervisor.role}" if sheet.supervisor.role else ""
    source = CaseDirectionSource(
        extract=extract,
        supervisor=sheet.supervisor.name + role,
        sealed_sha256=document.sha256,
        people=sheet.people,
    )
    return case_direction_text(source)


def record_copy(
    vault: Vault,
    record_ref: str,
    child_ref: str,
    kind: TrailKind,
    destination: str | PurePath | None = None,
) -> None:
    """The copy's (or text export's) one trail entry."""
    trail.record_if_writable(
        vault,
        kind,
        record_ref=record_ref,
        audience=AUDIENCE,
        child_ref=child_ref,
        destination=destination,
    )
