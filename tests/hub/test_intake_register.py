"""Intake with a register of hundreds: each deposit is checked against the few
registered certificates that could anchor it, and judged as against the whole register."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from supnotes.pdf.identity import create_identity, fingerprint
from supnotes.pdf.verify import VerificationReport, verify_pdf
from supnotes.services import hub_intake, hub_register
from supnotes.services import identity as identities
from supnotes.services.hub_send import send
from supnotes.vault.vault import Vault
from tests.hub.conftest import Hub, connect_vault

Choose = Callable[[list[x509.Certificate]], Sequence[x509.Certificate]]


class Spy:
    """Records the trust roots of every verification intake makes."""

    def __init__(self) -> None:
        self.chosen: list[list[x509.Certificate]] = []  # narrowed checks' roots
        self.whole: list[int] = []  # sizes of checks against the whole register

    def __call__(
        self, content: bytes, roots: list[x509.Certificate], *, choose_roots: Choose | None = None
    ) -> VerificationReport:
        if choose_roots is None:
            self.whole.append(len(roots))
            return verify_pdf(content, roots)

        def recording(carried: list[x509.Certificate]) -> Sequence[x509.Certificate]:
            self.chosen.append(list(choose_roots(carried)))
            return self.chosen[-1]

        return verify_pdf(content, roots, choose_roots=recording)


def _register(hub: Hub, certificates: list[x509.Certificate]) -> None:
    with hub.open_as_it() as store:
        for certificate in certificates:
            assert hub_register.register(store, certificate, "supervisor")


def _others(n: int) -> list[x509.Certificate]:
    return [
        create_identity(f"Other {i}", "Team Manager", "Test Council").certificate for i in range(n)
    ]


def _impostor(of: x509.Certificate) -> x509.Certificate:
    """Another key under exactly the same name (subject and issuer) as ``of``."""
    key = ec.generate_private_key(ec.SECP256R1())
    return (
        x509.CertificateBuilder()
        .subject_name(of.subject)
        .issuer_name(of.issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(of.not_valid_before_utc)
        .not_valid_after(of.not_valid_after_utc)
        .sign(key, hashes.SHA256())
    )


def _signer(vault: Vault) -> x509.Certificate:
    certificate = identities.current_certificate(vault)
    assert certificate is not None
    return certificate


def test_each_deposit_is_checked_against_its_signer_not_the_whole_register(
    hub: Hub, sealed: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = _signer(sealed)
    # A same-named certificate with another key is among the candidates, and must not help.
    impostor = _impostor(own)
    _register(hub, [*_others(150), impostor, own])
    connect_vault(sealed, hub, hub.login("supervisor"))
    assert send(sealed).sent > 0
    spy = Spy()
    monkeypatch.setattr(hub_intake, "verify_pdf", spy)
    with hub.open_as_it() as store:
        report = hub_intake.run_intake(store)
    assert report.accepted > 0
    assert report.refused == []
    assert spy.chosen
    assert all(set(map(fingerprint, roots)) == {fingerprint(own), fingerprint(impostor)}
               for roots in spy.chosen)  # fmt: skip
    assert spy.whole == []  # every one accepted by the narrowed check


def test_a_refusal_is_judged_against_the_whole_register_with_the_same_reason(
    hub: Hub, sealed: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = _signer(sealed)
    _register(hub, [*_others(40), _impostor(own)])  # the signer's own certificate is missing
    connect_vault(sealed, hub, hub.login("supervisor"))
    assert send(sealed).sent > 0
    with hub.open_as_it() as store:
        deposits = store.received()
        roots = hub_intake.register_roots(store)
        before = [hub_intake.judge_deposit(d, list(roots), store) for d in deposits]
    spy = Spy()
    monkeypatch.setattr(hub_intake, "verify_pdf", spy)
    with hub.open_as_it() as store:
        report = hub_intake.run_intake(store)
    assert report.accepted == 0
    reasons = {d.id: reason for d, reason in report.refused}
    assert [reasons[d.id] for d in deposits] == before
    assert all((r or "").startswith("signer not registered") for r in before)
    assert all(fingerprint(own) in (r or "") for r in before)
    assert spy.whole
    assert set(spy.whole) == {len(roots)} == {41}
