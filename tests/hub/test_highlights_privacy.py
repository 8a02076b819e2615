"""No child reference, child's name, wellbeing text or highlight text reaches the hub with the
figures and their highlights: a vault whose records carry all of them in every text field is
sent, and everything the hub stores is searched, on both backends."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from supnotes.domain.compliance import Period
from supnotes.domain.content import RecordContent
from supnotes.domain.demo import build_demo
from supnotes.domain.template_loader import default_library
from supnotes.services.hub_figures import queue_figures
from supnotes.services.hub_intake import run_intake
from supnotes.services.hub_report import build_service_report, to_csv, to_pdf
from supnotes.services.hub_send import send
from supnotes.vault.demo import write_demo
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.repositories.highlights import (
    GoodPracticeRepository,
    collect,
    known_child_refs,
)
from supnotes.vault.vault import Vault
from tests.hub.conftest import Hub, connect_vault
from tests.pdf.text import pages_text

TODAY = date(2026, 3, 20)
PERIOD = Period(date(2026, 2, 1), TODAY)
CHILD_REF = "C-918273"
CHILD_NAME = "Jayden Okonkwo"
WELLBEING = "WELLBEINGCANARY panic attacks and not sleeping"
FREE_TEXT = "FREETEXTCANARY"
# Theme words so the highlights are not all unmatched.
PLANTED = (
    f" {FREE_TEXT} working with fathers; {CHILD_NAME} ({CHILD_REF}) told the police. {WELLBEING}"
)


def _planted(content: RecordContent) -> RecordContent:
    answers = {
        key: (value + PLANTED if isinstance(value, str) else value)
        for key, value in content.record.answers.items()
    }
    answers.setdefault("wellbeing.wellbeing", WELLBEING)
    return replace(content, record=replace(content.record, answers=answers))


@pytest.fixture
def planted_vault(tmp_path: Path) -> Iterator[Vault]:
    demo = build_demo(default_library(), today=TODAY, history_days=45)
    demo = replace(demo, records=tuple(_planted(c) for c in demo.records))
    passphrase = "a long enough passphrase"
    vault, _ = Vault.create(tmp_path / "planted", passphrase, kdf_params=TEST_PARAMS)
    with vault:
        write_demo(vault, demo)
        signed = vault.query(
            "SELECT id FROM record WHERE status = 'signed' AND held_on >= ? LIMIT 1",
            (PERIOD.start.isoformat(),),
        )
        GoodPracticeRepository(vault).mark(
            str(signed[0][0]), f"Direct work with {CHILD_NAME} {CHILD_REF} {WELLBEING}", on=TODAY
        )
        yield vault


def _everything_stored(hub: Hub) -> str:
    """Every row of every table and view of the hub, as text (and the file's raw bytes)."""
    found: list[str] = []
    with hub.open_as_it() as store:
        if hub.server is None:
            names = store.rows("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
        else:
            names = store.rows(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            )
        assert len(names) > 10
        for (name,) in names:
            for row in store.rows(f'SELECT * FROM "{name}"'):
                for value in row:
                    found.append(
                        value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
                    )
    if hub.server is None:
        folder = Path(hub.address.location).parent
        found.extend(f.read_bytes().decode("latin-1") for f in folder.glob("hub.db*"))
    return "\n".join(found)


def test_no_child_wellbeing_or_free_text_reaches_the_hub(hub: Hub, planted_vault: Vault) -> None:
    vault = planted_vault
    children = known_child_refs(vault)
    assert CHILD_REF not in children  # planted only in free text, not as a known reference
    assert children  # the demo's case discussions name children
    collected = collect(vault, PERIOD.start, PERIOD.end, default_library())
    assert {i.collection for i in collected if FREE_TEXT in i.text} == {
        "themes", "feed-up", "good-practice"
    }  # fmt: skip
    assert any(CHILD_REF in i.text and WELLBEING in i.text for i in collected)
    connect_vault(vault, hub, hub.login("supervisor"))
    assert queue_figures(vault, PERIOD, today=TODAY, library=default_library())
    report = send(vault)
    assert (report.sent, report.unreachable) == (1, None)  # the figures, and nothing else
    with hub.open_as(hub.login("admin")) as store:
        assert run_intake(store).accepted == 1
    with hub.open_as(hub.login("psw")) as store:
        service = build_service_report(store, PERIOD, today=TODAY)
    assert service.highlights  # the highlights did arrive, as counts
    themes = {line.theme for line in service.highlights}
    assert "Working with fathers and male carers" in themes
    stored = _everything_stored(hub)
    assert "supnotes-service-figures" in stored  # the search does see the figures
    printed = to_csv(service).decode("utf-8-sig") + " ".join(pages_text(to_pdf(service)))
    for where in (stored, printed):
        for canary in (CHILD_REF, CHILD_NAME, "Okonkwo", "WELLBEINGCANARY", "panic", FREE_TEXT):
            assert canary not in where
        for child in children:
            assert child not in where
