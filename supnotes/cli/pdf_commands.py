"""``supnotes verify FILE.pdf``: check the signatures of a record anyone received.

Needs no vault and no passphrase. Prints one block per signature; exits 0
when every signature is intact and nothing but permitted form filling
happened after any of them, 1 otherwise (with the reasons on stderr), and 2
when the file is missing or is not a readable PDF.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from cryptography import x509

from supnotes.cli.errors import EXIT_OK, CheckFailed, UsageError
from supnotes.cli.verify_json import print_json
from supnotes.pdf.embedded import read_record_data
from supnotes.pdf.errors import IdentityError, NotAPdf
from supnotes.pdf.identity import fingerprint, load_certificate
from supnotes.pdf.verify import SignatureReport, VerificationReport, verify_pdf


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a folder, not a {what}") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot be read ({exc.strerror})") from None


def _trust_roots(paths: list[Path]) -> list[x509.Certificate]:
    roots = []
    for path in paths:
        try:
            roots.append(load_certificate(_read(path, "certificate")))
        except IdentityError as exc:
            raise UsageError(f"{path}: {exc}") from None
    return roots


def _yes(flag: bool) -> str:
    return "yes" if flag else "NO"


def _trust_line(sig: SignatureReport, roots: list[x509.Certificate]) -> str:
    if sig.trusted:
        return "chains to a trusted certificate given with --trust"
    if sig.self_signed:
        return "self-signed: compare the fingerprint with the one printed on the record"
    if roots:
        return "NOT trusted: does not chain to a certificate given with --trust"
    return "issued by another authority (give its root with --trust to check the chain)"


def _print_signature(
    index: int, total: int, sig: SignatureReport, roots: list[x509.Certificate]
) -> None:
    role = " (certifies the document)" if sig.certifying else ""
    when = (
        sig.signing_time.strftime("%d %B %Y %H:%M:%S %Z") + " (the signer's own clock)"
        if sig.signing_time
        else "not stated"
    )
    print(f"Signature {index} of {total}: field \u201c{sig.field_name}\u201d{role}")
    print(f"  Signer:        {sig.signer_name}")
    print(f"  Fingerprint:   {sig.fingerprint} (SHA-256)")
    print(f"  Signed at:     {when}")
    print(f"  Intact:        {_yes(sig.intact)}")
    print(f"  Changed after: {sig.changes.value}")
    print(f"  Trust:         {_trust_line(sig, roots)}")
    if sig.problem:
        print(f"  Problem:       {sig.problem}")


def print_report(path: Path, report: VerificationReport, roots: list[x509.Certificate]) -> None:
    print(f"{path}")
    total = len(report.signatures)
    for index, sig in enumerate(report.signatures, start=1):
        _print_signature(index, total, sig, roots)
    if report.unsigned_fields:
        print(f"Unsigned signature fields: {', '.join(report.unsigned_fields)}")
    if roots:
        print("Trusted roots: " + ", ".join(fingerprint(c) for c in roots))
    if report.ok:
        print("Result: OK \u2014 every signature is intact; no disallowed change after any of them")
    else:
        print("Result: FAILED")


def cmd_verify(args: argparse.Namespace) -> int:
    path: Path = args.file
    data = _read(path, "PDF")
    roots = _trust_roots(args.trust)
    try:
        report = verify_pdf(data, roots, require_trust=bool(roots))
    except NotAPdf as exc:
        raise UsageError(f"{path}: not a readable PDF ({exc})") from None
    if args.json:
        print_json(path, report, read_record_data(data))
    else:
        print_report(path, report, roots)
    if not report.ok:
        raise CheckFailed("; ".join(report.reasons()))
    return EXIT_OK
