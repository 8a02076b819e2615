"""One table turns rule names (settings, the worker dialog) into frequency rules."""

from __future__ import annotations

import pytest

from supnotes.domain.frequency import FrequencyRule, InvalidRule
from supnotes.domain.people import Stage
from supnotes.domain.rule_names import (
    DEFAULT_RULE_NAMES,
    FREQUENCY_RULE_CHOICES,
    NAMED_RULES,
    label_of,
    name_of,
    rule_named,
    stage_rules_from_names,
)
from supnotes.domain.schedule import DEFAULT_RULES
from supnotes.domain.settings import setting, stage_rule_key


def test_every_settings_choice_is_a_named_rule_and_back() -> None:
    assert [name for name, _ in FREQUENCY_RULE_CHOICES] == list(NAMED_RULES)
    for name in NAMED_RULES:
        assert name_of(rule_named(name)) == name


def test_the_settings_defaults_are_the_schedule_defaults() -> None:
    for stage in Stage:
        row = setting(stage_rule_key(stage))
        assert row.default == DEFAULT_RULE_NAMES[stage]
        assert row.choices == FREQUENCY_RULE_CHOICES
        assert rule_named(str(row.default)) == DEFAULT_RULES[stage]
    assert stage_rules_from_names({}) == dict(DEFAULT_RULES)


def test_an_unknown_name_falls_back_to_the_stage_default() -> None:
    rules = stage_rules_from_names({Stage.MANAGER: "hourly", Stage.QUALIFIED: "weekly"})
    assert rules[Stage.MANAGER] == DEFAULT_RULES[Stage.MANAGER]
    assert rules[Stage.QUALIFIED] == FrequencyRule.every(days=7)
    with pytest.raises(InvalidRule):
        rule_named("hourly")


def test_a_rule_of_its_own_is_described_in_words() -> None:
    own = FrequencyRule.every(days=10)
    assert name_of(own) is None
    assert label_of(own) == "every 10 days"
    assert label_of(rule_named("monthly")) == "Every calendar month"
