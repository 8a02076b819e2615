"""The frozen Linux bundle: built with installers/build-linux.sh, then checked.

The build script itself runs the bundle's --version, every command's --help,
--smoke (offscreen), a sealed demo record's verify and the vault's check
(installers/check-bundle.sh), then validates the desktop files and packs the
tarball. This test runs it in a fresh build folder and looks at what it made.
"""

from __future__ import annotations

import os
import subprocess
import tarfile
from pathlib import Path

import pytest

from tests.tools import need_command

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "org.supnotes.SupNotes"


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    for command, package in (
        ("uv", "uv (pip install uv)"),
        ("objdump", "binutils"),
        ("desktop-file-validate", "desktop-file-utils"),
        ("appstreamcli", "appstream"),
    ):
        need_command(command, package)
    out = tmp_path_factory.mktemp("bundle")
    env = {**os.environ, "SUPNOTES_BUILD_DIR": str(out)}
    env.pop("VIRTUAL_ENV", None)
    done = subprocess.run(
        [str(ROOT / "installers" / "build-linux.sh")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=840,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    return out, done.stdout


def test_the_bundle_passed_its_checks(build: tuple[Path, str]) -> None:
    _, log = build
    assert "version: SupNotes " in log
    assert "help: 14 commands answer --help" in log or "commands answer --help" in log
    assert "ready in" in log  # --smoke printed its start-up time
    assert "verify: exit 0" in log  # intact, signer in the register given
    assert "check: ok:" in log
    assert "desktop-file-validate and appstreamcli validate --no-net: passed" in log


def test_the_bundle_carries_what_it_needs_and_not_what_it_does_not(
    build: tuple[Path, str],
) -> None:
    out, _ = build
    internal = out / "dist" / "supnotes" / "_internal"
    resources = internal / "supnotes" / "resources"
    for needed in (
        "templates/one-to-one.toml",
        "fonts/NotoSans-Regular.ttf",
        "dictionaries/en_GB.dic",
        "icc/sRGB.icc",
        "icons/supnotes-256.png",
    ):
        assert (resources / needed).is_file(), needed
    assert list(internal.glob("supnotes-*.dist-info/METADATA"))  # the version's source
    modules = _frozen_modules(out)
    for module in (
        "supnotes.cli.pdf_commands",  # imported by name: collect_submodules
        "supnotes.cli.model_commands",
        "sqlcipher3",
        "pikepdf",
        "pypdfium2",
        "pyhanko.sign",
        "reportlab.pdfgen",
        "zxcvbn",
        "hunspell",
        "platformdirs",
    ):
        assert module in modules, module
    for absent in ("pytest", "_pytest", "hypothesis", "pytestqt", "pypdf", "mypy", "requests"):
        assert not {m for m in modules if m == absent or m.startswith(absent + ".")}, absent
        assert not (internal / absent).exists(), absent
    qt = internal / "PySide6"
    assert not list(qt.glob("QtNetwork*"))
    assert not list(qt.glob("QtQml*"))
    plugins = qt / "Qt" / "plugins"
    assert not (plugins / "sqldrivers").exists()
    assert not (plugins / "tls").exists()
    assert not (plugins / "imageformats" / "libqpdf.so").exists()
    assert not (plugins / "platformthemes" / "libqgtk3.so").exists()
    assert not (internal / "libgtk-3.so.0").exists()
    assert (plugins / "platformthemes" / "libqxdgdesktopportal.so").is_file()
    assert (plugins / "platforms" / "libqxcb.so").is_file()
    assert (plugins / "platforms" / "libqoffscreen.so").is_file()


def _frozen_modules(out: Path) -> set[str]:
    """Every module name in the bundle's archives (PyInstaller's archive viewer)."""
    viewer = out / "venv" / "bin" / "pyi-archive_viewer"
    done = subprocess.run(
        [str(viewer), "-r", "-b", str(out / "dist" / "supnotes" / "supnotes")],
        capture_output=True,
        text=True,
        check=True,
    )
    names = {line.strip() for line in done.stdout.splitlines()}
    internal = out / "dist" / "supnotes" / "_internal"
    # Extension modules live beside the archive, as files or package folders.
    names |= {path.name for path in internal.iterdir() if path.is_dir()}
    return names


def test_the_tarball_holds_the_bundle_and_its_desktop_integration(
    build: tuple[Path, str],
) -> None:
    out, _ = build
    (tarball,) = out.glob("SupNotes-*-linux-*.tar.gz")
    with tarfile.open(tarball) as archive:
        names = set(archive.getnames())
    (top,) = {name.split("/")[0] for name in names}
    for member in (
        "supnotes/supnotes",
        "install.sh",
        f"share/applications/{APP_ID}.desktop",
        f"share/metainfo/{APP_ID}.metainfo.xml",
        f"share/icons/hicolor/256x256/apps/{APP_ID}.png",
        f"share/icons/hicolor/scalable/apps/{APP_ID}.svg",
    ):
        assert f"{top}/{member}" in names, member
