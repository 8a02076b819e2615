"""``supnotes certificate`` and ``supnotes trust``, as a supervisor and IT use them."""

from __future__ import annotations

from pathlib import Path

import pytest

from supnotes.cli import main
from supnotes.pdf.identity import SigningIdentity, certificate_pem, create_identity
from supnotes.pdf.render import render_pdf
from supnotes.pdf.sign import sign_pdf
from tests.pdf.sample import sample_record
from tests.vault.conftest import PASSPHRASE


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch, fast_kdf: None) -> None:
    monkeypatch.setenv("SUPNOTES_PASSPHRASE", PASSPHRASE)
    monkeypatch.delenv("SUPNOTES_TRUST", raising=False)


@pytest.fixture
def folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "vault"
    assert main(["init", "--vault", str(folder), "--name", "Helen Marchbank"]) == 0
    capsys.readouterr()
    return folder


def _out(capsys: pytest.CaptureFixture[str]) -> str:
    return capsys.readouterr().out


def test_certificate_export_is_the_register_verify_reads(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pem = tmp_path / "helen.pem"
    assert main(["certificate", "--vault", str(folder), "--out", str(pem)]) == 0
    out = _out(capsys)
    assert main(["trust", "list", "--vault", str(folder)]) == 0
    (line,) = _out(capsys).splitlines()
    fingerprint, name, how, _ = line.split("\t")
    assert (name, how) == ("Helen Marchbank", "your signing certificate")
    assert f"SHA-256 fingerprint: {fingerprint}" in out
    assert pem.read_bytes().startswith(b"-----BEGIN CERTIFICATE-----")


def test_certificate_without_identity_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "v"
    assert main(["init", "--vault", str(folder)]) == 0
    capsys.readouterr()
    assert main(["certificate", "--vault", str(folder), "--out", str(tmp_path / "c.pem")]) == 2
    assert "no signing certificate yet" in capsys.readouterr().err


def test_import_with_the_fingerprint_the_owner_gave(
    folder: Path, tmp_path: Path, supervisee: SigningIdentity, capsys: pytest.CaptureFixture[str]
) -> None:
    pem = tmp_path / "sian.pem"
    pem.write_bytes(certificate_pem(supervisee.certificate))
    base = ["trust", "import", "--vault", str(folder), str(pem)]
    wrong = create_identity("Someone", "", "").fingerprint
    assert main([*base, "--expect", wrong]) == 2
    assert "nothing was registered" in capsys.readouterr().err
    # Without --expect and without a terminal, nothing is registered either.
    assert main(base) == 2
    assert "confirmation needed" in capsys.readouterr().err
    expect = supervisee.fingerprint.replace(":", " ").lower()
    assert main([*base, "--expect", expect]) == 0
    assert "Registered 1 new certificate" in _out(capsys)
    assert main(["trust", "list", "--vault", str(folder)]) == 0
    assert f"{supervisee.fingerprint}\tSiân Gwŷn\tchecked with owner" in _out(capsys)
    assert main(["trust", "remove", "--vault", str(folder), supervisee.fingerprint]) == 0
    assert main(["trust", "remove", "--vault", str(folder), supervisee.fingerprint]) == 2


def test_organisation_register_needs_confirmation(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    register = tmp_path / "register"
    register.mkdir()
    people = [create_identity(f"Person {n}", "", "Org") for n in range(2)]
    for n, person in enumerate(people):
        (register / f"p{n}.crt").write_bytes(certificate_pem(person.certificate))
    base = ["trust", "import", "--vault", str(folder), str(register), "--organisation"]
    assert main(base) == 2  # no terminal to confirm on
    assert main([*base, "--yes"]) == 0
    assert "Registered 2 new certificate" in _out(capsys)
    # A folder of several is refused without --organisation.
    assert main(["trust", "import", "--vault", str(folder), str(register)]) == 2
    assert "one certificate at a time" in capsys.readouterr().err


def test_own_certificate_cannot_be_removed(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["trust", "list", "--vault", str(folder)]) == 0
    fingerprint = _out(capsys).split("\t")[0]
    assert main(["trust", "remove", "--vault", str(folder), fingerprint]) == 2
    assert "your own signing certificate" in capsys.readouterr().err


def test_a_forgery_with_the_exported_register_is_not_ok(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pem = tmp_path / "helen.pem"
    assert main(["certificate", "--vault", str(folder), "--out", str(pem)]) == 0
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(
        sign_pdf(render_pdf(sample_record(filler=1)), create_identity("Helen Marchbank", "", ""))
    )
    assert main(["verify", str(forged), "--trust", str(pem)]) == 3
    assert "NOT TRUSTED" in capsys.readouterr().out


def test_encryption_key_export_is_stable_and_loadable(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from supnotes.services.encryption_key import key_fingerprint, load_public_pem

    first, second = tmp_path / "k1.pem", tmp_path / "k2.pem"
    assert main(["encryption-key", "--vault", str(folder), "--out", str(first)]) == 0
    shown = _out(capsys)
    assert main(["encryption-key", "--vault", str(folder), "--out", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    assert key_fingerprint(load_public_pem(first.read_bytes())) in shown
    assert b"PRIVATE" not in first.read_bytes()


def test_init_names_the_supervisor_where_settings_shows_it(folder: Path) -> None:
    """An outsider made a vault with ``init --name`` and found Settings' name empty."""
    from supnotes.vault.settings_store import SettingsStore
    from supnotes.vault.vault import Unlock, Vault

    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault:
        assert SettingsStore(vault).get_text("profile.name") == "Helen Marchbank"
