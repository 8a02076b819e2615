"""The hub on the organisation's PostgreSQL, through psycopg (libpq)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import psycopg
from psycopg import errors as pg_errors
from psycopg import sql
from psycopg.conninfo import make_conninfo

from supnotes.hub.address import Backend, HubAddress, connection_params
from supnotes.hub.deposits import Decision, NewDeposit, Signer
from supnotes.hub.errors import HubError, HubRefused, HubSchemaError, HubUnreachable
from supnotes.hub.schema_postgres import GROUP_ROLES, MIGRATIONS, grants
from supnotes.hub.store import HubStore, Row


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


# libpq gives no SQLSTATE for a failed connection: these are its (and the server's
# English) words for a login the hub refused, which trying again will not mend.
_LOGIN_REFUSED = ("password authentication failed",)


def _raise_connect(exc: psycopg.Error) -> NoReturn:
    text = _first_line(exc)
    if "no password supplied" in text:
        raise HubRefused(
            "the hub asks for a password and none was given "
            "(IT's commands read it from SUPNOTES_HUB_PASSWORD)"
        ) from None
    if any(words in text for words in _LOGIN_REFUSED):
        raise HubRefused(
            "the hub refused the login: check the user name and password "
            f"('hub connect' keeps them in the vault; IT sets them with 'hub user'; {text})"
        ) from None
    if "does not exist" in text and "database" in text:
        raise HubRefused(f"the hub's server has no such database: check the URL ({text})") from None
    _raise(exc)


def _raise(exc: psycopg.Error) -> NoReturn:
    if isinstance(exc, pg_errors.InsufficientPrivilege):
        raise HubRefused(
            f"your hub login's role does not allow this ({_first_line(exc)})"
        ) from None
    if isinstance(exc, pg_errors.RaiseException | pg_errors.IntegrityError):
        raise HubRefused(f"the hub refused it: {_first_line(exc)}") from None
    if isinstance(exc, pg_errors.UndefinedTable):
        raise HubSchemaError("the database holds no SupNotes hub (IT runs 'hub init')") from None
    if isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
        raise HubUnreachable(
            f"the hub could not be reached or the connection dropped ({_first_line(exc)}); "
            "nothing is lost: try again"
        ) from None
    raise HubError(f"the hub reported a problem ({_first_line(exc)})") from None


class PostgresStore(HubStore):
    backend = Backend.POSTGRESQL

    def __init__(
        self,
        address: HubAddress,
        *,
        user: str | None,
        password: str | None,
        ca_file: Path | None,
    ) -> None:
        self.address = address
        params = connection_params(address, user=user, password=password, ca_file=ca_file)
        try:
            self._conn: psycopg.Connection[Any] = psycopg.connect(
                make_conninfo("", **params), autocommit=True
            )
        except psycopg.Error as exc:
            _raise_connect(exc)

    @property
    def has_roles(self) -> bool:
        return True

    def backend_pid(self) -> int:
        """This connection's server process (tests terminate it to drop the connection)."""
        return int(self._conn.info.backend_pid)

    def rows(self, sql_text: str, params: Sequence[object] = ()) -> list[Row]:
        try:
            cursor = self._conn.execute(sql_text, tuple(params))
            return [tuple(r) for r in cursor.fetchall()] if cursor.description else []
        except psycopg.Error as exc:
            _raise(exc)

    def _count(self, sql_text: str, params: Sequence[object]) -> int:
        try:
            return self._conn.execute(sql_text, tuple(params)).rowcount
        except psycopg.Error as exc:
            _raise(exc)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            with self._conn.transaction():
                yield
        except psycopg.Error as exc:
            _raise(exc)

    def version(self) -> int:
        try:
            exists = self._conn.execute("SELECT to_regclass('hub_version')").fetchone()
            if exists is None or exists[0] is None:
                return 0
            found = self._conn.execute("SELECT version FROM hub_version").fetchone()
        except psycopg.Error as exc:
            _raise(exc)
        return int(found[0]) if found else 0

    def check_version(self) -> None:
        found, latest = self.version(), MIGRATIONS[-1].version
        if found == 0:
            raise HubSchemaError("the database holds no SupNotes hub (IT runs 'hub init')")
        if found != latest:
            raise HubSchemaError(
                f"the hub's schema is at version {found}, this program needs {latest}: "
                "IT runs 'hub init' with the matching SupNotes"
            )

    def initialise(self) -> int:
        try:
            with self._conn.transaction():
                for role in GROUP_ROLES.values():
                    exists = self._conn.execute(
                        "SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)
                    ).fetchone()
                    if not exists:
                        self._conn.execute(
                            sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role))
                        )
                start = self.version()
                for migration in MIGRATIONS:
                    if migration.version <= start:
                        continue
                    for statement in migration.statements:
                        self._conn.execute(statement)
                    self._set_version(migration.version)
                for statement in grants():
                    self._conn.execute(statement)
        except psycopg.Error as exc:
            _raise(exc)
        return self.version()

    def _set_version(self, version: int) -> None:
        # hub_version is not append-only: it is the schema's own bookkeeping.
        self._conn.execute("DELETE FROM hub_version")
        self._conn.execute("INSERT INTO hub_version VALUES (%s)", (version,))

    def create_login(self, name: str, role: str, password: str) -> None:
        group = GROUP_ROLES.get(role)
        if group is None:
            raise HubError(f"unknown role {role!r}: one of {', '.join(GROUP_ROLES)}")
        try:
            with self._conn.transaction():
                exists = self._conn.execute(
                    "SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)
                ).fetchone()
                verb = "ALTER" if exists else "CREATE"
                self._conn.execute(
                    sql.SQL(verb + " ROLE {} LOGIN PASSWORD {}").format(
                        sql.Identifier(name), sql.Literal(password)
                    )
                )
                self._conn.execute(
                    sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(name))
                )
        except psycopg.Error as exc:
            _raise(exc)

    def roles(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {role: [] for role in GROUP_ROLES}
        by_group = {group: role for role, group in GROUP_ROLES.items()}
        for group, member in self.rows(
            "SELECT g.rolname, m.rolname FROM pg_roles g "
            "LEFT JOIN pg_auth_members a ON a.roleid = g.oid "
            "LEFT JOIN pg_roles m ON m.oid = a.member "
            "WHERE g.rolname = ANY(%s) AND NOT g.rolcanlogin ORDER BY 1, 2",
            (list(GROUP_ROLES.values()),),
        ):
            if member is not None:
                found[by_group[str(group)]].append(str(member))
        return found

    def group_roles_present(self) -> list[str]:
        return [
            str(r[0])
            for r in self.rows(
                "SELECT rolname FROM pg_roles WHERE rolname = ANY(%s) AND NOT rolcanlogin "
                "ORDER BY 1",
                (list(GROUP_ROLES.values()),),
            )
        ]

    def close(self) -> None:
        self._conn.close()

    def _insert_deposit(self, deposit: NewDeposit, sender: str) -> bool:  # noqa: ARG002
        # No RETURNING: a supervisor may insert but not read the table.
        return (
            self._count(
                "INSERT INTO deposit(id, kind, target, record_reference, is_addendum, sha256, "
                "content) VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
                (
                    deposit.id,
                    deposit.kind,
                    deposit.target,
                    deposit.record_reference,
                    deposit.is_addendum,
                    deposit.sha256,
                    deposit.content,
                ),
            )
            == 1
        )

    def _my_deposit_rows(self, sender: str) -> list[Row]:  # noqa: ARG002
        return self.rows(
            "SELECT id, kind, target, record_reference, received_at, decision, reason "
            "FROM my_deposits ORDER BY received_at"
        )

    def _insert_signer(self, signer: Signer) -> bool:
        return (
            self._count(
                "INSERT INTO signer(fingerprint, name, subject, role, der) "
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
                (signer.fingerprint, signer.name, signer.subject, signer.role, signer.der),
            )
            == 1
        )

    def _insert_decision(self, deposit_id: str, decision: Decision, reason: str) -> None:
        self._count(
            "INSERT INTO intake_decision(deposit_id, decision, reason) VALUES (%s, %s, %s)",
            (deposit_id, decision.value, reason),
        )
