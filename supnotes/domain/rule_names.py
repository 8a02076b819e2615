"""The named frequency rules: the one place a rule's name becomes a rule.

Settings hold a rule *name* per stage (``schedule.rule.asye = "asye"``) and
the worker dialog offers the same names as a per-worker override; the
schedule works with :class:`FrequencyRule` values. This table joins the two,
so "which rule applies to this worker" has one answer everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from supnotes.domain.frequency import FrequencyPhase, FrequencyRule, Interval, InvalidRule
from supnotes.domain.people import Stage

ASYE_RULE = FrequencyRule(
    (
        FrequencyPhase(Interval(days=7), until_day=42),
        FrequencyPhase(Interval(days=14), until_day=183),
        FrequencyPhase(Interval(months=1)),
    )
)

# name -> (rule, words a supervisor reads); the order is the order offered.
_TABLE: tuple[tuple[str, FrequencyRule, str], ...] = (
    ("asye", ASYE_RULE, "Weekly for 6 weeks, fortnightly to 6 months, then monthly"),
    ("weekly", FrequencyRule.every(days=7), "Every week"),
    ("fortnightly", FrequencyRule.every(days=14), "Every 2 weeks"),
    ("four-weekly", FrequencyRule.every(days=28), "Every 4 weeks"),
    ("monthly", FrequencyRule.every(months=1), "Every calendar month"),
    ("six-weekly", FrequencyRule.every(days=42), "Every 6 weeks"),
)

NAMED_RULES: Mapping[str, FrequencyRule] = MappingProxyType(
    {name: rule for name, rule, _ in _TABLE}
)
FREQUENCY_RULE_CHOICES: tuple[tuple[str, str], ...] = tuple(
    (name, label) for name, _, label in _TABLE
)

# The LGA defaults: ASYE/NQSW phased, experienced and unqualified staff every
# 4 weeks, managers monthly.
DEFAULT_RULE_NAMES: Mapping[Stage, str] = MappingProxyType(
    {
        Stage.ASYE: "asye",
        Stage.QUALIFIED: "four-weekly",
        Stage.UNQUALIFIED: "four-weekly",
        Stage.MANAGER: "monthly",
    }
)


def rule_named(name: str) -> FrequencyRule:
    """The rule called ``name``; :class:`InvalidRule` for a name not in the table."""
    try:
        return NAMED_RULES[name]
    except KeyError:
        raise InvalidRule(f"unknown frequency rule {name!r}") from None


def name_of(rule: FrequencyRule) -> str | None:
    """The table's name for ``rule``, or None for a rule of its own (e.g. imported)."""
    for name, known in NAMED_RULES.items():
        if known == rule:
            return name
    return None


def label_of(rule: FrequencyRule) -> str:
    """Words for ``rule``: its table label, else its own description."""
    name = name_of(rule)
    return dict(FREQUENCY_RULE_CHOICES)[name] if name is not None else rule.describe()


def stage_rules_from_names(names: Mapping[Stage, str]) -> dict[Stage, FrequencyRule]:
    """Rules per stage from the settings' names; a stage without a usable name gets its default."""
    rules: dict[Stage, FrequencyRule] = {}
    for stage in Stage:
        name = names.get(stage, DEFAULT_RULE_NAMES[stage])
        rules[stage] = NAMED_RULES.get(name, NAMED_RULES[DEFAULT_RULE_NAMES[stage]])
    return rules
