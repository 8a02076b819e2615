"""``--smoke`` never hangs: an unexpected error ends it at once with one line and exit 1.

Both run the real program as a subprocess with a timeout, so a hang fails
the test (TimeoutExpired) instead of stalling the run.
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

from supnotes.domain.template_loader import default_library
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.vault import Unlock, Vault
from tests.e2e.smoke_boom import SECRET
from tests.e2e.test_smoke import PASSPHRASE, _env
from tests.ui.editor.conftest import WORKER

ROOT = Path(__file__).resolve().parents[2]


def _run(module: str, args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        cwd=ROOT,
    )


def _vault(folder: Path) -> Vault:
    return Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS)[0]


def test_an_unexpected_error_ends_the_smoke_run_with_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    _vault(folder).close()
    env = _env(tmp_path, SUPNOTES_PASSPHRASE=PASSPHRASE)
    done = _run("tests.e2e.smoke_boom", ["--vault", str(folder), "--smoke"], env)
    assert done.returncode == 1, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("supnotes:")]
    assert len(lines) == 1, done.stderr
    assert re.fullmatch(
        r"supnotes: --smoke failed, unexpected error: OverflowError at smoke_boom\.py:\d+ in _boom",
        lines[0],
    )
    assert SECRET not in done.stderr + done.stdout
    assert "ready in" not in done.stdout


def test_smoke_opens_a_record_dated_the_last_day_of_9999(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    with _vault(folder) as vault:
        WorkerRepository(vault).save(WORKER)
        template = default_library().get("one-to-one")
        RecordRepository(vault).create(template, worker_id=WORKER.id, held_on=date(9999, 12, 31))
    env = _env(tmp_path, SUPNOTES_PASSPHRASE=PASSPHRASE)
    done = _run("supnotes", ["--vault", str(folder), "--smoke"], env)
    assert done.returncode == 0, done.stderr
    assert "ready in" in done.stdout


def test_the_app_clears_empty_drafts_at_start_and_keeps_the_rest(tmp_path: Path) -> None:
    """A crash leaves an empty draft; the next start removes it, and only it."""
    folder = tmp_path / "vault"
    template = default_library().get("one-to-one")
    with _vault(folder) as vault:
        WorkerRepository(vault).save(WORKER)
        records = RecordRepository(vault)
        written = records.create(template, worker_id=WORKER.id, held_on=date(2026, 3, 2))
        records.save_answer(written.record.id, "notes.notes", "Talked about the rota.")
        empty = records.create(template, worker_id=WORKER.id, held_on=date(2026, 3, 9))
    env = _env(tmp_path, SUPNOTES_PASSPHRASE=PASSPHRASE)
    done = _run("supnotes", ["--vault", str(folder), "--smoke"], env)
    assert done.returncode == 0, done.stderr
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault:
        ids = RecordRepository(vault).ids()
    assert written.record.id in ids
    assert empty.record.id not in ids
