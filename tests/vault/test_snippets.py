"""Snippets cut around the matches read like FTS5's own, on the same text."""

from __future__ import annotations

import pytest

from supnotes.vault import snippets
from supnotes.vault.search import _searched_terms

FILLER = " ".join(f"word{i}" for i in range(300))


def cut(text: str, typed: str) -> str | None:
    finder = snippets.finder(snippets.terms(_searched_terms(typed)))
    assert finder is not None
    return snippets.cut(text, finder, "[", "]", "…")


def test_a_match_deep_in_a_long_body_is_cut_around_with_ellipses() -> None:
    text = f"{FILLER} The grandmother offered care. {FILLER}"
    found = cut(text, "grandmother")
    assert found is not None
    assert found.startswith("…")
    assert found.endswith("…")
    assert "[grandmother]" in found
    assert len(found.split()) <= snippets.TOKENS + 2


def test_case_and_accents_are_ignored_and_the_text_kept_as_written() -> None:
    assert cut("Met at the Café on Friday.", "cafe") == "Met at the [Café] on Friday."
    assert cut("Met at the cafe on Friday.", "CAFÉ") == "Met at the [cafe] on Friday."


def test_a_prefix_highlights_the_whole_word() -> None:
    assert cut("The children were safe.", "chil*") == "The [children] were safe."


def test_a_phrase_is_highlighted_whole_and_only_as_a_phrase() -> None:
    text = "Court first. Draft the court statement today."
    assert cut(text, '"court statement"') == "Court first. Draft the [court statement] today."


def test_part_of_a_word_is_not_a_match() -> None:
    assert cut("The grandmothers arrived.", "grandmother") is None
    assert cut("Engrandmother here.", "grandmother") is None


def test_the_window_prefers_more_different_terms() -> None:
    text = f"risk alone here. {FILLER} Exploitation risk: new friends. {FILLER}"
    found = cut(text, "exploitation risk")
    assert found is not None
    assert "[Exploitation] [risk]" in found


@pytest.mark.parametrize("text", ["", "nothing to see", "😀 🏠"])
def test_no_match_gives_none_so_fts5_cuts_it(text: str) -> None:
    assert cut(text, "grandmother") is None
