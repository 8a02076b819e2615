"""IT's machine-wide defaults file: where it is, what it may hold, what a bad one does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.machine_defaults import (
    ENV_VARIABLE,
    MachineDefaultsError,
    defaults_path,
    machine_defaults,
    parse,
    read,
)
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Unlock, Vault

PASSPHRASE = "violet tractor sandwich lagoon"

GOOD = """
# Northshire's defaults for every supervisor (installed by IT, read-only).
[organisation]
name = "Northshire Children's Services"

[marking]
text = "OFFICIAL-SENSITIVE"

[lock]
idle_minutes = 3

[retention]
years = 25
basis = "after-creation"

[schedule.rule]
asye = "weekly-6-then-fortnightly"

[trust]
signer_register = "/etc/supnotes/signers"
"""


@pytest.fixture
def defaults_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "defaults.toml"
    monkeypatch.setenv(ENV_VARIABLE, str(path))
    return path


def test_each_system_has_one_documented_place() -> None:
    assert defaults_path("linux", {}) == PurePosixPath("/etc/supnotes/defaults.toml")
    assert defaults_path("darwin", {}) == PurePosixPath(
        "/Library/Application Support/SupNotes/defaults.toml"
    )
    assert defaults_path("win32", {"PROGRAMDATA": r"D:\ProgramData"}) == PureWindowsPath(
        r"D:\ProgramData\SupNotes\defaults.toml"
    )
    assert defaults_path("win32", {}) == PureWindowsPath(r"C:\ProgramData\SupNotes\defaults.toml")
    assert defaults_path("linux", {ENV_VARIABLE: "/srv/t.toml"}) == Path("/srv/t.toml")


def test_a_good_file_gives_settings_and_the_signer_register() -> None:
    from supnotes.domain.rule_names import FREQUENCY_RULE_CHOICES

    rule = FREQUENCY_RULE_CHOICES[-1][0]
    found = parse(GOOD.replace("weekly-6-then-fortnightly", rule), PurePosixPath("/x"))
    assert found.problem is None
    assert found.settings == {
        "organisation.name": "Northshire Children's Services",
        "marking.text": "OFFICIAL-SENSITIVE",
        "lock.idle_minutes": 3,
        "retention.years": 25,
        "retention.basis": "after-creation",
        "schedule.rule.asye": rule,
    }
    assert found.signer_register == Path("/etc/supnotes/signers")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[lock\nidle_minutes = 3", "not valid TOML"),
        ('passphrase = "hunter2"', "'passphrase' is not a machine-wide setting"),
        ('[profile]\nname = "Ann"', "'profile.name' is not a machine-wide setting"),
        ("[lock]\nidle_minutes = 600", "lock.idle_minutes: Lock after idle (minutes) must be at"),
        ('[lock]\nidle_minutes = "five"', "must be a whole number"),
        ('[retention]\nbasis = "forever"', "Counted from must be one of"),
        ('[trust]\nsigner_register = "signers.pem"', "must be a full path"),
        ("[trust]\nsigner_register = 7", "must be the path of a file or folder"),
    ],
)
def test_a_bad_file_is_ignored_whole_with_a_plain_reason(
    defaults_file: Path, text: str, reason: str
) -> None:
    defaults_file.write_text(text + '\n[organisation]\nname = "Kept out"\n', encoding="utf-8")
    found = read(defaults_file)
    assert found.settings == {}
    assert found.signer_register is None
    assert found.problem is not None
    assert found.problem.startswith(f"the machine-wide defaults in {defaults_file} were ignored")
    assert reason in found.problem
    assert "Traceback" not in found.problem


def test_unreadable_and_binary_files_are_ignored(defaults_file: Path) -> None:
    defaults_file.write_bytes(b"\xff\xfe\x00binary")
    assert "not UTF-8" in (read(defaults_file).problem or "")
    defaults_file.write_text("# " + "x" * 70_000, encoding="utf-8")
    assert "larger than" in (read(defaults_file).problem or "")
    assert read(defaults_file.parent / "absent.toml").problem is None  # no file: no defaults
    with pytest.raises(MachineDefaultsError, match="not a machine-wide setting"):
        parse("secret = 1", defaults_file)


def test_a_new_vault_takes_the_defaults_and_keeps_them(defaults_file: Path, tmp_path: Path) -> None:
    defaults_file.write_text(GOOD.replace('asye = "weekly-6-then-fortnightly"\n', ""), "utf-8")
    vault, _ = Vault.create(tmp_path / "v", PASSPHRASE, kdf_params=TEST_PARAMS)
    with vault:
        store = SettingsStore(vault)
        assert store.get("organisation.name") == "Northshire Children's Services"
        assert store.get_int("lock.idle_minutes") == 3
        store.set("lock.idle_minutes", 10)  # the supervisor's own choice wins
    # Stored in the vault: the file changing later does not change this vault.
    defaults_file.write_text('[organisation]\nname = "Elsewhere"\n', encoding="utf-8")
    with Vault.open(tmp_path / "v", Unlock(passphrase=PASSPHRASE)) as vault:
        store = SettingsStore(vault)
        assert store.get("organisation.name") == "Northshire Children's Services"
        assert store.get_int("lock.idle_minutes") == 10
        assert store.all()["retention.years"] == 25


def test_a_setting_never_set_reads_the_machine_default(defaults_file: Path, tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "v", PASSPHRASE, kdf_params=TEST_PARAMS)
    with vault:
        assert SettingsStore(vault).get("marking.text") != "OFFICIAL-SENSITIVE PERSONAL"
        marking = '[marking]\ntext = "OFFICIAL-SENSITIVE PERSONAL"\n'
        defaults_file.write_text(marking, encoding="utf-8")
        assert machine_defaults().settings == {"marking.text": "OFFICIAL-SENSITIVE PERSONAL"}
        assert SettingsStore(vault).get("marking.text") == "OFFICIAL-SENSITIVE PERSONAL"
        assert SettingsStore(vault).all()["marking.text"] == "OFFICIAL-SENSITIVE PERSONAL"
        defaults_file.write_text("[marking\n", encoding="utf-8")  # broken: ignored
        assert SettingsStore(vault).get("marking.text") != "OFFICIAL-SENSITIVE PERSONAL"


def _cli(*args: str, env_file: Path) -> subprocess.CompletedProcess[str]:
    import os

    env = {**os.environ, ENV_VARIABLE: str(env_file)}
    env.pop("SUPNOTES_TRUST", None)
    return subprocess.run(
        [sys.executable, "-m", "supnotes", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )


def test_the_command_line_says_once_that_a_bad_file_was_ignored(
    defaults_file: Path, tmp_path: Path
) -> None:
    defaults_file.write_text("[lock]\nidle_minutes = 0\n", encoding="utf-8")
    done = _cli("verify", str(tmp_path / "absent.pdf"), env_file=defaults_file)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert lines[0].startswith(f"supnotes: the machine-wide defaults in {defaults_file} were")
    assert "must be at least 1" in lines[0]
    assert len(lines) == 2
    assert "absent.pdf" in lines[1]


def test_verify_reads_the_organisations_signer_register(
    defaults_file: Path, tmp_path: Path
) -> None:
    from pypdf import PdfWriter

    pdf = tmp_path / "blank.pdf"
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    with pdf.open("wb") as handle:
        writer.write(handle)
    register = tmp_path / "signers"
    defaults_file.write_text(f'[trust]\nsigner_register = "{register}"\n', encoding="utf-8")
    done = _cli("verify", str(pdf), env_file=defaults_file)
    assert done.returncode == 2  # the register it was told to read is not there
    assert str(register) in done.stderr


def test_the_documented_example_is_a_valid_file() -> None:
    docs = Path(__file__).resolve().parents[2] / "docs" / "defaults.md"
    text = docs.read_text(encoding="utf-8")
    example = text.split("```toml\n", 1)[1].split("```", 1)[0]
    found = parse(example, PurePosixPath("/etc/supnotes/defaults.toml"))
    assert found.settings["organisation.name"] == "Northshire Children's Services"
    assert found.settings["schedule.rule.qualified"] == "four-weekly"
    assert found.signer_register == Path("/etc/supnotes/signers")
