"""The supervisor's own profile (one per vault)."""

from __future__ import annotations

from supnotes.domain.people import SupervisorProfile
from supnotes.vault.connection import Connection
from supnotes.vault.vault import Vault


def write_profile(conn: Connection, profile: SupervisorProfile) -> None:
    conn.execute(
        "INSERT INTO supervisor_profile(id, name, role, organisation, team, signing_name) "
        "VALUES (1, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
        "role = excluded.role, organisation = excluded.organisation, team = excluded.team, "
        "signing_name = excluded.signing_name",
        (profile.name, profile.role, profile.organisation, profile.team, profile.signing_name),
    )


class ProfileRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def get(self) -> SupervisorProfile | None:
        rows = self._vault.query(
            "SELECT name, role, organisation, team, signing_name FROM supervisor_profile"
        )
        if not rows:
            return None
        name, role, organisation, team, signing_name = (str(v) for v in rows[0])
        return SupervisorProfile(name, role, organisation, team, signing_name)

    def save(self, profile: SupervisorProfile) -> None:
        with self._vault.transaction() as conn:
            write_profile(conn, profile)
