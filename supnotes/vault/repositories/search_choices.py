"""What the search filters can offer: the child references and templates the records use."""

from __future__ import annotations

from supnotes.vault.repositories.templates import TemplateStore
from supnotes.vault.vault import Vault

_CHILD_REFS = (
    "SELECT child_ref FROM case_discussion WHERE child_ref <> '' "
    "UNION SELECT child_ref FROM decision WHERE child_ref IS NOT NULL AND child_ref <> '' "
    "UNION SELECT child_ref FROM action WHERE child_ref IS NOT NULL AND child_ref <> '' "
    "ORDER BY 1"
)
_TEMPLATES = "SELECT template_id, MAX(template_version) FROM record GROUP BY template_id"


def child_refs(vault: Vault) -> list[str]:
    """Every child reference named in a case discussion, decision or action, sorted."""
    return [str(row[0]) for row in vault.query(_CHILD_REFS)]


def templates_used(vault: Vault) -> list[tuple[str, str]]:
    """(template id, title) of every template a record uses, by title."""
    store = TemplateStore(vault)
    found: list[tuple[str, str]] = []
    for template_id, version in vault.query(_TEMPLATES):
        found.append((str(template_id), store.title(str(template_id), int(str(version)))))
    return sorted(found, key=lambda pair: pair[1].casefold())
