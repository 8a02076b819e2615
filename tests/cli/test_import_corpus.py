"""The bad-import corpus, through the real command in a child process.

Every file under ``tests/data/import/`` (written by ``make_corpus.py``), the
huge cases generated here (100,000 levels of nesting, multi-megabyte
strings) and zips made from a really sealed vault and then damaged: each is
refused with exit 2 and one line naming the JSON path (or zip entry) and the
reason; nothing is printed on stdout, no traceback anywhere, and the vault
is unchanged (SHA-256 of a full export, ``exported_at`` removed, and of
every sealed PDF). Importing the good file again adds nothing.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from supnotes.domain.export_format import dumps
from supnotes.services.transfer import export_file, import_file
from supnotes.vault.portability import export_document
from tests.vault import sealed_demo

CORPUS = Path(__file__).parents[1] / "data" / "import"

# family -> (file, the reason after "nothing imported: ")
FILES: dict[str, list[tuple[str, str]]] = {
    "wrong and future versions": [
        (
            "version-future.json",
            "$.version: is 3; this SupNotes reads version 1 or 2 (made by a newer SupNotes: "
            "update this one)",
        ),
        ("version-zero.json", "$.version: must be a version number: 1 or 2"),
        ("version-text.json", "$.version: must be a version number: 1 or 2"),
        ("format-other.json", "$.format: must be 'supnotes-export'; this is not a SupNotes export"),
        ("not-an-object.json", "$: must be an object"),
    ],
    "truncated": [
        (
            "truncated.json",
            "$: not JSON (line 84: Unterminated string starting at); the file looks cut short",
        ),
        ("empty.json", "$: the file is empty"),
    ],
    "huge numbers": [
        ("position-huge.json", "$.records[0].decisions[0].position: must be from 0 to 1,000,000"),
        ("position-negative.json", "$.records[0].actions[0].position: must be from 0 to 1,000,000"),
        ("caseload-huge.json", "$.workers[0].caseload[0].count: must be from 0 to 100,000"),
        (
            "answer-number-huge.json",
            "$.records[0].answers.decision.trigger: is too large a number (at most "
            "9,007,199,254,740,992)",
        ),
        ("template-version-huge.json", "$.records[0].template_version: must be from 1 to 100,000"),
        (
            "frequency-rule-huge.json",
            "$.workers[0].frequency_rule[0]: numbers must be from 0 to 36,600",
        ),
        (
            "digits-5000.json",
            "$: not JSON that can be read (Exceeds the limit (4300 digits) for integer string "
            "conversion: value has 5001 di)",
        ),
        ("nan.json", "$: NaN is not a number JSON allows"),
    ],
    "duplicate and colliding ids": [
        (
            "duplicate-record-id.json",
            "$.records: record id 0b6f3d6e-1c2a-4e55-9a51-3b1f0c7d9e01 appears twice",
        ),
        (
            "duplicate-entry-id.json",
            "$.records: decision id 5a0e7a7c-4b1d-4f0e-8a7e-6b2f1d3c4e01 appears twice",
        ),
        ("duplicate-key.json", "$: the key 'version' appears twice in one object"),
        (
            "colliding-reference.json",
            "$.records[0].reference: reference SN-2026-0001 is used by another record in "
            "this vault",
        ),
        (
            "colliding-entry-id.json",
            "$.records[0].decisions[0].id: decision 5a0e7a7c-4b1d-4f0e-8a7e-6b2f1d3c4e01 is "
            "already in this vault, in another record",
        ),
        (
            "conflicting-record.json",
            "$.records[0]: record 0b6f3d6e-1c2a-4e55-9a51-3b1f0c7d9e01 is already in this "
            "vault with different content",
        ),
    ],
    "references to missing workers or templates": [
        (
            "missing-worker.json",
            "$.records[2].worker_id: names a worker who is neither in the file nor in this vault",
        ),
        (
            "missing-template.json",
            "$.records[2].template_id: template risk-matrix v1 is neither in the file nor in "
            "this vault",
        ),
        (
            "missing-action.json",
            "$.records[2].action_reviews[0].action_id: names an unknown action",
        ),
    ],
    "impossible dates and times": [
        ("date-february-30.json", "$.records[2].held_on: must be a real date; 2026-02-30 is not"),
        ("date-month-13.json", "$.records[2].held_on: must be a real date; 2026-13-01 is not"),
        ("date-year-1.json", "$.records[2].held_on: must be a date between 1900 and 2199"),
        ("date-compact.json", "$.records[2].held_on: must be a date (YYYY-MM-DD)"),
        ("time-25-hours.json", "$.records[2].start_time: must be a real time; 25:00 is not"),
        ("time-with-zone.json", "$.records[2].start_time: must be a time (HH:MM)"),
        (
            "datetime-no-zone.json",
            "$.records[2].created_at: must be a date and time with a time zone (ISO 8601)",
        ),
    ],
    "end before start": [
        (
            "end-before-start.json",
            "$.records[2].end_time: the session ends (10:00) before it starts (11:00)",
        ),
        (
            "leaving-before-start.json",
            "$.workers[0].leaving_date: is before the worker's start_date",
        ),
    ],
    "unknown answer keys": [
        (
            "answer-unknown-key.json",
            "$.records[2].answers.wellbeing.wellbeing: the template ad-hoc-decision v1 has no "
            "such field",
        ),
        ("answer-key-shape.json", "$.records[2].answers.nodot: keys are section.field"),
        (
            "answer-wrong-kind.json",
            "$.records[2].answers.decision.trigger: a text field holds text or null",
        ),
    ],
    "NUL and broken Unicode": [
        ("nul-in-text.json", "$.records[2].answers.decision.facts: contains a NUL character"),
        ("nul-in-name.json", "$.workers[0].name: contains a NUL character"),
        (
            "lone-surrogate.json",
            "$.records[2].answers.decision.facts: is not valid Unicode text (a lone surrogate)",
        ),
    ],
    "non-UTF-8": [
        ("latin-1.json", "$: not UTF-8 text (byte 369 cannot be read)"),
        ("utf-16.json", "$: not UTF-8 text (byte 0 cannot be read)"),
        ("binary.json", "$: not UTF-8 text (byte 128 cannot be read)"),
    ],
    "signed without a valid seal": [
        (
            "signed-no-hash.json",
            "$.records[2].sealed_sha256: a signed record needs the SHA-256 of its sealed copy; "
            "a record is signed only with its seal",
        ),
        (
            "signed-made-up-hash.json",
            "$.records[2].sealed_sha256: must be a SHA-256: 64 lower-case hexadecimal digits",
        ),
        (
            "signed-upper-case-hash.json",
            "$.records[2].sealed_sha256: must be a SHA-256: 64 lower-case hexadecimal digits",
        ),
        ("signed-no-date.json", "$.records[2].signed_at: a signed record needs signed_at"),
        ("draft-with-hash.json", "$.records[2].sealed_sha256: a draft is not signed: must be null"),
        (
            "addendum-on-draft.json",
            "$.records[2].addenda: a draft has no addenda: they amend signed records",
        ),
        (
            "v2-seal-mismatch.json",
            "$.records[1].sealed_documents: no supervision-file copy (revision 1) has the "
            "record's sealed_sha256",
        ),
    ],
}


CASES = [(family, name, reason) for family, cases in FILES.items() for name, reason in cases]


def vault_digest(folder: Path) -> str:
    """SHA-256 of everything the vault holds: a full export and every sealed PDF."""
    with sealed_demo.open_vault(folder) as vault:
        document = export_document(vault, include_private=True)
        document.pop("exported_at")
        digest = hashlib.sha256(dumps(document).encode("utf-8"))
        for (pdf,) in vault.query("SELECT pdf FROM sealed_document ORDER BY id"):
            assert isinstance(pdf, bytes)
            digest.update(pdf)
    return digest.hexdigest()


def run_import(folder: Path, file: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SUPNOTES_PASSPHRASE": sealed_demo.PASSPHRASE}
    return subprocess.run(
        [sys.executable, "-m", "supnotes", "import", "--vault", str(folder), str(file)],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
        check=False,
    )


@pytest.fixture(scope="module")
def corpus_vault(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A vault holding base.json (a draft, and a record signed elsewhere), and its digest."""
    folder = tmp_path_factory.mktemp("corpus") / "vault"
    with sealed_demo.new_vault(folder) as vault:
        report = import_file(vault, CORPUS / "base.json")
    assert (report.records_added, report.signed_elsewhere) == (2, 1)
    return folder, vault_digest(folder)


def assert_refused(corpus_vault: tuple[Path, str], file: Path, reason: str) -> None:
    folder, digest = corpus_vault
    done = run_import(folder, file)
    assert "Traceback" not in done.stdout + done.stderr
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"supnotes: {file} was refused, nothing imported: {reason}\n"
    assert vault_digest(folder) == digest


@pytest.mark.parametrize(("family", "name", "reason"), CASES, ids=[c[1] for c in CASES])
def test_every_corpus_file_is_refused_and_changes_nothing(
    corpus_vault: tuple[Path, str], family: str, name: str, reason: str
) -> None:
    assert_refused(corpus_vault, CORPUS / name, reason)


def test_the_corpus_is_complete() -> None:
    """Every committed file has its expected message (and make_corpus.py made it)."""
    named = {name for _, name, _ in CASES} | {"base.json"}
    assert {p.name for p in CORPUS.glob("*.json")} == named


def test_the_good_file_again_adds_nothing(corpus_vault: tuple[Path, str]) -> None:
    folder, digest = corpus_vault
    done = run_import(folder, CORPUS / "base.json")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Imported 0 records")
    assert vault_digest(folder) == digest


# -- huge inputs, generated ------------------------------------------------------


def _base() -> dict[str, Any]:
    document: dict[str, Any] = json.loads((CORPUS / "base.json").read_bytes())
    return document


def _deep_list(tmp: Path) -> tuple[Path, str]:
    levels = 100_000
    text = '{"format": "supnotes-export", "records": ' + "[" * levels + "]" * levels + "}"
    return _write(
        tmp, "deep-list.json", text.encode()
    ), "$: nested more than 64 levels deep; no export is"


def _deep_object(tmp: Path) -> tuple[Path, str]:
    levels = 100_000
    text = '{"a": ' * levels + "1" + "}" * levels
    return _write(
        tmp, "deep-object.json", text.encode()
    ), "$: nested more than 64 levels deep; no export is"


def _huge_answer(tmp: Path) -> tuple[Path, str]:
    doc = _base()
    doc["records"][0]["answers"]["decision.facts"] = "x" * 3_000_000
    reason = "$.records[0].answers.decision.facts: is 3,000,000 characters long; at most 2,000,000"
    return _write(tmp, "huge-answer.json", json.dumps(doc).encode()), reason


def _huge_name(tmp: Path) -> tuple[Path, str]:
    doc = _base()
    doc["workers"][0]["name"] = "Dana " * 4_000
    reason = "$.workers[0].name: is 20,000 characters long; at most 10,000"
    return _write(tmp, "huge-name.json", json.dumps(doc).encode()), reason


def _huge_key(tmp: Path) -> tuple[Path, str]:
    doc = _base()
    doc["records"][0]["answers"]["decision." + "k" * 1_000_000] = "x"
    reason = "$.records[0].answers: is 1,000,009 characters long; at most 200"
    return _write(tmp, "huge-key.json", json.dumps(doc).encode()), reason


def _deep_template(tmp: Path) -> tuple[Path, str]:
    doc = _base()
    doc["templates"][0]["source"] = "x = " + "[" * 100_000 + "]" * 100_000
    reason = "$.templates[0].source: template refused: not valid TOML: nested too deeply"
    return _write(tmp, "deep-template.json", json.dumps(doc).encode()), reason


def _write(tmp: Path, name: str, data: bytes) -> Path:
    path = tmp / name
    path.write_bytes(data)
    return path


GENERATED: dict[str, Callable[[Path], tuple[Path, str]]] = {
    "deep nesting (list)": _deep_list,
    "deep nesting (object)": _deep_object,
    "deep nesting (template TOML)": _deep_template,
    "huge string (answer)": _huge_answer,
    "huge string (name)": _huge_name,
    "huge string (answer key)": _huge_key,
}


@pytest.mark.parametrize("case", list(GENERATED))
def test_huge_inputs_are_refused(corpus_vault: tuple[Path, str], tmp_path: Path, case: str) -> None:
    file, reason = GENERATED[case](tmp_path)
    assert_refused(corpus_vault, file, reason)


# -- zips made from a really sealed vault, then damaged -----------------------


@pytest.fixture(scope="module")
def sealed_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = sealed_demo.build(tmp_path_factory.mktemp("sealed") / "vault")
    out = folder.parent / "all.supnotes.zip"
    with sealed_demo.open_vault(folder) as vault:
        summary = export_file(vault, out, as_zip=True, include_private=True)
    assert summary.pdfs > 0
    return out


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(tmp: Path, members: dict[str, bytes]) -> Path:
    path = tmp / "changed.supnotes.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _document(members: dict[str, bytes]) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(members["supnotes-export.json"])
    return document


def _first_signed(document: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    return next((i, r) for i, r in enumerate(document["records"]) if r["sealed_documents"])


def _unsigned_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "A record with no signature")
    page.save()
    return buffer.getvalue()


def _replace_seal(
    members: dict[str, bytes], document: dict[str, Any], record: dict[str, Any], pdf: bytes
) -> str:
    """Put ``pdf`` in place of the record's seal, the document updated to match it."""
    sha = hashlib.sha256(pdf).hexdigest()
    copy = _seal(record)
    del members[copy["file"]]
    record["sealed_sha256"] = sha
    copy.update(sha256=sha, size=len(pdf), file=f"pdf/{sha}.pdf")
    members[copy["file"]] = pdf
    members["supnotes-export.json"] = json.dumps(document).encode()
    return str(copy["file"])


def _seal(record: dict[str, Any]) -> dict[str, Any]:
    """The record's supervision-file copy as first sealed (its sealed_sha256)."""
    return next(
        d
        for d in record["sealed_documents"]
        if (d["output"], d["addendum_id"], d["revision"]) == ("supervision-file", None, 1)
    )


def _zip_case(name: str, members: dict[str, bytes], tmp: Path) -> tuple[Path, str]:
    from tests.pdf import tamper

    document = _document(members)
    index, record = _first_signed(document)
    copy = _seal(record)
    signed = members[copy["file"]]
    if name == "pdf altered":
        data = bytearray(members[copy["file"]])
        data[len(data) // 2] ^= 0x01
        members[copy["file"]] = bytes(data)
        return _zip(tmp, members), f"{copy['file']}: does not match its SHA-256: it was altered"
    if name == "pdf missing":
        del members[copy["file"]]
        return _zip(tmp, members), f"{copy['file']}: is listed in the document but not in the zip"
    if name == "pdf larger than listed":
        members[copy["file"]] += b"\n%% padding"
        size = copy["size"]
        reason = f"is {size + 11:,} bytes, not the {size:,} the document lists"
        return _zip(tmp, members), f"{copy['file']}: {reason}"
    if name == "pdf not signed":
        file = _replace_seal(members, document, record, _unsigned_pdf())
        return _zip(
            tmp, members
        ), f"{file}: is not a valid signed PDF: the document has no signatures"
    if name == "pdf edited after signing":
        file = _replace_seal(members, document, record, tamper.add_page_text(signed))
        reason = f"{file}: is not a valid signed PDF: the document was changed after signature "
        return _zip(tmp, members), f"{reason}{_field(signed)}"
    if name == "pdf signature broken":
        file = _replace_seal(members, document, record, tamper.flip_byte_in_signed_range(signed))
        reason = f"{file}: is not a valid signed PDF: signature {_field(signed)} is broken: "
        return _zip(tmp, members), f"{reason}the signed bytes were altered"
    if name == "signed record without its pdfs":
        record["sealed_documents"] = []
        members["supnotes-export.json"] = json.dumps(document).encode()
        reason = (
            f"$.records[{index}].sealed_documents: a signed record comes with its sealed PDFs; "
            "this one has none"
        )
        return _zip(tmp, members), reason
    if name == "no document":
        del members["supnotes-export.json"]
        return _zip(tmp, members), "zip: holds no supnotes-export.json: not a SupNotes export"
    if name == "version 1 inside":
        document["version"] = 1
        for r in document["records"]:
            del r["sealed_documents"]
        members["supnotes-export.json"] = json.dumps(document).encode()
        return _zip(tmp, members), "$.version: a zip holds a version 2 document"
    raise AssertionError(name)


def _field(pdf: bytes) -> str:
    from supnotes.pdf.verify import verify_pdf

    return repr(verify_pdf(pdf).signatures[0].field_name)


ZIP_CASES = [
    "pdf altered",
    "pdf edited after signing",
    "pdf signature broken",
    "pdf missing",
    "pdf larger than listed",
    "pdf not signed",
    "signed record without its pdfs",
    "no document",
    "version 1 inside",
]


@pytest.fixture(scope="module")
def empty_vault(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The zips' target: an empty vault (the sealed records would all be new to it)."""
    folder = tmp_path_factory.mktemp("empty") / "vault"
    sealed_demo.new_vault(folder).close()
    return folder, vault_digest(folder)


@pytest.mark.parametrize("case", ZIP_CASES)
def test_damaged_zips_are_refused(
    empty_vault: tuple[Path, str], sealed_zip: Path, tmp_path: Path, case: str
) -> None:
    file, reason = _zip_case(case, _members(sealed_zip), tmp_path)
    assert_refused(empty_vault, file, reason)


def test_a_truncated_zip_is_refused(
    empty_vault: tuple[Path, str], sealed_zip: Path, tmp_path: Path
) -> None:
    data = sealed_zip.read_bytes()
    file = _write(tmp_path, "cut.supnotes.zip", data[: len(data) // 2])
    folder, digest = empty_vault
    done = run_import(folder, file)
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 2
    assert done.stderr.startswith(f"supnotes: {file} was refused, nothing imported: zip: not a")
    assert done.stderr.count("\n") == 1
    assert vault_digest(folder) == digest


def test_a_bad_file_is_refused_before_any_passphrase_is_asked(
    corpus_vault: tuple[Path, str],
) -> None:
    folder, _ = corpus_vault
    env = {k: v for k, v in os.environ.items() if k != "SUPNOTES_PASSPHRASE"}
    file = CORPUS / "version-future.json"
    done = subprocess.run(
        [sys.executable, "-m", "supnotes", "import", "--vault", str(folder), str(file)],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=240,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith(f"supnotes: {file} was refused, nothing imported: $.version")
