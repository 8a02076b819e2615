"""The supervisor's signing identity: create, import, load, fingerprint.

The identity's PKCS#12 is stored in the vault, encrypted with a password
derived from the vault's data key with HKDF (salted with the identity's
id). The password is computed when needed and never stored: whoever can
open the vault can sign, and nobody else.
"""

from __future__ import annotations

from datetime import UTC, datetime

from cryptography import x509

from supnotes.domain.ids import new_id
from supnotes.domain.people import SupervisorProfile
from supnotes.pdf.identity import (
    SigningIdentity,
    create_identity,
    from_pkcs12,
    import_pkcs12,
    to_pkcs12,
)
from supnotes.vault.kdf import derive_from_secret
from supnotes.vault.repositories.identity import IdentityRepository, StoredIdentity
from supnotes.vault.repositories.profile import ProfileRepository
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Vault

_INFO = b"supnotes signing identity pkcs12 password v1"


class NoIdentity(Exception):
    """Sealing needs a signing identity and the profile to make one is missing."""


def _password(vault: Vault, identity_id: str) -> bytes:
    # PKCS#12 passwords are text: the derived key travels as hex.
    return derive_from_secret(vault.data_key, identity_id.encode("ascii"), _INFO).hex().encode()


def _store(vault: Vault, identity: SigningIdentity, source: str) -> StoredIdentity:
    identity_id = new_id()
    stored = StoredIdentity(
        id=identity_id,
        source=source,
        subject=identity.certificate.subject.rfc4514_string(),
        fingerprint=identity.fingerprint,
        pkcs12=to_pkcs12(identity, _password(vault, identity_id)),
        created_at=datetime.now(UTC).replace(microsecond=0),
    )
    IdentityRepository(vault).add(stored)
    _remember(vault, stored.id, identity)
    return stored


def create_self_signed(vault: Vault, name: str, role: str, organisation: str) -> SigningIdentity:
    """A new key pair and self-signed certificate; becomes the current identity."""
    years = SettingsStore(vault).get_int("signing.certificate_years")
    identity = create_identity(name, role, organisation, validity_years=years)
    _store(vault, identity, "self-signed")
    return identity


def supervisor_profile(vault: Vault) -> SupervisorProfile | None:
    """The supervisor's profile: the profile table, else the first-run settings."""
    profile = ProfileRepository(vault).get()
    if profile is not None and profile.name.strip():
        return profile
    settings = SettingsStore(vault)
    name = settings.get_text("profile.name").strip()
    if not name:
        return None
    return SupervisorProfile(
        name, settings.get_text("profile.role"), settings.get_text("organisation.name")
    )


def create_from_profile(vault: Vault) -> SigningIdentity | None:
    """The identity for the supervisor profile, unless there is one already.

    Called once the first-run wizard (or ``init``) has saved the profile;
    returns None when an identity exists or there is no profile yet.
    """
    if IdentityRepository(vault).current() is not None:
        return None
    profile = supervisor_profile(vault)
    if profile is None:
        return None
    return create_self_signed(vault, profile.signature_name, profile.role, profile.organisation)


def import_organisation(vault: Vault, data: bytes, password: bytes) -> SigningIdentity:
    """Use the organisation's PKCS#12 from now on; the old identity is retired.

    Records sealed with the old identity stay valid: its certificate is kept
    and stays in this vault's trust register (see :mod:`supnotes.services.trust`).
    """
    identity = import_pkcs12(data, password)
    _store(vault, identity, "organisation")
    return identity


_SESSION_KEY = "signing-identity"


def load(vault: Vault, stored: StoredIdentity) -> SigningIdentity:
    """``stored`` decrypted, kept for the unlocked session (dropped when the vault closes).

    Decrypting the PKCS#12 costs about a sixth of a seal; the identity is as
    secret as the vault key it is derived from, and lives no longer.
    """
    found = _loaded(vault).get(stored.id)
    if found is None:
        found = from_pkcs12(stored.pkcs12, _password(vault, stored.id), check_validity=False)
        _remember(vault, stored.id, found)
    return found


def _loaded(vault: Vault) -> dict[str, SigningIdentity]:
    """This session's decrypted identities by id (in ``vault.session``)."""
    loaded = vault.session.setdefault(_SESSION_KEY, {})
    assert isinstance(loaded, dict)
    return loaded


def _remember(vault: Vault, identity_id: str, identity: SigningIdentity) -> None:
    _loaded(vault)[identity_id] = identity


def current(vault: Vault) -> SigningIdentity | None:
    stored = IdentityRepository(vault).current()
    return None if stored is None else load(vault, stored)


def ensure(vault: Vault, profile: SupervisorProfile | None = None) -> SigningIdentity:
    """The current identity, made from the profile on first use if need be."""
    found = current(vault)
    if found is not None:
        return found
    profile = profile or supervisor_profile(vault)
    if profile is None or not profile.name.strip():
        raise NoIdentity(
            "sealing needs your signing identity: enter your name in Settings → Profile first"
        )
    return create_self_signed(vault, profile.signature_name, profile.role, profile.organisation)


def current_fingerprint(vault: Vault) -> str:
    """The current certificate's SHA-256 fingerprint ("" when there is none)."""
    stored = IdentityRepository(vault).current()
    return "" if stored is None else stored.fingerprint


def own_certificates(vault: Vault) -> list[x509.Certificate]:
    """The supervisor's own signing certificates, retired ones included.

    These are registered by being made or imported here; for everything the
    app trusts, see :func:`supnotes.services.trust.trust_roots`.
    """
    return [load(vault, s).certificate for s in IdentityRepository(vault).all()]


def current_certificate(vault: Vault) -> x509.Certificate | None:
    """The certificate of the current signing identity, to hand to HR or IT."""
    found = current(vault)
    return None if found is None else found.certificate
