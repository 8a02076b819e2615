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


def test_untouched_countersigned_record_exits_0(
    countersigned: bytes,
    supervisor: SigningIdentity,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["verify", _write(tmp_path, "r.pdf", countersigned)]) == 0
    out = capsys.readouterr().out
    assert f"Signer:        {SUPERVISOR}" in out
    assert f"Signer:        {WORKER}" in out
    assert supervisor.fingerprint in out
    assert "Intact:        yes" in out
    assert "Changed after: permitted form filling" in out
    assert "Changed after: none" in out
    assert "self-signed: compare the fingerprint" in out
    assert "Result: OK" in out


def test_trust_root_given_and_matching(
    signed: bytes, supervisor: SigningIdentity, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cert = _write(tmp_path, "supervisor.pem", certificate_pem(supervisor.certificate))
    assert main(["verify", _write(tmp_path, "r.pdf", signed), "--trust", cert]) == 0
    assert "chains to a trusted certificate" in capsys.readouterr().out


def test_trust_root_given_but_other_signer_exits_1(
    signed: bytes, supervisee: SigningIdentity, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cert = _write(tmp_path, "other.pem", certificate_pem(supervisee.certificate))
    assert main(["verify", _write(tmp_path, "r.pdf", signed), "--trust", cert]) == 1
    assert "does not chain" in capsys.readouterr().err


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
    assert "Result: FAILED" in captured.out
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
    assert result.returncode == 0, result.stderr
    assert SUPERVISOR in result.stdout
    assert result.stderr == ""

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
