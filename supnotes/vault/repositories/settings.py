"""Settings kept inside the vault (they may name people, so never in a plain file).

This older table keeps only what is not in the declarative table of
:mod:`supnotes.domain.settings`; every other key (``caseload.warning`` and
``caseload.target`` among them, moved there so the settings dialog shows them)
is read and written through :class:`SettingsStore`. Both keep JSON in the
same ``setting`` rows, so values stored before the move read unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from supnotes.domain.frequency import FrequencyRule
from supnotes.domain.people import Stage
from supnotes.domain.rule_names import stage_rules_from_names
from supnotes.domain.settings import BY_KEY, stage_rule_key
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Vault


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: Any
    description: str


SETTINGS: Mapping[str, SettingSpec] = {
    spec.key: spec
    for spec in (SettingSpec("session.minutes", 90, "Expected length of a formal supervision."),)
}


class SettingsRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def get(self, key: str) -> Any:
        if key not in SETTINGS:  # a row of the declarative table (domain/settings.py)
            return SettingsStore(self._vault).get(key)
        spec = SETTINGS[key]
        rows = self._vault.query("SELECT value FROM setting WHERE key = ?", (key,))
        return spec.default if not rows else json.loads(str(rows[0][0]))

    def set(self, key: str, value: Any) -> None:
        if key not in SETTINGS:
            if key not in BY_KEY:
                raise KeyError(key)
            SettingsStore(self._vault).set(key, value)
            return
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._vault.transaction() as conn:
            conn.execute(
                "INSERT INTO setting(key, value, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
                "updated_at = excluded.updated_at",
                (key, json.dumps(value, sort_keys=True), now),
            )

    def stage_rules(self) -> dict[Stage, FrequencyRule]:
        """The rule per stage, from the ``schedule.rule.<stage>`` names in settings."""
        store = SettingsStore(self._vault)
        return stage_rules_from_names(
            {stage: store.get_text(stage_rule_key(stage)) for stage in Stage}
        )
