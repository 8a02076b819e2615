"""Addenda reach the child's record; extracts sealed incomplete are completed by addendum.

Real vaults, real renders, real signatures: each PDF is verified and read back.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from supnotes.domain.actions import Action
from supnotes.domain.demo import DemoVault
from supnotes.domain.records import RecordKind
from supnotes.pdf.export import sha256_hex
from supnotes.pdf.printable import PrintableRecord
from supnotes.pdf.record_view import RecordSheet, child_extract
from supnotes.pdf.text import squeezed
from supnotes.pdf.verify import verify_pdf
from supnotes.services import sealing
from supnotes.services.extract_completion import complete_extract, incomplete_extracts
from supnotes.services.sealing import SealingRefused, add_addendum, seal_record
from supnotes.vault.repositories.record_lists import RecordListRepository
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.repositories.sealed import CHILD_RECORD, SealedRepository
from supnotes.vault.vault import Vault
from tests.pdf.text import pages_text
from tests.services.test_sealing import ACK


def _text(pdf: bytes) -> str:
    return squeezed("\n".join(pages_text(pdf)))


def test_an_addendum_about_a_child_is_issued_to_its_record(vault: Vault, session_id: str) -> None:
    seal_record(vault, session_id, ACK)
    content = RecordRepository(vault).get(session_id)
    child, other = content.child_refs[:2]
    sealed = SealedRepository(vault)
    extract = sealed.find(session_id, CHILD_RECORD, child)
    assert extract is not None

    addendum = add_addendum(
        vault, session_id, "Wrong review date", "The review is on 18 April.", child_refs=[child]
    )
    assert addendum.cites_sha256 == content.record.sealed_sha256
    assert [(c.child_ref, c.cites_sha256) for c in addendum.children] == [(child, extract.sha256)]
    stored = RecordRepository(vault).get(session_id).addenda
    assert stored[0].children == addendum.children  # read back from the vault

    file_copy = sealed.find(session_id, addendum_id=addendum.id)
    to_child = sealed.find(session_id, CHILD_RECORD, child, addendum.id)
    assert file_copy is not None
    assert to_child is not None
    assert sealed.find(session_id, CHILD_RECORD, other, addendum.id) is None
    assert file_copy.sha256 == addendum.sealed_sha256
    for doc in (file_copy, to_child):
        assert sha256_hex(doc.pdf) == doc.sha256
        report = verify_pdf(doc.pdf)
        assert report.ok, report.reasons()

    file_text = _text(file_copy.pdf)
    assert squeezed(content.record.sealed_sha256 or "-") in file_text
    assert child in file_text  # "Also issued to the records of"

    child_text = _text(to_child.pdf)
    assert extract.sha256 in child_text
    assert (content.record.sealed_sha256 or "-") not in child_text
    assert squeezed("The review is on 18 April.") in child_text
    assert child in child_text
    assert other not in child_text
    assert squeezed("Formal one-to-one supervision") not in child_text
    assert "Nextsupervision" not in child_text
    # the original extract is untouched
    assert sealed.find(session_id, CHILD_RECORD, child) == extract


def test_an_addendum_can_only_concern_the_records_children(vault: Vault, session_id: str) -> None:
    seal_record(vault, session_id, ACK)
    with pytest.raises(SealingRefused, match="C-000000"):
        add_addendum(vault, session_id, "Reason", "Text", child_refs=["C-000000"])
    assert RecordRepository(vault).get(session_id).addenda == ()
    plain = add_addendum(vault, session_id, "Typo", "Spelling of a name.")
    assert plain.children == ()
    assert [d.output for d in SealedRepository(vault).all_for(session_id) if d.addendum_id] == [
        "supervision-file"
    ]


def _seal_the_old_way(monkeypatch: pytest.MonkeyPatch) -> None:
    """Seal extracts as before the fix: without the child's actions or reviews."""

    def old_extract(sheet: RecordSheet, child_ref: str) -> PrintableRecord:
        content = replace(
            sheet.content,
            actions=tuple(a for a in sheet.content.actions if a.child_ref != child_ref),
            reviews=(),
        )
        return child_extract(replace(sheet, content=content), child_ref)

    monkeypatch.setattr(sealing, "child_extract", old_extract)


def test_an_extract_sealed_incomplete_is_completed_by_a_signed_addendum(
    vault: Vault, session_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        _seal_the_old_way(patch)
        seal_record(vault, session_id, ACK)
    content = RecordRepository(vault).get(session_id)
    child, other = content.child_refs[:2]
    action = next(a for a in content.actions if a.child_ref == child)
    other_action = next(a for a in content.actions if a.child_ref == other)
    sealed = SealedRepository(vault)
    original = sealed.find(session_id, CHILD_RECORD, child)
    assert original is not None
    assert squeezed(action.text) not in _text(original.pdf)  # the old extract lacks it

    found = {i.child_ref: i for i in incomplete_extracts(vault, session_id)}
    assert set(found) == {child, other}
    assert found[child].extract_sha256 == original.sha256
    assert found[child].entry_count == 1

    addendum = complete_extract(vault, session_id, child)
    assert addendum.cites_sha256 == original.sha256
    assert addendum.child_refs == (child,)
    assert action.text in addendum.text
    issued = sealed.find(session_id, CHILD_RECORD, child, addendum.id)
    assert issued is not None
    assert issued.sha256 == addendum.sealed_sha256
    assert sealed.find(session_id, addendum_id=addendum.id) is None  # the file copy was complete
    report = verify_pdf(issued.pdf)
    assert report.ok, report.reasons()
    text = _text(issued.pdf)
    assert original.sha256 in text
    assert squeezed(action.text) in text
    assert squeezed(other_action.text) not in text
    assert other not in text
    # sealed records never change; the child is not completed twice
    assert sealed.find(session_id, CHILD_RECORD, child) == original
    assert [i.child_ref for i in incomplete_extracts(vault, session_id)] == [other]
    with pytest.raises(SealingRefused, match="already completed"):
        complete_extract(vault, session_id, child)


def test_an_extract_sealed_complete_needs_nothing(vault: Vault, session_id: str) -> None:
    seal_record(vault, session_id, ACK)
    assert incomplete_extracts(vault, session_id) == []
    child = RecordRepository(vault).get(session_id).child_refs[0]
    with pytest.raises(SealingRefused, match="already holds everything"):
        complete_extract(vault, session_id, child)
    with pytest.raises(SealingRefused, match="not about"):
        complete_extract(vault, session_id, "C-000000")


def test_a_draft_has_nothing_to_complete(vault: Vault, session_id: str) -> None:
    assert incomplete_extracts(vault, session_id) == []
    with pytest.raises(SealingRefused, match="not signed"):
        complete_extract(vault, session_id, "C-1")


def test_sealing_refuses_an_extract_that_would_leave_out_the_childs_entry(
    vault: Vault, demo: DemoVault
) -> None:
    """An agreement has nowhere to print an action: sealing says so and stores nothing."""
    agreement = next(c.record for c in demo.records if c.record.kind is RecordKind.AGREEMENT)
    RecordListRepository(vault).save_action(
        Action("stray-action", agreement.id, "Chronology for the child", child_ref="C-7777")
    )
    with pytest.raises(SealingRefused, match="C-7777"):
        seal_record(vault, agreement.id, ACK)
    assert not RecordRepository(vault).header(agreement.id).is_signed
    assert SealedRepository(vault).all_for(agreement.id) == []


def test_addenda_to_a_childs_record_travel_in_an_export(
    vault: Vault, session_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Export format v2 carries which children an addendum went to, and completion addenda."""
    from supnotes.services.transfer import export_file, import_file
    from supnotes.vault.kdf import TEST_PARAMS

    with monkeypatch.context() as patch:
        _seal_the_old_way(patch)
        seal_record(vault, session_id, ACK)
    child = RecordRepository(vault).get(session_id).child_refs[0]
    about = add_addendum(vault, session_id, "Wrong date", "It is 18 April.", child_refs=[child])
    completing = complete_extract(vault, session_id, child)
    out = tmp_path / "all.supnotes.zip"
    export_file(vault, out, as_zip=True)

    other, _ = Vault.create(tmp_path / "other", "another long passphrase", kdf_params=TEST_PARAMS)
    with other:
        import_file(other, out)
        arrived = {a.id: a for a in RecordRepository(other).get(session_id).addenda}
        assert arrived[about.id].children == about.children
        assert arrived[completing.id].children == completing.children
        sealed = SealedRepository(other)
        issued = sealed.find(session_id, CHILD_RECORD, child, completing.id)
        assert issued is not None
        assert issued.sha256 == completing.sealed_sha256
        again = tmp_path / "again.supnotes.zip"
        export_file(other, again, as_zip=True)
    assert _document(again) == _document(out)


def _document(path: Path) -> dict[str, object]:
    import json
    import zipfile

    with zipfile.ZipFile(path) as archive:
        document: dict[str, object] = json.loads(archive.read("supnotes-export.json"))
    document.pop("exported_at", None)
    return document
