"""``supnotes verify FILE.pdf``: output and exit codes, in-process and as a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from supnotes.cli import main
from supnotes.pdf.identity import SigningIdentity, certificate_pem
from tests.pdf import tamper
from tests.pdf.sample import SUPERVISOR, WORKER


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.fixture(autouse=True)
def _no_register_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SUPNOTES_TRUST", raising=False)


def test_intact_countersigned_record_without_register_exits_3(
    countersigned: bytes,
    supervisor: SigningIdentity,
    supervisee: SigningIdentity,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["verify", _write(tmp_path, "r.pdf", countersigned)]) == 3
    captured = capsys.readouterr()
    out = captured.out
    assert f"Signer:        {SUPERVISOR}" in out
    assert f"Signer:        {WORKER}" in out
    assert supervisor.fingerprint in out
    assert supervisee.fingerprint in out  # the counter-signer's fingerprint is printed too
    assert "Intact:        yes" in out
    assert "Changed after: a later signature only" in out
    assert "Changed after: none" in out
    assert "unverified: no trust register given" in out
    assert "compare the fingerprint" not in out
    assert "Result: OK" not in out
    assert "not who signed it" in out
    assert captured.err.startswith("supnotes: signer not verified:")
    assert captured.err.count("\n") == 1


def test_registered_signers_exit_0_with_a_register_file_of_several(
    countersigned: bytes,
    supervisor: SigningIdentity,
    supervisee: SigningIdentity,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    register = certificate_pem(supervisor.certificate) + certificate_pem(supervisee.certificate)
    cert = _write(tmp_path, "register.pem", register)
    assert main(["verify", _write(tmp_path, "r.pdf", countersigned), "--trust", cert]) == 0
    out = capsys.readouterr().out
    assert out.count("Registered:    yes") == 2
    assert "Result: OK" in out


def test_register_folder_and_environment_variable(
    signed: bytes,
    supervisor: SigningIdentity,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "register"
    folder.mkdir()
    (folder / "supervisor.crt").write_bytes(certificate_pem(supervisor.certificate))
    (folder / "notes.txt").write_text("not a certificate")  # ignored: not .pem/.crt
    pdf = _write(tmp_path, "r.pdf", signed)
    assert main(["verify", pdf, "--trust", str(folder)]) == 0
    monkeypatch.setenv("SUPNOTES_TRUST", str(folder))
    assert main(["verify", pdf]) == 0
    assert "Result: OK" in capsys.readouterr().out


def test_register_given_but_other_signer_reads_not_trusted_exit_3(
    signed: bytes, supervisee: SigningIdentity, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cert = _write(tmp_path, "other.pem", certificate_pem(supervisee.certificate))
    assert main(["verify", _write(tmp_path, "r.pdf", signed), "--trust", cert]) == 3
    captured = capsys.readouterr()
    assert "NOT TRUSTED: not in the trust register given" in captured.out
    assert "self-signed" not in captured.out
    assert "not in the trust register given" in captured.err


@pytest.mark.parametrize(
    "content", [b"", b"junk", b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"]
)
def test_unreadable_register_exits_2(
    signed: bytes, content: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cert = _write(tmp_path, "bad.pem", content)
    assert main(["verify", _write(tmp_path, "r.pdf", signed), "--trust", cert]) == 2
    err = capsys.readouterr().err
    assert err.startswith("supnotes: trust register ")
    assert err.count("\n") == 1


def test_revision_hashes_are_printed(
    countersigned: bytes, signed: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import hashlib

    main(["verify", _write(tmp_path, "r.pdf", countersigned)])
    out = capsys.readouterr().out
    assert f"Revision SHA-256: {hashlib.sha256(signed).hexdigest()}" in out
    assert f"Revision SHA-256: {hashlib.sha256(countersigned).hexdigest()}" in out
    assert "addenda cite" in out


@pytest.mark.parametrize(
    "damage",
    [
        tamper.flip_byte_in_signed_range,
        tamper.add_page_text,
        lambda pdf: tamper.remove_signature(pdf, "Supervisee"),
    ],
    ids=["flipped-byte", "page-content-update", "removed-signature"],
)
def test_tampered_record_exits_1_with_one_line_reason(
    damage: object, countersigned: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert callable(damage)
    path = _write(tmp_path, "r.pdf", damage(countersigned))
    assert main(["verify", path]) == 1
    captured = capsys.readouterr()
    assert "Result: ALTERED OR INVALID" in captured.out
    err = captured.err.strip()
    assert err.startswith("supnotes: check failed:")
    assert "\n" not in err


def test_removed_certification_signature_exits_1(
    signed: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "r.pdf", tamper.remove_signature(signed, "Supervisor"))
    assert main(["verify", path]) == 1
    assert "certification signature" in capsys.readouterr().err


def test_unsigned_pdf_exits_1(
    rendered: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify", _write(tmp_path, "r.pdf", rendered)]) == 1
    assert "no signatures" in capsys.readouterr().err


@pytest.mark.parametrize("data", [b"", b"just some text", b"%PDF-1.4\ntruncated", b"PK\x03\x04zip"])
def test_not_a_readable_pdf_exits_2(
    data: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify", _write(tmp_path, "x.pdf", data)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("supnotes: ")
    assert err.count("\n") == 1


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(tmp_path / "nope.pdf")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_folder_exits_2(tmp_path: Path) -> None:
    assert main(["verify", str(tmp_path)]) == 2


def test_as_a_real_process(countersigned: bytes, rendered: bytes, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("SUPNOTES_TRUST", None)
    good = _write(tmp_path, "good.pdf", countersigned)
    result = subprocess.run(
        [sys.executable, "-m", "supnotes", "verify", good],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
        timeout=120,
    )
    assert result.returncode == 3, result.stderr
    assert SUPERVISOR in result.stdout
    assert result.stderr.startswith("supnotes: signer not verified:")

    bad = _write(tmp_path, "bad.pdf", tamper.add_page_text(countersigned))
    result = subprocess.run(
        [sys.executable, "-m", "supnotes", "verify", bad],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("supnotes: check failed:")
