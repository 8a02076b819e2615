"""The subject-access pack: canaries, maskings, sealed bytes, the index, the trail, bad input.

Each test works on its own copy of one real sealed demo vault, with canaries
planted (:mod:`tests.services.subject_access_vault`), and reads the pack back
with independent readers: zipfile, json, csv, pypdf and poppler's pdftotext.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from supnotes.domain.export_reader import loads
from supnotes.domain.trail import TrailKind
from supnotes.services import trail
from supnotes.services.subject_access import NoSuchWorker, make_pack
from supnotes.vault.errors import DiskFull, ReadOnlyLocation
from supnotes.vault.portability import export_document, read_pdf
from supnotes.vault.vault import Vault
from tests.drives import SmallDrive, small_drive
from tests.pdf.text import pages_text, pdftotext
from tests.services import subject_access_vault as canaries
from tests.tools import need_command
from tests.vault import sealed_demo

__all__ = ["small_drive"]


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return canaries.build(tmp_path_factory.mktemp("sar") / "vault")


@pytest.fixture
def vault(planted: Path, tmp_path: Path) -> Iterator[Vault]:
    with sealed_demo.open_vault(sealed_demo.copy_of(planted, tmp_path / "v")) as opened:
        yield opened


def _files(pack: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(pack) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _readable(files: dict[str, bytes]) -> dict[str, str]:
    """Every file's text as a reader sees it: PDFs extracted, the rest decoded."""
    out = {}
    for name, data in files.items():
        if name.endswith(".pdf"):
            out[name] = "\n".join(pages_text(data))
        else:
            out[name] = data.decode("utf-8", errors="replace")
    return out


def _leaks(files: dict[str, bytes], words: tuple[str, ...]) -> list[tuple[str, str]]:
    found = []
    readable = _readable(files)
    for name, data in files.items():
        for word in words:
            lowered = word.lower()
            raw = lowered.encode("utf-8")
            if raw in data.lower() or lowered in readable[name].lower():
                found.append((name, word))
    return found


def _pack(
    vault: Vault, tmp_path: Path, *, include_private: bool = False, mask_third_parties: bool = True
) -> tuple[Path, dict[str, bytes]]:
    worker = canaries.subject(vault)
    out = tmp_path / "out" / "pack.zip"
    out.parent.mkdir(exist_ok=True)
    make_pack(
        vault,
        worker.id,
        out,
        include_private=include_private,
        mask_third_parties=mask_third_parties,
    )
    return out, _files(out)


def test_a_private_note_never_reaches_the_pack_unless_chosen(vault: Vault, tmp_path: Path) -> None:
    _, files = _pack(vault, tmp_path)
    assert _leaks(files, (canaries.PRIVATE_CANARY,)) == []
    assert "Private notes: left out" in files["README.txt"].decode()
    index = pdftotext(files["index.pdf"])
    if index is not None:
        assert canaries.PRIVATE_CANARY.lower() not in index.lower()
        assert "Left out (not chosen)" in index

    _, chosen = _pack(vault, tmp_path, include_private=True)
    assert [name for name, _ in _leaks(chosen, (canaries.PRIVATE_CANARY,))] == [
        "records.supnotes.json"
    ]
    assert "still disclosable on request" in chosen["README.txt"].decode()


def test_children_and_other_people_in_group_records_are_masked_and_listed(
    vault: Vault, tmp_path: Path
) -> None:
    _, files = _pack(vault, tmp_path)
    assert _leaks(files, canaries.CANARIES) == []
    document = json.loads(files["records.supnotes.json"])
    group = next(r for r in document["records"] if r["reference"] == "SN-2026-9002")
    child = group["decisions"][0]["child_ref"]
    assert child.startswith("[child ")
    worker = group["actions"][0]["owner"]
    assert worker.startswith("[worker ")
    assert child in group["decisions"][0]["rationale"]
    assert group["actions"][0]["child_ref"] == child
    assert child in group["answers"]["presentation.question"]
    # The same tokens everywhere, the subject kept, other attendees unlinked.
    text = group["answers"]["reflection.reflections"]
    assert text.count(child) == 2, text
    assert text.count(worker) == 3, text
    assert canaries.subject(vault).name in text
    names = [a["name"] for a in group["attendees"]]
    assert canaries.subject(vault).name in names
    assert [a["worker_id"] for a in group["attendees"] if a["name"].startswith("[")] == [None] * 2
    # The masked document is still an export format version 2 document.
    assert loads(files["records.supnotes.json"]).version == 2
    # Each masking is listed, in the CSV and the index, without the masked value.
    rows = list(csv.reader(io.StringIO(files["maskings.csv"].decode("utf-8-sig"))))
    mine = [r for r in rows[1:] if r[0] == "SN-2026-9002"]
    wheres = {r[2] for r in mine}
    for where in (
        "decisions[0].child_ref",
        "decisions[0].rationale",
        "answers.reflection.reflections",
        "attendees[0].name",
        "actions[0].owner",
        "decisions[0].decision",
    ):
        assert where in wheres, (where, sorted(wheres))
    # The child's extract is listed (by SHA-256, not carried), its child masked.
    assert any(w.startswith("sealed_documents[") and w.endswith("].child_ref") for w in wheres)
    assert ["SN-2026-9002", "2026-02-25", "sealed supervision-file copy", "the whole signed copy",
            "withheld"] in mine  # fmt: skip
    index = "\n".join(pages_text(files["index.pdf"]))
    assert "Withheld for review" in index
    assert index.count("SN-2026-9002") >= len(mine)


def test_without_masking_the_group_record_and_its_signed_copy_are_as_recorded(
    vault: Vault, tmp_path: Path
) -> None:
    _, files = _pack(vault, tmp_path, mask_third_parties=False)
    document = json.loads(files["records.supnotes.json"])
    group = next(r for r in document["records"] if r["reference"] == "SN-2026-9002")
    assert group["decisions"][0]["child_ref"] == canaries.CHILD_CANARY
    assert "sealed/SN-2026-9002 supervision-file copy.pdf" in files
    # The leak check reads inside signed PDFs too (so its silence above means something).
    leaks = _leaks(files, (canaries.WORKER_FIRST,))
    assert ("sealed/SN-2026-9002 supervision-file copy.pdf", canaries.WORKER_FIRST) in leaks
    assert files["maskings.csv"].decode("utf-8-sig").count("\n") == 1
    assert "NOT masked" in files["README.txt"].decode()


def test_sealed_copies_are_byte_identical_to_the_vault(vault: Vault, tmp_path: Path) -> None:
    _, files = _pack(vault, tmp_path, mask_third_parties=False)
    worker = canaries.subject(vault)
    document = export_document(vault, worker_id=worker.id)
    expected = {
        d["id"]: d
        for r in document["records"]
        for d in r["sealed_documents"]
        if d["output"] == "supervision-file"
    }
    sealed = {n: b for n, b in files.items() if n.startswith("sealed/")}
    assert len(sealed) == len(expected) >= 3
    stored = {hashlib.sha256(read_pdf(vault, i)).hexdigest(): read_pdf(vault, i) for i in expected}
    for name, data in sealed.items():
        assert stored[hashlib.sha256(data).hexdigest()] == data, name
    assert {hashlib.sha256(b).hexdigest() for b in sealed.values()} == {
        d["sha256"] for d in expected.values()
    }
    index = "\n".join(pages_text(files["index.pdf"]))
    for d in expected.values():
        assert d["sha256"] in index.replace("\n", "")


def test_the_index_lists_every_record_and_addendum(vault: Vault, tmp_path: Path) -> None:
    need_command("pdftotext", "poppler-utils")
    _, files = _pack(vault, tmp_path)
    worker = canaries.subject(vault)
    records = export_document(vault, worker_id=worker.id)["records"]
    assert len(records) >= 5
    for text in (pdftotext(files["index.pdf"]) or "", "\n".join(pages_text(files["index.pdf"]))):
        for record in records:
            assert record["reference"] in text, record["reference"]
        assert worker.name in text
        assert "OFFICIAL-SENSITIVE" in text
    kinds = {r["kind"] for r in records}
    assert {"group", "one-to-one"} <= kinds


def test_the_index_is_pdfa_with_every_font_embedded(vault: Vault, tmp_path: Path) -> None:
    import pikepdf

    _, files = _pack(vault, tmp_path)
    with pikepdf.open(io.BytesIO(files["index.pdf"])) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "4"
        data = json.loads(pdf.attachments["record-data.json"].get_file().read_bytes())
    assert data["audience"]["output"] == "subject-access-index"
    assert canaries.CHILD_CANARY not in json.dumps(data)
    pdffonts = need_command("pdffonts", "poppler-utils")
    import subprocess

    listing = subprocess.run(
        [pdffonts, "-"], input=files["index.pdf"], capture_output=True, check=True
    ).stdout.decode()
    for line in listing.splitlines()[2:]:
        assert " yes " in line, line


def test_the_trail_grows_by_exactly_one_entry(vault: Vault, tmp_path: Path) -> None:
    before = trail.entries(vault)
    out, _ = _pack(vault, tmp_path)
    after = trail.entries(vault)
    assert after[: len(before)] == before
    assert len(after) == len(before) + 1
    entry = after[-1]
    assert entry.kind is TrailKind.SUBJECT_ACCESS
    assert entry.audience == "subject access"
    assert entry.destination == out.name


def test_an_unknown_worker_is_refused_and_nothing_is_written(vault: Vault, tmp_path: Path) -> None:
    before = trail.entries(vault)
    with pytest.raises(NoSuchWorker, match="no worker"):
        make_pack(vault, "00000000-0000-0000-0000-000000000000", tmp_path / "p.zip")
    assert list(tmp_path.glob("*.zip")) == []
    assert trail.entries(vault) == before


def test_a_missing_folder_is_refused_and_nothing_is_recorded(vault: Vault, tmp_path: Path) -> None:
    before = trail.entries(vault)
    with pytest.raises(FileNotFoundError):
        make_pack(vault, canaries.subject(vault).id, tmp_path / "gone" / "p.zip")
    assert not (tmp_path / "gone").exists()
    assert trail.entries(vault) == before


def test_a_full_drive_says_so_and_leaves_no_half_pack(
    vault: Vault, small_drive: SmallDrive
) -> None:
    before = trail.entries(vault)
    small_drive.fill(leave=64 * 1024)
    entries = small_drive.entries()
    with pytest.raises(DiskFull):
        make_pack(vault, canaries.subject(vault).id, small_drive.path / "pack.zip")
    assert small_drive.entries() == entries
    assert trail.entries(vault) == before


def test_a_read_only_drive_says_so_and_leaves_nothing(
    vault: Vault, small_drive: SmallDrive
) -> None:
    before = trail.entries(vault)
    small_drive.read_only()
    try:
        with pytest.raises(ReadOnlyLocation):
            make_pack(vault, canaries.subject(vault).id, small_drive.path / "pack.zip")
    finally:
        small_drive.read_only(False)
    assert small_drive.entries() == set()
    assert trail.entries(vault) == before


def test_a_failing_trail_removes_the_pack(
    vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing leaves the vault unrecorded: no trail entry, no pack."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise DiskFull("vault")

    monkeypatch.setattr(trail, "record", refuse)
    out = tmp_path / "pack.zip"
    with pytest.raises(DiskFull):
        make_pack(vault, canaries.subject(vault).id, out)
    assert list(tmp_path.iterdir()) == [tmp_path / "v"]


def test_progress_names_each_step(vault: Vault, tmp_path: Path) -> None:
    said: list[str] = []
    result = make_pack(vault, canaries.subject(vault).id, tmp_path / "p.zip", progress=said.append)
    count = len(result.plan.included)
    assert said[:2] == ["Reading the records…", "Writing the index…"]
    assert said[-1] == f"Adding signed copy {count} of {count}…"
