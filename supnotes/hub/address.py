"""Where a hub is, and how a connection to it must be made.

- ``postgresql://…`` (or a libpq ``key=value`` string): over TCP the
  connection always uses ``sslmode=verify-full`` against the organisation's
  CA; a URL asking for anything weaker is refused, not quietly upgraded, so
  IT sees what they wrote was wrong. A local socket (no host, or a host that
  is a folder such as ``/run/postgresql``) needs no TLS.
- a file path: the embedded SQLite hub (``docs/organisation.md`` says what
  it does not guarantee).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from supnotes.hub.errors import HubError

CONNECT_TIMEOUT_SECONDS = 10


class Backend(enum.StrEnum):
    POSTGRESQL = "postgresql"
    FILE = "file"


@dataclass(frozen=True)
class HubAddress:
    backend: Backend
    location: str  # the URL (no password) or the file's path

    @staticmethod
    def file(path: Path) -> HubAddress:
        return HubAddress(Backend.FILE, str(path))

    @staticmethod
    def postgresql(url: str) -> HubAddress:
        params = _parse(url)
        if "password" in params:
            raise HubError(
                "the hub address must not hold a password: it is asked for, or read from "
                "SUPNOTES_HUB_PASSWORD, and kept only in the vault"
            )
        sslmode = params.get("sslmode")
        if not is_local_socket(params) and sslmode not in (None, "verify-full"):
            raise HubError(
                f"sslmode={sslmode} is not allowed: a hub over the network is reached only "
                "with sslmode=verify-full (the server's certificate checked against the "
                "organisation's CA, given with --ca)"
            )
        return HubAddress(Backend.POSTGRESQL, url)

    def user(self) -> str:
        """The login the address names ("" for none, and for the file hub)."""
        return "" if self.backend is Backend.FILE else _parse(self.location).get("user", "")

    @property
    def local_socket(self) -> bool:
        return self.backend is Backend.FILE or is_local_socket(_parse(self.location))

    def describe(self) -> str:
        """The address for messages and logs (it never holds a password)."""
        return self.location if self.backend is Backend.FILE else _without_secrets(self.location)

    def name(self) -> str:
        """A short name for the access trail: no folder, no login, no password.

        The file hub is named by its file's name; a PostgreSQL hub by its
        database and host ("supnotes on hub.example.org").
        """
        if self.backend is Backend.FILE:
            return "hub file " + Path(self.location).name
        params = _parse(self.location)
        host = params.get("host", "")
        where = "the local socket" if not host or host.startswith("/") else host
        return f"hub {params.get('dbname', '') or 'postgresql'} on {where}"


def _parse(url: str) -> dict[str, str]:
    from psycopg.conninfo import conninfo_to_dict

    try:
        found = conninfo_to_dict(url)
    except Exception as exc:  # noqa: BLE001 (psycopg.ProgrammingError: not a libpq address)
        raise HubError(f"not a PostgreSQL address ({str(exc).strip().splitlines()[0]})") from None
    return {key: str(value) for key, value in found.items() if value is not None}


def is_local_socket(params: dict[str, str]) -> bool:
    host = params.get("host", "")
    hosts = [h for h in host.split(",") if h] if host else []
    return not params.get("hostaddr") and all(h.startswith("/") for h in hosts)


def _without_secrets(url: str) -> str:
    params = _parse(url)
    params.pop("password", None)
    host = params.get("host", "(local socket)")
    return f"postgresql {params.get('user', '')}@{host}:{params.get('port', '5432')}/" + params.get(
        "dbname", ""
    )


def connection_params(
    address: HubAddress, *, user: str | None, password: str | None, ca_file: Path | None
) -> dict[str, str]:
    """libpq parameters for ``address``: verify-full with the CA over TCP, or a socket."""
    params = _parse(address.location)
    if user:
        params["user"] = user
    if password:
        params["password"] = password
    params.setdefault("connect_timeout", str(CONNECT_TIMEOUT_SECONDS))
    params["application_name"] = "supnotes"
    if is_local_socket(params):
        return params
    if ca_file is None:
        raise HubError(
            "a hub over the network needs the organisation's CA certificate (--ca FILE) so "
            "the server can be verified"
        )
    params["sslmode"] = "verify-full"
    params["sslrootcert"] = str(ca_file)
    return params
