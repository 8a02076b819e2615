"""The vault's copies of the template versions its records use."""

from __future__ import annotations

from supnotes.domain.template_loader import TemplateError, parse_template
from supnotes.domain.templates import Template
from supnotes.vault.connection import Connection
from supnotes.vault.vault import Vault

#: ``vault.session`` key: template titles by (id, version), parsed once per unlock.
_TITLES = "template-titles"


def store_snapshot(conn: Connection, template: Template) -> None:
    """Keep ``template``'s text (first copy wins: a version never changes once used)."""
    conn.execute(
        "INSERT OR IGNORE INTO template_snapshot(id, version, source) VALUES (?, ?, ?)",
        (template.id, template.version, template.source),
    )


class TemplateStore:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def get(self, template_id: str, version: int) -> Template:
        """The exact version a record was written with (KeyError if the vault lacks it)."""
        rows = self._vault.query(
            "SELECT source FROM template_snapshot WHERE id = ? AND version = ?",
            (template_id, version),
        )
        if not rows:
            raise KeyError(f"{template_id} v{version}")
        return parse_template(str(rows[0][0]), f"vault:{template_id}@{version}")

    def title(self, template_id: str, version: int) -> str:
        """The title of the version a record was written with (its id if the vault lacks it).

        Parsed once per unlock and kept in ``vault.session``: a version never
        changes once stored (``store_snapshot``), and a new version is a new key.
        A missing or unreadable snapshot is not remembered, so one stored later
        (an import) is seen.
        """
        titles = self._vault.session.setdefault(_TITLES, {})
        assert isinstance(titles, dict)
        key = (template_id, version)
        found = titles.get(key)
        if found is None:
            try:
                found = titles[key] = self.get(template_id, version).title
            except (KeyError, TemplateError):
                return template_id
        return str(found)

    def sources(self, keys: list[tuple[str, int]] | None = None) -> list[tuple[str, int, str]]:
        rows = self._vault.query("SELECT id, version, source FROM template_snapshot ORDER BY 1, 2")
        found = [(str(r[0]), int(str(r[1])), str(r[2])) for r in rows]
        if keys is None:
            return found
        wanted = set(keys)
        return [f for f in found if (f[0], f[1]) in wanted]

    def save(self, template: Template) -> None:
        with self._vault.transaction() as conn:
            store_snapshot(conn, template)
