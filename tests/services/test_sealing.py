"""Seal, verify, export, countersign, amend — on real vaults and real PDFs."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import sqlcipher3

from supnotes.cli import main
from supnotes.domain.records import RecordStatus
from supnotes.pdf.export import sha256_hex
from supnotes.pdf.identity import certificate_pem, create_identity, to_pkcs12
from supnotes.pdf.verify import Changes, verify_pdf
from supnotes.services import identity as identities
from supnotes.services import trust
from supnotes.services.exports import NotSealed, export_sealed, outputs
from supnotes.services.previews import render_draft_preview
from supnotes.services.sealing import (
    Acknowledgement,
    SealingRefused,
    add_addendum,
    countersign_record,
    seal_record,
)
from supnotes.vault.errors import VaultError
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.repositories.sealed import SealedRepository
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Vault
from tests.pdf import tamper
from tests.pdf.sample import tiny_png
from tests.pdf.text import pages_text

ACK = Acknowledgement(
    typed_name="Priya Halloran",
    has_read=True,
    agrees=False,
    comments="I think the second visit should be sooner.",
    drawn_signature_png=tiny_png(),
)


def test_seal_stores_verifiable_pdfs_and_locks_the_record(vault: Vault, session_id: str) -> None:
    result = seal_record(vault, session_id, ACK)
    content = RecordRepository(vault).get(session_id)
    record = content.record
    assert record.status is RecordStatus.SIGNED
    assert record.sealed_sha256 == result.sealed_sha256
    assert record.comments.acknowledged_name == "Priya Halloran"
    assert record.comments.agrees is False
    stored = SealedRepository(vault).latest(session_id)
    assert {d.child_ref for d in stored} == {None, *content.child_refs}
    assert SealedRepository(vault).drawn_signature(session_id) == tiny_png()
    roots = trust.trust_roots(vault)
    for doc in stored:
        assert sha256_hex(doc.pdf) == doc.sha256
        report = verify_pdf(doc.pdf, roots, require_trust=True)
        assert report.ok, report.reasons()
        assert report.signatures[0].fingerprint == identities.current_fingerprint(vault)
    file_copy = "\n".join(pages_text(stored[0].pdf))
    assert "I think the second visit should be sooner." in file_copy
    assert identities.current_fingerprint(vault) in file_copy.replace("\n", "")


def test_export_writes_the_stored_bytes_and_verify_accepts_them(
    vault: Vault, session_id: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seal_record(vault, session_id, ACK)
    out = tmp_path / "record.pdf"
    document = export_sealed(vault, session_id, out)
    assert out.read_bytes() == document.pdf
    assert sha256_hex(out.read_bytes()) == RecordRepository(vault).header(session_id).sealed_sha256
    child = RecordRepository(vault).get(session_id).child_refs[0]
    extract = export_sealed(vault, session_id, tmp_path / "child.pdf", child_ref=child)
    assert (tmp_path / "child.pdf").read_bytes() == extract.pdf

    roots = tmp_path / "root.pem"
    roots.write_bytes(certificate_pem(trust.trust_roots(vault)[0]))
    assert main(["verify", str(out), "--trust", str(roots)]) == 0
    assert main(["verify", str(tmp_path / "child.pdf")]) == 3  # intact, no register given
    for damaged in (
        tamper.flip_byte_in_signed_range(document.pdf),
        tamper.add_page_text(document.pdf),
        tamper.remove_signature(document.pdf, "Supervisor"),
    ):
        bad = tmp_path / "bad.pdf"
        bad.write_bytes(damaged)
        assert main(["verify", str(bad)]) == 1
    capsys.readouterr()

    pdfsig = shutil.which("pdfsig")
    if pdfsig is not None:
        checked = subprocess.run([pdfsig, str(out)], capture_output=True, text=True, check=False)
        assert "Signature is Valid." in checked.stdout


def test_verify_option_is_documented(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["verify", "--help"])
    assert "--trust" in capsys.readouterr().out


def test_a_draft_is_not_exported_but_previews_with_a_watermark(
    vault: Vault, session_id: str, tmp_path: Path
) -> None:
    with pytest.raises(NotSealed):
        export_sealed(vault, session_id, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
    preview = render_draft_preview(vault, session_id)
    assert "DRAFT" in "\n".join(pages_text(preview))
    assert not verify_pdf(preview).signatures


def test_acknowledgement_comes_first(vault: Vault, session_id: str) -> None:
    with pytest.raises(SealingRefused, match="acknowledgement"):
        seal_record(vault, session_id, None)
    with pytest.raises(SealingRefused, match="read the record"):
        seal_record(vault, session_id, Acknowledgement("Priya Halloran", False, True))
    with pytest.raises(SealingRefused, match="why"):
        seal_record(vault, session_id, Acknowledgement("Priya Halloran", True, False))
    assert not RecordRepository(vault).header(session_id).is_signed


def test_a_slip_in_the_record_is_refused_before_it_is_sealed_for_good(
    vault: Vault, session_id: str
) -> None:
    """An end before the start, or a session dated after today, never reaches a sealed PDF."""
    from datetime import UTC, datetime

    with vault.transaction() as conn:
        conn.execute(
            "UPDATE record SET start_time = '14:00', end_time = '13:30', held_on = '2026-01-15' "
            "WHERE id = ?",
            (session_id,),
        )
    with pytest.raises(SealingRefused, match=r"end time \(13:30\) is before the start time"):
        seal_record(vault, session_id, ACK, now=datetime(2026, 1, 20, 12, tzinfo=UTC))
    with vault.transaction() as conn:
        conn.execute("UPDATE record SET end_time = '15:30' WHERE id = ?", (session_id,))
    with pytest.raises(SealingRefused, match="dated 15/01/2026, after today"):
        seal_record(vault, session_id, ACK, now=datetime(2026, 1, 10, 12, tzinfo=UTC))
    assert not RecordRepository(vault).header(session_id).is_signed
    assert not SealedRepository(vault).all_for(session_id)
    seal_record(vault, session_id, ACK, now=datetime(2026, 1, 20, 12, tzinfo=UTC))
    assert RecordRepository(vault).header(session_id).is_signed


def test_a_group_session_seals_without_a_supervisee(vault: Vault, group_id: str) -> None:
    result = seal_record(vault, group_id, None)
    assert RecordRepository(vault).header(group_id).is_signed
    assert verify_pdf(SealedRepository(vault).latest(group_id)[0].pdf).ok
    assert result.outputs[0].child_ref is None


def test_a_signed_record_is_not_sealed_again(vault: Vault, session_id: str) -> None:
    seal_record(vault, session_id, ACK)
    with pytest.raises(SealingRefused, match="addendum"):
        seal_record(vault, session_id, ACK)


def test_sealed_documents_cannot_be_changed_or_deleted(vault: Vault, session_id: str) -> None:
    seal_record(vault, session_id, ACK)
    for sql in (
        "UPDATE sealed_document SET pdf = x'00'",
        "UPDATE sealed_document SET sha256 = replace(sha256, 'a', 'b')",
        "DELETE FROM sealed_document",
    ):
        with (
            pytest.raises(sqlcipher3.IntegrityError, match="sealed documents cannot be"),
            vault.transaction() as conn,
        ):
            conn.execute(sql)
    with pytest.raises(sqlcipher3.IntegrityError, match="signed"), vault.transaction() as conn:
        conn.execute("DELETE FROM drawn_signature")


def test_a_failed_seal_leaves_a_draft_and_stores_nothing(vault: Vault, session_id: str) -> None:
    before = RecordRepository(vault).header(session_id).comments
    (pages,) = vault.conn.execute("PRAGMA page_count").fetchone()
    vault.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    with pytest.raises(VaultError):
        seal_record(vault, session_id, ACK)
    vault.conn.execute("PRAGMA max_page_count = 1073741823")
    record = RecordRepository(vault).header(session_id)
    assert record.status is RecordStatus.DRAFT
    assert record.sealed_sha256 is None
    assert record.comments == before
    assert SealedRepository(vault).all_for(session_id) == []
    assert SealedRepository(vault).drawn_signature(session_id) is None
    seal_record(vault, session_id, ACK)  # and it can be sealed once there is room
    assert RecordRepository(vault).header(session_id).is_signed


def test_countersign_adds_a_second_revision(vault: Vault, session_id: str) -> None:
    seal_record(vault, session_id, ACK)
    worker = create_identity("Priya Halloran", "Social Worker", "Northmoor")
    countersign_record(vault, session_id, to_pkcs12(worker, b"pw"), b"pw")
    stored = SealedRepository(vault).all_for(session_id)
    first = next(d for d in stored if d.child_ref is None and d.revision == 1)
    second = next(d for d in stored if d.child_ref is None and d.revision == 2)
    assert second.pdf.startswith(first.pdf)
    report = verify_pdf(second.pdf)
    assert report.ok, report.reasons()
    assert [s.field_name for s in report.signatures] == ["Supervisor", "Supervisee"]
    assert report.signatures[0].changes is Changes.FORM_FILLING
    assert RecordRepository(vault).header(session_id).sealed_sha256 == first.sha256
    with pytest.raises(SealingRefused):
        countersign_record(vault, session_id, to_pkcs12(worker, b"pw"), b"pw")


def test_an_addendum_is_signed_and_cites_the_original(vault: Vault, session_id: str) -> None:
    with pytest.raises(SealingRefused):
        add_addendum(vault, session_id, "Too early", "Drafts are edited instead.")
    sealed = seal_record(vault, session_id, ACK)
    addendum = add_addendum(vault, session_id, "Wrong review date", "It is 18 April.")
    assert addendum.cites_sha256 == sealed.sealed_sha256
    content = RecordRepository(vault).get(session_id)
    assert [a.id for a in content.addenda] == [addendum.id]
    kinds = outputs(vault, session_id)
    assert any(o.addendum_id == addendum.id for o in kinds)
    document = SealedRepository(vault).find(session_id, addendum_id=addendum.id)
    assert document is not None
    assert document.sha256 == addendum.sealed_sha256
    assert verify_pdf(document.pdf).ok
    text = "\n".join(pages_text(document.pdf)).replace("\n", "")
    assert sealed.sealed_sha256 in text
    assert content.record.reference in text
    with (
        pytest.raises(sqlcipher3.IntegrityError, match="signed addenda"),
        vault.transaction() as conn,
    ):
        conn.execute("DELETE FROM addendum")


def test_importing_an_organisation_identity_keeps_old_seals_valid(
    vault: Vault, session_id: str, group_id: str
) -> None:
    seal_record(vault, group_id, None)
    old = identities.current_fingerprint(vault)
    org = create_identity("Helen Marchbank", "Team Manager", "Northmoor Council")
    identities.import_organisation(vault, to_pkcs12(org, b"org password"), b"org password")
    assert identities.current_fingerprint(vault) == org.fingerprint != old
    seal_record(vault, session_id, ACK)
    roots = trust.trust_roots(vault)
    for record_id, fingerprint in ((group_id, old), (session_id, org.fingerprint)):
        pdf = SealedRepository(vault).latest(record_id)[0].pdf
        report = verify_pdf(pdf, roots, require_trust=True)
        assert report.ok, report.reasons()
        assert report.signatures[0].fingerprint == fingerprint


def test_the_lifetime_setting_shapes_the_next_self_signed_certificate(vault: Vault) -> None:
    SettingsStore(vault).set("signing.certificate_years", 27)
    identity = identities.create_self_signed(vault, "A Supervisor", "Team Manager", "Northmoor")
    cert = identity.certificate
    assert cert.not_valid_after_utc.year - cert.not_valid_before_utc.year == 27


def test_sealing_indexes_the_comments_and_leaves_secure_delete_on(
    vault: Vault, session_id: str
) -> None:
    from supnotes.vault.search import search

    seal_record(vault, session_id, ACK)
    # The supervisee's comments are searchable at once (re-indexed in the seal's transaction).
    assert session_id in {h.record_id for h in search(vault, "sooner")}
    rows = vault.query("SELECT v FROM record_fts_config WHERE k = 'secure-delete'")
    assert int(str(rows[0][0])) == 1
