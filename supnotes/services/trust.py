"""The app's trust register: who the supervisor has registered as trusted.

What makes a certificate trusted here is only an explicit act:

- the supervisor's **own signing certificates**: made at first run (or by
  ``init --name``) or imported as the organisation's PKCS#12. Making or
  importing one is the act of registration; they stay registered when
  retired, so records they sealed still verify as registered;
- **importing the organisation's register** (a PEM file or folder from IT);
- **importing one certificate after checking its fingerprint with its
  owner** (the caller shows the fingerprint and asks for confirmation first).

Signing, counter-signing or verifying a record never registers anything:
the supervisee's certificate inside the PKCS#12 they counter-sign with is
used for that signature and forgotten.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from supnotes.pdf.identity import common_name, fingerprint
from supnotes.pdf.trust_register import RegisteredCertificate
from supnotes.services import identity as identities
from supnotes.vault.repositories.identity import IdentityRepository
from supnotes.vault.repositories.trust import (
    CHECKED_WITH_OWNER,
    ORGANISATION_REGISTER,
    TrustedRow,
    TrustRepository,
)
from supnotes.vault.vault import Vault

OWN_CURRENT = "your signing certificate"
OWN_RETIRED = "your earlier signing certificate"

__all__ = [
    "CHECKED_WITH_OWNER",
    "ORGANISATION_REGISTER",
    "TrustEntry",
    "entries",
    "register",
    "remove",
    "trust_roots",
]


@dataclass(frozen=True)
class TrustEntry:
    """One line of the register as the supervisor sees it."""

    certificate: x509.Certificate
    how: str
    source: str
    added_at: datetime
    removable: bool

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.certificate)

    @property
    def name(self) -> str:
        return common_name(self.certificate)


def _own(vault: Vault) -> list[TrustEntry]:
    found = []
    for stored in IdentityRepository(vault).all():
        certificate = identities.load(vault, stored).certificate
        how = OWN_CURRENT if stored.retired_at is None else OWN_RETIRED
        found.append(TrustEntry(certificate, how, stored.source, stored.created_at, False))
    return found


def entries(vault: Vault) -> list[TrustEntry]:
    """The whole register: the supervisor's own certificates first, then the rest."""
    registered = [
        TrustEntry(x509.load_der_x509_certificate(row.der), row.how, row.source, row.added_at, True)
        for row in TrustRepository(vault).all()
    ]
    own = _own(vault)
    own_prints = {e.fingerprint for e in own}
    return own + [e for e in registered if e.fingerprint not in own_prints]


def trust_roots(vault: Vault) -> list[x509.Certificate]:
    """The certificates a signature must chain to, to read as registered in this vault."""
    return [e.certificate for e in entries(vault)]


def register(vault: Vault, certificates: list[RegisteredCertificate], how: str) -> int:
    """Register ``certificates`` (after the caller's confirmation); returns how many were new."""
    if how not in (ORGANISATION_REGISTER, CHECKED_WITH_OWNER):
        raise ValueError(f"unknown way of registering: {how!r}")
    now = datetime.now(UTC).replace(microsecond=0)
    rows = [
        TrustedRow(
            fingerprint=c.fingerprint,
            subject=c.certificate.subject.rfc4514_string(),
            der=c.certificate.public_bytes(serialization.Encoding.DER),
            how=how,
            source=c.source,
            added_at=now,
        )
        for c in certificates
    ]
    return TrustRepository(vault).add(rows)


def remove(vault: Vault, fingerprint_text: str) -> bool:
    """Take a certificate out of the register (the supervisor's own cannot be)."""
    return TrustRepository(vault).remove(normalise_fingerprint(fingerprint_text))


def normalise_fingerprint(text: str) -> str:
    """``ab cd:EF…`` or ``abcdef…`` as ``AB:CD:EF:…`` (how fingerprints are stored)."""
    digits = "".join(ch for ch in text.upper() if ch in "0123456789ABCDEF")
    return ":".join(digits[i : i + 2] for i in range(0, len(digits), 2))
