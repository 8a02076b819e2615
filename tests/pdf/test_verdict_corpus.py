"""Forgeries and changes after signing: our verdict and exit code, pdfsig's beside it.

Every case runs the real ``supnotes verify`` (in-process) without a register
and with the organisation's register (the genuine supervisor's and
supervisee's certificates), and poppler's ``pdfsig`` on the same file. The
table is printed (``-s``) and each exit code is checked: a forgery is never
0, a change after signing is always 1.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from supnotes.cli import main
from supnotes.pdf.identity import SigningIdentity, certificate_pem, create_identity
from supnotes.pdf.render import render_pdf
from supnotes.pdf.sign import countersign, sign_pdf
from tests.pdf import tamper
from tests.pdf.sample import SUPERVISOR, WORKER, sample_record
from tests.tools import need_command

Build = Callable[["Parts"], bytes]


@dataclass(frozen=True)
class Parts:
    signed: bytes
    countersigned: bytes
    supervisor: SigningIdentity
    supervisee: SigningIdentity


@dataclass(frozen=True)
class Case:
    name: str
    build: Build
    without_register: int  # expected exit code without any register
    with_register: tuple[int, ...]  # allowed exit codes with the genuine register


def _forger(name: str) -> SigningIdentity:
    return create_identity(name, "Team Manager", "Cyngor Sir Glanrafon")


def _same_name_key(parts: Parts) -> bytes:
    return sign_pdf(render_pdf(sample_record(filler=1)), _forger(SUPERVISOR))


def _edited_and_resigned(parts: Parts) -> bytes:
    # The genuine record cut back to its unsigned rendering, a line added,
    # and signed again with a fresh key in the supervisor's name.
    unsigned = tamper.before_last_signature(parts.signed)
    return sign_pdf(tamper.add_page_text(unsigned, "Decision reversed"), _forger(SUPERVISOR))


def _fingerprint_replaced(parts: Parts) -> bytes:
    forger = _forger(SUPERVISOR)
    record = replace(sample_record(filler=1), certificate_fingerprint=forger.fingerprint)
    return sign_pdf(render_pdf(record), forger)


def _countersigned_by_stranger(parts: Parts) -> bytes:
    return countersign(parts.signed, _forger(WORKER))


CASES = [
    Case("genuine, supervisor only", lambda p: p.signed, 3, (0,)),
    Case("genuine, counter-signed", lambda p: p.countersigned, 3, (0,)),
    Case("forged: fresh key in the supervisor's name", _same_name_key, 3, (3,)),
    Case("forged: text edited and re-signed", _edited_and_resigned, 3, (3,)),
    Case("forged: printed fingerprint replaced", _fingerprint_replaced, 3, (3,)),
    Case("counter-signed by an unregistered key", _countersigned_by_stranger, 3, (3,)),
    Case("Info Title 'Record withdrawn'", lambda p: tamper.set_info_title(p.signed), 1, (1,)),
    Case(
        "Info Title, counter-signed",
        lambda p: tamper.set_info_title(p.countersigned),
        1,
        (1,),
    ),
    Case("XMP dc:title rewritten", lambda p: tamper.set_xmp_title(p.signed), 1, (1,)),
    Case("annotation added", lambda p: tamper.add_annotation(p.countersigned), 1, (1,)),
    Case("bytes after %%EOF", lambda p: tamper.append_after_eof(p.signed), 1, (1,)),
    Case(
        "bytes after %%EOF, counter-signed",
        lambda p: tamper.append_after_eof(p.countersigned),
        1,
        (1,),
    ),
    Case("page text added", lambda p: tamper.add_page_text(p.signed), 1, (1,)),
    Case(
        "byte flipped in signed range",
        lambda p: tamper.flip_byte_in_signed_range(p.signed),
        1,
        (1,),
    ),
    Case(
        "counter-signature removed",
        lambda p: tamper.remove_signature(p.countersigned, "Supervisee"),
        1,
        (1,),
    ),
    Case(
        "certification removed",
        lambda p: tamper.remove_signature(p.signed, "Supervisor"),
        1,
        (1,),
    ),
]


def pdfsig_verdict(path: Path) -> str:
    """pdfsig's own words, one short phrase a signature ("-" when it is absent)."""
    result = subprocess.run(
        [need_command("pdfsig", "poppler-utils"), str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    out = result.stdout + result.stderr
    signatures = re.findall(r"Signature Validation: (.+?)\.?\n", out)
    certificates = re.findall(r"Certificate Validation: (.+?)\.?\n", out)
    coverage = re.findall(r"- ((?:Not )?[Tt]otal document signed)", out)
    if not signatures:
        return out.strip().splitlines()[-1] if out.strip() else f"exit {result.returncode}"
    parts = []
    for n, verdict in enumerate(signatures):
        cert = certificates[n] if n < len(certificates) else "?"
        cover = coverage[n] if n < len(coverage) else "?"
        parts.append(f"{verdict}; {cert}; {cover}")
    return " | ".join(parts)


@pytest.fixture(scope="module")
def parts(
    signed: bytes, countersigned: bytes, supervisor: SigningIdentity, supervisee: SigningIdentity
) -> Parts:
    return Parts(signed, countersigned, supervisor, supervisee)


@pytest.fixture(scope="module")
def register(
    tmp_path_factory: pytest.TempPathFactory,
    supervisor: SigningIdentity,
    supervisee: SigningIdentity,
) -> Path:
    path = tmp_path_factory.mktemp("register") / "organisation.pem"
    path.write_bytes(
        certificate_pem(supervisor.certificate) + certificate_pem(supervisee.certificate)
    )
    return path


def _verify(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["verify", *args])
    captured = capsys.readouterr()
    result = next((ln for ln in captured.out.splitlines() if ln.startswith("Result:")), "")
    return code, result, captured.err


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_verdict(
    case: Case,
    parts: Parts,
    register: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SUPNOTES_TRUST", raising=False)
    path = tmp_path / "case.pdf"
    path.write_bytes(case.build(parts))
    bare, bare_result, bare_err = _verify([str(path)], capsys)
    trusted, trusted_result, trusted_err = _verify([str(path), "--trust", str(register)], capsys)
    with capsys.disabled():
        print(
            f"\n| {case.name} | {bare} without register, {trusted} with register: "
            f"{trusted_result.removeprefix('Result: ')[:90]} | {pdfsig_verdict(path)} |"
        )
    assert bare == case.without_register, bare_err
    assert trusted in case.with_register, trusted_err
    assert "Traceback" not in bare_err + trusted_err
    if bare != 0:
        assert "Result: OK" not in bare_result
    assert bare_err.count("\n") == 1
    if "broken" in trusted_err:
        # A broken signature is not also blamed on the register given.
        assert "not trusted" not in trusted_err, trusted_err
