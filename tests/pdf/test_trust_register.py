"""Reading trust registers: one PEM file of several, or a folder of .pem/.crt files."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from supnotes.pdf.identity import SigningIdentity, certificate_pem
from supnotes.pdf.trust_register import RegisterError, read_register, register_pem


def test_one_file_of_several_with_comments(
    tmp_path: Path, supervisor: SigningIdentity, supervisee: SigningIdentity
) -> None:
    path = tmp_path / "org.pem"
    path.write_bytes(register_pem([supervisor.certificate, supervisee.certificate]))
    assert b"# SHA-256 " in path.read_bytes()
    found = read_register(path)
    assert [e.fingerprint for e in found] == [supervisor.fingerprint, supervisee.fingerprint]
    assert {e.source for e in found} == {str(path)}


def test_folder_of_pem_and_der_crt_files_without_duplicates(
    tmp_path: Path, supervisor: SigningIdentity, supervisee: SigningIdentity
) -> None:
    (tmp_path / "a.pem").write_bytes(certificate_pem(supervisor.certificate))
    (tmp_path / "b.CRT").write_bytes(
        supervisee.certificate.public_bytes(serialization.Encoding.DER)
    )
    (tmp_path / "c.pem").write_bytes(certificate_pem(supervisor.certificate))  # again
    (tmp_path / "readme.txt").write_text("ignored")
    (tmp_path / "sub.pem").mkdir()  # a folder named like a file is ignored
    found = read_register(tmp_path)
    assert [e.name for e in found] == [supervisor.name, supervisee.name]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "not a certificate"),
        (b"hello", "not a certificate"),
        (b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "no PEM certificate"),
        (b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "damaged"),
    ],
)
def test_bad_files_say_which_and_why(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "bad.pem"
    path.write_bytes(content)
    with pytest.raises(RegisterError, match=words) as info:
        read_register(path)
    assert str(path) in str(info.value)


def test_empty_folder_and_missing_path(tmp_path: Path) -> None:
    with pytest.raises(RegisterError, match=r"holds no \.pem or \.crt"):
        read_register(tmp_path)
    with pytest.raises(RegisterError, match="no such file"):
        read_register(tmp_path / "nowhere.pem")
