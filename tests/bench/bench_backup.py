"""Benchmark: ``write_backup`` of a generated vault, each of its three ways, beside ``cp``.

Run by hand on a copy of a cached bench vault (the cache is only read):

    uv run python -m tests.bench.bench_backup ~/.cache/supnotes-bench/v1-1y-1 \
        --work /tmp/backupfast --runs 3

Each run times, interleaved so the machine's load touches all alike:

- the floor: ``cp`` of the vault's database file and an ``fsync`` of the copy
  (what any backup of that file must at least do);
- ``write_backup`` as it is on a quiet vault: the encrypted file copied as it
  is, then every page of the copy checked (``cipher_integrity_check``);
- ``write_backup`` as when another connection keeps the log from being folded
  in: a page copy through SQLite's backup API;
- ``write_backup`` through the export all backups used before
  (``sqlcipher_export``, still the last fallback in :mod:`supnotes.vault.backup`).

It prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from supnotes.vault import backup
from supnotes.vault.connection import Connection
from supnotes.vault.vault import Unlock, Vault
from tests.bench.vaultgen import PASSPHRASE

COMMAND = "uv run python -m tests.bench.bench_backup VAULT --work DIR --runs N"


@contextmanager
def _replaced(name: str, stand_in: Callable[..., object]) -> Iterator[None]:
    real = getattr(backup, name)
    setattr(backup, name, stand_in)
    try:
        yield
    finally:
        setattr(backup, name, real)


def _never_still(conn: Connection, db: Path) -> bool:
    return False


def _export(conn: Connection, vault: Vault, target: Path, *, snapshot: bool = False) -> int:
    return backup._export_through(conn, vault, target, snapshot=snapshot)


@contextmanager
def _way(name: str) -> Iterator[None]:
    """``write_backup`` forced down one of its ways."""
    if name == "file copy + page check":
        yield
        return
    with _replaced("_hold_still", _never_still):
        if name == "backup API page copy":
            yield
            return
        with _replaced("_copy_or_export", _export):
            yield


def _timed(action: Callable[..., object], *args: object) -> float:
    start = time.perf_counter()
    action(*args)
    return time.perf_counter() - start


def _cp_and_fsync(source: Path, target: Path) -> None:
    subprocess.run(["cp", str(source), str(target)], check=True)
    with target.open("rb+") as handle:
        os.fsync(handle.fileno())


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("vault", type=Path, help="a bench vault's folder (copied, not changed)")
    parser.add_argument("--work", type=Path, required=True, help="scratch folder for the copies")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    source = args.vault.expanduser().resolve()
    if (source / "vault").is_dir():
        source = source / "vault"
    work = args.work.resolve()
    folder = work / "vault"
    out = work / "out"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(source, folder, ignore=shutil.ignore_patterns("backups", "*.lock"))
    out.mkdir(parents=True, exist_ok=True)
    print(f"before: {_uptime()}")
    ways = ["file copy + page check", "backup API page copy", "sqlcipher_export (before)"]
    figures: dict[str, list[float]] = {"cp + fsync (floor)": [], **{way: [] for way in ways}}
    sizes: dict[str, int] = {}
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault:
        (pages,) = vault.query("PRAGMA page_count")[0]
        (free,) = vault.query("PRAGMA freelist_count")[0]
        print(f"vault: {vault.paths.db.stat().st_size / 1e6:.0f} MB, {pages} pages, {free} free")
        floor, copy = out / "floor.db", out / "copy.snbackup"
        for run in range(args.runs):
            figures["cp + fsync (floor)"].append(_timed(_cp_and_fsync, vault.paths.db, floor))
            floor.unlink()
            for way in ways:
                with _way(way):
                    figures[way].append(_timed(backup.write_backup, vault, copy))
                sizes[way] = copy.stat().st_size
                copy.unlink()
            print(f"run {run + 1}: " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in figures.items()))
    print(f"after: {_uptime()}")
    for name, samples in figures.items():
        size = f", backup {sizes[name] / 1e6:.0f} MB" if name in sizes else ""
        print(
            f"{name}: n={len(samples)} median {statistics.median(samples):.2f} s "
            f"min {min(samples):.2f} s max {max(samples):.2f} s{size}"
        )
    print(f"measured with: {COMMAND}")
    shutil.rmtree(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
