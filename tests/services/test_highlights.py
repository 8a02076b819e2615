"""The highlights export: what templates collect, good-practice marks, and canaries kept out."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from supnotes.domain.highlights import HighlightsError
from supnotes.domain.template_loader import default_library
from supnotes.services.highlights import export, highlights
from supnotes.vault.repositories.highlights import GoodPracticeRepository
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Vault
from tests.pdf.text import pages_text
from tests.services.conftest import TODAY

START, END = date(2026, 1, 1), TODAY


def _one_to_one(vault: Vault) -> tuple[str, str, str, str]:
    """(record id, worker name, a child it discusses, that discussion's id)."""
    row = vault.query(
        "SELECT r.id, w.name, c.child_ref, c.id FROM record r JOIN worker w ON w.id = r.worker_id "
        "JOIN case_discussion c ON c.record_id = r.id WHERE r.template_id = 'one-to-one' "
        "ORDER BY r.held_on DESC LIMIT 1"
    )[0]
    return (str(row[0]), str(row[1]), str(row[2]), str(row[3]))


@pytest.fixture
def planted(vault: Vault, group_id: str) -> dict[str, str]:
    records = RecordRepository(vault)
    session, name, child, discussion = _one_to_one(vault)
    canaries = {
        "wellbeing": "WELLBEINGCANARY burnt out and not sleeping",
        "private": "PRIVATECANARY my own worry about this worker",
        "discussion": "DISCUSSIONCANARY the child's bruise was noticed",
        "draft": "DRAFTCANARY not signed yet",
    }
    records.save_answer(session, "wellbeing.wellbeing", canaries["wellbeing"])
    records.save_answer(session, "notes.notes", canaries["private"])
    with vault.transaction() as conn:
        conn.execute(
            "UPDATE case_discussion SET update_text = ? WHERE id = ?",
            (canaries["discussion"], discussion),
        )
    records.save_answer(
        session, "development.good-practice", f"Lovely direct work by {name} with {child}."
    )
    records.save_answer(
        group_id,
        "themes.learning-themes",
        f"Curiosity about fathers (THEMEMARK); {child} and C-654321 were discussed by "
        f"{name.split()[0]}.",
    )
    records.save_answer(group_id, "themes.feed-up", "FEEDUPMARK: out-of-hours cover is thin")
    for record_id in (session, group_id):
        records.sign(record_id)
    GoodPracticeRepository(vault).mark(
        session, f"NOTEMARK creative play plan for {child}", case_discussion_id=discussion, on=END
    )
    draft = records.create(
        default_library().get("group-reflecting-team"), worker_id=None, held_on=END
    ).record.id
    records.save_answer(draft, "themes.learning-themes", canaries["draft"])
    return {"child": child, "name": name, **canaries}


def _check(text: str, planted: dict[str, str]) -> None:
    for mark in ("THEMEMARK", "FEEDUPMARK", "NOTEMARK", "Lovely direct work by [person]"):
        assert mark in text, mark
    assert "[child]" in text
    for key in ("wellbeing", "private", "discussion", "draft"):
        assert planted[key].split()[0] not in text, key
    assert planted["child"] not in text
    assert "C-654321" not in text
    for part in planted["name"].split():
        assert part not in text, part


def test_csv_and_pdf_carry_the_collections_and_no_canary(
    vault: Vault, planted: dict[str, str], tmp_path: Path
) -> None:
    library = default_library()
    csv_file, pdf_file = tmp_path / "h.csv", tmp_path / "h.pdf"
    count = export(vault, START, END, fmt="csv", out=csv_file, library=library)
    assert count >= 4
    text = csv_file.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "collection,held_on,reference,kind,from,text"
    _check(text, planted)
    export(vault, START, END, fmt="pdf", out=pdf_file, library=library)
    pdf_text = " ".join(" ".join(pages_text(pdf_file.read_bytes())).split())
    assert "OFFICIAL-SENSITIVE" in pdf_text
    _check(pdf_text, planted)


def test_the_pattern_setting_decides_what_else_is_masked(
    vault: Vault, planted: dict[str, str]
) -> None:
    SettingsStore(vault).set("highlights.child_pattern", r"\bQ-\d{3}\b")
    texts = " ".join(h.text for h in highlights(vault, START, END, default_library()))
    assert "C-654321" in texts  # no longer matched by the pattern…
    assert planted["child"] not in texts  # …but the vault's own child references still are
    SettingsStore(vault).set("highlights.child_pattern", "(")
    with pytest.raises(HighlightsError, match="not a valid pattern"):
        highlights(vault, START, END, default_library())


def test_marks_can_be_replaced_and_removed_after_signing(
    vault: Vault, planted: dict[str, str]
) -> None:
    session, *_ = _one_to_one(vault)
    marks = GoodPracticeRepository(vault)
    marks.mark(session, "  Whole record:   good  ", on=END)
    marks.mark(session, "Whole record: better", on=END)
    assert [m.note for m in marks.marks(session) if m.case_discussion_id is None] == [
        "Whole record: better"
    ]
    marks.unmark(session)
    assert all(m.case_discussion_id is not None for m in marks.marks(session))
    with pytest.raises(HighlightsError):
        marks.mark(session, "x" * 281, on=END)
