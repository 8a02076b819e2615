"""Real small drives for the disk tests: a 2 MB tmpfs, filled up or remounted read-only.

Mounting needs root; elsewhere the tests skip (and fail in CI, see
:mod:`tests.tools`). Root ignores file modes, so read-only here means a
read-only mount, as a write-protected USB stick is.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.tools import missing, need_command

SIZE = "2m"
_CHUNK = 64 * 1024


@dataclass
class SmallDrive:
    """A tmpfs mounted at ``path`` for one test."""

    path: Path

    def free(self) -> int:
        return shutil.disk_usage(self.path).free

    def fill(self, leave: int = 0) -> None:
        """Take up all the free space but about ``leave`` bytes."""
        filler = self.path / f"filler-{len(list(self.path.glob('filler-*')))}"
        with filler.open("wb") as handle, contextlib.suppress(OSError):
            while self.free() > leave:
                handle.write(b"\0" * min(_CHUNK, max(4096, self.free() - leave)))
                handle.flush()

    def empty(self) -> None:
        """Give back the space taken by :meth:`fill`."""
        for filler in self.path.glob("filler-*"):
            filler.unlink()

    def read_only(self, on: bool = True) -> None:
        """Remount read-only (``on``) or writable again."""
        option = "remount,ro" if on else "remount,rw"
        subprocess.run(["mount", "-o", option, str(self.path)], check=True)

    def entries(self) -> set[str]:
        """Everything on the drive, as paths relative to it (fillers left out)."""
        return {
            str(p.relative_to(self.path))
            for p in self.path.rglob("*")
            if not p.name.startswith("filler-")
        }


@pytest.fixture
def small_drive(tmp_path: Path) -> Iterator[SmallDrive]:
    """A fresh 2 MB tmpfs, unmounted afterwards."""
    if os.geteuid() != 0:
        missing("mounting a tmpfs for the full-disk tests needs root")
    mount = need_command("mount", "mount")
    umount = need_command("umount", "mount")
    point = tmp_path / "drive"
    point.mkdir()
    done = subprocess.run(
        [mount, "-t", "tmpfs", "-o", f"size={SIZE},mode=0700", "tmpfs", str(point)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        missing(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield SmallDrive(point)
    finally:
        subprocess.run([umount, "-l", str(point)], check=False)
