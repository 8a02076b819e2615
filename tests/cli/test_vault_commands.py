"""The vault commands, as IT and scripts use them."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from supnotes import __version__
from supnotes.cli import main
from supnotes.vault.paths import VaultPaths
from tests.vault.conftest import PASSPHRASE

RECOVERY_RE = re.compile(r"^\s+([0-9A-Z]{4}(?:-[0-9A-Z]{4}){7})$", re.MULTILINE)


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch: pytest.MonkeyPatch, fast_kdf: None) -> None:
    monkeypatch.setenv("SUPNOTES_PASSPHRASE", PASSPHRASE)


def _init(folder: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["init", "--vault", str(folder)]) == 0
    out = capsys.readouterr().out
    match = RECOVERY_RE.search(out)
    assert match, out
    return match.group(1)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_init_prints_recovery_key_once_and_check_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "v"
    key = _init(folder, capsys)
    assert main(["check", "--vault", str(folder)]) == 0
    assert "ok" in capsys.readouterr().out
    # The recovery key is stored nowhere in the folder.
    for path in folder.rglob("*"):
        if path.is_file():
            assert key.encode() not in path.read_bytes()


def test_vault_option_before_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "v"
    _init(folder, capsys)
    assert main(["--vault", str(folder), "check"]) == 0


def test_init_refuses_an_existing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "v"
    _init(folder, capsys)
    assert main(["init", "--vault", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("supnotes: ")
    assert err.count("\n") == 1


def test_wrong_passphrase_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "v"
    _init(folder, capsys)
    monkeypatch.setenv("SUPNOTES_PASSPHRASE", "definitely not it")
    assert main(["check", "--vault", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "passphrase does not open" in err
    assert err.count("\n") == 1
    assert "definitely not it" not in err


def test_corrupt_vault_check_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "v"
    _init(folder, capsys)
    db = VaultPaths(folder).db
    data = bytearray(db.read_bytes())
    data[4096 + 64] ^= 0xFF
    db.write_bytes(bytes(data))
    assert main(["check", "--vault", str(folder)]) == 1
    assert "damaged" in capsys.readouterr().err


def test_missing_passphrase_without_terminal_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "v"
    _init(folder, capsys)
    monkeypatch.delenv("SUPNOTES_PASSPHRASE")
    with Path(os.devnull).open() as no_terminal:
        monkeypatch.setattr("sys.stdin", no_terminal)
        assert main(["check", "--vault", str(folder)]) == 2
    assert "Passphrase needed" in capsys.readouterr().err


def test_backup_restore_and_change_passphrase(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "v"
    key = _init(folder, capsys)
    backup = tmp_path / "b.snbackup"
    assert main(["backup", "--vault", str(folder), "--out", str(backup)]) == 0
    assert backup.exists()

    monkeypatch.setenv("SUPNOTES_NEW_PASSPHRASE", "the new long passphrase")
    assert main(["change-passphrase", "--vault", str(folder)]) == 0
    monkeypatch.setenv("SUPNOTES_PASSPHRASE", "the new long passphrase")
    assert main(["check", "--vault", str(folder)]) == 0

    # Forgotten passphrase: recovery key, then a new one.
    monkeypatch.setenv("SUPNOTES_RECOVERY_KEY", key)
    monkeypatch.setenv("SUPNOTES_NEW_PASSPHRASE", "a third long passphrase")
    assert main(["change-passphrase", "--recovery-key", "--vault", str(folder)]) == 0
    monkeypatch.setenv("SUPNOTES_PASSPHRASE", "a third long passphrase")
    assert main(["check", "--vault", str(folder)]) == 0

    # The backup still opens with the passphrase of its day.
    monkeypatch.setenv("SUPNOTES_PASSPHRASE", PASSPHRASE)
    assert main(["restore", str(backup), "--vault", str(tmp_path / "restored")]) == 0
    assert main(["check", "--vault", str(tmp_path / "restored")]) == 0
    capsys.readouterr()
    assert main(["restore", str(tmp_path / "nothing.snbackup"), "--vault", str(folder)]) == 2
    assert "not a readable SupNotes backup" in capsys.readouterr().err


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["frobnicate"])
    assert exit_info.value.code == 2


def test_module_entry_point_runs_as_a_program() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "supnotes", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"SupNotes {__version__}"


def _restore_says(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(args)
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    return code, err


def test_restoring_a_damaged_backup_blames_the_backup_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import zipfile

    folder = tmp_path / "v"
    _init(folder, capsys)
    good = tmp_path / "good.snbackup"
    assert main(["backup", "--vault", str(folder), "--out", str(good)]) == 0
    short = tmp_path / "dbshort.snbackup"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(short, "w") as copy:
        for name in source.namelist():
            data = source.read(name)
            copy.writestr(name, data[:4096] if name == "supnotes.db" else data)

    code, err = _restore_says(["restore", str(short), "--vault", str(folder)], capsys)
    assert code == 2
    assert "backup is damaged" in err
    assert "vault file is damaged" not in err
    assert "malformed" not in err
    assert err.lower().count("not changed") + err.lower().count("nothing") == 1

    code, err = _restore_says(["restore", str(tmp_path), "--vault", str(folder)], capsys)
    assert code == 2
    assert "is a folder, not a backup file" in err
    assert "Errno" not in err

    monkeypatch.setenv("SUPNOTES_PASSPHRASE", "not the passphrase of that day")
    code, err = _restore_says(["restore", str(good), "--vault", str(tmp_path / "new")], capsys)
    assert code == 2
    assert "does not open this backup" in err
    assert main(["check", "--vault", str(folder)]) == 2  # the live vault's passphrase differs
    monkeypatch.setenv("SUPNOTES_PASSPHRASE", PASSPHRASE)
    assert main(["check", "--vault", str(folder)]) == 0
    assert not list(folder.glob("replaced-*"))


def test_backup_into_a_folder_that_does_not_exist_is_refused_and_makes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "v"
    _init(folder, capsys)
    missing = tmp_path / "nonexistent"
    code, err = _restore_says(
        ["backup", "--vault", str(folder), "--out", str(missing / "b.snbackup")], capsys
    )
    assert code == 2
    assert f"the folder {missing} does not exist" in err
    assert not missing.exists()
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    code, err = _restore_says(
        ["backup", "--vault", str(folder), "--out", str(a_file / "b.snbackup")], capsys
    )
    assert code == 2
    assert "is not a folder" in err
    # The app's own folder is still made when needed; an existing one is used.
    assert main(["backup", "--vault", str(folder), "--out", str(tmp_path / "b.snbackup")]) == 0
