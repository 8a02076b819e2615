"""Template titles are parsed once per unlock, kept in the vault's session (not per repository)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from supnotes.domain.demo import build_demo
from supnotes.domain.template_loader import TemplateLibrary
from supnotes.vault.demo import write_demo
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.repositories.templates import TemplateStore
from supnotes.vault.repositories.thread import ThreadRepository
from supnotes.vault.vault import Unlock, Vault
from tests.vault.conftest import PASSPHRASE
from tests.vault.test_query_plans import statements


def _busiest(vault: Vault) -> str:
    rows = vault.query(
        "SELECT worker_id FROM record WHERE worker_id IS NOT NULL "
        "GROUP BY worker_id ORDER BY count(*) DESC LIMIT 1"
    )
    return str(rows[0][0])


def test_a_new_repository_asks_one_query_once_titles_are_known(
    tmp_path: Path, library: TemplateLibrary
) -> None:
    vault, _ = Vault.create(tmp_path / "v", PASSPHRASE, kdf_params=TEST_PARAMS)
    with vault:
        write_demo(vault, build_demo(library, today=date(2026, 3, 2), history_days=120))
        worker = _busiest(vault)
        first = ThreadRepository(vault).for_worker(worker)
        with statements(vault) as run:
            again = ThreadRepository(vault).for_worker(worker)  # a fresh repository
        assert again == first
        assert len(run) == 1, run
        assert {e.template_title for e in again} <= {t.title for t in library.latest()}
    # A new unlock starts with nothing remembered and parses them again.
    with Vault.open(tmp_path / "v", Unlock(passphrase=PASSPHRASE)) as reopened:
        with statements(reopened) as run:
            assert ThreadRepository(reopened).for_worker(worker) == first
        assert any("template_snapshot" in sql for sql in run)


def test_a_missing_snapshot_is_not_remembered(vault: Vault, library: TemplateLibrary) -> None:
    store = TemplateStore(vault)
    template = library.latest()[0]
    assert store.title(template.id, template.version) == template.id  # not stored yet
    store.save(template)
    assert store.title(template.id, template.version) == template.title
