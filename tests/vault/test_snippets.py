"""Snippets cut around the matches read like FTS5's own, on the same text."""

from __future__ import annotations

from datetime import date

import pytest

from supnotes.domain.people import Worker
from supnotes.domain.template_loader import TemplateLibrary
from supnotes.vault import snippets
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.search import _searched_terms, fill_snippets, search
from supnotes.vault.vault import Vault

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


def test_snippets_left_out_are_filled_in_as_search_would_cut_them(
    vault: Vault, library: TemplateLibrary, worker: Worker
) -> None:
    records = RecordRepository(vault)
    for day in range(1, 6):
        rid = records.create(
            library.get("one-to-one"), worker_id=worker.id, held_on=date(2026, 1, day)
        ).record.id
        records.save_answer(rid, "wellbeing.wellbeing", f"{FILLER} grandmother visit {day}.")
    whole = search(vault, "grandmother", limit=10)
    first = search(vault, "grandmother", limit=10, snippets_for=2)
    assert [h.record_id for h in first] == [h.record_id for h in whole]
    assert [h.snippet for h in first[:2]] == [h.snippet for h in whole[:2]]
    assert all(h.snippet == "" for h in first[2:])
    rest = fill_snippets(vault, "grandmother", [h.record_id for h in first[2:]])
    assert rest == {h.record_id: h.snippet for h in whole[2:]}
    assert all("\x02grandmother\x03" in s for s in rest.values())
