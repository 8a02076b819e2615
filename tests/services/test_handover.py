"""A whole handover between two real vaults: give, receive, receive again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from supnotes.domain.demo import DemoVault
from supnotes.services import encryption_key as keys
from supnotes.services import handover, identity
from supnotes.services.handover_envelope import WrongRecipient
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.vault import Vault
from tests.sealed_history import seal_history

PASSPHRASE = "a long enough passphrase"


@pytest.fixture
def receiver(tmp_path: Path) -> Iterator[Vault]:
    vault, _ = Vault.create(tmp_path / "receiver", PASSPHRASE, kdf_params=TEST_PARAMS)
    yield vault
    vault.close()


def _count(vault: Vault, table: str) -> int:
    return int(str(vault.query(f"SELECT count(*) FROM {table}")[0][0]))


def test_cycle_trail_unregistered_warning_and_no_duplicates(
    vault: Vault, receiver: Vault, demo: DemoVault, tmp_path: Path
) -> None:
    identity.create_self_signed(vault, "Ann Giver", "Team manager", "Org")
    worker = demo.workers[0]
    seal_history(vault, worker.id)
    out = tmp_path / "handover.supnotes-handover"
    trail_before = _count(vault, "access_trail")
    handover.hand_over(vault, worker.id, keys.ensure(receiver).public, out)
    assert _count(vault, "access_trail") == trail_before + 1
    audience = vault.query("SELECT audience FROM access_trail ORDER BY n DESC LIMIT 1")[0][0]
    assert audience == f"handover to {keys.ensure(receiver).fingerprint}"

    received = handover.open_received(receiver, out.read_bytes())
    assert received.sender_registered is False  # the app/CLI must warn and ask
    first = handover.import_received(receiver, received)
    assert first.workers_added == 1
    assert first.records_added > 0
    records = _count(receiver, "record")
    second = handover.import_received(receiver, handover.open_received(receiver, out.read_bytes()))
    assert second.workers_added == 0
    assert second.records_added == 0
    assert _count(receiver, "record") == records


def test_wrong_vault_cannot_open(
    vault: Vault, receiver: Vault, demo: DemoVault, tmp_path: Path
) -> None:
    identity.create_self_signed(vault, "Ann Giver", "Team manager", "Org")
    out = tmp_path / "h"
    handover.hand_over(vault, demo.workers[0].id, keys.ensure(receiver).public, out)
    with pytest.raises(WrongRecipient):
        handover.open_received(vault, out.read_bytes())


CANARY = "PRIVATE-CANARY-5521"


def _plant_private_canary(vault: Vault, demo: DemoVault, worker_id: str) -> int:
    from supnotes.domain.template_loader import default_library
    from supnotes.domain.templates import Audience

    library = default_library()
    planted = 0
    for content in demo.records:
        record = content.record
        if record.worker_id != worker_id:
            continue
        template = library.get(record.template_id, record.template_version)
        for section in template.sections:
            if section.audience is Audience.PRIVATE:
                for key in record.answers:
                    if key.startswith(f"{section.id}."):
                        with vault.transaction() as conn:
                            conn.execute(
                                "UPDATE answer SET value = ? WHERE record_id = ? AND key = ?",
                                (f'"{CANARY}"', record.id, key),
                            )
                        planted += 1
    return planted


def _payload_text(receiver: Vault, data: bytes) -> str:
    import io
    import zipfile

    payload = handover.open_received(receiver, data).opened.payload
    with zipfile.ZipFile(io.BytesIO(payload)) as archive:
        return "".join(
            archive.read(n).decode("utf-8", "replace")
            for n in archive.namelist()
            if not n.endswith(".pdf")
        )


def test_private_notes_only_when_chosen(
    vault: Vault, receiver: Vault, demo: DemoVault, tmp_path: Path
) -> None:
    identity.create_self_signed(vault, "Ann Giver", "Team manager", "Org")
    worker = next(w for w in demo.workers if _plant_private_canary(vault, demo, w.id) > 0)
    seal_history(vault, worker.id)
    key = keys.ensure(receiver).public
    plain = handover.package(vault, worker.id, key).data
    private = handover.package(vault, worker.id, key, include_private=True).data
    assert CANARY.encode() not in plain
    assert CANARY not in _payload_text(receiver, plain)
    assert CANARY in _payload_text(receiver, private)


def test_open_actions_come_up_for_review_in_the_receivers_next_one_to_one(
    vault: Vault, receiver: Vault, demo: DemoVault, tmp_path: Path
) -> None:
    from datetime import date

    from supnotes.domain.template_loader import default_library
    from supnotes.domain.templates import FieldKind
    from supnotes.vault.repositories.actions import open_actions_of_worker
    from supnotes.vault.repositories.records import RecordRepository

    identity.create_self_signed(vault, "Ann Giver", "Team manager", "Org")
    worker = next(w for w in demo.workers if open_actions_of_worker(vault.conn, w.id))
    seal_history(vault, worker.id)
    given = {a.id for a in open_actions_of_worker(vault.conn, worker.id)}
    out = tmp_path / "h"
    handover.hand_over(vault, worker.id, keys.ensure(receiver).public, out)
    handover.import_received(receiver, handover.open_received(receiver, out.read_bytes()))
    template = next(t for t in default_library().latest() if t.has_list(FieldKind.PREVIOUS_ACTIONS))
    draft = RecordRepository(receiver).draft(template, worker_id=worker.id, held_on=date.today())
    assert given
    assert {r.action_id for r in draft.reviews} == given


def test_the_giver_marks_the_worker_and_the_mark_goes_when_the_worker_comes_back(
    vault: Vault, receiver: Vault, demo: DemoVault, tmp_path: Path
) -> None:
    from datetime import date

    from supnotes.services import retention

    identity.create_self_signed(vault, "Ann Giver", "Team manager", "Org")
    identity.create_self_signed(receiver, "Rita Patel", "Team manager", "Org")
    worker = next(w for w in demo.workers if w.leaving_date is None)
    out = tmp_path / "to-rita"
    handover.hand_over(
        vault,
        worker.id,
        keys.ensure(receiver).public,
        out,
        to_name="Rita",
        on=date(2019, 3, 1),
    )
    mark = handover.handed_over(vault, worker.id)
    assert mark is not None
    assert (mark.on, mark.to) == (date(2019, 3, 1), "Rita")
    due = [d for d in retention.review(vault, date(2026, 3, 20)) if d.reason.startswith("handed")]
    assert due
    assert {d.reason for d in due} == {"handed over to Rita on 01/03/2019"}
    # A worker this vault had handed over, received back: kept again, no longer marked.
    # (Here the receiver had marked the same worker, with the same details, earlier.)
    from supnotes.vault.repositories.handovers import HandoverMark, HandoverRepository
    from supnotes.vault.repositories.workers import WorkerRepository

    WorkerRepository(receiver).save(WorkerRepository(vault).get(worker.id))
    HandoverRepository(receiver).mark(HandoverMark(worker.id, date(2018, 1, 1), "AB:CD", "Ann"))
    handover.import_received(receiver, handover.open_received(receiver, out.read_bytes()))
    assert handover.handed_over(receiver, worker.id) is None
    assert handover.handed_over(vault, worker.id) is not None  # the giver's mark stays


def test_drafts_stay_on_the_givers_laptop(
    vault: Vault, receiver: Vault, demo: DemoVault, tmp_path: Path
) -> None:
    identity.create_self_signed(vault, "Ann Giver", "Team manager", "Org")
    worker = demo.workers[0]
    drafts = set(seal_history(vault, worker.id, keep_newest=True))
    signed = {
        str(r[0])
        for r in vault.query(
            "SELECT id FROM record WHERE worker_id = ? AND status != 'draft'", (worker.id,)
        )
    }
    out = tmp_path / "h"
    handover.hand_over(vault, worker.id, keys.ensure(receiver).public, out)
    text = _payload_text(receiver, out.read_bytes())
    assert drafts
    assert signed
    assert not any(d in text for d in drafts)
    handover.import_received(receiver, handover.open_received(receiver, out.read_bytes()))
    arrived = {str(r[0]) for r in receiver.query("SELECT id FROM record")}
    assert signed <= arrived
    assert not drafts & arrived
