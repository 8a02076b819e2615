"""IT's escrow policy in the machine-wide defaults, followed when a vault is unlocked."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from supnotes.domain.trail import TrailKind
from supnotes.services import escrow as escrow_service
from supnotes.services import trail
from supnotes.vault import escrow
from supnotes.vault.machine_defaults import MachineDefaults, MachineDefaultsError, parse
from supnotes.vault.vault import Vault
from tests.vault.escrow_keys import organisation_key

WHERE = PurePosixPath("/etc/supnotes/defaults.toml")


def _defaults(tmp_path: Path, *, required: bool, n: int = 0) -> MachineDefaults:
    pem = tmp_path / f"org-{n}.pem"
    pem.write_bytes(escrow.public_pem(organisation_key("x25519", n).public_key()))
    text = f'[escrow]\npublic_key = "{pem}"\nrequired = {"true" if required else "false"}\n'
    return parse(text, WHERE)


def test_required_key_is_added_once_and_said(vault: Vault, tmp_path: Path) -> None:
    defaults = _defaults(tmp_path, required=True)
    outcome = escrow_service.apply_policy(vault, defaults)
    assert outcome.added
    assert outcome.message is not None
    assert "organisation requires" in outcome.message
    wanted = escrow.fingerprint(organisation_key("x25519").public_key())
    info = vault.keyfile.escrow_info
    assert info is not None
    assert info.fingerprint == wanted
    # The next unlock finds it there: nothing to do, nothing to say.
    assert escrow_service.apply_policy(vault, defaults) == escrow_service.PolicyOutcome()
    assert [e.kind for e in trail.entries(vault)] == [TrailKind.ESCROW_ADDED]


def test_required_key_replaces_another_organisation_key(vault: Vault, tmp_path: Path) -> None:
    escrow_service.add(vault, organisation_key("x25519", 1).public_key())
    outcome = escrow_service.apply_policy(vault, _defaults(tmp_path, required=True))
    assert outcome.added
    info = vault.keyfile.escrow_info
    assert info is not None
    assert info.fingerprint == escrow.fingerprint(organisation_key("x25519").public_key())
    old = escrow.fingerprint(organisation_key("x25519", 1).public_key())
    assert [(e.kind, e.destination) for e in trail.entries(vault)] == [
        (TrailKind.ESCROW_ADDED, old),
        (TrailKind.ESCROW_REMOVED, old),
        (TrailKind.ESCROW_ADDED, info.fingerprint),
    ]


def test_a_change_whose_entry_was_lost_is_recorded_at_the_next_unlock(vault: Vault) -> None:
    """As a process killed between the key file's replace and the trail's commit leaves it."""
    key = organisation_key("x25519").public_key()
    vault.add_escrow_slot(key)  # the key file changed; no entry committed
    late = escrow_service.reconcile(vault)
    assert late is not None
    assert late.kind is TrailKind.ESCROW_ADDED
    assert late.destination == escrow.fingerprint(key)
    assert late.audience == escrow_service.RECORDED_LATE
    assert escrow_service.reconcile(vault) is None  # once only
    vault.remove_escrow_slot()
    late = escrow_service.reconcile(vault)
    assert late is not None
    assert late.kind is TrailKind.ESCROW_REMOVED
    assert late.destination == escrow.fingerprint(key)
    assert escrow_service.reconcile(vault) is None
    escrow_service.add(vault, key)  # a change that committed its entry needs nothing
    assert escrow_service.reconcile(vault) is None
    assert len(trail.entries(vault)) == 3


def test_offered_key_is_only_mentioned(vault: Vault, tmp_path: Path) -> None:
    outcome = escrow_service.apply_policy(vault, _defaults(tmp_path, required=False))
    assert not outcome.added
    assert outcome.message is not None
    assert "offers" in outcome.message
    assert vault.keyfile.escrow_info is None
    assert trail.entries(vault) == []


def test_unreadable_key_is_reported_not_fatal(vault: Vault, tmp_path: Path) -> None:
    defaults = parse(f'[escrow]\npublic_key = "{tmp_path / "gone.pem"}"\nrequired = true\n', WHERE)
    outcome = escrow_service.apply_policy(vault, defaults)
    assert outcome.message is not None
    assert "could not be used" in outcome.message
    assert vault.keyfile.escrow_info is None


def test_no_policy_does_nothing(vault: Vault) -> None:
    assert escrow_service.apply_policy(vault, MachineDefaults(WHERE)) == (
        escrow_service.PolicyOutcome()
    )


def test_inline_pem_in_the_defaults_file() -> None:
    pem = escrow.public_pem(organisation_key("x25519").public_key()).decode()
    defaults = parse(f"[escrow]\npublic_key = '''\n{pem}'''\n", WHERE)
    key = escrow_service.organisation_key(defaults)
    assert key is not None
    assert escrow.fingerprint(key) == escrow.fingerprint(organisation_key("x25519").public_key())


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('[escrow]\npublic_key = "org.pem"\n', "full path"),
        ("[escrow]\npublic_key = 3\n", "PEM public key"),
        ('[escrow]\npublic_key = "/etc/org.pem"\nrequired = "yes"\n', "true or false"),
        ("[escrow]\nrequired = true\n", "escrow.public_key is not"),
    ],
)
def test_bad_escrow_defaults_are_named(text: str, reason: str) -> None:
    with pytest.raises(MachineDefaultsError, match=reason):
        parse(text, WHERE)
