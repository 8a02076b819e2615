"""Machine-wide defaults that an organisation's IT sets for every vault.

A read-only TOML file at one documented place per operating system (see
:func:`defaults_path` and docs/defaults.md). It is read when a vault is
created (its values are then stored in the new vault) and for a setting a
vault has never stored. It holds no secrets: only the keys in
:data:`ALLOWED` are accepted, each validated by the settings table, plus the
path of the organisation's signer register (docs/trust.md) and its escrow
public key with the policy for it (docs/escrow.md).

A file that cannot be read or does not validate is ignored as a whole, with
one plain message (:attr:`MachineDefaults.problem`); the app still starts.
"""

from __future__ import annotations

import os
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

from supnotes.domain.people import Stage
from supnotes.domain.settings import SettingError, SettingValue, setting, stage_rule_key

ENV_VARIABLE = "SUPNOTES_DEFAULTS"
SIGNER_REGISTER_KEY = "trust.signer_register"
ESCROW_KEY = "escrow.public_key"
ESCROW_REQUIRED_KEY = "escrow.required"

# Settings an organisation may set for all its supervisors. Personal ones
# (name, role), backups and the look of the app stay with each supervisor.
ALLOWED: tuple[str, ...] = (
    "lock.idle_minutes",
    "retention.years",
    "retention.basis",
    *(stage_rule_key(stage) for stage in Stage),
    "organisation.name",
    "marking.text",
)

MAX_BYTES = 64 * 1024


def defaults_path(
    platform: str | None = None, environ: Mapping[str, str] | None = None
) -> PurePath:
    """Where this machine's defaults file is (``SUPNOTES_DEFAULTS`` overrides it)."""
    platform = sys.platform if platform is None else platform
    environ = os.environ if environ is None else environ
    override = environ.get(ENV_VARIABLE, "").strip()
    if override:
        return Path(override)
    if platform == "win32":
        program_data = environ.get("PROGRAMDATA", "").strip() or r"C:\ProgramData"
        return PureWindowsPath(program_data, "SupNotes", "defaults.toml")
    if platform == "darwin":
        return PurePosixPath("/Library/Application Support/SupNotes/defaults.toml")
    return PurePosixPath("/etc/supnotes/defaults.toml")


class MachineDefaultsError(ValueError):
    """The defaults file is not usable; the message says why, in plain words."""


@dataclass(frozen=True)
class MachineDefaults:
    """The organisation's defaults on this machine (empty when there are none)."""

    path: PurePath
    settings: Mapping[str, SettingValue] = field(default_factory=dict)
    signer_register: Path | None = None
    #: The organisation's escrow public key: PEM text, or the full path of a PEM file.
    escrow_public_key: str | None = None
    #: Whether every vault must carry that key's escrow slot (docs/escrow.md).
    escrow_required: bool = False
    problem: str | None = None  # why the file was ignored

    def default(self, key: str, fallback: SettingValue) -> SettingValue:
        return self.settings.get(key, fallback)


def parse(text: str, path: PurePath) -> MachineDefaults:
    """Validate the file's text; :class:`MachineDefaultsError` names the first fault."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MachineDefaultsError(f"it is not valid TOML ({exc})") from None
    values: dict[str, SettingValue] = {}
    register: Path | None = None
    escrow_key: str | None = None
    escrow_required = False
    for key, value in _flatten(document):
        if key == SIGNER_REGISTER_KEY:
            register = _register_path(value)
        elif key == ESCROW_KEY:
            escrow_key = _escrow_key(value)
        elif key == ESCROW_REQUIRED_KEY:
            if not isinstance(value, bool):
                raise MachineDefaultsError(f"{ESCROW_REQUIRED_KEY} must be true or false")
            escrow_required = value
        elif key in ALLOWED:
            try:
                values[key] = setting(key).validate(value)
            except SettingError as exc:
                raise MachineDefaultsError(f"{key}: {exc}") from None
        else:
            raise MachineDefaultsError(
                f"{key!r} is not a machine-wide setting (allowed: "
                f"{', '.join((*ALLOWED, SIGNER_REGISTER_KEY, ESCROW_KEY, ESCROW_REQUIRED_KEY))})"
            )
    if escrow_required and escrow_key is None:
        raise MachineDefaultsError(f"{ESCROW_REQUIRED_KEY} is set but {ESCROW_KEY} is not")
    return MachineDefaults(path, values, register, escrow_key, escrow_required)


def read(path: PurePath | None = None) -> MachineDefaults:
    """This machine's defaults; never raises (a bad file gives ``problem``)."""
    where = defaults_path() if path is None else path
    file = Path(where)
    try:
        with file.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return MachineDefaults(where)
    except OSError as exc:
        return _ignored(where, f"it cannot be read ({exc.strerror or exc})")
    try:
        if len(raw) > MAX_BYTES:
            raise MachineDefaultsError(f"it is larger than {MAX_BYTES // 1024} KiB")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise MachineDefaultsError("it is not UTF-8 text") from None
        return parse(text, where)
    except MachineDefaultsError as exc:
        return _ignored(where, str(exc))


_cache: dict[tuple[str, int, int], MachineDefaults] = {}


def machine_defaults() -> MachineDefaults:
    """:func:`read`, kept until the file (or ``SUPNOTES_DEFAULTS``) changes."""
    where = defaults_path()
    try:
        stat = Path(where).stat()
        stamp = (str(where), stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = (str(where), -1, -1)
    if stamp not in _cache:
        _cache.clear()
        _cache[stamp] = read(where)
    return _cache[stamp]


def _ignored(path: PurePath, reason: str) -> MachineDefaults:
    return MachineDefaults(
        path, problem=f"the machine-wide defaults in {path} were ignored: {reason}"
    )


def _flatten(table: Mapping[str, object], prefix: str = "") -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            found += _flatten(value, f"{name}.")
        else:
            found.append((name, value))
    return found


def _escrow_key(value: object) -> str:
    """PEM text as it is, or a full path (read when the key is used, not here)."""
    if not isinstance(value, str) or not value.strip():
        raise MachineDefaultsError(f"{ESCROW_KEY} must be a PEM public key or the path of one")
    text = value.strip()
    if text.startswith("-----BEGIN"):
        return text
    if not (Path(text).is_absolute() or PureWindowsPath(text).is_absolute()):
        raise MachineDefaultsError(f"{ESCROW_KEY} must be a full path, not {value!r}")
    return text


def _register_path(value: object) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise MachineDefaultsError(f"{SIGNER_REGISTER_KEY} must be the path of a file or folder")
    path = Path(value.strip())
    if not (path.is_absolute() or PureWindowsPath(value.strip()).is_absolute()):
        raise MachineDefaultsError(f"{SIGNER_REGISTER_KEY} must be a full path, not {value!r}")
    return path
