"""Trust registers: the certificates an organisation vouches for.

One format, shared by ``verify --trust``, ``SUPNOTES_TRUST``, the app's own
register and whatever the installer or the organisation's IT hands out:

- a register is **PEM certificates**: one file holding one or several
  ``-----BEGIN CERTIFICATE-----`` blocks, or
- a **folder** of ``.pem`` / ``.crt`` files (each PEM, or a single DER
  certificate in a ``.crt``), read in name order; other files are ignored.

A certificate in a register is trusted as a root: a signature verifies as
registered when its certificate is in the register or chains to one that is.
Nothing here decides *what* goes into a register; that is an explicit act of
the organisation or of the supervisor (see ``docs/trust.md``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from supnotes.pdf.errors import PdfError
from supnotes.pdf.identity import common_name, fingerprint

REGISTER_SUFFIXES = (".pem", ".crt")
# A register of a whole organisation holds hundreds of certificates, not more.
MAX_REGISTER_BYTES = 16 * 1024 * 1024
MAX_FOLDER_FILES = 10_000

_PEM_BLOCK = re.compile(
    rb"-----BEGIN CERTIFICATE-----\s+[A-Za-z0-9+/=\s]+?-----END CERTIFICATE-----"
)


class RegisterError(PdfError):
    """A trust register cannot be read; the message says which file and why."""


@dataclass(frozen=True)
class RegisteredCertificate:
    certificate: x509.Certificate
    source: str  # the file it came from

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.certificate)

    @property
    def name(self) -> str:
        return common_name(self.certificate)


def parse_certificates(data: bytes, source: str) -> list[x509.Certificate]:
    """Every certificate in ``data``: PEM blocks, or one DER certificate."""
    if b"-----BEGIN" in data:
        blocks = _PEM_BLOCK.findall(data)
        if not blocks:
            raise RegisterError(f"{source}: holds no PEM certificate")
        try:
            return [x509.load_pem_x509_certificate(block) for block in blocks]
        except ValueError as exc:
            raise RegisterError(f"{source}: a certificate in it is damaged ({exc})") from None
    try:
        return [x509.load_der_x509_certificate(data)]
    except ValueError:
        raise RegisterError(f"{source}: not a certificate (PEM or DER)") from None


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_REGISTER_BYTES:
            raise RegisterError(f"{path}: too big to be a trust register ({size:,} bytes)")
        return path.read_bytes()
    except FileNotFoundError:
        raise RegisterError(f"{path}: no such file or folder") from None
    except OSError as exc:
        raise RegisterError(f"{path}: cannot be read ({exc.strerror})") from None


def read_register(path: Path) -> list[RegisteredCertificate]:
    """The certificates of the register at ``path`` (a file or a folder)."""
    if path.is_dir():
        try:
            files = sorted(
                p for p in path.iterdir() if p.suffix.lower() in REGISTER_SUFFIXES and p.is_file()
            )
        except OSError as exc:
            raise RegisterError(f"{path}: cannot be listed ({exc.strerror})") from None
        if len(files) > MAX_FOLDER_FILES:
            raise RegisterError(f"{path}: more than {MAX_FOLDER_FILES:,} certificate files")
        if not files:
            raise RegisterError(f"{path}: the folder holds no .pem or .crt file")
        found = []
        for file in files:
            found += [RegisteredCertificate(c, str(file)) for c in _certs(file)]
        return _unique(found)
    return _unique([RegisteredCertificate(c, str(path)) for c in _certs(path)])


def _certs(path: Path) -> list[x509.Certificate]:
    return parse_certificates(_read(path), str(path))


def _unique(found: list[RegisteredCertificate]) -> list[RegisteredCertificate]:
    seen: set[str] = set()
    unique = []
    for entry in found:
        if entry.fingerprint not in seen:
            seen.add(entry.fingerprint)
            unique.append(entry)
    return unique


def register_pem(certificates: list[x509.Certificate]) -> bytes:
    """Certificates as one register file, each block preceded by its name and fingerprint."""
    parts = []
    for cert in certificates:
        parts.append(f"# {common_name(cert)}\n# SHA-256 {fingerprint(cert)}\n".encode())
        parts.append(cert.public_bytes(serialization.Encoding.PEM))
    return b"".join(parts)
