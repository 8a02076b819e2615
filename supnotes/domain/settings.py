"""Every setting in one declarative table: key, kind, default, bounds, words.

The settings dialog, the vault's settings store and the command line are all
generated from :data:`SETTINGS`, so a new setting is one new row here.

Most settings live inside the vault (they can name the organisation, and the
retention rules are part of the records' governance). A few that must apply
before the vault is unlocked — the look of the unlock window itself — have
``scope="machine"`` and live in the per-machine UI settings file instead.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from supnotes.domain.people import Stage
from supnotes.domain.rule_names import DEFAULT_RULE_NAMES, FREQUENCY_RULE_CHOICES

SettingValue = bool | int | float | str | None
Kind = Literal["bool", "int", "float", "text", "choice", "folder"]
Scope = Literal["vault", "machine"]


class SettingError(ValueError):
    """A value that a setting cannot take; the message says why, in plain words."""


@dataclass(frozen=True)
class Setting:
    """One row of the settings table."""

    key: str
    kind: Kind
    default: SettingValue
    label: str
    description: str
    group: str
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[tuple[str, str], ...] = ()
    optional: bool = False  # None is allowed (e.g. "no folder chosen: use the default")
    scope: Scope = "vault"
    max_length: int = 200

    def validate(self, value: object) -> SettingValue:
        """``value`` as this setting's type, or :class:`SettingError`."""
        if value is None:
            if self.optional:
                return None
            raise SettingError(f"{self.label} needs a value.")
        checker = _CHECKERS[self.kind]
        return checker(self, value)

    def choice_label(self, value: str) -> str:
        return dict(self.choices).get(value, value)


def _check_bool(setting: Setting, value: object) -> SettingValue:
    if not isinstance(value, bool):
        raise SettingError(f"{setting.label} is either on or off.")
    return value


def _check_number(setting: Setting, value: float) -> None:
    if setting.minimum is not None and value < setting.minimum:
        raise SettingError(f"{setting.label} must be at least {_show(setting.minimum)}.")
    if setting.maximum is not None and value > setting.maximum:
        raise SettingError(f"{setting.label} must be at most {_show(setting.maximum)}.")


def _check_int(setting: Setting, value: object) -> SettingValue:
    if isinstance(value, bool) or not isinstance(value, int):
        raise SettingError(f"{setting.label} must be a whole number.")
    _check_number(setting, value)
    return value


def _check_float(setting: Setting, value: object) -> SettingValue:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SettingError(f"{setting.label} must be a number.")
    number = float(value)
    if not math.isfinite(number):
        raise SettingError(f"{setting.label} must be a number.")
    _check_number(setting, number)
    return number


def _check_text(setting: Setting, value: object) -> SettingValue:
    if not isinstance(value, str):
        raise SettingError(f"{setting.label} must be text.")
    text = value.strip()
    if "\x00" in text or "\n" in text:
        raise SettingError(f"{setting.label} must be a single line of text.")
    if len(text) > setting.max_length:
        raise SettingError(f"{setting.label} can be at most {setting.max_length} characters.")
    return text


def _check_choice(setting: Setting, value: object) -> SettingValue:
    allowed = [name for name, _ in setting.choices]
    if not isinstance(value, str) or value not in allowed:
        listed = ", ".join(label for _, label in setting.choices)
        raise SettingError(f"{setting.label} must be one of: {listed}.")
    return value


def _check_folder(setting: Setting, value: object) -> SettingValue:
    text = _check_text(setting, value)
    if not text:
        if setting.optional:
            return None
        raise SettingError(f"{setting.label} needs a folder.")
    return text


_CHECKERS = {
    "bool": _check_bool,
    "int": _check_int,
    "float": _check_float,
    "text": _check_text,
    "choice": _check_choice,
    "folder": _check_folder,
}


def _show(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else f"{number:g}"


CASELOAD_WARNING = "caseload.warning"
CASELOAD_TARGET = "caseload.target"


def stage_rule_key(stage: Stage) -> str:
    """The setting naming the frequency rule for ``stage`` (see :mod:`~.rule_names`)."""
    return f"schedule.rule.{stage}"


def _rule_for_stage(stage: Stage, label: str) -> Setting:
    return Setting(
        stage_rule_key(stage),
        "choice",
        DEFAULT_RULE_NAMES[stage],
        label,
        f"How often {label.lower()} are supervised unless a worker has their own rule.",
        "Supervision frequency",
        choices=FREQUENCY_RULE_CHOICES,
    )


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "profile.name",
        "text",
        "",
        "Your name",
        "As it appears in signature blocks.",
        "You",
        max_length=120,
    ),
    Setting(
        "profile.role",
        "text",
        "",
        "Your role",
        "For example Team Manager or Practice Supervisor.",
        "You",
        max_length=120,
    ),
    Setting(
        "lock.idle_minutes",
        "int",
        5,
        "Lock after idle (minutes)",
        "Lock SupNotes after this many minutes without typing or mouse use, "
        "or when the computer has slept for longer.",
        "Security",
        minimum=1,
        maximum=60,
    ),
    Setting(
        "clipboard.clear_seconds",
        "int",
        60,
        "Clear copied case direction after (seconds)",
        "A child's case direction copied for a case note (Ctrl+Shift+C) is taken off the "
        "clipboard after this long, if it is still there, as password managers do.",
        "Security",
        minimum=10,
        maximum=600,
    ),
    Setting(
        "backup.enabled",
        "bool",
        True,
        "Automatic backups",
        "Keep encrypted copies of the vault that open with your passphrase or recovery key.",
        "Backups",
    ),
    Setting(
        "backup.interval_days",
        "int",
        1,
        "Back up every (days)",
        "At most one automatic backup in this many days.",
        "Backups",
        minimum=1,
        maximum=30,
    ),
    Setting(
        "backup.keep",
        "int",
        7,
        "Backups to keep",
        "The newest automatic backups kept; older ones are deleted.",
        "Backups",
        minimum=1,
        maximum=100,
    ),
    Setting(
        "backup.folder",
        "folder",
        None,
        "Backup folder",
        "Where automatic backups go; empty means the vault's own backups folder. "
        "A second drive is safer.",
        "Backups",
        optional=True,
        max_length=1000,
    ),
    Setting(
        "files.folder",
        "folder",
        None,
        "Folder for exports",
        "Where export and save dialogs start; the last folder you chose is remembered "
        "here, inside the vault. Empty means your Documents folder.",
        "Backups",
        optional=True,
        max_length=1000,
    ),
    _rule_for_stage(Stage.ASYE, "ASYE/NQSW workers"),
    _rule_for_stage(Stage.QUALIFIED, "Qualified social workers"),
    _rule_for_stage(Stage.UNQUALIFIED, "Unqualified workers"),
    _rule_for_stage(Stage.MANAGER, "Managers"),
    Setting(
        "schedule.count_group_sessions",
        "bool",
        False,
        "Group sessions count as supervision",
        "When on, a group supervision session counts toward each attending worker's "
        "frequency, as a one-to-one does (docs/supervision-held.md).",
        "Supervision frequency",
    ),
    Setting(
        "schedule.grace_days",
        "int",
        3,
        "Grace before overdue (days)",
        "Supervision is flagged overdue only after this many days past its due date; "
        "the days overdue are still counted from the due date (docs/compliance.md).",
        "Supervision frequency",
        minimum=0,
        maximum=31,
    ),
    Setting(
        CASELOAD_WARNING,
        "int",
        20,
        "Caseload warning level",
        "A worker's caseload above this is drawn against a red line in the oversight overview.",
        "Caseload",
        minimum=1,
        maximum=200,
    ),
    Setting(
        CASELOAD_TARGET,
        "int",
        15,
        "Caseload target",
        "The caseload the service aims for, drawn as a grey line in the oversight overview.",
        "Caseload",
        minimum=1,
        maximum=200,
    ),
    Setting(
        "retention.years",
        "int",
        6,
        "Keep records for (years)",
        "Records older than this are listed for review and secure deletion.",
        "Retention",
        minimum=1,
        maximum=100,
    ),
    Setting(
        "retention.basis",
        "choice",
        "after-leaving",
        "Counted from",
        "When the retention period starts.",
        "Retention",
        choices=(
            ("after-leaving", "The worker's leaving date"),
            ("after-creation", "The record's creation date"),
        ),
    ),
    Setting(
        "signing.certificate_years",
        "int",
        30,
        "Signing certificate lifetime (years)",
        "How long a new self-signed signing certificate is valid: the years you will sign "
        "with it plus the longest retention period (up to 25 years), so a record still "
        "verifies as long as it is kept. Applies to the next certificate made.",
        "Retention",
        minimum=1,
        maximum=50,
    ),
    Setting(
        "highlights.child_pattern",
        "text",
        r"\bC-\d{6}\b",
        "Child reference pattern",
        "A regular expression matching your child references (the demo's look like "
        "C-123456). Any match typed into free text is masked in the highlights export, "
        "as is every child reference the vault knows.",
        "Organisation",
    ),
    Setting(
        "organisation.name",
        "text",
        "",
        "Organisation",
        "Printed on every record.",
        "Organisation",
    ),
    Setting(
        "marking.text",
        "text",
        "OFFICIAL-SENSITIVE",
        "Protective marking",
        "Printed at the top and bottom of every page.",
        "Organisation",
        max_length=60,
    ),
    Setting(
        "ui.theme",
        "choice",
        "system",
        "Colours",
        "Light or dark, or follow the computer's setting.",
        "Appearance",
        choices=(("system", "Follow the system"), ("light", "Light"), ("dark", "Dark")),
        scope="machine",
    ),
    Setting(
        "ui.font_scale",
        "float",
        1.0,
        "Text size",
        "Relative to the system's text size (1.0 = the same).",
        "Appearance",
        minimum=0.8,
        maximum=2.0,
        scope="machine",
    ),
)

BY_KEY: Mapping[str, Setting] = {setting.key: setting for setting in SETTINGS}


def setting(key: str) -> Setting:
    """The table row for ``key``; :class:`SettingError` for an unknown key."""
    try:
        return BY_KEY[key]
    except KeyError:
        raise SettingError(f"There is no setting called {key!r}.") from None


def validate(key: str, value: object) -> SettingValue:
    return setting(key).validate(value)


def defaults(scope: Scope | None = None) -> dict[str, SettingValue]:
    return {s.key: s.default for s in SETTINGS if scope is None or s.scope == scope}


def groups() -> list[str]:
    """Group names in table order (for the settings dialog's sections)."""
    seen: list[str] = []
    for row in SETTINGS:
        if row.group not in seen:
            seen.append(row.group)
    return seen
