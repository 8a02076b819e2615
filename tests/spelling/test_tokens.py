from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supnotes.spelling.tokens import hyphen_parts, iter_words


def words(text: str) -> list[str]:
    return [word.text for word in iter_words(text)]


def test_plain_sentence() -> None:
    assert words("I will recieve the report.") == ["will", "recieve", "the", "report"]


def test_offsets_point_at_the_word() -> None:
    text = "  \u2018quoted\u2019 don\u2019t  workers' child\u2019s"
    for word in iter_words(text):
        assert text[word.start : word.start + word.length] == word.text
    assert words(text) == ["quoted", "don\u2019t", "workers", "child\u2019s"]


@pytest.mark.parametrize(
    "text",
    [
        "C-104233",
        "s47",
        "2nd",
        "10am",
        "LADO",
        "NQSWs",
        "LADO's",
        "CP-IS",
        "MASH",
        "https://www.example.org/recieve?q=seperate",
        "www.recieve.com",
        "jo.bloggs@council.gov.uk",
        "council.gov.uk",
        "C:\\Users\\recieve\\notes.txt",
        "/home/recieve/notes",
        "snake_case_thing",
        "محمد",
        "Иван",
        "王小明",
        "😀",
        "x",
    ],
)
def test_not_checked(text: str) -> None:
    assert words(text) == []


def test_latin_names_with_diacritics_are_checked() -> None:
    assert words("Wąsowska, Siân and Nguyễn") == ["Wąsowska", "Siân", "and", "Nguyễn"]


def test_decomposed_accents_stay_in_the_word() -> None:
    assert words("Sia\u0302n") == ["Sia\u0302n"]


def test_mixed_script_line_checks_only_latin_words() -> None:
    assert words("Met محمد and Иван today") == ["Met", "and", "today"]


def test_hyphenated_word_and_parts() -> None:
    [word] = list(iter_words("multi-agency"))
    assert word.text == "multi-agency"
    parts = hyphen_parts(word)
    assert [(p.start, p.text) for p in parts] == [(0, "multi"), (6, "agency")]


@given(st.text())
def test_offsets_always_valid(text: str) -> None:
    for word in iter_words(text):
        assert text[word.start : word.start + word.length] == word.text
        assert len(word.text) >= 2
