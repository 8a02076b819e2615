"""The app's trust register: only explicit acts register a certificate."""

from __future__ import annotations

from pathlib import Path

import pytest

from supnotes.pdf.identity import certificate_pem, create_identity, to_pkcs12
from supnotes.pdf.trust_register import read_register
from supnotes.pdf.verdict import Verdict, judge
from supnotes.pdf.verify import verify_pdf
from supnotes.services import identity as identities
from supnotes.services import trust
from supnotes.services.sealing import countersign_record, seal_record
from supnotes.vault.repositories.sealed import SealedRepository
from supnotes.vault.vault import Vault
from tests.services.test_sealing import ACK


def _fingerprints(vault: Vault) -> set[str]:
    return {e.fingerprint for e in trust.entries(vault)}


def test_own_certificate_is_registered_and_cannot_be_removed(vault: Vault) -> None:
    own = identities.ensure(vault)
    (entry,) = trust.entries(vault)
    assert entry.fingerprint == own.fingerprint
    assert entry.how == trust.OWN_CURRENT
    assert not entry.removable
    assert not trust.remove(vault, own.fingerprint)
    assert own.fingerprint in _fingerprints(vault)


def test_countersigning_never_registers_the_supervisee(
    vault: Vault, session_id: str, tmp_path: Path
) -> None:
    seal_record(vault, session_id, ACK)
    before = _fingerprints(vault)
    supervisee = create_identity("Siân Gwŷn", "Social Worker", "Cyngor Sir Glanrafon")
    countersign_record(vault, session_id, to_pkcs12(supervisee, b"pw"), b"pw")
    assert _fingerprints(vault) == before
    assert supervisee.fingerprint not in _fingerprints(vault)
    pdf = SealedRepository(vault).find(session_id)
    assert pdf is not None
    report = verify_pdf(pdf.pdf, trust.trust_roots(vault), require_trust=True)
    judgement = judge(report, register_given=True)
    assert judgement.verdict is Verdict.UNVERIFIED_SIGNER
    assert [s.signer_name for s in judgement.unregistered] == ["Siân Gwŷn"]

    # Registering the supervisee explicitly (fingerprint checked with them) makes it 0.
    path = tmp_path / "siân.pem"
    path.write_bytes(certificate_pem(supervisee.certificate))
    assert trust.register(vault, read_register(path), trust.CHECKED_WITH_OWNER) == 1
    report = verify_pdf(pdf.pdf, trust.trust_roots(vault), require_trust=True)
    assert judge(report, register_given=True).verdict is Verdict.REGISTERED
    assert trust.remove(vault, supervisee.fingerprint.replace(":", "").lower())
    assert supervisee.fingerprint not in _fingerprints(vault)


def test_organisation_register_import_is_idempotent(vault: Vault, tmp_path: Path) -> None:
    people = [create_identity(f"Person {n}", "", "Org") for n in range(3)]
    path = tmp_path / "register.pem"
    path.write_bytes(b"".join(certificate_pem(p.certificate) for p in people))
    entries = read_register(path)
    assert trust.register(vault, entries, trust.ORGANISATION_REGISTER) == 3
    assert trust.register(vault, entries, trust.ORGANISATION_REGISTER) == 0
    listed = [e for e in trust.entries(vault) if e.removable]
    assert sorted(e.name for e in listed) == ["Person 0", "Person 1", "Person 2"]
    assert {e.how for e in listed} == {trust.ORGANISATION_REGISTER}
    with pytest.raises(ValueError, match="unknown way"):
        trust.register(vault, entries, "because it signed something")


def test_retired_own_certificate_stays_registered(vault: Vault) -> None:
    old = identities.ensure(vault)
    org = create_identity("Helen Marchbank", "Team Manager", "Cyngor Sir Glanrafon")
    identities.import_organisation(vault, to_pkcs12(org, b"org password"), b"org password")
    hows = {e.fingerprint: e.how for e in trust.entries(vault)}
    assert hows == {old.fingerprint: trust.OWN_RETIRED, org.fingerprint: trust.OWN_CURRENT}


def test_fingerprints_are_normalised() -> None:
    assert trust.normalise_fingerprint("ab cd:ef") == "AB:CD:EF"
