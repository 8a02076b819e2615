"""Recovery keys a person can print, read and type back.

A recovery key is 18 random bytes (144 bits) followed by a 2-byte checksum,
written in Crockford's base32 as eight groups of four characters, e.g.
``7K3Q-M2XD-...``. Crockford's alphabet leaves out I, L, O and U, and reading
maps the look-alikes (I, L -> 1; O -> 0) so a key copied by hand still works.
The checksum tells a typing slip apart from a wrong key.
"""

from __future__ import annotations

import hashlib
import secrets

from supnotes.vault.errors import MistypedRecoveryKey

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_DECODE = {ch: i for i, ch in enumerate(_ALPHABET)} | {"I": 1, "L": 1, "O": 0}
_SECRET_BYTES = 18
_CHECK_BYTES = 2
_TOTAL_BITS = (_SECRET_BYTES + _CHECK_BYTES) * 8
_CHARS = _TOTAL_BITS // 5  # 160 bits -> exactly 32 characters
_GROUP = 4


def _checksum(secret: bytes) -> bytes:
    return hashlib.sha256(b"supnotes-recovery" + secret).digest()[:_CHECK_BYTES]


def generate_recovery_key() -> str:
    """A new random recovery key, formatted for printing."""
    return format_recovery_key(secrets.token_bytes(_SECRET_BYTES))


def format_recovery_key(secret: bytes) -> str:
    """Format ``secret`` (18 bytes) with its checksum as grouped base32."""
    if len(secret) != _SECRET_BYTES:
        raise ValueError("a recovery secret is 18 bytes")
    number = int.from_bytes(secret + _checksum(secret), "big")
    chars = [_ALPHABET[(number >> (5 * (_CHARS - 1 - i))) & 31] for i in range(_CHARS)]
    text = "".join(chars)
    return "-".join(text[i : i + _GROUP] for i in range(0, _CHARS, _GROUP))


def parse_recovery_key(typed: str) -> bytes:
    """The 18-byte secret in a typed recovery key.

    Spaces, dashes and case are ignored. Raises :class:`MistypedRecoveryKey`
    when the length, a character or the checksum is wrong.
    """
    cleaned = "".join(ch for ch in typed.upper() if ch not in " -\t\n")
    if len(cleaned) != _CHARS:
        raise MistypedRecoveryKey(f"it should have {_CHARS} letters and digits, not {len(cleaned)}")
    number = 0
    for ch in cleaned:
        value = _DECODE.get(ch)
        if value is None:
            raise MistypedRecoveryKey(f"'{ch}' is not used in recovery keys")
        number = (number << 5) | value
    raw = number.to_bytes(_SECRET_BYTES + _CHECK_BYTES, "big")
    secret, check = raw[:_SECRET_BYTES], raw[_SECRET_BYTES:]
    if not secrets.compare_digest(check, _checksum(secret)):
        raise MistypedRecoveryKey()
    return secret
