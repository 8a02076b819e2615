"""Check the signatures of a SupNotes PDF (or any signed PDF) without the network.

For each signature: who signed (certificate CN and SHA-256 fingerprint), when
(the time the signer's computer claimed), whether the signed bytes and the
signature are intact, what changed in the file after it (nothing, a later
signature, or other changes, judged by :mod:`supnotes.pdf.change_policy`),
the SHA-256 of the file as that signature left it, and whether its
certificate chains to one of the given trust roots (a trust register).

A document is ``intact`` when it has at least one signature, every signature
is intact, nothing but a later signature, time-stamp or validation data was
added after any of them, no bytes follow the final ``%%EOF``, and the
certification signature the document names (``/Perms /DocMDP``) is still
among them. Whether the signers are *registered* is a separate question,
answered by :mod:`supnotes.pdf.verdict`: an intact file proves only that it
is unchanged since signing, not who signed it.

The file is checked by :mod:`supnotes.pdf.preflight` before any parsing, so
a hostile file is refused quickly with a reason instead of exhausting memory.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from hashlib import sha256
from io import BytesIO

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.misc import PdfError as PyHankoPdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import (
    DocumentTimestampStatus,
    PdfSignatureStatus,
    SignatureCoverageLevel,
)
from pyhanko_certvalidator import ValidationContext

from supnotes.pdf.change_policy import STRICT_DIFF_POLICY, RecordChanged
from supnotes.pdf.errors import NotAPdf
from supnotes.pdf.identity import common_name, fingerprint
from supnotes.pdf.preflight import bytes_after_eof, preflight

# Organisation certificates carry digitalSignature, nonRepudiation or both.
_KEY_USAGE = KeyUsageConstraints(
    key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
)


class Changes(enum.Enum):
    """What happened to the file after a signature was made."""

    NONE = "none"
    FORM_FILLING = "a later signature only"
    OTHER = "other changes"


@dataclass(frozen=True)
class SignedRevision:
    """The file as one signature left it: its first ``length`` bytes."""

    number: int  # 1 for the first signature's revision, 2 for the next, ...
    length: int
    sha256: str


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
    revision: SignedRevision | None = None
    change_detail: str | None = None  # what changed after it, when the policy said
    time_stamp: bool = False  # a document time-stamp (its "signer" is a time-stamp authority)

    @property
    def ok(self) -> bool:
        """Intact and nothing but permitted additions after it (registration aside)."""
        return self.intact and self.changes is not Changes.OTHER and self.problem is None


@dataclass(frozen=True)
class VerificationReport:
    signatures: tuple[SignatureReport, ...]
    unsigned_fields: tuple[str, ...]
    problems: tuple[str, ...]
    require_trust: bool = False
    file_sha256: str = ""
    file_length: int = 0

    @property
    def intact(self) -> bool:
        """Every signature holds and nothing but permitted additions followed them."""
        if self.problems or not self.signatures:
            return False
        return all(s.ok for s in self.signatures)

    @property
    def ok(self) -> bool:
        """Intact, and (when ``require_trust``) every signer chains to a given root."""
        if self.require_trust and self.untrusted_signers():
            return False
        return self.intact

    def untrusted_signers(self) -> list[SignatureReport]:
        """Signers of the record (not time-stamp authorities) whose certificate is not trusted."""
        return [s for s in self.signatures if not s.trusted and not s.time_stamp]

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
                detail = f" ({sig.change_detail})" if sig.change_detail else ""
                reasons.append(f"the document was changed after {label}{detail}")
            # A broken signature cannot be checked against a register either:
            # saying "not trusted" then would send the reader to the register.
            if (
                self.require_trust
                and not sig.trusted
                and not sig.time_stamp
                and sig.intact
                and not sig.problem
            ):
                reasons.append(f"{label} is not trusted: not in the trust register given")
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
    preflight(pdf_bytes)
    try:
        reader = PdfFileReader(BytesIO(pdf_bytes), strict=True)
        # Touch the catalogue now so a broken trailer fails here, not later.
        reader.root.get("/AcroForm")
    except RecursionError:
        raise NotAPdf("its objects are nested too deeply") from None
    # The parser meets hostile bytes here; whatever it raises, the file is
    # not a PDF that can be read.
    except Exception as exc:
        raise NotAPdf(f"its structure is damaged: {_short(exc)}") from exc
    return reader


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."


def _signed_revision(sig: EmbeddedPdfSignature, number: int, pdf: bytes) -> SignedRevision | None:
    try:
        start, _first, second, length = (int(v) for v in sig.byte_range)
    except (TypeError, ValueError):
        return None
    end = second + length
    if start != 0 or not 0 < end <= len(pdf):
        return None
    return SignedRevision(number=number, length=end, sha256=sha256(pdf[:end]).hexdigest())


def _changes(status: PdfSignatureStatus | DocumentTimestampStatus) -> Changes:
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
    sig: EmbeddedPdfSignature,
    context: ValidationContext,
    certifying_ref: object,
    revision: SignedRevision | None,
) -> SignatureReport:
    field_name = str(sig.field_name)
    try:
        cert = x509.load_der_x509_certificate(sig.signer_cert.dump())
    except (ValueError, KeyError, TypeError) as exc:
        return SignatureReport(
            field_name, "(unknown)", "", None, False, Changes.OTHER, False, False, False,
            problem=f"the signer's certificate cannot be read ({exc})", revision=revision,
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
        revision=revision,
    )
    time_stamp = sig.sig_object_type == "/DocTimeStamp"
    head = replace(head, time_stamp=time_stamp)
    status: PdfSignatureStatus | DocumentTimestampStatus
    try:
        if time_stamp:
            status = validate_pdf_timestamp(
                sig, validation_context=context, diff_policy=STRICT_DIFF_POLICY
            )
        else:
            status = validate_pdf_signature(
                sig,
                signer_validation_context=context,
                diff_policy=STRICT_DIFF_POLICY,
                key_usage_settings=_KEY_USAGE,
            )
    # pyHanko raises a range of errors for malformed signature data; each of
    # them means the same thing to the reader: this signature does not hold.
    except Exception as exc:  # noqa: BLE001 (any failure to validate is a broken signature)
        return replace(
            head, problem=f"the signature cannot be checked ({type(exc).__name__}: {exc})"
        )
    return replace(
        head,
        signing_time=_when(status, sig),
        intact=bool(status.intact and status.valid),
        changes=_changes(status),
        trusted=bool(status.trusted),
        change_detail=_change_detail(sig),
    )


def _when(
    status: PdfSignatureStatus | DocumentTimestampStatus, sig: EmbeddedPdfSignature
) -> dt.datetime | None:
    if isinstance(status, DocumentTimestampStatus):
        return status.timestamp
    return status.signer_reported_dt or sig.self_reported_timestamp


def _change_detail(sig: EmbeddedPdfSignature) -> str | None:
    # Our own policy says in words what changed; pyHanko's other findings
    # ("unexplained xrefs…") mean nothing to a reader and are left out.
    found: object = sig.diff_result
    if isinstance(found, RecordChanged):
        return str(found)
    return None


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


# Given the certificates embedded with the signatures, the trust roots to use.
ChooseRoots = Callable[[list[x509.Certificate]], Sequence[x509.Certificate]]


def verify_pdf(
    pdf_bytes: bytes,
    trust_roots: Sequence[x509.Certificate] | None = None,
    *,
    require_trust: bool = False,
    choose_roots: ChooseRoots | None = None,
) -> VerificationReport:
    """Verify every signature in ``pdf_bytes``; raises :class:`NotAPdf` if unreadable.

    ``choose_roots``, instead of ``trust_roots``, picks the roots from the
    certificates the signatures carry: building the validation context costs
    about half a millisecond a root, so a register of thousands (the hub's)
    passes only the few that could anchor these signatures.
    """
    _quiet_library_logs()
    reader = _open(pdf_bytes)
    try:
        return _verify(reader, pdf_bytes, trust_roots, require_trust, choose_roots)
    except RecursionError:
        raise NotAPdf("its objects are nested too deeply") from None


def _embedded_certificates(embedded: list[EmbeddedPdfSignature]) -> list[x509.Certificate]:
    found: list[x509.Certificate] = []
    for sig in embedded:
        try:
            certificates = [sig.signer_cert, *sig.other_embedded_certs]
            found += [x509.load_der_x509_certificate(c.dump()) for c in certificates]
        except Exception:  # noqa: BLE001,S112 (an unreadable one is reported by the check itself)
            continue
    return found


def _verify(
    reader: PdfFileReader,
    pdf_bytes: bytes,
    trust_roots: Sequence[x509.Certificate] | None,
    require_trust: bool,
    choose_roots: ChooseRoots | None = None,
) -> VerificationReport:
    problems: list[str] = []
    try:
        embedded = list(reader.embedded_signatures)
    except (PyHankoPdfError, ValueError, KeyError, TypeError, AssertionError) as exc:
        # The file reads as a PDF but a signature in it is malformed: that is a
        # failed check (exit 1), not an unreadable file.
        embedded = []
        problems.append(
            f"a signature in the document is damaged and cannot be read ({_short(exc)})"
        )
    trailing = bytes_after_eof(pdf_bytes)
    if trailing:
        problems.append(
            f"the document was changed after signing: {trailing} bytes were added after its "
            "end (%%EOF), outside every signature"
        )
    certifying_ref: object = None
    perms = reader.root.get("/Perms")
    if isinstance(perms, generic.DictionaryObject) and "/DocMDP" in perms:
        certifying_ref = _key(perms.raw_get("/DocMDP"))
        if not any(_ref_key(sig) == certifying_ref for sig in embedded):
            problems.append("the certification signature the document names is missing")
    if choose_roots is not None:
        trust_roots = choose_roots(_embedded_certificates(embedded))
    context = ValidationContext(
        trust_roots=[_asn1(c) for c in trust_roots or ()],
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    reports = tuple(
        _signature_report(sig, context, certifying_ref, _signed_revision(sig, n, pdf_bytes))
        for n, sig in enumerate(embedded, start=1)
    )
    return VerificationReport(
        signatures=reports,
        unsigned_fields=tuple(_unsigned_fields(reader)),
        problems=tuple(problems),
        require_trust=require_trust,
        file_sha256=sha256(pdf_bytes).hexdigest(),
        file_length=len(pdf_bytes),
    )
