"""The supervisor's signing identity: a key pair and its X.509 certificate.

At vault creation SupNotes makes an ECDSA P-256 key and a self-signed
certificate naming the supervisor (CN), their role (title) and organisation
(O). P-256 is chosen because pyHanko, poppler's ``pdfsig`` (NSS) and Adobe
all verify it, and a key is made in milliseconds where RSA-3072 takes
seconds. An organisation may instead issue its own certificate as a PKCS#12
file, which :func:`import_pkcs12` accepts (RSA or EC).

The identity travels as an encrypted PKCS#12 blob; the vault stores that blob
(itself inside the encrypted vault), never a bare key.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from supnotes.pdf.errors import CertificateExpired, IdentityError, NoPrivateKey, WrongPassword

# Years a new self-signed certificate is valid: about 5 years of signing
# plus a 25-year retention period, so a record sealed in the last year of
# use still verifies (no time-stamp authority) until it may be destroyed.
VALIDITY_YEARS = 30
SigningKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey


@dataclass(frozen=True)
class SigningIdentity:
    """A private key, its certificate, and any issuing certificates (leaf first)."""

    key: SigningKey
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()

    @property
    def name(self) -> str:
        return common_name(self.certificate)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.certificate)

    @property
    def self_signed(self) -> bool:
        return self.certificate.issuer == self.certificate.subject


def fingerprint(certificate: x509.Certificate) -> str:
    """SHA-256 of the DER certificate as ``AB:CD:...`` (how it is printed and shown)."""
    return certificate.fingerprint(hashes.SHA256()).hex(":").upper()


def common_name(certificate: x509.Certificate) -> str:
    """The subject's common name, or the whole subject if it has none."""
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    if names:
        value = names[0].value
        return value if isinstance(value, str) else value.decode("utf-8", "replace")
    return certificate.subject.rfc4514_string()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def create_identity(
    name: str, role: str, organisation: str, *, validity_years: int = VALIDITY_YEARS
) -> SigningIdentity:
    """A new key pair and a self-signed certificate valid for ``validity_years``."""
    if not name.strip():
        raise IdentityError("a signing identity needs the signer's name")
    key = ec.generate_private_key(ec.SECP256R1())
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, name.strip())]
    if role.strip():
        attributes.append(x509.NameAttribute(NameOID.TITLE, role.strip()))
    if organisation.strip():
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation.strip()))
    subject = x509.Name(attributes)
    # A minute's grace so that a signature made at once is not "before validity"
    # on a machine whose clock runs a little behind the one that made the key.
    start = _now() - dt.timedelta(minutes=1)
    public_key = key.public_key()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(_years_after(start, validity_years))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,  # nonRepudiation
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .sign(key, hashes.SHA256())
    )
    return SigningIdentity(key=key, certificate=certificate)


def _years_after(start: dt.datetime, years: int) -> dt.datetime:
    if years < 1:
        raise IdentityError("a signing certificate must be valid for at least a year")
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February in a year that has none
        return start.replace(year=start.year + years, day=28)


def to_pkcs12(identity: SigningIdentity, password: bytes) -> bytes:
    """The identity as a PKCS#12 blob encrypted with ``password`` (AES-256, PBKDF2)."""
    if not password:
        raise IdentityError("a PKCS#12 file needs a password")
    encryption = (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(200_000)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
        .hmac_hash(hashes.SHA256())
        .build(password)
    )
    return pkcs12.serialize_key_and_certificates(
        name=identity.name.encode("utf-8"),
        key=identity.key,
        cert=identity.certificate,
        cas=list(identity.chain) or None,
        encryption_algorithm=encryption,
    )


def from_pkcs12(data: bytes, password: bytes, *, check_validity: bool = True) -> SigningIdentity:
    """Load an identity from PKCS#12 bytes (ours or the organisation's).

    Raises :class:`WrongPassword`, :class:`NoPrivateKey`,
    :class:`CertificateExpired` or :class:`IdentityError` with a reason.
    """
    try:
        key, certificate, extra = pkcs12.load_key_and_certificates(data, password or None)
    except ValueError as exc:
        # cryptography says "Invalid password or PKCS12 data" for both cases;
        # a blob that does not even parse as DER is told apart here.
        if not data or data[:1] != b"\x30":
            raise IdentityError("this is not a PKCS#12 (.p12/.pfx) file") from exc
        raise WrongPassword(
            "the password does not open this PKCS#12 file (or the file is damaged)"
        ) from exc
    if key is None or certificate is None:
        raise NoPrivateKey("the PKCS#12 file holds no private key with its certificate")
    if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise IdentityError(f"unsupported key type {type(key).__name__}: use RSA or ECDSA")
    if _public_der(key.public_key()) != _public_der(certificate.public_key()):
        raise NoPrivateKey("the private key in the PKCS#12 file does not match its certificate")
    if check_validity:
        now = _now()
        if now > certificate.not_valid_after_utc:
            raise CertificateExpired(
                f"the certificate expired on {certificate.not_valid_after_utc:%d %B %Y}"
            )
        if now < certificate.not_valid_before_utc:
            raise CertificateExpired(
                f"the certificate is not valid until {certificate.not_valid_before_utc:%d %B %Y}"
            )
    return SigningIdentity(key=key, certificate=certificate, chain=tuple(extra))


def _public_der(public_key: object) -> bytes:
    assert hasattr(public_key, "public_bytes")
    der: bytes = public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return der


def import_pkcs12(data: bytes, password: bytes) -> SigningIdentity:
    """Accept the organisation's PKCS#12 as the supervisor's signing identity."""
    return from_pkcs12(data, password, check_validity=True)


def certificate_pem(certificate: x509.Certificate) -> bytes:
    """The certificate as PEM, e.g. to hand to a recipient as a trust root."""
    return certificate.public_bytes(serialization.Encoding.PEM)


def load_certificate(data: bytes) -> x509.Certificate:
    """A certificate from PEM or DER bytes."""
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError as exc:
        raise IdentityError("not an X.509 certificate (PEM or DER)") from exc
