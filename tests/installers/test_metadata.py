"""The version's single source, and the Linux desktop files as validators read them."""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

import supnotes
from tests.tools import need_command

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "resources" / "linux"
APP_ID = "org.supnotes.SupNotes"


def _pyproject_version() -> str:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]
    assert isinstance(version, str)
    return version


def test_the_version_comes_from_pyproject() -> None:
    assert supnotes.__version__ == _pyproject_version()
    source = (ROOT / "supnotes" / "__init__.py").read_text(encoding="utf-8")
    assert _pyproject_version() not in source


def test_the_desktop_file_is_valid() -> None:
    validate = need_command("desktop-file-validate", "desktop-file-utils")
    done = subprocess.run(
        [validate, str(LINUX / f"{APP_ID}.desktop")], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == ""  # not even a hint


def test_the_metainfo_is_valid_and_has_this_release() -> None:
    appstreamcli = need_command("appstreamcli", "appstream")
    metainfo = LINUX / f"{APP_ID}.metainfo.xml"
    done = subprocess.run(
        [appstreamcli, "validate", "--no-net", str(metainfo)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    text = metainfo.read_text(encoding="utf-8")
    assert f'<release version="{_pyproject_version()}"' in text
    assert "<screenshot" in text


def test_every_icon_size_is_there() -> None:
    icons = ROOT / "resources" / "icons"
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        data = (icons / f"supnotes-{size}.png").read_bytes()
        assert data.startswith(b"\x89PNG")
        width = int.from_bytes(data[16:20], "big")
        assert width == size
    assert (icons / "supnotes.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert (icons / "supnotes.icns").read_bytes()[:4] == b"icns"
    assert (icons / "supnotes.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
