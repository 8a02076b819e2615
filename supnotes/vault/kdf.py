"""Key derivation for unlock methods.

Passphrases go through Argon2id (memory-hard, from ``cryptography``), tuned on
the machine that creates the vault to take about half a second, and never
below 64 MiB and 4 passes however busy the machine is while it measures. The
parameters travel in the key slot, so a vault made on a fast desktop still
opens on a slow laptop, only more slowly. Recovery keys carry 144 random bits
already, so a plain HKDF is enough for them.

Callers normalise passphrases (NFC) before they reach :func:`derive_from_passphrase`;
see :mod:`supnotes.domain.passphrases`.
"""

from __future__ import annotations

import base64
import os
import statistics
import time
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32
SALT_BYTES = 16
MIN_MEMORY_KIB = 64 * 1024
MIN_ITERATIONS = 4
TARGET_SECONDS = 0.5
_MAX_ITERATIONS = 64
#: Timings taken by :func:`calibrate`; the median is used, so one slow one does not count.
CALIBRATION_SAMPLES = 5


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True)
class Argon2Params:
    """Argon2id cost parameters, stored with each passphrase slot."""

    iterations: int
    memory_kib: int
    lanes: int

    def to_json(self) -> dict[str, Any]:
        return {"iterations": self.iterations, "memory_kib": self.memory_kib, "lanes": self.lanes}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Argon2Params:
        params = cls(int(data["iterations"]), int(data["memory_kib"]), int(data["lanes"]))
        if not (1 <= params.iterations <= 1024 and 8 <= params.memory_kib <= 4 * 1024 * 1024):
            raise ValueError("Argon2id parameters out of range")
        if not 1 <= params.lanes <= 16:
            raise ValueError("Argon2id lanes out of range")
        return params


#: Cheap parameters for tests only: real vaults always use calibrated ones.
TEST_PARAMS = Argon2Params(iterations=1, memory_kib=8, lanes=1)


def derive_from_passphrase(passphrase: str, salt: bytes, params: Argon2Params) -> bytes:
    """The 256-bit key-encryption key for ``passphrase``."""
    kdf = Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(passphrase.encode("utf-8"))


def derive_from_secret(secret: bytes, salt: bytes, info: bytes) -> bytes:
    """A 256-bit key from a high-entropy secret (recovery key, data key)."""
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=info).derive(secret)


def calibrate(
    target_seconds: float = TARGET_SECONDS,
    memory_kib: int = MIN_MEMORY_KIB,
    lanes: int = 4,
    samples: int = CALIBRATION_SAMPLES,
) -> Argon2Params:
    """Argon2id parameters that take about ``target_seconds`` here, never below the floor.

    Times ``samples`` single passes at the chosen memory (after one untimed
    pass that pays for allocating it) and takes the median, so a moment of
    load on a shared machine does not decide. The iteration count is the
    target over that median, never below :data:`MIN_ITERATIONS`: a busy
    machine can only make the vault slower to open, never weaker.
    """
    memory_kib = max(memory_kib, MIN_MEMORY_KIB)
    salt = os.urandom(SALT_BYTES)
    probe = Argon2Params(iterations=1, memory_kib=memory_kib, lanes=lanes)
    derive_from_passphrase("calibration", salt, probe)
    timings = []
    for _ in range(max(samples, 1)):
        start = time.perf_counter()
        derive_from_passphrase("calibration", salt, probe)
        timings.append(time.perf_counter() - start)
    per_pass = max(statistics.median(timings), 1e-4)
    iterations = _clamp(round(target_seconds / per_pass))
    return Argon2Params(iterations=iterations, memory_kib=memory_kib, lanes=lanes)


def meets_floor(params: Argon2Params) -> bool:
    """Whether ``params`` are at least the floor new slots get."""
    return params.memory_kib >= MIN_MEMORY_KIB and params.iterations >= MIN_ITERATIONS


def raised_to_floor(params: Argon2Params) -> Argon2Params:
    """``params`` with memory and passes raised to the floor where they are below it."""
    return Argon2Params(
        iterations=max(params.iterations, MIN_ITERATIONS),
        memory_kib=max(params.memory_kib, MIN_MEMORY_KIB),
        lanes=params.lanes,
    )


def _clamp(iterations: int) -> int:
    return min(max(iterations, MIN_ITERATIONS), _MAX_ITERATIONS)
