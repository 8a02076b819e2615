"""Sign a rendered record with pyHanko: PAdES baseline B, SHA-256, fully offline.

Design (see also :mod:`supnotes.pdf.verify`):

- The renderer leaves empty signature fields named ``Supervisor`` and
  ``Supervisee`` inside the record's signature blocks.
- The supervisor's signature *certifies* the document with DocMDP
  permission 2 (form filling and signing). Any later change other than
  signing the remaining empty field is then a disallowed change that a reader
  (pyHanko, Adobe) reports.
- The supervisee's optional counter-signature is an *approval* signature in
  its own field, appended as an incremental update, so the supervisor's
  signature stays intact with "permitted form filling" after it.
- No timestamp server, no OCSP or CRL fetching: the program opens no socket.

Signing is CPU-bound and takes a few tens of milliseconds; callers in the
app run it off the UI thread with the rest of sealing.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import replace
from io import BytesIO
from typing import Any

from asn1crypto import cms
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError as PyHankoPdfError
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError as PyHankoSigningError
from pyhanko.sign.general import simple_cms_attribute
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore

from supnotes.pdf.errors import NotAPdf, SigningError
from supnotes.pdf.field_names import SUPERVISEE_FIELD, SUPERVISOR_FIELD
from supnotes.pdf.identity import SigningIdentity
from supnotes.pdf.stamp_font import StampFont

__all__ = ["SUPERVISEE_FIELD", "SUPERVISOR_FIELD", "countersign", "sign_pdf"]

# The widget shows only ASCII text (the signer's name is printed in the
# signature block beneath it by the renderer, in every script). It is set in
# Noto Sans, embedded: PDF/A forbids pyHanko's default, unembedded Courier.
_STAMP = TextStampStyle(
    stamp_text="Digitally signed\n%(ts)s",
    timestamp_format="%d %b %Y %H:%M %Z",
    border_width=0,
    text_box_style=TextBoxStyle(font=StampFont()),
)


# The counter-signer's certificate fingerprint is printed in their stamp, so a
# reader can compare it with the organisation's register (three lines of 11 bytes).
_COUNTER_STAMP = replace(
    _STAMP, stamp_text="Digitally signed %(ts)s\nSHA-256 %(fp1)s\n%(fp2)s\n%(fp3)s"
)


def _asn1_certificate(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


# Signed attributes that depend only on the signer and the digest algorithm.
_CONSTANT_ATTRIBUTES = frozenset(
    {"content_type", "signing_certificate_v2", "cms_algorithm_protection"}
)


class _Signer(signers.SimpleSigner):
    """pyHanko's SimpleSigner, with its constant signed attributes encoded once.

    asn1crypto re-encodes a structure built in Python every time it is
    dumped, and pyHanko dumps the signed attributes more than once: for a
    206-byte set that cost ~7 ms a signature, most of it the
    signing-certificate-v2 attribute, which is the same for every signature
    of one certificate. Here the attributes pyHanko builds the first time are
    kept parsed from their DER; later signatures reuse them with a new
    message digest. Anything outside the known constant attributes (a signing
    time, revocation info, a time-stamp) turns the reuse off.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._constant: dict[tuple[object, ...], tuple[cms.CMSAttribute, ...]] = {}

    async def signed_attrs(  # type: ignore[no-untyped-def]  # noqa: PLR0917 (pyHanko's signature)
        self,
        data_digest: bytes,
        digest_algorithm: str,
        attr_settings=None,
        content_type="data",
        use_pades=False,
        timestamper=None,
        dry_run=False,
        is_pdf_sig=True,
    ) -> cms.CMSAttributes:
        plain = (
            timestamper is None
            and not dry_run
            and (
                attr_settings is None
                or (
                    attr_settings.adobe_revinfo_attr is None
                    and attr_settings.cades_signed_attrs is None
                )
            )
        )
        key = (digest_algorithm, content_type, use_pades, is_pdf_sig)
        constant = self._constant.get(key) if plain else None
        if constant is not None:
            digest = simple_cms_attribute("message_digest", data_digest)  # type: ignore[no-untyped-call]
            return cms.CMSAttributes([*constant, digest])
        attrs = await super().signed_attrs(
            data_digest,
            digest_algorithm,
            attr_settings=attr_settings,
            content_type=content_type,
            use_pades=use_pades,
            timestamper=timestamper,
            dry_run=dry_run,
            is_pdf_sig=is_pdf_sig,
        )
        loaded = cms.CMSAttributes.load(attrs.dump())
        others = [a for a in loaded if a["type"].native != "message_digest"]
        if plain and {a["type"].native for a in others} <= _CONSTANT_ATTRIBUTES:
            self._constant[key] = tuple(others)
        return loaded


def _make_signer(identity: SigningIdentity) -> _Signer:
    key_der = identity.key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    certificate = _asn1_certificate(identity.certificate)
    chain = [_asn1_certificate(c) for c in identity.chain]
    registry = SimpleCertificateStore()  # type: ignore[no-untyped-call]  # (unannotated __init__)
    for cert in (certificate, *chain):
        registry.register(cert)
    return _Signer(
        signing_cert=certificate,
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=registry,
    )


# One signer per identity while the identity lives: the vault's session holds
# the identity until it locks, and a weak key lets the signer (and its copy of
# the private key) go with it.
_signers: weakref.WeakKeyDictionary[SigningIdentity, _Signer] = weakref.WeakKeyDictionary()
_signers_lock = threading.Lock()


def _signer(identity: SigningIdentity) -> _Signer:
    with _signers_lock:
        signer = _signers.get(identity)
        if signer is None:
            signer = _signers[identity] = _make_signer(identity)
        return signer


def _reserved_bytes(identity: SigningIdentity) -> int:
    """Room for the CMS signature, so pyHanko need not sign twice to measure it.

    The certificates are embedded; the rest (signed attributes, the signature
    value of an RSA-4096 or EC key, the structure) fits well in 3 KiB.
    """
    certificates = (identity.certificate, *identity.chain)
    der = 3072 + sum(len(c.public_bytes(serialization.Encoding.DER)) for c in certificates)
    return 2 * der  # pyHanko counts the hex digits of the placeholder


def _sign(
    pdf_bytes: bytes,
    identity: SigningIdentity,
    *,
    field_name: str,
    certify: bool,
    reason: str | None,
    location: str | None,
    stamp: TextStampStyle = _STAMP,
    stamp_params: dict[str, str] | None = None,
) -> bytes:
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        certify=certify,
        docmdp_permissions=fields.MDPPerm.FILL_FORMS,
        reason=reason,
        location=location,
        name=identity.name,
    )
    pdf_signer = signers.PdfSigner(meta, signer=_signer(identity), stamp_style=stamp)
    try:
        writer = IncrementalPdfFileWriter(BytesIO(pdf_bytes), strict=True)
    except (PyHankoPdfError, ValueError, IndexError, KeyError) as exc:
        raise NotAPdf(f"cannot read the PDF to sign it: {exc}") from exc
    out = BytesIO()
    try:
        pdf_signer.sign_pdf(
            writer,
            existing_fields_only=True,
            bytes_reserved=_reserved_bytes(identity),
            output=out,
            appearance_text_params=stamp_params,
        )
    except (PyHankoSigningError, PyHankoPdfError) as exc:
        raise SigningError(f"could not sign field {field_name!r}: {exc}") from exc
    return out.getvalue()


def sign_pdf(
    pdf_bytes: bytes,
    identity: SigningIdentity,
    field_name: str = SUPERVISOR_FIELD,
    reason: str = "I am the supervisor and this is the record of the supervision I gave",
    location: str | None = None,
) -> bytes:
    """Certify ``pdf_bytes`` with ``identity`` in the empty field ``field_name``.

    The certification allows only form filling and signing afterwards, so the
    supervisee's counter-signature remains a permitted change.
    """
    return _sign(
        pdf_bytes,
        identity,
        field_name=field_name,
        certify=True,
        reason=reason,
        location=location,
    )


def countersign(
    pdf_bytes: bytes,
    identity: SigningIdentity,
    field_name: str = SUPERVISEE_FIELD,
    reason: str = "I have read this record",
    location: str | None = None,
) -> bytes:
    """Add an approval signature in ``field_name`` as an incremental update.

    Its stamp prints the counter-signer's certificate fingerprint.
    """
    fp = identity.fingerprint  # "AB:CD:…", 3 characters a byte
    return _sign(
        pdf_bytes,
        identity,
        field_name=field_name,
        certify=False,
        reason=reason,
        location=location,
        stamp=_COUNTER_STAMP,
        stamp_params={"fp1": fp[:33], "fp2": fp[33:66], "fp3": fp[66:]},
    )
