"""``supnotes verify FILE.pdf``: check the signatures of a record anyone received.

Needs no vault and no passphrase. Prints one block per signature, then a
verdict (see :mod:`supnotes.pdf.verdict`):

- exit 0, "Result: OK": intact, and every signer is in a trust register given
  (``--trust PATH`` or ``SUPNOTES_TRUST``);
- exit 3: intact, but at least one signer is in no register given. This
  proves only that the file is unchanged since signing, not who signed it;
- exit 1: a signature is broken or missing, or the file was changed after it;
- exit 2: the file is missing, not a readable PDF, or a register is unreadable.

Every failure is one line on stderr; the verdict is built once
(:func:`judge_file`), so other views of it (``--json``) say the same.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from supnotes.cli.errors import UsageError
from supnotes.cli.verify_json import print_json
from supnotes.pdf.embedded import EmbeddedData, read_record_data
from supnotes.pdf.errors import NotAPdf
from supnotes.pdf.preflight import check_size
from supnotes.pdf.trust_register import RegisteredCertificate, RegisterError, read_register
from supnotes.pdf.verdict import Judgement, Verdict, judge, unreadable
from supnotes.pdf.verify import SignatureReport, verify_pdf

TRUST_VARIABLE = "SUPNOTES_TRUST"

CITED_REVISION_NOTE = (
    "Revision 1 is the file as the supervisor sealed it: its SHA-256 is the one the "
    "vault stores and addenda cite. A counter-signed file adds revision 2, so the "
    "whole file's SHA-256 differs while revision 1's stays the same."
)


def _read(path: Path, what: str) -> bytes:
    try:
        check_size(path.stat().st_size)
        return path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a folder, not a {what}") from None
    except NotAPdf as exc:
        raise UsageError(f"{path}: not a readable PDF ({exc})") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot be read ({exc.strerror})") from None


def register_paths(given: list[Path]) -> list[Path]:
    """The registers to read: ``--trust`` paths, else ``SUPNOTES_TRUST`` if set,
    else the organisation's signer register named in the machine-wide defaults."""
    if given:
        return given
    from_environment = os.environ.get(TRUST_VARIABLE, "").strip()
    if from_environment:
        return [Path(from_environment)]
    from supnotes.vault.machine_defaults import machine_defaults

    register = machine_defaults().signer_register
    return [register] if register is not None else []


def read_registers(paths: list[Path]) -> list[RegisteredCertificate]:
    found: list[RegisteredCertificate] = []
    for path in paths:
        try:
            found += read_register(path)
        except RegisterError as exc:
            raise UsageError(f"trust register {exc}") from None
    return found


def judge_file(path: Path, registers: list[RegisteredCertificate], given: bool) -> Judgement:
    """The verdict on ``path`` against ``registers``; never raises for a bad PDF."""
    data = _read(path, "PDF")
    roots = [r.certificate for r in registers]
    try:
        report = verify_pdf(data, roots, require_trust=given)
    except NotAPdf as exc:
        return unreadable(f"{path}: not a readable PDF ({exc})", register_given=given)
    return judge(report, register_given=given)


def _yes(flag: bool) -> str:
    return "yes" if flag else "NO"


def _trust_line(sig: SignatureReport, given: bool) -> str:
    if sig.time_stamp:
        where = "in" if sig.trusted else "not in"
        return f"a document time-stamp; its authority is {where} the register (not a signer)"
    if sig.trusted:
        return "yes: in the trust register given (or chains to a certificate in it)"
    if given:
        return "NOT TRUSTED: not in the trust register given"
    return "unverified: no trust register given (--trust PATH or SUPNOTES_TRUST)"


def _print_signature(index: int, total: int, sig: SignatureReport, given: bool) -> None:
    role = " (certifies the document)" if sig.certifying else ""
    when = (
        sig.signing_time.strftime("%d %B %Y %H:%M:%S %Z") + " (the signer's own clock)"
        if sig.signing_time
        else "not stated"
    )
    print(f"Signature {index} of {total}: field \u201c{sig.field_name}\u201d{role}")
    print(f"  Signer:        {sig.signer_name}")
    print(f"  Fingerprint:   {sig.fingerprint} (SHA-256 of the certificate)")
    print(f"  Signed at:     {when}")
    print(f"  Intact:        {_yes(sig.intact)}")
    print(f"  Changed after: {sig.changes.value}")
    print(f"  Registered:    {_trust_line(sig, given)}")
    if sig.revision is not None:
        rev = sig.revision
        print(f"  Revision {rev.number}:    first {rev.length:,} bytes of the file")
        print(f"  Revision SHA-256: {rev.sha256}")
    if sig.problem:
        print(f"  Problem:       {sig.problem}")


def print_judgement(
    path: Path, judgement: Judgement, registers: list[RegisteredCertificate]
) -> None:
    """The human-readable view of a verdict on stdout."""
    report = judgement.report
    print(f"{path}")
    if report is not None:
        print(f"File SHA-256:  {report.file_sha256} (whole file, {report.file_length:,} bytes)")
        total = len(report.signatures)
        for index, sig in enumerate(report.signatures, start=1):
            _print_signature(index, total, sig, judgement.register_given)
        if report.unsigned_fields:
            print(f"Unsigned signature fields: {', '.join(report.unsigned_fields)}")
        if len(report.signatures) > 1:
            print(CITED_REVISION_NOTE)
    if judgement.register_given:
        print(f"Trust register: {len(registers)} certificate(s)")
        for entry in registers:
            print(f"  {entry.name}: {entry.fingerprint}")
    print(f"Result: {judgement.headline}")


def cmd_verify(args: argparse.Namespace) -> int:
    paths = register_paths(list(args.trust))
    registers = read_registers(paths)
    judgement = judge_file(args.file, registers, bool(paths))
    if args.json:
        embedded = (
            EmbeddedData(None, problem="the file is not readable")
            if judgement.verdict is Verdict.UNREADABLE
            else read_record_data(_read(args.file, "PDF"))
        )
        print_json(args.file, judgement, embedded)
    if judgement.verdict is Verdict.UNREADABLE:
        print(f"supnotes: {judgement.reasons[0]}", file=sys.stderr)
        return judgement.exit_code
    if not args.json:
        print_judgement(args.file, judgement, registers)
    if judgement.verdict is Verdict.ALTERED:
        print(f"supnotes: check failed: {'; '.join(judgement.reasons)}", file=sys.stderr)
    elif judgement.verdict is Verdict.UNVERIFIED_SIGNER:
        print(f"supnotes: signer not verified: {judgement.reasons[0]}", file=sys.stderr)
    return judgement.exit_code
