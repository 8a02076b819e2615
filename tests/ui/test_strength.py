"""The passphrase strength estimate: honest about length, classes and common words."""

from __future__ import annotations

from supnotes.ui.strength import estimate
from supnotes.vault.vault import MIN_PASSPHRASE_LENGTH


def test_below_the_minimum_is_not_acceptable_and_says_how_many_more() -> None:
    result = estimate("short")
    assert not result.acceptable
    assert result.score == 0
    assert f"{MIN_PASSPHRASE_LENGTH - 5} more characters" in result.hint


def test_common_passwords_score_zero_even_when_long_enough() -> None:
    assert estimate("password123").score == 0
    assert estimate("qwertyuiop").score == 0


def test_runs_and_repeats_score_low() -> None:
    assert estimate("aaaaaaaaaaaa").score <= 1
    assert estimate("abcdefghijkl").score <= 1


def test_unrelated_words_score_well() -> None:
    assert estimate("violet tractor sandwich lagoon").score >= 3
    assert estimate("violet tractor sandwich lagoon").acceptable


def test_more_classes_score_higher_than_fewer() -> None:
    assert estimate("Tr4ctor!Lagoon").bits > estimate("tractorlagoon").bits
