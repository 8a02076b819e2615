"""Retention on the hub: only past-retention deposits go, each after its audit row."""

from __future__ import annotations

import hashlib

import pytest

from supnotes.hub import retention, schema_file
from supnotes.hub.deposits import Decision, deposit_id
from supnotes.hub.errors import HubError
from supnotes.hub.store import HubStore
from tests.hub.conftest import Hub


def _own_time_trigger() -> str:
    found = [s for m in schema_file.MIGRATIONS for s in m.statements if "deposit_own_time" in s]
    return found[0]


def _deposit(hub: Hub, kind: str, target: str, years_ago: float, decision: str = "") -> str:
    """A deposit received ``years_ago`` (the hub's own time stamp switched off to make it)."""
    content = f"{kind} {target} {years_ago}".encode()
    sha = hashlib.sha256(content).hexdigest()
    ident = deposit_id(kind, target, sha)
    with hub.open_as_it() as store:
        if hub.server is not None:
            store.rows("ALTER TABLE deposit DISABLE TRIGGER deposit_stamp")
            when = f"now() - make_interval(days => {int(years_ago * 365.25)})"
        else:
            store.rows("DROP TRIGGER deposit_own_time")
            when = f"strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-{int(years_ago * 365.25)} days')"
        store.rows(
            "INSERT INTO deposit(id, kind, target, record_reference, is_addendum, sha256, "
            "content, sender, received_at) "
            f"VALUES (%s, %s, %s, 'SN-1', false, %s, %s, 'sam', {when})",
            (ident, kind, target, sha, content),
        )
        if hub.server is not None:
            store.rows("ALTER TABLE deposit ENABLE TRIGGER deposit_stamp")
        else:
            store.rows(_own_time_trigger())
        if decision:
            store.decide(
                ident, Decision(decision), "" if decision == "accepted" else "signer not registered"
            )
    return ident


def _ids(store: HubStore) -> set[str]:
    return {str(r[0]) for r in store.rows("SELECT id FROM deposit")}


def test_apply_deletes_only_past_retention_each_after_its_audit_row(hub: Hub) -> None:
    old_hr = _deposit(hub, "supervision-file", "Ffion Pritchard", 7, "accepted")
    new_hr = _deposit(hub, "supervision-file", "Dele Adeyemi", 0.5, "accepted")
    old_child = _deposit(hub, "child-extract", "C-1001", 2, "refused")
    old_figures = _deposit(hub, "figures", "East", 30)  # no setting: kept for ever
    with hub.open_as_it() as store:
        retention.set_years(store, "supervision-file", 6)
        retention.set_years(store, "child-extract", 1)
        assert retention.settings(store) == {"supervision-file": 6, "child-extract": 1}
        planned = retention.apply(store, dry_run=True)
        assert {p.id for p in planned} == {old_hr, old_child}
        assert _ids(store) == {old_hr, new_hr, old_child, old_figures}  # a dry run deletes nothing
        assert retention.deletions(store) == []
        done = retention.apply(store)
        assert {p.id for p in done} == {old_hr, old_child}
        assert _ids(store) == {new_hr, old_figures}
        audit = retention.deletions(store)
        assert sorted((a.deposit_id, a.kind, a.target, a.retention_years) for a in audit) == sorted(
            [
                (old_hr, "supervision-file", "Ffion Pritchard", 6),
                (old_child, "child-extract", "C-1001", 1),
            ]
        )
        assert store.rows("SELECT count(*) FROM intake_decision")[0][0] == 1  # new_hr's
        assert retention.apply(store) == []  # nothing more is past retention


def test_the_database_refuses_deletion_without_its_audit_row(hub: Hub) -> None:
    old = _deposit(hub, "supervision-file", "Ffion Pritchard", 10, "accepted")
    recent = _deposit(hub, "supervision-file", "Dele Adeyemi", 0.1)
    with hub.open_as_it() as store:
        retention.set_years(store, "supervision-file", 6)
        with pytest.raises(HubError, match="append-only"):
            store.rows("DELETE FROM intake_decision WHERE deposit_id = %s", (old,))
        with pytest.raises(HubError, match="append-only"):
            store.rows("DELETE FROM deposit WHERE id = %s", (recent,))
        # An audit row is refused for a deposit not past retention, so it cannot open the way.
        with pytest.raises(HubError, match="past its retention"):
            store.rows("INSERT INTO deletion_audit(deposit_id) VALUES (%s)", (recent,))
        with pytest.raises(HubError, match="append-only"):
            store.rows("UPDATE deposit SET target = 'x' WHERE id = %s", (old,))
        retention.delete_one(store, old)
        assert _ids(store) == {recent}
        with pytest.raises(HubError, match="append-only"):
            store.rows("DELETE FROM deletion_audit")
        with pytest.raises(HubError, match="append-only"):
            store.rows("UPDATE deletion_audit SET target = 'x'")
        assert len(retention.deletions(store)) == 1


def test_only_the_admin_role_may_set_retention_or_delete(pg_hub: Hub) -> None:
    hub = pg_hub
    old = _deposit(hub, "child-extract", "C-1001", 3, "accepted")
    with hub.open_as_it() as store:
        retention.set_years(store, "child-extract", 1)
    for role in ("supervisor", "records-officer", "hr", "psw"):
        with hub.open_as(hub.login(role)) as store:
            with pytest.raises(HubError):
                retention.set_years(store, "child-extract", 2)
            with pytest.raises(HubError):
                retention.delete_one(store, old)
            with pytest.raises(HubError):
                store.rows("DELETE FROM deposit WHERE id = %s", (old,))
    with hub.open_as(hub.login("admin")) as store:
        retention.set_years(store, "child-extract", 1)
        assert [p.id for p in retention.apply(store)] == [old]
        [audit] = retention.deletions(store)
    assert audit.deleted_by.startswith("admin_")
    with hub.open_as_it() as store:
        assert _ids(store) == set()


def test_the_retention_command_shows_sets_and_applies(
    hub: Hub, capsys: pytest.CaptureFixture[str]
) -> None:
    from supnotes.cli import main

    where = (
        ["--file", hub.address.location]
        if hub.server is None
        else ["--url", hub.server.socket_url(hub.dbname)]
    )
    old = _deposit(hub, "supervision-file", "Ffion Pritchard", 8, "accepted")
    assert main(["hub", "retention", "set", *where, "--kind", "hr-file", "--years", "6"]) == 0
    assert main(["hub", "retention", "show", *where]) == 0
    shown = capsys.readouterr().out
    assert "hr-file\t6 year(s)" in shown
    assert "child-inbox\tkept for ever" in shown
    assert main(["hub", "retention", "apply", "--dry-run", *where]) == 0
    assert "would delete\thr-file\tFfion Pritchard" in capsys.readouterr().out
    with hub.open_as_it() as store:
        assert _ids(store) == {old}
    assert main(["hub", "retention", "apply", *where]) == 0
    assert "1 deposit(s) past retention deleted" in capsys.readouterr().out
    with hub.open_as_it() as store:
        assert _ids(store) == set()
        assert [d.deposit_id for d in retention.deletions(store)] == [old]
    assert main(["hub", "retention", "set", *where, "--kind", "figures"]) == 2
    assert main(["hub", "retention", "set", *where, "--kind", "figures", "--years", "0"]) == 2
    err = capsys.readouterr().err
    assert "--years" in err
    assert "1 to 100" in err
    assert "Traceback" not in err
