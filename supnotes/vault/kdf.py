"""Key derivation for unlock methods.

Passphrases go through Argon2id (memory-hard, from ``cryptography``), tuned on
the machine that creates the vault to take about half a second with at least
64 MiB. The parameters travel in the key slot, so a vault made on a fast
desktop still opens on a slow laptop, only more slowly. Recovery keys carry
144 random bits already, so a plain HKDF is enough for them.
"""

from __future__ import annotations

import base64
import os
import time
from dataclasses import dataclass, replace
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32
SALT_BYTES = 16
MIN_MEMORY_KIB = 64 * 1024
MIN_ITERATIONS = 2
TARGET_SECONDS = 0.5
_MAX_ITERATIONS = 64


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
) -> Argon2Params:
    """Argon2id parameters that take about ``target_seconds`` here.

    Times one pass at the chosen memory and scales the iteration count; never
    goes below :data:`MIN_ITERATIONS` or the 64 MiB floor.
    """
    memory_kib = max(memory_kib, MIN_MEMORY_KIB)
    salt = os.urandom(SALT_BYTES)
    probe = Argon2Params(iterations=MIN_ITERATIONS, memory_kib=memory_kib, lanes=lanes)
    # The first derivation pays for allocating memory; time the second.
    derive_from_passphrase("calibration", salt, probe)
    start = time.perf_counter()
    derive_from_passphrase("calibration", salt, probe)
    per_iteration = max((time.perf_counter() - start) / MIN_ITERATIONS, 1e-4)
    first = _clamp(round(target_seconds / per_iteration))
    # Fixed costs (allocating and filling memory) make the first estimate
    # low; time the estimate itself once and scale again.
    start = time.perf_counter()
    derive_from_passphrase("calibration", salt, replace(probe, iterations=first))
    took = max(time.perf_counter() - start, 1e-4)
    iterations = _clamp(round(first * target_seconds / took))
    return Argon2Params(iterations=iterations, memory_kib=memory_kib, lanes=lanes)


def _clamp(iterations: int) -> int:
    return min(max(iterations, MIN_ITERATIONS), _MAX_ITERATIONS)
