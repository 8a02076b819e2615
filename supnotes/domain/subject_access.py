"""What a subject-access pack holds, decided from one worker's export document.

Pure: from the (masked or not) version 2 document of one worker, this works
out the index's rows (every record and addendum about them), which sealed
supervision-file copies go into the pack and which are withheld for a
person to review, the maskings CSV and the README. The policy is in
``docs/subject-access.md``:

- every sealed supervision-file copy of the worker's own records (one-to-one,
  ad-hoc, agreement) goes in, byte for byte as stored, every revision;
- a group record's sealed copies go in only when masking is off, or when the
  record names no third party (nothing was masked in it): a signed PDF
  cannot be masked without breaking its signature, so one that names other
  workers or children is withheld and listed for review;
- extracts for children's records never go in: they are the child's record,
  and what they hold about the worker's work is in the file copy.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from supnotes.domain.export_format import INCLUDE_PRIVATE_HELP
from supnotes.domain.masking import Masking

INDEX_NAME = "index.pdf"
README_NAME = "README.txt"
JSON_NAME = "records.supnotes.json"
MASKINGS_NAME = "maskings.csv"
SEALED_FOLDER = "sealed/"

KIND_WORDS = {
    "one-to-one": "One-to-one supervision",
    "group": "Group supervision",
    "ad-hoc": "Ad-hoc decision",
    "agreement": "Supervision agreement",
}
STATUS_WORDS = {
    "draft": "Draft (not signed)",
    "signed": "Signed",
    "signed-elsewhere": "Signed (copy held elsewhere)",
}
ROLE_WORDS = {"chair": "chair", "presenter": "presenter", "member": "member"}
WITHHELD_REASON = (
    "names other workers or children; a signed copy cannot be masked without breaking its signature"
)


@dataclass(frozen=True, slots=True)
class IndexRow:
    """One line of the index: a record, or an addendum to one."""

    held_on: str
    reference: str
    kind: str
    status: str
    detail: str  # role at a group session, addendum reason (masked), …
    in_pack: str  # "2 sealed copies", "withheld for review", "none (draft)"


@dataclass(frozen=True, slots=True)
class SealedEntry:
    """One stored sealed PDF the pack carries or withholds."""

    document_id: str
    record_reference: str
    held_on: str
    what: str  # "supervision-file copy", "addendum of 2026-02-03", "… revision 2"
    sha256: str
    size: int
    name: str  # its file name in the pack (under sealed/)
    withheld: bool = False


@dataclass(frozen=True)
class PackPlan:
    worker_name: str
    include_private: bool
    masked: bool
    rows: tuple[IndexRow, ...]
    sealed: tuple[SealedEntry, ...]
    maskings: tuple[Masking, ...]
    extracts_left_out: int  # sealed extracts for children's records, never carried

    @property
    def included(self) -> tuple[SealedEntry, ...]:
        return tuple(s for s in self.sealed if not s.withheld)

    @property
    def withheld(self) -> tuple[SealedEntry, ...]:
        return tuple(s for s in self.sealed if s.withheld)

    @property
    def records(self) -> int:
        return sum(1 for r in self.rows if not r.kind.startswith("Addendum"))


def _role(record: dict[str, Any], worker_id: str) -> str:
    for attendee in record.get("attendees", []):
        if attendee.get("worker_id") == worker_id:
            return f"attended as {ROLE_WORDS.get(str(attendee.get('role')), 'member')}"
    return "attended"


def _copy_name(reference: str, what: str) -> str:
    return f"{SEALED_FOLDER}{reference} {what}.pdf"


def _sealed_of(
    record: dict[str, Any], withheld: bool
) -> tuple[list[SealedEntry], int, dict[str, str]]:
    """The record's file copies (and its addenda's), the extracts left out, addendum words."""
    ref, day = str(record["reference"]), str(record["held_on"])
    addenda = {str(a["id"]): f"addendum of {a['added_on']}" for a in record.get("addenda", [])}
    found: list[SealedEntry] = []
    extracts = 0
    names: set[str] = set()
    for doc in record.get("sealed_documents", []):
        if doc["output"] != "supervision-file":
            extracts += 1
            continue
        what = (
            addenda.get(str(doc["addendum_id"]), "addendum")
            if doc["addendum_id"]
            else ("supervision-file copy")
        )
        if int(doc["revision"]) > 1:
            what += f", revision {doc['revision']} (counter-signed)"
        name = _copy_name(ref, what)
        number = 2
        while name in names:  # two addenda on one day
            name = _copy_name(ref, f"{what} ({number})")
            number += 1
        names.add(name)
        found.append(
            SealedEntry(
                document_id=str(doc["id"]),
                record_reference=ref,
                held_on=day,
                what=what,
                sha256=str(doc["sha256"]),
                size=int(doc["size"]),
                name=name,
                withheld=withheld,
            )
        )
    return found, extracts, addenda


def _in_pack(entries: Sequence[SealedEntry], status: str) -> str:
    if not entries:
        return "none (not signed)" if status == "draft" else "none"
    if entries[0].withheld:
        return "withheld for review"
    return "1 sealed copy" if len(entries) == 1 else f"{len(entries)} sealed copies"


def plan_pack(
    document: dict[str, Any],
    worker_id: str,
    worker_name: str,
    maskings: Sequence[Masking],
    *,
    masked: bool,
) -> PackPlan:
    """What the pack of ``document`` (one worker's export, masked if ``masked``) holds."""
    masked_refs = {m.reference for m in maskings}
    rows: list[IndexRow] = []
    sealed: list[SealedEntry] = []
    extracts = 0
    for record in document["records"]:
        ref, kind, status = str(record["reference"]), str(record["kind"]), str(record["status"])
        withhold = masked and kind == "group" and ref in masked_refs
        entries, left_out, addenda = _sealed_of(record, withhold)
        extracts += left_out
        sealed += entries
        main = [e for e in entries if not e.what.startswith("addendum")]
        rows.append(
            IndexRow(
                held_on=str(record["held_on"]),
                reference=ref,
                kind=KIND_WORDS.get(kind, kind),
                status=STATUS_WORDS.get(status, status),
                detail=_role(record, worker_id) if kind == "group" else "",
                in_pack=_in_pack(main, status),
            )
        )
        for addendum in record.get("addenda", []):
            words = addenda[str(addendum["id"])]
            mine = [e for e in entries if e.what.startswith(words)]
            rows.append(
                IndexRow(
                    held_on=str(addendum["added_on"]),
                    reference=ref,
                    kind=f"Addendum to {ref}",
                    status="Signed" if addendum["signed_at"] else "Draft (not signed)",
                    detail=str(addendum["reason"]),
                    in_pack=_in_pack(mine, "signed" if addendum["signed_at"] else "draft"),
                )
            )
    return PackPlan(
        worker_name=worker_name,
        include_private=bool(document["includes_private"]),
        masked=masked,
        rows=tuple(rows),
        sealed=tuple(sealed),
        maskings=tuple(maskings),
        extracts_left_out=extracts,
    )


# -- the maskings CSV -----------------------------------------------------------------

MASKINGS_COLUMNS = ("Reference", "Date", "Where in the record", "What was masked", "Shown as")


def maskings_csv(plan: PackPlan) -> bytes:
    """Every masking, then every withheld sealed copy, one a row (UTF-8 with BOM, for Excel)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(MASKINGS_COLUMNS)
    for m in plan.maskings:
        writer.writerow((m.reference, m.held_on, m.where, m.what, m.token))
    for s in plan.withheld:
        writer.writerow(
            (s.record_reference, s.held_on, f"sealed {s.what}", "the whole signed copy", "withheld")
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# -- the README -----------------------------------------------------------------------


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def readme_text(plan: PackPlan, *, made_on: str, organisation: str, supervisor: str) -> str:
    """The pack's README.txt: what each part is, what was masked and why, how to check."""
    private = (
        f"Private notes: INCLUDED, as chosen ({INCLUDE_PRIVATE_HELP}). They are in "
        f"{JSON_NAME} only: the signed copies never hold them."
        if plan.include_private
        else "Private notes: left out. They are the supervisor's own working notes, still "
        "disclosable on request; a pack holds them only when the option to "
        f'"{INCLUDE_PRIVATE_HELP}" is chosen.'
    )
    if plan.masked:
        masking = (
            f"In group supervision records, every child reference and every other person's "
            f"name was replaced, wherever it occurs (free text included), by a token such as "
            f"[child 1] or [worker 2]; the same child or person has the same token throughout "
            f"this pack. {len(plan.maskings)} fields were masked; {MASKINGS_NAME} lists each "
            f"one (record, field, token) for review. The masked values themselves are not in "
            f"this pack. The worker's own one-to-one, ad-hoc and agreement records are not "
            f"masked: they are the worker's own supervision file, about their own work."
        )
    else:
        masking = (
            "Third parties were NOT masked (chosen when the pack was made): group records "
            "show other workers' names and children's references as recorded."
        )
    withheld = (
        f"{withheld_copies(len(plan.withheld))} WITHHELD: each "
        f"{WITHHELD_REASON}. They are listed in {INDEX_NAME} and {MASKINGS_NAME}; the "
        "organisation decides, record by record, whether to release them (a pack made "
        "without masking carries them)."
        if plan.withheld
        else "No signed copy was withheld."
    )
    lines = [
        f"SUBJECT ACCESS PACK: records about {plan.worker_name}",
        f"Made on {made_on} with SupNotes by {supervisor or 'the supervisor'}"
        + (f", {organisation}" if organisation else "")
        + ".",
        "",
        "WHAT EACH PART IS",
        f"- {INDEX_NAME}: the readable index. Every record about {plan.worker_name} "
        "(one-to-ones, group sessions attended, ad-hoc decisions, agreements, addenda) "
        "with its date, kind, reference and status, what of it is in this pack, the "
        "sealed copies with their SHA-256, and the list of maskings.",
        f"- {SEALED_FOLDER}: the signed supervision-file copies, exactly as stored in the "
        f"vault (byte for byte; {_count(len(plan.included), 'file')}). Each file is named by the "
        "record's reference and which copy it is.",
        f"- {JSON_NAME}: the same records as data, in SupNotes export format version 2 "
        "(docs/export-format.md). It lists each sealed copy by SHA-256, including the "
        "ones not carried here (extracts for children's records, withheld copies).",
        f"- {MASKINGS_NAME}: every masking and every withheld copy, one a row, for review.",
        f"- {README_NAME}: this file.",
        "",
        "PRIVATE NOTES",
        private,
        "",
        "THIRD PARTIES",
        masking,
        withheld,
        f"Extracts for children's records ({plan.extracts_left_out}) are not in this pack: "
        "they belong to each child's record.",
        "",
        "CHECKING THE SIGNATURES",
        "Each PDF under sealed/ is signed by the supervisor (and, where counter-signed, by "
        "the worker). To check one:",
        '    supnotes verify "sealed/<file>.pdf"',
        "It says whether the file is intact and unchanged since it was signed, who signed "
        "it, and the SHA-256 of each signed revision; add --trust REGISTER.pem to also check "
        "the signer against the organisation's register. Any PDF reader that shows "
        "signatures (and poppler's pdfsig) can check them too. The SHA-256 printed in "
        f"{INDEX_NAME} and listed in {JSON_NAME} identifies each file (sha256sum on Linux, "
        "Get-FileHash on Windows, shasum -a 256 on macOS).",
        "",
        f"{INDEX_NAME} itself is not signed: it is a list made for this request.",
    ]
    return "\r\n".join(lines) + "\r\n"


def withheld_copies(count: int) -> str:
    """ "1 signed copy of a group record was" / "3 signed copies of group records were"."""
    if count == 1:
        return "1 signed copy of a group record was"
    return f"{count} signed copies of group records were"
