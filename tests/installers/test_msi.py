"""The Windows MSI's WiX source, compiled on Linux by wixl and read back by msiinfo."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.tools import need_command

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "installers" / "windows" / "wixl-build.sh"
UPGRADE_CODE = "{F2CFDC2F-B4D1-426B-8480-21F438444B8D}"


def _build(out: Path, defaults: Path | None = None) -> Path:
    need_command("wixl", "wixl")
    need_command("wixl-heat", "wixl")
    args = [str(BUILD), str(out)] + ([str(defaults)] if defaults else [])
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    msi = Path(done.stdout.strip().splitlines()[-1])
    assert msi.is_file()
    return msi


def _table(msi: Path, name: str) -> list[list[str]]:
    msiinfo = need_command("msiinfo", "msitools")
    done = subprocess.run(
        [msiinfo, "export", str(msi), name], capture_output=True, text=True, check=True
    )
    # Three header lines: column names, column types, table name (and keys).
    return [line.split("\t") for line in done.stdout.splitlines()[3:]]


def _properties(msi: Path) -> dict[str, str]:
    return {row[0]: row[1] for row in _table(msi, "Property")}


def test_the_msi_is_per_machine_upgradable_and_described(tmp_path: Path) -> None:
    import tomllib

    msi = _build(tmp_path)
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]
    props = _properties(msi)
    assert props["ProductName"] == "SupNotes"
    assert props["ProductVersion"] == version
    assert props["Manufacturer"] == "SupNotes"
    assert props["UpgradeCode"].upper() == UPGRADE_CODE  # fixed for ever
    assert props["ALLUSERS"] == "1"  # per machine
    for arp in ("ARPPRODUCTICON", "ARPHELPLINK", "ARPURLINFOABOUT", "ARPCOMMENTS"):
        assert props[arp]
    # MajorUpgrade: older versions are removed, newer ones block a downgrade.
    upgrade = _table(msi, "Upgrade")
    assert {row[0] for row in upgrade} == {UPGRADE_CODE}
    assert any(row[-1] == "WIX_UPGRADE_DETECTED" and row[2] == version for row in upgrade)
    assert any(row[-1] == "WIX_DOWNGRADE_DETECTED" and row[1] == version for row in upgrade)


def test_the_msi_installs_the_bundle_and_a_start_menu_shortcut_only(tmp_path: Path) -> None:
    msi = _build(tmp_path)
    files = {row[2] for row in _table(msi, "File")}
    assert {"SupNotes.exe", "supnotes-cli.exe", "python311.dll", "one-to-one.toml"} <= files
    assert "en_GB.dic" in files
    assert "NotoSans-Regular.ttf" in files
    assert "sRGB.icc" in files
    assert "defaults.toml" not in files
    shortcuts = _table(msi, "Shortcut")
    assert [(row[1], row[2], row[4]) for row in shortcuts] == [
        ("ProgramMenuFolder", "SupNotes", "[INSTALLDIR]SupNotes.exe")
    ]
    directories = {row[0]: row for row in _table(msi, "Directory")}
    assert directories["INSTALLDIR"][1:] == ["ProgramFiles64Folder", "SupNotes"]
    # No custom actions, nothing removed beyond what it installed, nothing in
    # a user's profile: vaults and settings survive upgrade and uninstall.
    assert _table(msi, "CustomAction") == []
    assert _table(msi, "RemoveFile") == []
    profile = {"AppDataFolder", "LocalAppDataFolder", "PersonalFolder"}
    assert not profile & set(directories)


def test_the_msi_can_install_the_machine_defaults(tmp_path: Path) -> None:
    defaults = tmp_path / "org-defaults.toml"
    defaults.write_text('organisation = "Northshire Children\'s Services"\n', encoding="utf-8")
    msi = _build(tmp_path / "out", defaults)
    files = {row[2]: row for row in _table(msi, "File")}
    component = files["defaults.toml"][1]
    components = {row[0]: row for row in _table(msi, "Component")}
    directory = components[component][2]
    directories = {row[0]: row for row in _table(msi, "Directory")}
    assert directories[directory][1:] == ["CommonAppDataFolder", "SupNotes"]
