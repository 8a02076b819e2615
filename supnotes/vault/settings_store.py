"""Typed settings kept inside the vault, in migration 1's ``setting`` table.

Values are stored as JSON text, one row per key, and only for keys in the
declarative table (:mod:`supnotes.domain.settings`) with ``scope="vault"``.
A stored value that no longer passes validation (a bound tightened by a later
version, a hand-edited row) reads as the default rather than breaking the app.
A setting never stored reads as the organisation's machine-wide default if IT
set one (:mod:`supnotes.vault.machine_defaults`), else the table's default.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from supnotes.domain.settings import SETTINGS, Setting, SettingError, SettingValue, setting
from supnotes.vault.machine_defaults import machine_defaults
from supnotes.vault.vault import Vault


class SettingsStore:
    """Read and write the vault-scoped settings of one open vault."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def get(self, key: str) -> SettingValue:
        row = _vault_setting(key)
        found = self._vault.query("SELECT value FROM setting WHERE key = ?", (key,))
        if not found:
            return _default(row)
        return _decode(key, found[0][0])

    def get_int(self, key: str) -> int:
        value = self.get(key)
        assert not isinstance(value, bool), key
        assert isinstance(value, int), key
        return value

    def get_float(self, key: str) -> float:
        value = self.get(key)
        assert not isinstance(value, bool), key
        assert isinstance(value, int | float), key
        return float(value)

    def get_bool(self, key: str) -> bool:
        value = self.get(key)
        assert isinstance(value, bool), key
        return value

    def get_text(self, key: str) -> str:
        """A text or choice setting ("" for an optional one that is unset)."""
        value = self.get(key)
        assert value is None or isinstance(value, str), key
        return value or ""

    def set(self, key: str, value: object) -> SettingValue:
        """Validate and store ``value`` in one transaction; returns what was stored."""
        checked = _vault_setting(key).validate(value)
        with self._vault.transaction() as conn:
            conn.execute(
                "INSERT INTO setting(key, value, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
                "updated_at = excluded.updated_at",
                (key, json.dumps(checked), datetime.now(UTC).isoformat(timespec="seconds")),
            )
        return checked

    def set_many(self, values: dict[str, object]) -> None:
        """Validate all, then store all in one transaction (all or nothing)."""
        checked = {key: _vault_setting(key).validate(value) for key, value in values.items()}
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._vault.transaction() as conn:
            conn.executemany(
                "INSERT INTO setting(key, value, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
                "updated_at = excluded.updated_at",
                [(key, json.dumps(value), now) for key, value in checked.items()],
            )

    def all(self) -> dict[str, SettingValue]:
        """Every vault-scoped setting, stored or default, in table order."""
        stored = {
            str(key): value for key, value in self._vault.query("SELECT key, value FROM setting")
        }
        result: dict[str, SettingValue] = {}
        for row in SETTINGS:
            if row.scope != "vault":
                continue
            raw = stored.get(row.key)
            result[row.key] = _default(row) if raw is None else _decode(row.key, raw)
        return result


def _vault_setting(key: str) -> Setting:
    row = setting(key)
    if row.scope != "vault":
        raise SettingError(f"{row.label} is kept on this computer, not in the vault.")
    return row


def _default(row: Setting) -> SettingValue:
    return machine_defaults().default(row.key, row.default)


def _decode(key: str, raw: object) -> SettingValue:
    row = setting(key)
    try:
        return row.validate(json.loads(str(raw)))
    except (ValueError, SettingError):
        return _default(row)
