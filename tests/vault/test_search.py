"""Full-text search: safe for any typed text, multilingual, filtered, ranked, highlighted."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supnotes.domain.cases import CaseDiscussion
from supnotes.domain.ids import new_id
from supnotes.domain.people import Worker
from supnotes.domain.records import RecordKind, RecordStatus
from supnotes.domain.template_loader import TemplateLibrary
from supnotes.vault.repositories.record_lists import RecordListRepository
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.search import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    SearchFilters,
    match_expression,
    plain_snippet,
    search,
)
from supnotes.vault.vault import Vault

TEXTS = {
    "welsh": "Dywedodd y plentyn: dw i eisiau aros gyda Nain. Mae'r ysgol yn gefnogol.",
    "polish": "Matka powiedziała, że martwię się o zaległy czynsz i o zdrowie córki.",
    "arabic": "قال الطفل إنه يشعر بالأمان في منزل جدته",
    "english": "Grandmother's viability assessment is under way; café meeting with dad.",
    "emoji": "Child drew a 😀 face and a house 🏠 for the three houses tool.",
}


@pytest.fixture
def filled(vault: Vault, library: TemplateLibrary, worker: Worker) -> dict[str, str]:
    records = RecordRepository(vault)
    ids = {}
    for day, (name, text) in enumerate(TEXTS.items(), start=1):
        rid = records.create(
            library.get("one-to-one"), worker_id=worker.id, held_on=date(2026, 1, day)
        ).record.id
        records.save_answer(rid, "wellbeing.wellbeing", text)
        ids[name] = rid
    RecordListRepository(vault).save_case_discussion(
        CaseDiscussion(new_id(), ids["english"], "C-104233", update="Strategy meeting held")
    )
    records.sign(ids["welsh"])
    return ids


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Nain", "welsh"),
        ("gefnogol", "welsh"),
        ("zaległy", "polish"),
        ("zalegly", "polish"),  # diacritics removed (ł is a letter of its own, ę is not)
        ("martwie", "polish"),
        ("الطفل", "arabic"),
        ("cafe", "english"),
        ('"viability assessment"', "english"),
        ("viab*", "english"),
        ("grandmother", "english"),
        ("C-104233", "english"),
        ("houses 😀", "emoji"),
    ],
)
def test_finds_text_in_many_languages(
    vault: Vault, filled: dict[str, str], query: str, expected: str
) -> None:
    hits = search(vault, query)
    if query == "zalegly":
        # ł does not decompose to l in Unicode, so this is an honest miss.
        assert hits == []
        return
    assert [h.record_id for h in hits] == [filled[expected]], query


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced',
        "AND OR",
        "*",
        "NOT",
        "NEAR(a b)",
        "a:b",
        "(",
        ")",
        '""',
        "^",
        "-x",
        "😀",
        "\x00",
        "   ",
        "'",
        "col:*",
        "a OR",
        "\x02\x03",
    ],
)
def test_fts_syntax_typed_as_text_never_raises(
    vault: Vault, filled: dict[str, str], query: str
) -> None:
    search(vault, query)


def test_operators_are_plain_words(vault: Vault, filled: dict[str, str]) -> None:
    assert match_expression("AND OR") == '"AND" "OR"'
    assert match_expression('say "hello there" now*') == '"say" "hello there" "now"*'
    assert match_expression('"unbalanced') == '"unbalanced"'
    assert match_expression('a"b') == '"a" "b"'
    assert match_expression("*") is None
    assert match_expression("😀") is None


def test_snippets_highlight_matches(vault: Vault, filled: dict[str, str]) -> None:
    (hit,) = search(vault, "viability")
    assert f"{HIGHLIGHT_START}viability{HIGHLIGHT_END}" in hit.snippet
    assert "[viability]" in plain_snippet(hit.snippet)


def test_filters(vault: Vault, filled: dict[str, str], worker: Worker) -> None:
    every = SearchFilters(
        worker_id=worker.id,
        kind=RecordKind.ONE_TO_ONE,
        template_id="one-to-one",
        date_from=date(2026, 1, 1),
        date_to=date(2026, 1, 31),
    )
    assert len(search(vault, "the", every)) >= 1
    assert search(vault, "Nain", SearchFilters(status=RecordStatus.DRAFT)) == []
    assert len(search(vault, "Nain", SearchFilters(status=RecordStatus.SIGNED))) == 1
    assert search(vault, "viability", SearchFilters(date_to=date(2026, 1, 3))) == []
    assert len(search(vault, "strategy", SearchFilters(child_ref="C-104233"))) == 1
    assert search(vault, "strategy", SearchFilters(child_ref="C-999999")) == []
    assert search(vault, "Nain", SearchFilters(worker_id=new_id())) == []


def test_ranking_prefers_more_matches(
    vault: Vault, library: TemplateLibrary, worker: Worker
) -> None:
    records = RecordRepository(vault)
    once = records.create(library.get("one-to-one"), worker_id=worker.id, held_on=date(2026, 2, 1))
    many = records.create(library.get("one-to-one"), worker_id=worker.id, held_on=date(2026, 2, 2))
    records.save_answer(once.record.id, "wellbeing.wellbeing", "exploitation " + "word " * 30)
    records.save_answer(many.record.id, "wellbeing.wellbeing", "exploitation exploitation risk")
    assert [h.record_id for h in search(vault, "exploitation")] == [many.record.id, once.record.id]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=60))
def test_any_typed_text_is_safe(vault: Vault, text: str) -> None:
    search(vault, text)


def test_a_very_common_word_is_ranked_among_the_newest_matches(
    vault: Vault, library: TemplateLibrary, worker: Worker, monkeypatch: pytest.MonkeyPatch
) -> None:
    from supnotes.vault import search as search_module

    monkeypatch.setattr(search_module, "RANK_WINDOW", 3)
    records = RecordRepository(vault)
    made = []
    for day in range(1, 6):
        rid = records.create(
            library.get("one-to-one"), worker_id=worker.id, held_on=date(2026, 3, day)
        ).record.id
        records.save_answer(rid, "wellbeing.wellbeing", f"kinship placement review {day}")
        made.append(rid)
    # No filter: only the three newest matching records are ranked.
    assert {h.record_id for h in search(vault, "kinship")} == set(made[-3:])
    # A filter reaches the older ones.
    older = search(vault, "kinship", SearchFilters(date_to=date(2026, 3, 2)))
    assert {h.record_id for h in older} == set(made[:2])
    # Fewer matches than the window: all of them.
    assert [h.record_id for h in search(vault, '"review 1"')] == [made[0]]
