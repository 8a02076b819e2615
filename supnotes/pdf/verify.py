"""Check the signatures of a SupNotes PDF (or any signed PDF) without the network.

For each signature: who signed (certificate CN and SHA-256 fingerprint), when
(the time the signer's computer claimed), whether the signed bytes and the
signature are intact, what changed in the file after it (nothing, permitted
form filling such as a counter-signature, or other changes), and whether
its certificate chains to one of the given trust roots.

A document is ``ok`` when it has at least one signature, every signature is
intact, nothing but permitted form filling happened after any of them, and
the certification signature the document names (``/Perms /DocMDP``) is
still among them. Trust is reported but only decides ``ok`` when the caller
asks for it (``require_trust``): a self-signed supervisor certificate is
normal, and the reader compares its fingerprint with the one printed on the
record.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from io import BytesIO

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.misc import PdfError as PyHankoPdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from supnotes.pdf.errors import NotAPdf
from supnotes.pdf.identity import common_name, fingerprint

# The start of a PDF may be preceded by junk (the spec allows 1024 bytes).
_HEADER_WINDOW = 1024

# Organisation certificates carry digitalSignature, nonRepudiation or both.
_KEY_USAGE = KeyUsageConstraints(
    key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
)


class Changes(enum.Enum):
    """What happened to the file after a signature was made."""

    NONE = "none"
    FORM_FILLING = "permitted form filling"
    OTHER = "other changes"


@dataclass(frozen=True)
class SignatureReport:
    field_name: str
    signer_name: str
    fingerprint: str
    signing_time: dt.datetime | None
    intact: bool
    changes: Changes
    trusted: bool
    self_signed: bool
    certifying: bool
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.intact and self.changes is not Changes.OTHER and self.problem is None


@dataclass(frozen=True)
class VerificationReport:
    signatures: tuple[SignatureReport, ...]
    unsigned_fields: tuple[str, ...]
    problems: tuple[str, ...]
    require_trust: bool = False

    @property
    def ok(self) -> bool:
        if self.problems or not self.signatures:
            return False
        if self.require_trust and not all(s.trusted for s in self.signatures):
            return False
        return all(s.ok for s in self.signatures)

    def reasons(self) -> list[str]:
        """Why the document is not ok, one short line each (empty when it is)."""
        reasons = list(self.problems)
        if not self.signatures:
            reasons.append("the document has no signatures")
        for sig in self.signatures:
            label = f"signature {sig.field_name!r}"
            if sig.problem:
                reasons.append(f"{label}: {sig.problem}")
            elif not sig.intact:
                reasons.append(f"{label} is broken: the signed bytes were altered")
            if sig.changes is Changes.OTHER:
                reasons.append(f"the document was changed after {label}")
            if self.require_trust and not sig.trusted:
                reasons.append(f"{label} does not chain to a trusted certificate")
        return reasons


def _quiet_library_logs() -> None:
    # pyHanko logs every untrusted self-signed certificate with a traceback;
    # with no handler configured Python would print that on stderr. What
    # matters is in the report, so the library's own log goes nowhere unless
    # the application configures logging.
    for name in ("pyhanko", "pyhanko_certvalidator"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())


def _asn1(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


def _open(pdf_bytes: bytes) -> PdfFileReader:
    if not pdf_bytes:
        raise NotAPdf("the file is empty")
    if b"%PDF-" not in pdf_bytes[:_HEADER_WINDOW]:
        raise NotAPdf("the file is not a PDF")
    try:
        reader = PdfFileReader(BytesIO(pdf_bytes), strict=True)
        # Touch the catalogue now so a broken trailer fails here, not later.
        reader.root.get("/AcroForm")
    except (PyHankoPdfError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise NotAPdf(f"the PDF cannot be read ({exc})") from exc
    return reader


def _changes(status: PdfSignatureStatus) -> Changes:
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return Changes.NONE
    if status.coverage != SignatureCoverageLevel.ENTIRE_REVISION:
        return Changes.OTHER
    if status.docmdp_ok is False:
        return Changes.OTHER
    level = status.modification_level
    if level is None or level == ModificationLevel.NONE:
        return Changes.NONE
    if level in (ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING):
        return Changes.FORM_FILLING
    return Changes.OTHER


def _signature_report(
    sig: EmbeddedPdfSignature, context: ValidationContext, certifying_ref: object
) -> SignatureReport:
    field_name = str(sig.field_name)
    try:
        cert = x509.load_der_x509_certificate(sig.signer_cert.dump())
    except (ValueError, KeyError, TypeError) as exc:
        return SignatureReport(
            field_name, "(unknown)", "", None, False, Changes.OTHER, False, False, False,
            problem=f"the signer's certificate cannot be read ({exc})",
        )  # fmt: skip
    head = SignatureReport(
        field_name=field_name,
        signer_name=common_name(cert),
        fingerprint=fingerprint(cert),
        signing_time=sig.self_reported_timestamp,
        intact=False,
        changes=Changes.OTHER,
        trusted=False,
        self_signed=cert.issuer == cert.subject,
        certifying=certifying_ref is not None and _ref_key(sig) == certifying_ref,
    )
    try:
        status = validate_pdf_signature(
            sig, signer_validation_context=context, key_usage_settings=_KEY_USAGE
        )
    # pyHanko raises a range of errors for malformed signature data; each of
    # them means the same thing to the reader: this signature does not hold.
    except Exception as exc:  # noqa: BLE001 (any failure to validate is a broken signature)
        return replace(
            head, problem=f"the signature cannot be checked ({type(exc).__name__}: {exc})"
        )
    return replace(
        head,
        signing_time=status.signer_reported_dt or sig.self_reported_timestamp,
        intact=bool(status.intact and status.valid),
        changes=_changes(status),
        trusted=bool(status.trusted),
    )


def _key(ref: object) -> tuple[int, int] | None:
    if isinstance(ref, generic.IndirectObject):
        return (ref.idnum, ref.generation)
    return None


def _ref_key(sig: EmbeddedPdfSignature) -> tuple[int, int] | None:
    return _key(sig.sig_field.raw_get("/V"))


def _unsigned_fields(reader: PdfFileReader) -> list[str]:
    try:
        form = reader.root["/AcroForm"]
        field_refs = form["/Fields"]
    except KeyError:
        return []
    names: list[str] = []
    for ref in field_refs:
        field = ref.get_object()
        if field.get("/FT") == "/Sig" and "/V" not in field:
            names.append(str(field.get("/T", "")))
    return names


def verify_pdf(
    pdf_bytes: bytes,
    trust_roots: Sequence[x509.Certificate] | None = None,
    *,
    require_trust: bool = False,
) -> VerificationReport:
    """Verify every signature in ``pdf_bytes``; raises :class:`NotAPdf` if unreadable."""
    _quiet_library_logs()
    reader = _open(pdf_bytes)
    problems: list[str] = []
    try:
        embedded = list(reader.embedded_signatures)
    except (PyHankoPdfError, ValueError, KeyError, TypeError, AssertionError) as exc:
        # The file reads as a PDF but a signature in it is malformed: that is a
        # failed check (exit 1), not an unreadable file.
        embedded = []
        problems.append(f"a signature in the document is damaged and cannot be read ({exc})")
    certifying_ref: object = None
    perms = reader.root.get("/Perms")
    if isinstance(perms, generic.DictionaryObject) and "/DocMDP" in perms:
        certifying_ref = _key(perms.raw_get("/DocMDP"))
        if not any(_ref_key(sig) == certifying_ref for sig in embedded):
            problems.append("the certification signature the document names is missing")
    context = ValidationContext(
        trust_roots=[_asn1(c) for c in trust_roots or ()],
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    reports = tuple(_signature_report(sig, context, certifying_ref) for sig in embedded)
    return VerificationReport(
        signatures=reports,
        unsigned_fields=tuple(_unsigned_fields(reader)),
        problems=tuple(problems),
        require_trust=require_trust,
    )
