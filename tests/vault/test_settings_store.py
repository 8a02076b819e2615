"""Settings inside the vault: typed, validated, JSON in the setting table."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from supnotes.domain.settings import SettingError
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Unlock, Vault

PASSPHRASE = "correct horse battery"


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    created, _ = Vault.create(tmp_path / "vault", PASSPHRASE, kdf_params=TEST_PARAMS)
    yield created
    created.close()


def test_defaults_until_set(vault: Vault) -> None:
    store = SettingsStore(vault)
    assert store.get_int("lock.idle_minutes") == 5
    assert store.get_bool("backup.enabled") is True
    assert store.get_text("backup.folder") == ""
    assert "ui.theme" not in store.all()


def test_set_round_trips_through_a_reopen(vault: Vault) -> None:
    store = SettingsStore(vault)
    store.set("lock.idle_minutes", 12)
    store.set("organisation.name", " Northshire ")
    folder = vault.paths.folder
    vault.close()
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as reopened:
        again = SettingsStore(reopened)
        assert again.get_int("lock.idle_minutes") == 12
        assert again.get_text("organisation.name") == "Northshire"
        assert again.all()["lock.idle_minutes"] == 12


def test_invalid_values_are_refused_and_not_stored(vault: Vault) -> None:
    store = SettingsStore(vault)
    with pytest.raises(SettingError):
        store.set("lock.idle_minutes", 0)
    with pytest.raises(SettingError):
        store.set_many({"backup.keep": 3, "lock.idle_minutes": 999})
    assert store.get_int("backup.keep") == 7
    assert vault.query("SELECT count(*) FROM setting") == [(0,)]


def test_machine_settings_are_not_kept_in_the_vault(vault: Vault) -> None:
    with pytest.raises(SettingError, match="on this computer"):
        SettingsStore(vault).set("ui.theme", "dark")


def test_a_damaged_row_reads_as_the_default(vault: Vault) -> None:
    with vault.transaction() as conn:
        conn.execute(
            "INSERT INTO setting(key, value, updated_at) VALUES ('backup.keep', '\"lots\"', 'x')"
        )
    assert SettingsStore(vault).get_int("backup.keep") == 7
