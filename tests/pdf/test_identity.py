"""Signing identities: creation, PKCS#12 round trip, importing an organisation's file."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from cryptography.x509.oid import NameOID

from supnotes.pdf.errors import CertificateExpired, IdentityError, NoPrivateKey, WrongPassword
from supnotes.pdf.identity import (
    SigningIdentity,
    certificate_pem,
    create_identity,
    from_pkcs12,
    import_pkcs12,
    load_certificate,
    to_pkcs12,
)


def test_certificate_names_the_supervisor_role_and_organisation(
    supervisor: SigningIdentity,
) -> None:
    subject = supervisor.certificate.subject
    assert subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Łucja Wąsowska"
    assert subject.get_attributes_for_oid(NameOID.TITLE)[0].value == "Team Manager"
    assert subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == (
        "Cyngor Sir Glanrafon"
    )
    assert supervisor.self_signed
    usage = supervisor.certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature
    assert usage.content_commitment
    cert = supervisor.certificate
    years = (cert.not_valid_after_utc - cert.not_valid_before_utc).days / 365.25
    assert 29.9 < years < 30.1


def test_fingerprint_is_sha256_in_colon_pairs(supervisor: SigningIdentity) -> None:
    assert re.fullmatch(r"([0-9A-F]{2}:){31}[0-9A-F]{2}", supervisor.fingerprint)


def test_pkcs12_round_trip(supervisor: SigningIdentity) -> None:
    blob = to_pkcs12(supervisor, b"correct horse")
    loaded = from_pkcs12(blob, b"correct horse")
    assert loaded.fingerprint == supervisor.fingerprint
    assert loaded.name == supervisor.name


def test_wrong_password_is_told(supervisor: SigningIdentity) -> None:
    with pytest.raises(WrongPassword):
        from_pkcs12(to_pkcs12(supervisor, b"right"), b"wrong")


def test_not_a_pkcs12_file() -> None:
    with pytest.raises(IdentityError, match="not a PKCS#12"):
        import_pkcs12(b"%PDF-1.7 not a key", b"pw")


def _certificate(key: rsa.RSAPrivateKey, *, days_from: int, days_to: int) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Org Signer")])
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now + dt.timedelta(days=days_from))
        .not_valid_after(now + dt.timedelta(days=days_to))
        .sign(key, hashes.SHA256())
    )


@pytest.fixture(scope="module")
def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def test_organisation_rsa_pkcs12_is_accepted(rsa_key: rsa.RSAPrivateKey) -> None:
    cert = _certificate(rsa_key, days_from=-1, days_to=365)
    blob = pkcs12.serialize_key_and_certificates(
        b"org", rsa_key, cert, None, BestAvailableEncryption(b"pw")
    )
    identity = import_pkcs12(blob, b"pw")
    assert identity.name == "Org Signer"


def test_expired_organisation_certificate_is_refused(rsa_key: rsa.RSAPrivateKey) -> None:
    cert = _certificate(rsa_key, days_from=-400, days_to=-1)
    blob = pkcs12.serialize_key_and_certificates(
        b"org", rsa_key, cert, None, BestAvailableEncryption(b"pw")
    )
    with pytest.raises(CertificateExpired, match="expired"):
        import_pkcs12(blob, b"pw")


def test_pkcs12_without_a_key_is_refused(rsa_key: rsa.RSAPrivateKey) -> None:
    cert = _certificate(rsa_key, days_from=-1, days_to=365)
    blob = pkcs12.serialize_key_and_certificates(
        b"org", None, None, [cert], BestAvailableEncryption(b"pw")
    )
    with pytest.raises(NoPrivateKey):
        import_pkcs12(blob, b"pw")


def test_certificate_pem_round_trip(supervisor: SigningIdentity) -> None:
    pem = certificate_pem(supervisor.certificate)
    assert load_certificate(pem) == supervisor.certificate
    with pytest.raises(IdentityError):
        load_certificate(b"garbage")


def test_empty_name_is_refused() -> None:
    with pytest.raises(IdentityError):
        create_identity("  ", "Role", "Org")


def test_certificate_outlives_the_retention_period_by_default() -> None:
    identity = create_identity("A Supervisor", "", "")
    cert = identity.certificate
    years = (cert.not_valid_after_utc - cert.not_valid_before_utc).days / 365.25
    assert years > 29.9  # about 5 years of signing plus a 25-year retention period


def test_certificate_lifetime_can_be_chosen_but_not_below_a_year() -> None:
    cert = create_identity("A Supervisor", "", "", validity_years=12).certificate
    assert cert.not_valid_after_utc.year - cert.not_valid_before_utc.year == 12
    with pytest.raises(IdentityError):
        create_identity("A Supervisor", "", "", validity_years=0)
