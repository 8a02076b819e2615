"""The command line on a full and a read-only drive, and its other plain-words messages.

The disk cases run the real ``supnotes`` program in a child process against a
real 2 MB tmpfs, as a user would, and check the exit code, the one line on
stderr and that no traceback ever shows. Vaults are made in-process with
cheap key-derivation parameters (they travel in the key file), so each run
of the program stays quick.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supnotes.cli import main
from supnotes.vault.errors import TooManyAttempts, waiting_time
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.paths import VaultPaths
from supnotes.vault.throttle import MAX_DELAY_SECONDS
from supnotes.vault.vault import Vault
from tests.drives import SmallDrive, small_drive
from tests.vault.conftest import PASSPHRASE

__all__ = ["small_drive"]

NEW_PASSPHRASE = "another long enough passphrase"


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def supnotes(*args: str | Path, **env: str) -> Run:
    """Run the real program as a user would; no traceback may ever reach them."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SUPNOTES_")}
    environment |= {"SUPNOTES_PASSPHRASE": PASSPHRASE} | env
    done = subprocess.run(
        [sys.executable, "-m", "supnotes", *map(str, args)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert "Traceback" not in done.stdout, done.stdout
    if done.returncode:
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert done.stderr.startswith("supnotes: "), done.stderr
    return Run(done.returncode, done.stdout, done.stderr)


def _vault(folder: Path) -> Path:
    vault, _ = Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS)
    with vault, vault.transaction() as conn:
        conn.execute("INSERT INTO setting VALUES ('note', '\"kept\"', 'now')")
    return folder


def _says_full(run: Run) -> None:
    line = run.err.lower()
    assert run.code == 2, run
    assert "drive is full" in line, line
    for word in ("permission", "write-protected", "drive is read-only", "what you typed"):
        assert word not in line, line


def _says_read_only(run: Run) -> None:
    line = run.err.lower()
    assert run.code == 2, run
    assert "read-only" in line, line
    assert "full" not in line, line
    assert "what you typed" not in line, line


@pytest.fixture
def full_vault(small_drive: SmallDrive) -> Path:
    """A vault on a drive with no room left."""
    folder = _vault(small_drive.path / "vault")
    small_drive.fill()
    return folder


def test_a_vault_on_a_full_drive_can_be_checked_listed_and_backed_up_elsewhere(
    full_vault: Path, tmp_path: Path
) -> None:
    check = supnotes("check", "--vault", full_vault)
    assert check.code == 0
    assert "drive is full" in check.out
    backup = supnotes("backup", "--vault", full_vault, "--out", tmp_path / "copy.snbackup")
    assert backup.code == 0, backup
    assert (tmp_path / "copy.snbackup").stat().st_mode & 0o777 == 0o600
    assert supnotes("list", "--vault", full_vault).code == 0
    export = supnotes(
        "export", "--vault", full_vault, "--format", "json", "--out", tmp_path / "all.json"
    )
    assert export.code == 0, export
    assert json.loads((tmp_path / "all.json").read_text())["format"]


def test_writing_to_a_full_drive_says_it_is_full(
    full_vault: Path, small_drive: SmallDrive, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.snbackup"
    assert supnotes("backup", "--vault", full_vault, "--out", copy).code == 0
    before = small_drive.entries()
    _says_full(supnotes("restore", "--vault", small_drive.path / "restored", copy))
    _says_full(
        supnotes(
            "export",
            "--vault",
            full_vault,
            "--format",
            "json",
            "--out",
            small_drive.path / "a.json",
        )
    )
    _says_full(
        supnotes("change-passphrase", "--vault", full_vault, SUPNOTES_NEW_PASSPHRASE=NEW_PASSPHRASE)
    )
    _says_full(supnotes("init", "--vault", small_drive.path / "second"))
    assert small_drive.entries() == before
    # The passphrase was not changed half-way: the old one still opens it.
    assert supnotes("check", "--vault", full_vault).code == 0


def test_a_backup_onto_a_drive_without_room_says_so_and_leaves_nothing(
    small_drive: SmallDrive, tmp_path: Path
) -> None:
    folder = tmp_path / "vault"
    vault, _ = Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS)
    with vault, vault.transaction() as conn:
        for n in range(30):
            conn.execute(
                "INSERT INTO setting VALUES (?, ?, 'now')", (f"k{n}", os.urandom(50_000).hex())
            )
    run = supnotes("backup", "--vault", folder, "--out", small_drive.path / "copy.snbackup")
    _says_full(run)
    assert "MB" in run.err
    assert small_drive.entries() == set()


def test_a_read_only_drive_is_told_apart_from_a_full_one(
    small_drive: SmallDrive, tmp_path: Path
) -> None:
    folder = _vault(small_drive.path / "vault")
    small_drive.read_only()
    check = supnotes("check", "--vault", folder)
    assert check.code == 0
    assert "read-only" in check.out
    assert supnotes("backup", "--vault", folder, "--out", tmp_path / "copy.snbackup").code == 0
    _says_read_only(supnotes("init", "--vault", small_drive.path / "second"))
    _says_read_only(
        supnotes(
            "export", "--vault", folder, "--format", "json", "--out", small_drive.path / "a.json"
        )
    )
    _says_read_only(
        supnotes("change-passphrase", "--vault", folder, SUPNOTES_NEW_PASSPHRASE=NEW_PASSPHRASE)
    )


def test_an_export_into_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    folder = _vault(tmp_path / "vault")
    run = supnotes(
        "export", "--vault", folder, "--format", "json", "--out", tmp_path / "nowhere" / "a.json"
    )
    assert run.code == 2
    assert f"the folder {tmp_path / 'nowhere'} does not exist" in run.err
    assert ".tmp" not in run.err
    folder_as_out = supnotes("export", "--vault", folder, "--format", "json", "--out", tmp_path)
    assert folder_as_out.code == 2
    assert "is a folder" in folder_as_out.err


def test_an_unfinished_vault_says_so(tmp_path: Path) -> None:
    folder = _vault(tmp_path / "vault")
    VaultPaths(folder).creating.touch()
    run = supnotes("check", "--vault", folder)
    assert run.code == 2
    assert "interrupted" in run.err


# -- passphrases and waiting --------------------------------------------------------------


def test_an_empty_passphrase_variable_is_called_empty_not_missing(tmp_path: Path) -> None:
    folder = _vault(tmp_path / "vault")
    run = supnotes("check", "--vault", folder, SUPNOTES_PASSPHRASE="")
    assert run.code == 2
    assert "SUPNOTES_PASSPHRASE is set but empty" in run.err
    assert "needed" not in run.err


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (0.001, "1 second"),
        (0.5, "1 second"),
        (1.0, "1 second"),
        (1.2, "2 seconds"),
        (2.0, "2 seconds"),
        (59.5, "1 minute"),
        (60.0, "1 minute"),
        (61.0, "1 minute 1 second"),
        (125.0, "2 minutes 5 seconds"),
        (300.0, "5 minutes"),
    ],
)
def test_waiting_time_in_words(seconds: float, words: str) -> None:
    assert waiting_time(seconds) == words
    assert TooManyAttempts(seconds).advice == f"Wait {words} before trying again."


@given(st.floats(min_value=0.0, max_value=MAX_DELAY_SECONDS, exclude_min=True))
def test_waiting_time_is_never_zero_never_short_and_agrees_in_number(seconds: float) -> None:
    words = waiting_time(seconds).split()
    said = 0
    for number, unit in zip(words[::2], words[1::2], strict=True):
        count = int(number)
        assert count >= 1
        assert unit == (unit.rstrip("s") if count == 1 else unit.rstrip("s") + "s")
        said += count * (60 if unit.startswith("minute") else 1)
    assert seconds <= said  # never tells anyone to wait less than they must
    assert said == 1 or said - 1 < seconds  # and never a whole second more


def test_the_command_line_says_how_long_to_wait(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _vault(tmp_path / "vault")
    # Three wrong passphrases half a second ago: 2 s of waiting, 1.5 s still to go.
    VaultPaths(folder).attempts.write_text(
        json.dumps({"failures": 3, "last_failure": time.time() - 0.5})
    )
    monkeypatch.setenv("SUPNOTES_PASSPHRASE", PASSPHRASE)
    assert main(["check", "--vault", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "Wait 2 seconds before trying again." in err
    assert "0 seconds" not in err


# -- nothing unexpected reaches a user as a traceback ---------------------------------------


def test_an_unexpected_error_is_one_line_exit_4(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from supnotes.cli import vault_commands

    def broken(folder: Path) -> None:
        raise ValueError("a bug")

    folder = _vault(tmp_path / "vault")
    monkeypatch.setenv("SUPNOTES_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(vault_commands, "_drive_note", broken)
    assert main(["check", "--vault", str(folder)]) == 4
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "ValueError" in err
    assert "bug" in err
    monkeypatch.setenv("SUPNOTES_DEBUG", "1")
    with pytest.raises(ValueError, match="a bug"):
        main(["check", "--vault", str(folder)])


def _older_vault(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A vault at schema version 1, as the first SupNotes made it."""
    from supnotes.vault import migrations

    with monkeypatch.context() as patch:
        patch.setattr(migrations, "_MODULES", migrations._MODULES[:1])
        migrations.migrations.cache_clear()
        _vault(folder)
    migrations.migrations.cache_clear()
    return folder


def test_reading_commands_bring_an_older_vault_up_to_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from supnotes.vault.backup import read_manifest

    folder = _older_vault(tmp_path / "vault", monkeypatch)
    assert supnotes("list", "--vault", folder).code == 0
    (copy,) = (folder / "backups").glob("before-migration-v1-*.snbackup")
    assert read_manifest(copy)["schema_version"] == 1


def test_an_older_vault_on_a_full_drive_can_be_backed_up_not_listed(
    small_drive: SmallDrive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _older_vault(small_drive.path / "vault", monkeypatch)
    small_drive.fill()
    listing = supnotes("list", "--vault", folder)
    _says_full(listing)
    assert "must be updated" in listing.err
    assert supnotes("backup", "--vault", folder, "--out", tmp_path / "old.snbackup").code == 0
