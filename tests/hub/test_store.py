"""The hub's own rules, enforced by the database, on both backends."""

from __future__ import annotations

import pytest

from supnotes.hub.deposits import Decision, NewDeposit
from supnotes.hub.errors import HubError, HubRefused
from supnotes.hub.schema_postgres import GROUP_ROLES, MIGRATIONS
from tests.hub.conftest import Hub


def _deposit(text: bytes = b"%PDF-1.7 sealed bytes", target: str = "Dana Whitfield") -> NewDeposit:
    return NewDeposit("supervision-file", target, "SN-2026-0001", False, text)


def test_init_creates_the_schema_and_the_group_roles(hub: Hub) -> None:
    with hub.open_as_it() as store:
        assert store.version() == MIGRATIONS[-1].version
        if hub.backend == "file":
            assert store.roles() == {}
            assert not store.has_roles
            with pytest.raises(HubError, match="no logins or roles"):
                store.create_login("someone", "supervisor", "pw")
            return
        assert sorted(store.group_roles_present()) == sorted(GROUP_ROLES.values())  # type: ignore[attr-defined]
    login = hub.login("records-officer")
    with hub.open_as_it() as store:
        assert login in store.roles()["records-officer"]
        assert all(
            login not in members
            for role, members in store.roles().items()
            if role != "records-officer"
        )
    # init again is harmless: same version, same roles.
    with hub.open_as_it() as store:
        assert store.initialise() == MIGRATIONS[-1].version


def test_the_same_deposit_sent_twice_is_one_row(hub: Hub) -> None:
    with hub.open_as(hub.login("supervisor")) as store:
        assert store.deposit(_deposit(), "me") is True
        assert store.deposit(_deposit(), "me") is False
        assert len(store.my_deposits("me")) == 1
    with hub.open_as_it() as store:
        assert store.counts() == {"received": 1}


_CHANGES = (
    "UPDATE deposit SET target = 'Someone Else'",
    "DELETE FROM deposit",
    "UPDATE intake_decision SET decision = 'accepted'",
    "DELETE FROM intake_decision",
    "UPDATE signer SET role = 'supervisor'",
    "DELETE FROM signer",
)


@pytest.mark.parametrize("statement", _CHANGES)
def test_append_only_holds_against_direct_sql_as_supervisor_and_as_owner(
    hub: Hub, statement: str
) -> None:
    from tests.hub.certificates import signer

    supervisor = hub.login("supervisor")
    with hub.open_as(supervisor) as store:
        store.deposit(_deposit(), supervisor)
    with hub.open_as_it() as store:
        store.decide(_deposit().id, Decision.REFUSED, "a reason")
        store.register_signer(signer("Dana Whitfield"))
        for who in (supervisor, None):
            opened = hub.open_as(who) if who else hub.open_as_it()
            with opened as direct, pytest.raises(HubRefused):
                direct.rows(statement)
        assert store.counts() == {"refused": 1}
        assert [d.target for d in store.refused()] == ["Dana Whitfield"]
        assert len(store.signers()) == 1


def test_an_accepted_deposit_is_final(hub: Hub) -> None:
    with hub.open_as_it() as store:
        store.deposit(_deposit(), "me")
        store.decide(_deposit().id, Decision.REFUSED, "signer not registered")
        store.decide(_deposit().id, Decision.ACCEPTED)
        with pytest.raises(HubRefused, match="final"):
            store.decide(_deposit().id, Decision.REFUSED, "changed my mind")
        assert store.counts() == {"accepted": 1}


def test_the_hub_sets_the_receipt_time_and_the_sender(hub: Hub) -> None:
    d = _deposit()
    insert = (
        "INSERT INTO deposit(id, kind, target, record_reference, is_addendum, sha256, content, "
        "sender, received_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)"
    )
    params = (d.id, d.kind, d.target, d.record_reference, False, d.sha256, d.content, "forged",
              "2001-01-01T00:00:00+00:00")  # fmt: skip
    with hub.open_as_it() as store:
        if hub.backend == "file":
            with pytest.raises(HubRefused, match="receipt time"):
                store.rows(insert, (*params[:4], 0, *params[5:]))
            return
        store.rows(insert, params)
        (state,) = store.received()
        assert state.received_at.year >= 2026
        assert state.sender == "hub_it"


def test_postgresql_checks_the_content_against_its_hash(hub: Hub) -> None:
    d = _deposit()
    with hub.open_as_it() as store:
        insert = (
            "INSERT INTO deposit(id, kind, target, record_reference, is_addendum, sha256, "
            "content, sender) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
        )
        params = (d.id, d.kind, d.target, d.record_reference, 0, d.sha256, b"other bytes", "me")
        if hub.backend == "file":
            # The file hub cannot hash in a trigger: intake refuses it instead (test_intake).
            store.rows(insert, params)
            assert store.received()[0].content == b"other bytes"
            return
        with pytest.raises(HubRefused, match="does not match its SHA-256"):
            store.rows(insert, (*params[:4], False, *params[5:]))


_FORBIDDEN = {
    "supervisor": (
        "SELECT id FROM deposit",
        "SELECT 1 FROM intake_decision",
        "SELECT 1 FROM hr_file",
        "SELECT 1 FROM child_inbox",
        "SELECT 1 FROM service_figures",
        "SELECT 1 FROM service_highlights",
        "SELECT 1 FROM waiting_by_kind",
    ),
    "hr": (
        "SELECT 1 FROM child_inbox",
        "SELECT 1 FROM deposit",
        "SELECT 1 FROM service_figures",
        "SELECT 1 FROM service_highlights",
    ),
    "records-officer": (
        "SELECT 1 FROM hr_file",
        "SELECT 1 FROM service_figures",
        "SELECT 1 FROM service_highlights",
    ),
    "psw": (
        "SELECT 1 FROM deposit",
        "SELECT 1 FROM hr_file",
        "SELECT 1 FROM child_inbox",
        "SELECT 1 FROM waiting_by_kind",
    ),
}


@pytest.mark.parametrize("role", sorted(_FORBIDDEN))
def test_a_role_reading_what_it_must_not_is_refused(hub: Hub, role: str) -> None:
    if hub.backend == "file":
        # What docs/organisation.md says: the file hub has no roles, so whoever
        # opens the file reads everything.
        with hub.open_as(hub.login(role)) as store:
            for statement in _FORBIDDEN[role]:
                store.rows(statement)
        return
    login = hub.login(role)
    with hub.open_as(login) as store:
        for statement in _FORBIDDEN[role]:
            with pytest.raises(HubRefused, match="role does not allow"):
                store.rows(statement)


def test_a_supervisor_sees_only_their_own_deposits(hub: Hub) -> None:
    first, second = hub.login("supervisor"), hub.login("supervisor")
    with hub.open_as(first) as store:
        store.deposit(_deposit(b"%PDF first"), first)
    with hub.open_as(second) as store:
        store.deposit(_deposit(b"%PDF second"), second)
        mine = store.my_deposits(second)
    assert [d.id for d in mine] == [_deposit(b"%PDF second").id]
