"""A growing delay after wrong passphrases.

Argon2id already makes each guess cost half a second; this adds a delay that
doubles after the third wrong attempt in a row (2 s, 4 s, … up to 5 minutes)
and is kept in a small file in the vault folder, so restarting the program
does not reset it. A right passphrase clears it. The file holds only a count
and a time.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from supnotes.vault.atomic import write_atomic
from supnotes.vault.errors import TooManyAttempts, VaultError

FREE_ATTEMPTS = 3
MAX_DELAY_SECONDS = 300.0


def delay_after(failures: int) -> float:
    """Seconds to wait before the next attempt after ``failures`` wrong ones."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(2.0 ** (failures - FREE_ATTEMPTS + 1), MAX_DELAY_SECONDS)


@dataclass
class UnlockThrottle:
    path: Path
    clock: Callable[[], float] = time.time

    def _read(self) -> tuple[int, float]:
        try:
            data = json.loads(self.path.read_text("ascii"))
            return int(data["failures"]), float(data["last_failure"])
        except (OSError, ValueError, KeyError, TypeError):
            return 0, 0.0

    def remaining(self) -> float:
        """Seconds still to wait (0 when an attempt may be made now)."""
        failures, last = self._read()
        wait = delay_after(failures) - (self.clock() - last)
        # A clock set backwards must not lock a supervisor out for long.
        return max(0.0, min(wait, MAX_DELAY_SECONDS))

    def check(self) -> None:
        wait = self.remaining()
        if wait > 0:
            raise TooManyAttempts(wait)

    def failed(self) -> None:
        failures, _ = self._read()
        document = {"failures": failures + 1, "last_failure": self.clock()}
        # A read-only folder must not hide the real error (the wrong passphrase).
        with contextlib.suppress(OSError, VaultError):
            write_atomic(self.path, json.dumps(document).encode("ascii"))

    def succeeded(self) -> None:
        # A read-only drive keeps the count, but must not stop the right passphrase.
        with contextlib.suppress(OSError):
            self.path.unlink()
