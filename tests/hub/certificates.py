"""Signers for the register, made with the project's own identity code."""

from __future__ import annotations

from datetime import UTC, datetime

from cryptography.hazmat.primitives import serialization

from supnotes.hub.deposits import Signer
from supnotes.pdf.identity import common_name, create_identity, fingerprint


def signer(name: str, role: str = "supervisor") -> Signer:
    certificate = create_identity(name, "Team Manager", "Test Council").certificate
    return Signer(
        fingerprint=fingerprint(certificate),
        name=common_name(certificate),
        subject=certificate.subject.rfc4514_string(),
        role=role,
        der=certificate.public_bytes(serialization.Encoding.DER),
        registered_at=datetime.now(UTC),
        registered_by="hr",
    )
