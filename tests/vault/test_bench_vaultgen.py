"""The benchmark vault generator (tests/bench/vaultgen.py) makes a vault the real check passes.

A few days of history keep this quick; the 1-, 10- and 30-year vaults are
built by the benchmarks themselves.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from supnotes.cli import main
from supnotes.domain.template_loader import default_library
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.repositories.records import load_content
from supnotes.vault.vault import Unlock, Vault
from tests.bench import vaultgen
from tests.bench.vaultgen_plan import plan
from tests.bench.vaultgen_text import vocabulary

YEARS = 0.04


def test_a_small_generated_vault_passes_the_real_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "vault"
    manifest = vaultgen.build(folder, years=YEARS, seed=3, kdf_params=TEST_PARAMS, team=15)
    monkeypatch.setenv("SUPNOTES_PASSPHRASE", vaultgen.PASSPHRASE)
    assert main(["--vault", str(folder), "check"]) == 0
    assert "passed" in capsys.readouterr().out
    with Vault.open(folder, Unlock(vaultgen.PASSPHRASE), read_only=True) as vault:
        (records,) = vault.query("SELECT count(*) FROM record")[0]
        assert records == manifest.records
        assert manifest.records > 15
        one_to_ones = [
            str(r[0])
            for r in vault.query(
                "SELECT id FROM record WHERE template_id IN ('one-to-one', 'asye-supervision')"
            )
        ]
        assert one_to_ones
        for record_id in one_to_ones:
            words = vaultgen.text_words(load_content(vault.conn, record_id))
            assert 1500 <= words <= 4000, (record_id, words)
        (sealed,) = vault.query(
            "SELECT count(DISTINCT record_id) FROM sealed_document d JOIN record r "
            "ON r.id = d.record_id AND r.sealed_sha256 = d.sha256"
        )[0]
        assert sealed == manifest.sealed_records
        assert manifest.sealed_records > 0
        (linked,) = vault.query("SELECT count(*) FROM attendee WHERE worker_id IS NOT NULL")[0]
        assert isinstance(linked, int)
        assert linked > 0


def test_the_same_seed_gives_the_same_vault_and_another_seed_another() -> None:
    library = default_library()
    first, again = (plan(library, years=YEARS, seed=5) for _ in range(2))
    other = plan(library, years=YEARS, seed=6)
    assert first == again
    assert [w.name for w in first.workers] != [w.name for w in other.workers]
    vocab = vocabulary(5)
    names = {w.id: w.name for w in first.workers}
    long = next(c for c in first.records if c.record.template_id == "one-to-one")
    written = vaultgen.write_text(long, vocab, 5, names)
    assert written == vaultgen.write_text(long, vocab, 5, names)
    assert written != vaultgen.write_text(long, vocab, 6, names)


def test_the_text_is_varied_not_a_few_repeated_sentences() -> None:
    library = default_library()
    the_plan = plan(library, years=YEARS, seed=7)
    vocab = vocabulary(7)
    names = {w.id: w.name for w in the_plan.workers}
    sessions = [c for c in the_plan.records if c.record.template_id == "one-to-one"][:5]
    words: list[str] = []
    for content in sessions:
        written = vaultgen.write_text(content, vocab, 7, names)
        words += (
            " ".join(v for v in written.record.answers.values() if isinstance(v, str))
            .lower()
            .split()
        )
    distinct = set(words)
    # Well over a thousand distinct words in five sessions, many used only once.
    assert len(distinct) > 1500
    once = sum(1 for w in distinct if words.count(w) == 1)
    assert once > len(distinct) / 3
