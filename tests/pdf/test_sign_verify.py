"""Sign, counter-sign, verify, and catch tampering."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from supnotes.pdf.errors import NotAPdf, SigningError
from supnotes.pdf.identity import SigningIdentity
from supnotes.pdf.render import render_pdf
from supnotes.pdf.sign import countersign, sign_pdf
from supnotes.pdf.verify import Changes, verify_pdf
from tests.pdf import tamper
from tests.pdf.sample import SUPERVISOR, WORKER, addendum_record
from tests.tools import need_command


def test_signed_record_verifies_with_the_vault_certificate_as_trust_root(
    signed: bytes, supervisor: SigningIdentity
) -> None:
    report = verify_pdf(signed, [supervisor.certificate], require_trust=True)
    assert report.ok, report.reasons()
    (sig,) = report.signatures
    assert sig.field_name == "Supervisor"
    assert sig.signer_name == SUPERVISOR
    assert sig.fingerprint == supervisor.fingerprint
    assert sig.intact
    assert sig.trusted
    assert sig.certifying
    assert sig.changes is Changes.NONE
    assert sig.signing_time is not None
    assert report.unsigned_fields == ("Supervisee",)


def test_without_trust_root_self_signed_is_ok_but_untrusted(signed: bytes) -> None:
    report = verify_pdf(signed)
    assert report.ok
    assert not report.signatures[0].trusted
    assert report.signatures[0].self_signed


def test_trust_required_but_other_root_fails(signed: bytes, supervisee: SigningIdentity) -> None:
    report = verify_pdf(signed, [supervisee.certificate], require_trust=True)
    assert not report.ok
    assert "trusted" in report.reasons()[0]


def test_countersignature_keeps_the_first_intact_with_permitted_change(
    countersigned: bytes, supervisor: SigningIdentity, supervisee: SigningIdentity
) -> None:
    report = verify_pdf(countersigned, [supervisor.certificate, supervisee.certificate])
    assert report.ok, report.reasons()
    first, second = report.signatures
    assert (first.field_name, first.signer_name) == ("Supervisor", SUPERVISOR)
    assert first.intact
    assert first.changes is Changes.FORM_FILLING
    assert (second.field_name, second.signer_name) == ("Supervisee", WORKER)
    assert second.intact
    assert second.changes is Changes.NONE
    assert not second.certifying
    assert all(s.trusted for s in report.signatures)
    assert report.unsigned_fields == ()


def test_signing_a_field_twice_is_refused(signed: bytes, supervisor: SigningIdentity) -> None:
    with pytest.raises(SigningError):
        sign_pdf(signed, supervisor)


def test_signing_a_missing_field_is_refused(rendered: bytes, supervisor: SigningIdentity) -> None:
    with pytest.raises(SigningError):
        sign_pdf(rendered, supervisor, field_name="Nobody")


def test_signing_garbage_is_not_a_pdf(supervisor: SigningIdentity) -> None:
    with pytest.raises(NotAPdf):
        sign_pdf(b"hello", supervisor)


def test_addendum_is_signed_on_its_own(supervisor: SigningIdentity) -> None:
    report = verify_pdf(sign_pdf(render_pdf(addendum_record()), supervisor))
    assert report.ok
    assert report.unsigned_fields == ()


@pytest.mark.parametrize("which", ["signed", "countersigned"])
def test_flipped_byte_in_signed_range_breaks_the_signature(
    which: str, request: pytest.FixtureRequest
) -> None:
    pdf: bytes = request.getfixturevalue(which)
    report = verify_pdf(tamper.flip_byte_in_signed_range(pdf))
    assert not report.ok
    assert not any(s.intact for s in report.signatures)


@pytest.mark.parametrize("which", ["signed", "countersigned"])
def test_incremental_update_to_page_content_is_a_disallowed_change(
    which: str, request: pytest.FixtureRequest
) -> None:
    pdf: bytes = request.getfixturevalue(which)
    report = verify_pdf(tamper.add_page_text(pdf))
    assert not report.ok
    assert all(s.intact for s in report.signatures)  # the signed bytes themselves are untouched
    assert all(s.changes is Changes.OTHER for s in report.signatures)
    assert any("changed after" in r for r in report.reasons())


def test_removed_certification_signature_is_caught(signed: bytes) -> None:
    report = verify_pdf(tamper.remove_signature(signed, "Supervisor"))
    assert not report.ok
    assert "certification signature" in " ".join(report.reasons())


def test_removed_countersignature_is_a_disallowed_change(countersigned: bytes) -> None:
    report = verify_pdf(tamper.remove_signature(countersigned, "Supervisee"))
    assert not report.ok
    (first,) = report.signatures
    assert first.changes is Changes.OTHER


def test_unsigned_pdf_has_no_signatures(rendered: bytes) -> None:
    report = verify_pdf(rendered)
    assert not report.ok
    assert report.reasons() == ["the document has no signatures"]


def test_cut_back_to_before_the_countersignature_shows_the_empty_field(
    countersigned: bytes,
) -> None:
    # A file cut back to an earlier revision is the document as it was then:
    # it verifies, and the reader sees the counter-signature field is empty.
    report = verify_pdf(tamper.before_last_signature(countersigned))
    assert [s.field_name for s in report.signatures] == ["Supervisor"]
    assert report.unsigned_fields == ("Supervisee",)


@pytest.mark.parametrize("data", [b"", b"hello world", b"%PDF-1.7\n garbage \n%%EOF", b"\x00" * 50])
def test_unreadable_input_is_not_a_pdf(data: bytes) -> None:
    with pytest.raises(NotAPdf):
        verify_pdf(data)


def test_poppler_pdfsig_reports_both_signatures_valid(countersigned: bytes, tmp_path: Path) -> None:
    path = tmp_path / "record.pdf"
    path.write_bytes(countersigned)
    out = subprocess.run(
        [need_command("pdfsig", "poppler-utils"), str(path)],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    assert out.count("Signature Validation: Signature is Valid.") == 2, out
    assert "Signature Field Name: Supervisor" in out
    assert "Signature Field Name: Supervisee" in out
    assert f"Common Name: {SUPERVISOR}" in out


def test_poppler_pdfsig_sees_a_flipped_byte(signed: bytes, tmp_path: Path) -> None:
    path = tmp_path / "record.pdf"
    path.write_bytes(tamper.flip_byte_in_signed_range(signed))
    out = subprocess.run(
        [need_command("pdfsig", "poppler-utils"), str(path)],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    assert "Signature is Valid." not in out


def test_countersign_requires_the_supervisee_field(
    signed: bytes, supervisee: SigningIdentity
) -> None:
    again = countersign(signed, supervisee)
    with pytest.raises(SigningError):
        countersign(again, supervisee)


def test_damaged_signature_dictionary_fails_the_check(signed: bytes) -> None:
    damaged = signed.replace(b"/ByteRange", b"/ByteRangX", 1)
    report = verify_pdf(damaged)
    assert not report.ok
    assert report.reasons()
