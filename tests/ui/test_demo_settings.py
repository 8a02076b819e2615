"""The demo's Settings name the supervisor who signed its records."""

from __future__ import annotations

from pathlib import Path

from supnotes.services import identity as identities
from supnotes.ui.shell.demo import fill_demo
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Vault
from tests.ui.conftest import PASSPHRASE


def test_demo_settings_show_the_signing_supervisor(tmp_path: Path) -> None:
    vault, _key = Vault.create(tmp_path / "vault", PASSPHRASE, kdf_params=TEST_PARAMS)
    with vault:
        fill_demo(vault)
        store = SettingsStore(vault)
        name = store.get_text("profile.name")
        assert name
        assert store.get_text("profile.role")
        assert store.get_text("organisation.name")
        certificate = identities.current_certificate(vault)
        assert certificate is not None
        assert name in certificate.subject.rfc4514_string()
