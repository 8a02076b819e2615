"""Writing a signed record out of the vault: the stored bytes, never a re-render."""

from __future__ import annotations

import hashlib
from pathlib import Path

from supnotes.vault.atomic import write_atomic


def sha256_hex(pdf_bytes: bytes) -> str:
    """The SHA-256 of a signed PDF as lowercase hex: stored with it, cited by addenda."""
    return hashlib.sha256(pdf_bytes).hexdigest()


def export_signed(path: Path, pdf_bytes: bytes, expected_sha256: str) -> None:
    """Write the stored signed bytes to ``path`` atomically, after checking their hash.

    A mismatch means the stored copy is not the one that was sealed; writing
    it out would hand someone a record that fails verification.
    """
    actual = sha256_hex(pdf_bytes)
    if actual != expected_sha256.lower():
        raise ValueError(
            f"the stored PDF does not match its recorded SHA-256 ({actual} != {expected_sha256})"
        )
    # Owner-only, like every export: a record about children is not for other accounts.
    write_atomic(path, pdf_bytes, mode=0o600)
