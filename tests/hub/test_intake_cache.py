"""Intake verifies each distinct content once per run; every deposit still gets its decision."""

from __future__ import annotations

import pytest

from supnotes.pdf.verify import verify_pdf
from supnotes.services import hub_intake
from supnotes.services.hub_send import send
from supnotes.vault.vault import Vault
from tests.hub.conftest import Hub, connect_vault, register_own_certificate


def test_each_distinct_content_is_verified_once(
    hub: Hub, sealed: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    register_own_certificate(sealed, hub)
    connect_vault(sealed, hub, hub.login("supervisor"))
    assert send(sealed).sent > 0
    with hub.open_as_it() as store:
        rows = store.rows("SELECT sha256 FROM deposit")
    distinct = {str(r[0]) for r in rows}
    assert len(distinct) < len(rows)  # a group record's one copy goes to several HR files
    verified: list[bytes] = []

    def counting(content: bytes, roots: object, **choose: object) -> object:
        verified.append(content)
        return verify_pdf(content, roots, **choose)  # type: ignore[arg-type]

    monkeypatch.setattr(hub_intake, "verify_pdf", counting)
    with hub.open_as_it() as store:
        report = hub_intake.run_intake(store)
        decided = store.rows("SELECT count(DISTINCT deposit_id) FROM intake_decision")[0][0]
    assert len(verified) == len(distinct)
    assert report.accepted + len(report.refused) == len(rows) == decided
