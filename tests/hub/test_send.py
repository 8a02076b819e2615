"""Sending from a real vault of sealed records to a hub, and intake, on both backends."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from supnotes.cli import main
from supnotes.domain.trail import TrailEntry, TrailKind
from supnotes.hub.errors import HubUnreachable
from supnotes.hub.store import HubStore
from supnotes.services import hub_register, trail, trust
from supnotes.services.hub_intake import reconsider, run_intake
from supnotes.services.hub_send import send
from supnotes.vault.repositories.outbox import OutboxRepository
from supnotes.vault.repositories.sealed import CHILD_RECORD, SUPERVISION_FILE
from supnotes.vault.vault import Vault
from tests.hub.conftest import Hub, connect_vault, register_own_certificate
from tests.pdf import tamper


def _expected_targets(vault: Vault) -> tuple[set[str], set[str]]:
    outbox = OutboxRepository(vault)
    workers: set[str] = set()
    children: set[str] = set()
    for c in outbox.candidates():
        if c.output == SUPERVISION_FILE:
            workers.update(outbox.workers_on(c.record_id))
        else:
            assert c.output == CHILD_RECORD
            children.add(c.child_ref or "")
    return workers, children


def _hub_ids(hub: Hub) -> list[str]:
    with hub.open_as_it() as store:
        return [str(r[0]) for r in store.rows("SELECT id FROM deposit ORDER BY id")]


def _outbox_ids(vault: Vault) -> list[str]:
    return sorted(r.deposit_id for r in OutboxRepository(vault).all())


def _send_entries(vault: Vault) -> list[TrailEntry]:
    return [e for e in trail.entries(vault) if e.kind is TrailKind.SEND]


def _assert_one_trail_entry_per_deposit(vault: Vault, hub: Hub) -> None:
    """Exactly one SEND entry per deposit the hub holds, each naming where it went."""
    rows = OutboxRepository(vault).all()
    entries = _send_entries(vault)
    assert len(entries) == len(rows) == len(_hub_ids(hub))
    expected = sorted(
        (
            r.record_reference,
            {"supervision-file": "HR file", "child-extract": "child inbox"}[r.kind],
            r.target if r.kind == "child-extract" else None,
        )
        for r in rows
    )
    assert sorted((e.record_ref, e.audience, e.child_ref) for e in entries) == expected
    for e in entries:
        assert e.destination is not None
        assert e.destination.startswith("hub ")
        assert "/" not in e.destination
        assert "password" not in e.destination


def test_send_files_each_copy_where_it_belongs(hub: Hub, sealed: Vault, tmp_path: Path) -> None:
    workers, children = _expected_targets(sealed)
    assert len(workers) >= 2  # the group's attendees too
    assert len(children) >= 2
    register_own_certificate(sealed, hub)
    connect_vault(sealed, hub, hub.login("supervisor"))

    report = send(sealed)
    assert report.unreachable is None
    assert report.sent == report.queued == len(_outbox_ids(sealed))
    assert report.waiting == 0
    assert report.awaiting_intake == report.sent
    assert _hub_ids(hub) == _outbox_ids(sealed)

    with hub.open_as(hub.login("records-officer")) as store:
        decided = run_intake(store)
        assert decided.refused == []
        assert decided.accepted == report.sent
        inbox = store.filed("child-inbox")
    with hub.open_as(hub.login("hr")) as store:
        hr_file = store.filed("hr-file")
    assert {d.target for d in hr_file} == workers
    assert {d.target for d in inbox} == children
    assert any(d.is_addendum for d in hr_file)
    assert any(d.is_addendum for d in inbox)

    again = send(sealed)
    assert (again.queued, again.sent, again.accepted, again.refused) == (0, 0, report.sent, [])

    # The register, exported, is what verify --trust reads.
    with hub.open_as_it() as store:
        bundle = tmp_path / "register.pem"
        bundle.write_bytes(hub_register.export_bundle(store))
    received = tmp_path / "extract.pdf"
    received.write_bytes(inbox[0].content)
    assert main(["verify", str(received), "--trust", str(bundle)]) == 0


def test_unregistered_signer_and_tampered_file_refused_with_reasons_seen_at_next_send(
    hub: Hub, sealed: Vault
) -> None:
    login = hub.login("supervisor")
    connect_vault(sealed, hub, login)
    first = send(sealed)
    assert first.sent > 0
    # A tampered copy of one sealed PDF, hashed afresh so only the signature tells.
    row = OutboxRepository(sealed).all()[0]
    from supnotes.hub.deposits import NewDeposit

    forged = NewDeposit(
        row.kind,
        row.target,
        row.record_reference,
        row.is_addendum,
        tamper.flip_byte_in_signed_range(OutboxRepository(sealed).content(row)),
    )
    with hub.open_as(login) as store:
        assert store.deposit(forged, login)

    with hub.open_as(hub.login("records-officer")) as store:
        decided = run_intake(store)
    assert decided.accepted == 0
    reasons = {d.id: reason for d, reason in decided.refused}
    assert reasons[forged.id].startswith("altered:")
    assert all(r.startswith("signer not registered") for i, r in reasons.items() if i != forged.id)

    seen = send(sealed)
    assert len(seen.refused) == first.sent
    assert all("signer not registered" in r.reason for r in seen.refused)
    assert all(
        re.search(r"\(SHA-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}\)", r.reason) for r in seen.refused
    )

    # HR registers the supervisor; intake reconsiders; the tampered file stays refused.
    register_own_certificate(sealed, hub)
    with hub.open_as(hub.login("admin")) as store:
        second = reconsider(store)
    assert second.accepted == first.sent
    assert [d.id for d, _ in second.refused] == [forged.id]
    assert send(sealed).accepted == first.sent


def test_a_crash_between_the_hub_commit_and_the_outbox_loses_and_duplicates_nothing(
    hub: Hub, sealed: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    connect_vault(sealed, hub, hub.login("supervisor"))
    marked = OutboxRepository.mark_sent
    calls = []

    def crash_on_third(self: OutboxRepository, deposit_id: str) -> None:
        calls.append(deposit_id)
        if len(calls) == 3:
            raise RuntimeError("power cut after the hub committed")
        marked(self, deposit_id)

    monkeypatch.setattr(OutboxRepository, "mark_sent", crash_on_third)
    with pytest.raises(RuntimeError):
        send(sealed)
    monkeypatch.setattr(OutboxRepository, "mark_sent", marked)
    assert len(_hub_ids(hub)) == 3
    assert len(_send_entries(sealed)) == 2  # the third's mark and entry rolled back together
    resumed = send(sealed)
    assert resumed.already_held == 1
    assert resumed.sent == len(_outbox_ids(sealed)) - 3
    assert _hub_ids(hub) == _outbox_ids(sealed)
    _assert_one_trail_entry_per_deposit(sealed, hub)
    again = send(sealed)  # nothing waiting: a later send adds no entry
    assert again.sent == again.already_held == 0
    _assert_one_trail_entry_per_deposit(sealed, hub)


def test_pull_register_is_an_explicit_logged_act(hub: Hub, sealed: Vault) -> None:
    from tests.hub.certificates import signer

    with hub.open_as_it() as store:
        store.register_signer(signer("Sam Colleague", "supervisee"))
    connect_vault(sealed, hub, hub.login("supervisor"))
    before = {e.fingerprint for e in trust.entries(sealed)}
    send(sealed)
    assert {e.fingerprint for e in trust.entries(sealed)} == before  # sending registers nobody
    from supnotes.services.hub_connection import open_configured

    store, _ = open_configured(sealed)
    with store:
        assert len(hub_register.missing_from_vault(sealed, store)) == 1
        assert hub_register.pull_into_vault(sealed, store) == 1
        assert hub_register.missing_from_vault(sealed, store) == []
    names = {e.name for e in trust.entries(sealed)}
    assert "Sam Colleague" in names
    log = [what for _, what, _, _ in OutboxRepository(sealed).log_entries()]
    assert log == ["connect", "send", "pull-register"]


def _drop_after(store_cls: type[HubStore], count: int, drop: object) -> object:
    original = store_cls._insert_deposit
    done: list[int] = []

    def insert(self: HubStore, deposit: object, sender: str) -> bool:
        if len(done) == count:
            drop()  # type: ignore[operator]
        done.append(1)
        return original(self, deposit, sender)  # type: ignore[arg-type]

    return insert


def test_connection_dropped_mid_send_then_resumed(
    pg_hub: Hub, sealed: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL only: a file has no connection to drop (the crash test covers both)."""
    hub = pg_hub
    assert hub.server is not None
    from supnotes.hub.postgres_store import PostgresStore

    server, login = hub.server, hub.login("supervisor")
    connect_vault(sealed, hub, login)
    monkeypatch.setattr(
        PostgresStore,
        "_insert_deposit",
        _drop_after(PostgresStore, 2, lambda: server.terminate_backends(hub.dbname, login)),
    )
    first = send(sealed)
    monkeypatch.undo()
    assert first.unreachable is not None
    assert "nothing is lost" in first.unreachable
    assert first.sent == 2
    assert first.waiting == first.queued - 2
    assert len(_hub_ids(hub)) == 2
    assert len(_send_entries(sealed)) == 2  # the attempt that dropped left no entry
    resumed = send(sealed)
    assert resumed.unreachable is None
    assert resumed.sent == first.queued - 2
    assert _hub_ids(hub) == _outbox_ids(sealed)
    _assert_one_trail_entry_per_deposit(sealed, hub)


def test_server_restarted_between_sends(pg_hub: Hub, sealed: Vault) -> None:
    hub = pg_hub
    assert hub.server is not None
    connect_vault(sealed, hub, hub.login("supervisor"))
    hub.server.stop("immediate")
    try:
        offline = send(sealed)
    finally:
        hub.server.start()
    assert offline.unreachable is not None
    assert offline.sent == 0
    assert offline.waiting == offline.queued > 0
    back = send(sealed)
    assert back.sent == offline.queued
    assert back.waiting == 0
    assert _hub_ids(hub) == _outbox_ids(sealed)


def test_a_dropped_deposit_raises_unreachable_not_a_traceback(pg_hub: Hub) -> None:
    hub = pg_hub
    assert hub.server is not None
    login = hub.login("supervisor")
    from supnotes.hub.deposits import NewDeposit

    with hub.open_as(login) as store:
        hub.server.terminate_backends(hub.dbname, login)
        with pytest.raises(HubUnreachable):
            store.deposit(NewDeposit("child-extract", "C-1", "SN-1", False, b"x"), login)
