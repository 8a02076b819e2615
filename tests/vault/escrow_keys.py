"""Organisation key pairs for the escrow tests, made once per run (RSA is slow to make)."""

from __future__ import annotations

from functools import cache

from supnotes.vault.escrow import EscrowPrivateKey, generate_key_pair


def organisation_key(kind: str = "rsa", n: int = 0) -> EscrowPrivateKey:
    """The ``n``th test key pair of ``kind`` (RSA at the 3072-bit floor, or X25519)."""
    return _made(kind, n)


@cache
def _made(kind: str, n: int) -> EscrowPrivateKey:
    del n  # part of the cache key only: another n, another key
    return generate_key_pair(kind, 3072)
