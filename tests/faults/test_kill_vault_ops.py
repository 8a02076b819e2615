"""SIGKILL at random moments during a backup, a passphrase change, a migration and sealing.

Each operation runs for real in a child process (:mod:`tests.faults.vault_ops_child`)
and is killed with SIGKILL at a random moment after it has started. After
every kill, as the next run would: the vault opens with exactly one
passphrase (the old or the new, never neither), ``check`` passes, what was
confirmed before the kill is there, and no partial file or staging folder is
left once the next run has cleared what the killed one left.

Size: ``SUPNOTES_VAULT_KILLS`` kills per operation (default 6, the CI size);
the full run is ``SUPNOTES_VAULT_KILLS=50 uv run pytest tests/faults/test_kill_vault_ops.py``.
``SUPNOTES_FAULT_SEED`` repeats a run's kill moments (the seed is printed).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from supnotes.vault import errors, migrations
from supnotes.vault.backup import read_manifest, write_backup
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.migrate import schema_version
from supnotes.vault.restore import restore_backup
from supnotes.vault.throttle import UnlockThrottle
from supnotes.vault.vault import Unlock, Vault
from tests.faults.vault_ops_child import OUT_NAME

KILLS = int(os.environ.get("SUPNOTES_VAULT_KILLS", "6"))
SEED = int(os.environ.get("SUPNOTES_FAULT_SEED", str(random.SystemRandom().randrange(10**6))))
OLD = "the old passphrase, long enough"
NEW = "the new passphrase, also long"
THIRD = "a third passphrase, long enough"
ROOT = Path(__file__).resolve().parents[2]
LAST_RUN: dict[str, float] = {}

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120 + 40 * KILLS)]


@pytest.fixture
def rng(request: pytest.FixtureRequest) -> random.Random:
    print(f"\n{request.node.name}: SUPNOTES_FAULT_SEED={SEED} SUPNOTES_VAULT_KILLS={KILLS}")
    return random.Random(f"{SEED}-{request.node.name}")


def _child(*args: str | Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.faults.vault_ops_child", *map(str, args)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _kill_after_start(child: subprocess.Popen[str], delay: float) -> tuple[list[str], bool]:
    """Wait for ``start``, let it run ``delay`` seconds, SIGKILL it; its lines and if it was.

    ``LAST_RUN["seconds"]`` is then how long it ran after ``start``.
    """
    assert child.stdout is not None
    assert child.stderr is not None
    first = child.stdout.readline().strip()
    if first != "start":
        child.kill()
        raise AssertionError(f"the child did not start: {first!r} {child.stderr.read()}")
    started = time.monotonic()
    try:
        child.wait(timeout=delay)
        killed = False
    except subprocess.TimeoutExpired:
        child.send_signal(signal.SIGKILL)
        child.wait()
        killed = True
    LAST_RUN["seconds"] = time.monotonic() - started
    lines = child.stdout.read().splitlines()
    err = child.stderr.read()
    child.stdout.close()
    child.stderr.close()
    if not killed:
        assert child.returncode == 0, err
    return lines, killed


def _open(folder: Path, passphrase: str, tmp_path: Path, *, read_only: bool = False) -> Vault:
    # A throttle outside the vault: trying the wrong one of two passphrases is
    # part of the check, not an attack.
    attempts = tmp_path / f"attempts-{time.monotonic_ns()}.json"
    return Vault.open(
        folder,
        Unlock(passphrase=passphrase),
        throttle=UnlockThrottle(attempts),
        read_only=read_only,
    )


def _opens_with_exactly_one(folder: Path, phrases: list[str], tmp_path: Path) -> int:
    """Open as the next run would (its clean-up included), with each passphrase; check it."""
    opened = []
    for index, phrase in enumerate(phrases):
        try:
            vault = _open(folder, phrase, tmp_path)
        except errors.WrongPassphrase:
            continue
        with vault:
            report = vault.check()
            assert report.ok, report.problems
            assert schema_version(vault.conn) == migrations.latest_version()
        opened.append(index)
    assert len(opened) == 1, f"opened with {opened}"
    return opened[0]


def _leftovers(folder: Path) -> list[str]:
    """Anything in a closed vault folder but the vault and its finished backups."""
    allowed = {"supnotes.db", "supnotes.key", "supnotes.lock", "backups"}
    found = [p.name for p in folder.iterdir() if p.name not in allowed]
    backups = folder / "backups"
    if backups.is_dir():
        found += [
            f"backups/{p.name}"
            for p in backups.iterdir()
            if p.name.startswith(".") or not p.name.endswith(".snbackup")
        ]
    return found


def _make_vault(folder: Path, passphrase: str = OLD) -> None:
    vault, _ = Vault.create(folder, passphrase, kdf_params=TEST_PARAMS)
    with vault, vault.transaction() as conn:
        for n in range(40):
            conn.execute(
                "INSERT INTO setting VALUES (?, ?, 'now')",
                (f"k{n}", f'"{os.urandom(20_000).hex()}"'),
            )


def test_killed_backups_leave_the_vault_whole_and_nothing_half_written(
    tmp_path: Path, rng: random.Random
) -> None:
    folder = tmp_path / "vault"
    _make_vault(folder)
    out = tmp_path / "out"
    kills = written = staged = 0
    for _ in range(KILLS):
        lines, killed = _kill_after_start(_child("backup", folder, OLD), rng.uniform(0.0, 3.0))
        kills += killed
        written += lines.count("done")
        staged += len(list(out.glob(".backup-*")))
        assert _opens_with_exactly_one(folder, [OLD, NEW], tmp_path) == 0
        assert _leftovers(folder) == []
        copy = out / OUT_NAME
        if copy.exists():  # never a half-written backup under the real name
            assert read_manifest(copy)["format"] == "supnotes-backup"
            with zipfile.ZipFile(copy) as archive:
                assert archive.testzip() is None
        # The next backup there clears the staging a killed one left.
        with _open(folder, OLD, tmp_path, read_only=True) as vault:
            write_backup(vault, copy)
        assert sorted(p.name for p in out.iterdir()) == [OUT_NAME]
    print(f"backup: {kills} kills, {written} backups finished, {staged} staging folders cleared")
    assert kills >= KILLS // 2
    restore_backup(out / OUT_NAME, tmp_path / "restored", Unlock(passphrase=OLD))
    with _open(tmp_path / "restored", OLD, tmp_path) as restored:
        assert restored.check().ok


def test_killed_passphrase_changes_leave_exactly_one_passphrase(
    tmp_path: Path, rng: random.Random
) -> None:
    folder = tmp_path / "vault"
    _make_vault(folder)
    # Three in a cycle: the one that opens must be the last confirmed or the one
    # being written when killed, never an earlier one (a confirmed change lost).
    phrases = [OLD, NEW, THIRD]
    current = 0
    changes = landed = 0
    for _ in range(KILLS):
        order = [phrases[(current + k) % 3] for k in range(3)]
        lines, _ = _kill_after_start(_child("passphrase", folder, *order), rng.uniform(0.0, 0.5))
        confirmed = [int(line.split()[1]) for line in lines if line.startswith("now ")]
        changes += len(confirmed)
        last = (current + (confirmed[-1] if confirmed else 0)) % 3
        opened = _opens_with_exactly_one(folder, phrases, tmp_path)
        assert opened in {last, (last + 1) % 3}, (opened, last)
        landed += opened != last
        current = opened
        assert _leftovers(folder) == []
    print(
        f"change-passphrase: {KILLS} kills, {changes} changes confirmed, "
        f"{landed} in-flight changes found complete, never neither passphrase"
    )
    assert changes > 0


@pytest.fixture
def old_vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A vault at schema version 1, as the first SupNotes made it."""
    folder = tmp_path / "old-template"
    monkeypatch.setattr(migrations, "_MODULES", migrations._MODULES[:1])
    migrations.migrations.cache_clear()
    try:
        _make_vault(folder)
        with _open(folder, OLD, tmp_path) as vault:
            assert schema_version(vault.conn) == 1
    finally:
        monkeypatch.undo()
        migrations.migrations.cache_clear()
    return folder


def test_killed_migrations_leave_a_vault_that_opens_and_upgrades(
    tmp_path: Path, old_vault: Path, rng: random.Random
) -> None:
    # How long the upgrade takes here, to spread the kills over it.
    timed = tmp_path / "timed"
    shutil.copytree(old_vault, timed)
    lines, _ = _kill_after_start(_child("migrate", timed, OLD), 60.0)
    assert lines == ["done"]
    window = LAST_RUN["seconds"]
    reached: list[int] = []
    for n in range(KILLS):
        folder = tmp_path / f"kill-{n}"
        shutil.copytree(old_vault, folder)
        _kill_after_start(_child("migrate", folder, OLD), rng.uniform(0.0, window))
        with _open(folder, OLD, tmp_path, read_only=True) as vault:
            reached.append(schema_version(vault.conn))
        assert _opens_with_exactly_one(folder, [OLD, NEW], tmp_path) == 0
        assert _leftovers(folder) == []
        # Each open that migrates first keeps a whole copy of the version it found.
        for copy in (folder / "backups").glob("before-migration-v*.snbackup"):
            named = int(copy.name.removeprefix("before-migration-v").split("-")[0])
            assert read_manifest(copy)["schema_version"] == named < migrations.latest_version()
    found = {v: reached.count(v) for v in sorted(set(reached))}
    print(f"migration: {KILLS} kills over {window:.2f} s; schema versions after the kill: {found}")


@pytest.fixture
def drafts_vault(tmp_path: Path) -> Path:
    """A vault of generated drafts and a signing identity, ready to seal."""
    from supnotes.domain.demo import build_demo
    from supnotes.domain.records import RecordStatus
    from supnotes.domain.template_loader import default_library
    from supnotes.services import identity as identities
    from supnotes.vault.demo import write_demo

    demo = build_demo(default_library(), today=date(2026, 3, 20), history_days=max(30, 12 * KILLS))
    drafts = tuple(
        replace(c, record=replace(c.record, status=RecordStatus.DRAFT, signed_at=None))
        for c in demo.records
    )
    folder = tmp_path / "vault"
    vault, _ = Vault.create(folder, OLD, kdf_params=TEST_PARAMS)
    with vault:
        write_demo(vault, replace(demo, records=drafts))
        identities.ensure(vault, demo.supervisor)
    return folder


def _seal_state(folder: Path, tmp_path: Path) -> tuple[set[str], list[str]]:
    """The signed records, and any record whose status and sealed PDFs disagree."""
    with _open(folder, OLD, tmp_path, read_only=True) as vault:
        signed = {str(r[0]) for r in vault.query("SELECT id FROM record WHERE status = 'signed'")}
        torn = vault.query(
            "SELECT r.id FROM record r WHERE (r.status = 'signed') != EXISTS ("
            "SELECT 1 FROM sealed_document d WHERE d.record_id = r.id "
            "AND d.output = 'supervision-file' AND d.addendum_id IS NULL)"
        )
    return signed, [str(r[0]) for r in torn]


def test_killed_sealing_leaves_each_record_a_draft_or_sealed(
    tmp_path: Path, drafts_vault: Path, rng: random.Random
) -> None:
    confirmed: set[str] = set()
    for _ in range(KILLS):
        lines, _ = _kill_after_start(_child("seal", drafts_vault, OLD), rng.uniform(0.0, 2.0))
        confirmed |= {line.split()[1] for line in lines if line.startswith("sealed ")}
        assert _opens_with_exactly_one(drafts_vault, [OLD, NEW], tmp_path) == 0
        signed, torn = _seal_state(drafts_vault, tmp_path)
        assert torn == []
        assert confirmed <= signed
        assert _leftovers(drafts_vault) == []
    print(f"sealing: {KILLS} kills, {len(confirmed)} records sealed, none torn")
    assert confirmed


def test_a_killed_demo_is_refused_then_cleared_by_a_rerun(
    tmp_path: Path, rng: random.Random
) -> None:
    """``supnotes demo`` killed while writing and sealing: never a vault of silent drafts."""
    folder = tmp_path / "demo"
    command = [sys.executable, "-m", "supnotes", "demo", "--days", "30", "--vault", str(folder)]
    env = os.environ | {"SUPNOTES_PASSPHRASE": OLD}
    child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    # Kill it once the records are being written and sealed (the log has grown).
    log = folder / "supnotes.db-wal"
    deadline = time.monotonic() + 120
    while (not log.exists() or log.stat().st_size < 500_000) and child.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    time.sleep(rng.uniform(0.0, 0.5))
    assert child.poll() is None, "the demo finished before it could be killed"
    child.send_signal(signal.SIGKILL)
    child.wait()
    with pytest.raises(errors.VaultUnfinished):
        _open(folder, OLD, tmp_path)
    rerun = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert "Traceback" not in rerun.stderr
    with _open(folder, OLD, tmp_path) as vault:
        assert vault.check().ok
        (unsealed,) = vault.query(
            "SELECT count(*) FROM record r WHERE r.status = 'signed' AND NOT EXISTS ("
            "SELECT 1 FROM sealed_document d WHERE d.record_id = r.id)"
        )[0]
        (signed,) = vault.query("SELECT count(*) FROM record WHERE status = 'signed'")[0]
    assert unsealed == 0
    assert signed
    assert _leftovers(folder) == []


def test_a_killed_demo_app_leaves_a_folder_the_next_demo_removes(tmp_path: Path) -> None:
    """``supnotes --demo`` killed (a crash, a power cut): its temporary vault does not pile up."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = os.environ | {"TMPDIR": str(temp), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("SUPNOTES_PASSPHRASE", None)
    app = subprocess.Popen(
        [sys.executable, "-m", "supnotes", "--demo"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while not list(temp.glob("supnotes-demo-*/vault/supnotes.db")) and app.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    app.send_signal(signal.SIGKILL)
    app.wait()
    (left,) = list(temp.glob("supnotes-demo-*"))
    smoke = subprocess.run(
        [sys.executable, "-m", "supnotes", "--demo", "--smoke"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert smoke.returncode == 0, smoke.stderr
    assert not left.exists()
    assert not list(temp.glob("supnotes-demo-*"))
