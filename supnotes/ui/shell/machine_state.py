"""Per-machine UI state: window geometry, last vault folder, look and text size.

Kept in an ini file under the platform's config folder, outside the vault,
so it must never hold record content or anyone's name: only geometry blobs,
a folder path and the ``scope="machine"`` settings of the declarative table.
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_config_path
from PySide6.QtCore import QByteArray, QSettings

from supnotes.domain.settings import SettingError, SettingValue, setting
from supnotes.vault.paths import APP_NAME


def state_file() -> Path:
    return user_config_path(APP_NAME, appauthor=False, roaming=True) / "ui-state.ini"


class MachineState:
    """A thin typed wrapper over one QSettings ini file."""

    def __init__(self, path: Path | None = None) -> None:
        self._settings = QSettings(str(path or state_file()), QSettings.Format.IniFormat)

    # -- settings from the declarative table with scope="machine" --------------

    def get(self, key: str) -> SettingValue:
        row = setting(key)
        raw = self._settings.value(f"settings/{key}")
        if raw is None:
            return row.default
        try:
            return row.validate(_coerce(row.kind, raw))
        except (SettingError, ValueError):
            return row.default

    def set(self, key: str, value: object) -> SettingValue:
        row = setting(key)
        if row.scope != "machine":
            raise SettingError(f"{row.label} is kept in the vault, not on this computer.")
        checked = row.validate(value)
        self._settings.setValue(f"settings/{key}", checked)
        self._settings.sync()
        return checked

    # -- window state (geometry only) -----------------------------------------

    def window_state(self, name: str) -> tuple[QByteArray | None, QByteArray | None]:
        geometry = self._settings.value(f"windows/{name}/geometry")
        state = self._settings.value(f"windows/{name}/state")
        return (
            geometry if isinstance(geometry, QByteArray) else None,
            state if isinstance(state, QByteArray) else None,
        )

    def save_window_state(self, name: str, geometry: QByteArray, state: QByteArray) -> None:
        self._settings.setValue(f"windows/{name}/geometry", geometry)
        self._settings.setValue(f"windows/{name}/state", state)
        self._settings.sync()

    # -- hidden table columns (header titles, never content) --------------------

    def hidden_columns(self, table: str) -> list[str] | None:
        """The titles of the columns hidden in ``table``, or None if never chosen."""
        value = self._settings.value(f"columns/{table}/hidden")
        if value is None:
            return None
        if isinstance(value, str):
            return [title for title in value.split("|") if title]
        return None

    def set_hidden_columns(self, table: str, titles: list[str]) -> None:
        self._settings.setValue(f"columns/{table}/hidden", "|".join(titles))
        self._settings.sync()

    # -- the vault last opened ---------------------------------------------------

    def last_vault(self) -> Path | None:
        value = self._settings.value("vault/last_folder")
        return Path(value) if isinstance(value, str) and value else None

    def set_last_vault(self, folder: Path) -> None:
        self._settings.setValue("vault/last_folder", str(folder))
        self._settings.sync()


def _coerce(kind: str, raw: object) -> object:
    """Ini files give strings back; turn them into the setting's type."""
    if not isinstance(raw, str):
        return raw
    if kind == "float":
        return float(raw)
    if kind == "int":
        return int(raw)
    if kind == "bool":
        return raw.lower() == "true"
    return raw
