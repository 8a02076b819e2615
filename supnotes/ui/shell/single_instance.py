"""One program per vault; a second launch brings the first window forward.

Without sockets (SupNotes opens none): the first program holds an OS file
lock named after the vault folder and watches its runtime folder. A second
program finds the lock taken, drops a small request file there, and exits;
the first sees the file appear (QFileSystemWatcher), removes it and raises
its window. The files hold nothing but a process id.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from filelock import FileLock, Timeout
from platformdirs import user_runtime_path
from PySide6.QtCore import QFileSystemWatcher, QObject, Signal

from supnotes.vault.paths import APP_NAME


def runtime_folder() -> Path:
    return user_runtime_path(APP_NAME, appauthor=False)


class SingleInstance(QObject):
    raise_requested = Signal()  # a second launch asked for this window

    def __init__(self, vault_folder: Path, runtime: Path | None = None) -> None:
        super().__init__()
        self._runtime = runtime or runtime_folder()
        digest = hashlib.sha256(str(vault_folder.resolve()).encode("utf-8")).hexdigest()[:16]
        self._lock = FileLock(
            str(self._runtime / f"instance-{digest}.lock"), timeout=0, thread_local=False
        )
        self.request_file = self._runtime / f"raise-{digest}.request"
        self._watcher: QFileSystemWatcher | None = None

    def claim(self) -> bool:
        """True if this is the first program for the vault; else ask the first to come forward."""
        self._runtime.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            self._ask_first_to_raise()
            return False
        with contextlib.suppress(FileNotFoundError):
            self.request_file.unlink()
        self._watcher = QFileSystemWatcher([str(self._runtime)], self)
        self._watcher.directoryChanged.connect(self._check_request)
        return True

    def _ask_first_to_raise(self) -> None:
        tmp = self.request_file.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(str(os.getpid()), encoding="ascii")
        tmp.replace(self.request_file)

    def _check_request(self, _folder: str) -> None:
        if self.request_file.exists():
            with contextlib.suppress(FileNotFoundError):
                self.request_file.unlink()
            self.raise_requested.emit()

    def release(self) -> None:
        if self._watcher is not None:
            self._watcher.removePaths(self._watcher.directories())
            self._watcher = None
        if self._lock.is_locked:
            self._lock.release()
