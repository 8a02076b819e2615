from __future__ import annotations

import pytest

from supnotes.spelling import (
    HunspellEngine,
    InMemoryPersonalDictionary,
    SpellChecker,
)

BRITISH = [
    "organisation",
    "colour",
    "behaviour",
    "programme",
    "paediatric",
    "judgement",
    "safeguarding",
    "practise",
    "centre",
    "licence",
    "Organisation",
]
SECTOR = ["kinship", "genogram", "genograms", "wellbeing", "Cafcass", "deprioritised", "Ofsted"]


def test_the_issue_sentence_marks_only_recieve(checker: SpellChecker) -> None:
    text = "I will recieve the colour report for the organisation"
    assert checker.misspelt_spans(text) == [(7, 7)]


@pytest.mark.parametrize("word", BRITISH + SECTOR)
def test_british_and_sector_words_are_correct(checker: SpellChecker, word: str) -> None:
    assert checker.is_correct(word)


@pytest.mark.parametrize("word", ["recieve", "seperate", "organsation", "safegaurding", "occured"])
def test_typos_are_wrong(checker: SpellChecker, word: str) -> None:
    assert not checker.is_correct(word)


@pytest.mark.parametrize(
    ("typo", "wanted"),
    [
        ("recieve", "receive"),
        ("seperate", "separate"),
        ("organsation", "organisation"),
        ("safegaurding", "safeguarding"),
        ("occured", "occurred"),
        ("recieveing", "receiving"),  # needs the thorough fallback
    ],
)
def test_suggestions(checker: SpellChecker, typo: str, wanted: str) -> None:
    found = checker.suggestions(typo)
    assert wanted in found
    assert len(found) <= 5


def test_suggestions_keep_the_curly_apostrophe(checker: SpellChecker) -> None:
    assert "don\u2019t" in checker.suggestions("dont\u2019")


def test_curly_and_straight_apostrophes(checker: SpellChecker) -> None:
    assert checker.is_correct("don't")
    assert checker.is_correct("don\u2019t")
    assert checker.misspelt_spans("the child\u2019s worker\u2019s view") == []


def test_hyphenated_word_marks_only_the_bad_part(checker: SpellChecker) -> None:
    assert checker.misspelt_spans("a multi-agensy meeting") == [(8, 6)]
    assert checker.misspelt_spans("a multi-agency, care-experienced view") == []


def test_sector_shorthand_is_not_marked(checker: SpellChecker) -> None:
    text = "LADO and MASH referral, s47 for C-104233, CIN/CP, NQSWs at PLO, see www.x.gov.uk"
    assert checker.misspelt_spans(text) == []


def test_non_latin_scripts_are_left_alone(checker: SpellChecker) -> None:
    assert checker.misspelt_spans("Spoke with أحمد and Олена about 😀 school") == []


def test_added_word_is_correct_with_possessive_and_survives_a_restart() -> None:
    personal = InMemoryPersonalDictionary()
    first = SpellChecker(HunspellEngine(), personal)
    assert not first.is_correct("Wąsowska")
    first.add_to_dictionary("Wąsowska")
    assert first.is_correct("Wąsowska")
    assert first.is_correct("Wąsowska\u2019s")
    assert personal.words() == {"Wąsowska"}

    # A restart: a new engine and checker over the same (vault) word list.
    second = SpellChecker(HunspellEngine(), personal)
    assert second.is_correct("Wąsowska")
    assert "Wąsowska" in second.suggestions("Wasowska")


def test_remove_from_dictionary() -> None:
    personal = InMemoryPersonalDictionary()
    checker = SpellChecker(HunspellEngine(), personal)
    checker.add_to_dictionary("Oluwaseun")
    checker.remove_from_dictionary("Oluwaseun")
    assert not checker.is_correct("Oluwaseun")
    assert personal.words() == set()


def test_removing_a_dictionary_word_does_not_forbid_it() -> None:
    checker = SpellChecker(HunspellEngine(), InMemoryPersonalDictionary({"colour"}))
    checker.remove_from_dictionary("colour")
    assert checker.is_correct("colour")


def test_ignore_is_not_stored() -> None:
    personal = InMemoryPersonalDictionary()
    checker = SpellChecker(HunspellEngine(), personal)
    checker.ignore("Kwame")
    assert checker.is_correct("Kwame")
    assert personal.words() == set()


def test_misspelt_word_at(checker: SpellChecker) -> None:
    text = "we recieve it"
    word = checker.misspelt_word_at(text, 5)
    assert word is not None
    assert word.text == "recieve"
    assert checker.misspelt_word_at(text, 0) is None


def test_check_is_cached(checker: SpellChecker) -> None:
    checker.is_correct("recieve")
    before = checker._cached_check.cache_info().hits
    checker.is_correct("recieve")
    assert checker._cached_check.cache_info().hits == before + 1


def test_decomposed_accents_are_checked_composed(checker: SpellChecker) -> None:
    assert checker.is_correct("cafe\u0301")
