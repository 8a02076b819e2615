"""The declarative settings table: defaults valid, bounds and types enforced."""

from __future__ import annotations

import pytest

from supnotes.domain import settings
from supnotes.domain.settings import SETTINGS, SettingError, validate


def test_every_default_passes_its_own_validation() -> None:
    for row in SETTINGS:
        assert row.validate(row.default) == row.default, row.key


def test_keys_are_unique_and_dotted() -> None:
    keys = [row.key for row in SETTINGS]
    assert len(keys) == len(set(keys))
    assert all("." in key for key in keys)


def test_the_issue_settings_are_present_with_their_defaults() -> None:
    assert settings.defaults()["lock.idle_minutes"] == 5
    assert settings.defaults()["backup.keep"] == 7
    assert settings.defaults()["retention.years"] == 6
    assert settings.defaults()["marking.text"] == "OFFICIAL-SENSITIVE"
    assert settings.defaults("machine") == {"ui.theme": "system", "ui.font_scale": 1.0}


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("lock.idle_minutes", 0, "at least 1"),
        ("lock.idle_minutes", 61, "at most 60"),
        ("lock.idle_minutes", "5", "whole number"),
        ("lock.idle_minutes", True, "whole number"),
        ("backup.enabled", 1, "on or off"),
        ("ui.font_scale", 3, "at most 2"),
        ("ui.font_scale", float("nan"), "a number"),
        ("ui.theme", "purple", "one of: Follow the system, Light, Dark"),
        ("retention.basis", "never", "one of"),
        ("marking.text", "x" * 61, "at most 60 characters"),
        ("organisation.name", "two\nlines", "single line"),
        ("organisation.name", None, "needs a value"),
    ],
)
def test_bad_values_are_refused_in_plain_words(key: str, value: object, words: str) -> None:
    with pytest.raises(SettingError, match=words):
        validate(key, value)


def test_values_are_normalised() -> None:
    assert validate("ui.font_scale", 1) == 1.0
    assert validate("organisation.name", "  Northshire Council ") == "Northshire Council"
    assert validate("backup.folder", "") is None
    assert validate("backup.folder", None) is None


def test_unknown_key_is_a_setting_error() -> None:
    with pytest.raises(SettingError, match="no setting called"):
        validate("nope.nothing", 1)


def test_groups_in_table_order() -> None:
    assert settings.groups()[0] == "You"
    assert "Appearance" in settings.groups()


def test_caseload_levels_are_rows_of_the_table() -> None:
    from supnotes.domain.settings import CASELOAD_TARGET, CASELOAD_WARNING

    warning, target = settings.setting(CASELOAD_WARNING), settings.setting(CASELOAD_TARGET)
    assert (warning.default, target.default) == (20, 15)  # as the old repository's table
    assert warning.group == target.group == "Caseload"
    assert warning.scope == "vault"
    assert settings.validate(CASELOAD_WARNING, 24) == 24
    with pytest.raises(settings.SettingError, match="at least 1"):
        settings.validate(CASELOAD_TARGET, 0)
