"""The passphrase rule: one judgement, shared by the meter, the vault and the CLI."""

from __future__ import annotations

import unicodedata

import pytest

from supnotes.domain.passphrases import MAX_LENGTH, MIN_LENGTH, forms, judge, normalise, refusal


def test_below_the_minimum_is_too_short_and_says_how_many_more() -> None:
    result = judge("short")
    assert not result.acceptable
    assert result.label == "Too short"
    assert f"{MIN_LENGTH - 5} more characters" in result.hint
    assert "1 more character needed" in judge("x" * (MIN_LENGTH - 1)).hint


@pytest.mark.parametrize(
    "common", ["password12", "password123", "qwertyuiop", "1234567890", "iloveyou12"]
)
def test_common_passwords_are_refused_even_when_long_enough(common: str) -> None:
    result = judge(common)
    assert not result.acceptable
    assert result.label == "Too easy to guess"
    assert refusal(common) is not None


def test_the_words_of_this_program_count_as_guesses() -> None:
    assert not judge("supervision1").acceptable


def test_the_name_given_elsewhere_counts_as_a_guess() -> None:
    assert judge("Wąsowska2019").acceptable
    refused = judge("Wąsowska2019", ("Ola Wąsowska",))
    assert not refused.acceptable
    assert "your name" in refused.hint


def test_runs_and_repeats_are_refused() -> None:
    assert not judge("aaaaaaaaaaaa").acceptable
    assert not judge("abcdefghijkl").acceptable


def test_exactly_the_minimum_is_never_called_too_short() -> None:
    for text in ("0123456789", "plum vinyl", "Siân Jones", "kx8#Qv2!mz"):
        assert len(text) == MIN_LENGTH
        assert judge(text).label != "Too short"
    assert judge("kx8#Qv2!mz").acceptable


def test_what_the_meter_calls_acceptable_is_exactly_what_is_accepted() -> None:
    samples = ["", "short", "password12", "plum vinyl", "violet tractor sandwich", "a\nb" * 5]
    for text in samples:
        strength = judge(text)
        assert strength.acceptable == (refusal(text) is None)
        assert strength.acceptable == (strength.score >= 2)
        assert strength.acceptable == (strength.label in ("Fair", "Good", "Strong"))


def test_unrelated_words_are_accepted() -> None:
    result = judge("violet tractor sandwich lagoon")
    assert result.acceptable
    assert result.score >= 3


@pytest.mark.parametrize("text", ["two\nlines here", "tab\tseparated words", "nul\x00inside it"])
def test_control_characters_are_refused_because_they_cannot_be_typed(text: str) -> None:
    result = judge(text)
    assert not result.acceptable
    assert result.label == "Not allowed"


def test_a_pasted_document_is_refused_as_too_long_not_cut() -> None:
    words = "violet tractor sandwich lagoon "
    text = words * (MAX_LENGTH // len(words) + 1)
    assert judge(text).label == "Too long"
    assert judge(text[:MAX_LENGTH]).acceptable
    assert not judge("x" * 1_000_000).acceptable


def test_quotes_are_ordinary_characters() -> None:
    assert judge("\"it's\" `quoted` 'words'").acceptable


def test_nfc_and_nfd_are_one_passphrase() -> None:
    nfc = "Siân Wąsowska Nguyễn"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfc != nfd
    assert normalise(nfd) == nfc
    assert judge(nfd) == judge(nfc)
    assert forms(nfc) == [nfc, nfd]
    assert forms(nfd) == [nfd, nfc]
    assert forms("plain ascii words") == ["plain ascii words"]
