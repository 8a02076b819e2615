"""Settings kept inside the vault (they may name people, so never in a plain file).

One declarative table lists every setting with its default and meaning.
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
from supnotes.domain.settings import stage_rule_key
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Vault


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: Any
    description: str


SETTINGS: Mapping[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec("caseload.warning", 20, "Caseload above which a worker is flagged."),
        SettingSpec("caseload.target", 15, "Caseload the service aims for."),
        SettingSpec("session.minutes", 90, "Expected length of a formal supervision."),
    )
}


class SettingsRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def get(self, key: str) -> Any:
        spec = SETTINGS[key]
        rows = self._vault.query("SELECT value FROM setting WHERE key = ?", (key,))
        return spec.default if not rows else json.loads(str(rows[0][0]))

    def set(self, key: str, value: Any) -> None:
        if key not in SETTINGS:
            raise KeyError(key)
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
