"""The hub's register of signers, and keeping the vault's register in step with it.

HR or IT registers certificates on the hub (:func:`register`); the register
is exported in the one format ``verify --trust`` reads. The vault's own
trust register takes the hub's certificates only by an explicit act of the
supervisor (:func:`pull_into_vault`), logged in the vault's hub log;
:func:`missing_from_vault` tells ``send`` when they differ.
"""

from __future__ import annotations

from datetime import UTC, datetime

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from supnotes.hub.deposits import Signer
from supnotes.hub.store import HubStore
from supnotes.pdf.identity import common_name, fingerprint
from supnotes.pdf.trust_register import RegisteredCertificate, register_pem
from supnotes.services import trust
from supnotes.vault.repositories.outbox import OutboxRepository
from supnotes.vault.vault import Vault


def register(
    store: HubStore, certificate: x509.Certificate, role: str, registered_by: str = ""
) -> bool:
    """Register one certificate on the hub; False if it was already there."""
    signer = Signer(
        fingerprint=fingerprint(certificate),
        name=common_name(certificate),
        subject=certificate.subject.rfc4514_string(),
        role=role,
        der=certificate.public_bytes(serialization.Encoding.DER),
        registered_at=datetime.now(UTC),
        registered_by=registered_by,
    )
    return store.register_signer(signer)


def certificates(store: HubStore) -> list[x509.Certificate]:
    return [x509.load_der_x509_certificate(s.der) for s in store.signers()]


def export_bundle(store: HubStore) -> bytes:
    """The register as a PEM trust bundle (what ``verify --trust`` reads)."""
    return register_pem(certificates(store))


def missing_from_vault(vault: Vault, store: HubStore) -> list[x509.Certificate]:
    have = {e.fingerprint for e in trust.entries(vault)}
    return [c for c in certificates(store) if fingerprint(c) not in have]


def pull_into_vault(vault: Vault, store: HubStore) -> int:
    """Register the hub's signers in the vault's register (the supervisor's explicit act)."""
    where = store.address.describe()
    entries = [RegisteredCertificate(c, f"hub register ({where})") for c in certificates(store)]
    added = trust.register(vault, entries, trust.ORGANISATION_REGISTER) if entries else 0
    OutboxRepository(vault).log("pull-register", where, f"{added} new of {len(entries)}")
    return added
