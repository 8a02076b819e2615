"""What may follow a signature: a later signature, a document time-stamp, DSS, book-keeping."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pypdf
import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko.sign.validation.dss import DocumentSecurityStore

from supnotes.pdf.identity import SigningIdentity
from supnotes.pdf.render import render_pdf
from supnotes.pdf.sign import countersign, sign_pdf
from supnotes.pdf.verdict import Verdict, judge
from supnotes.pdf.verify import Changes, verify_pdf
from tests.pdf import tamper
from tests.pdf.sample import sample_record


def _tsa() -> DummyTimeStamper:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test TSA")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(key, hashes.SHA256())
    )
    der_key = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(der_key),
    )


def _only_additions(pdf: bytes) -> None:
    report = verify_pdf(pdf)
    assert report.intact, report.reasons()
    assert report.signatures[0].changes is Changes.FORM_FILLING


def test_a_document_time_stamp_after_the_seal_is_permitted(
    signed: bytes, supervisor: SigningIdentity
) -> None:
    out = BytesIO()
    signers.PdfTimeStamper(_tsa()).timestamp_pdf(
        IncrementalPdfFileWriter(BytesIO(signed)), "sha256", output=out
    )
    _only_additions(out.getvalue())
    # The time-stamp authority is not a signer: with the supervisor registered, it is OK.
    report = verify_pdf(out.getvalue(), [supervisor.certificate], require_trust=True)
    assert [s.time_stamp for s in report.signatures] == [False, True]
    assert judge(report, register_given=True).verdict is Verdict.REGISTERED


def test_validation_data_after_the_seal_is_permitted(
    signed: bytes, supervisor: SigningIdentity
) -> None:
    out = BytesIO(signed)
    cert = asn1_x509.Certificate.load(
        supervisor.certificate.public_bytes(serialization.Encoding.DER)
    )
    DocumentSecurityStore.add_dss(out, None, certs=[cert], force_write=True)
    _only_additions(out.getvalue())


def test_xmp_with_a_title_survives_a_counter_signature(
    supervisor: SigningIdentity, supervisee: SigningIdentity
) -> None:
    # The archive branch writes dc:title and PDF/A identification into the XMP
    # before signing; pyHanko rewrites only the dates and producer when it
    # counter-signs, which the policy permits.
    writer = pypdf.PdfWriter(clone_from=BytesIO(render_pdf(sample_record(filler=1))))
    writer.xmp_metadata = tamper.XMP_WITH_TITLE.format(title="Supervision record").encode()
    out = BytesIO()
    writer.write(out)
    both = countersign(sign_pdf(out.getvalue(), supervisor), supervisee)
    report = verify_pdf(both)
    assert report.intact, report.reasons()
    # ... but the same title changed afterwards is a change, said in words.
    changed = verify_pdf(tamper.set_xmp_title(both, "Record withdrawn"))
    assert not changed.intact
    assert "XMP metadata was changed" in " ".join(changed.reasons())


@pytest.mark.parametrize(
    "damage",
    [tamper.set_info_title, tamper.set_xmp_title, tamper.add_annotation, tamper.append_after_eof],
    ids=["info-title", "xmp", "annotation", "after-eof"],
)
def test_metadata_annotations_and_trailing_bytes_are_changes(
    damage: object, countersigned: bytes
) -> None:
    assert callable(damage)
    report = verify_pdf(damage(countersigned))
    assert not report.intact
    assert report.reasons()


def test_whitespace_after_eof_is_not_a_change(signed: bytes) -> None:
    assert verify_pdf(signed + b"\r\n\n").intact
