"""Decrypt every page of a SQLCipher 4 database or WAL file, live or free, for canary scans.

A search of the raw files proves nothing (they are encrypted), and
``sqlcipher_export`` copies only live rows, so it cannot see the bytes a
deletion left behind in free pages or in old WAL frames. This reads the file
page by page and decrypts each one with the vault's raw data key, exactly as
SQLCipher does (AES-256-CBC; each page ends with its 16-byte IV and a 64-byte
HMAC; page 1 starts with the 16-byte salt). What it returns is every byte
SQLite could ever read back from the file. See docs/retention.md.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
RESERVE = 80  # IV (16) + HMAC-SHA512 (64)
SALT = 16
WAL_HEADER = 32
FRAME_HEADER = 24


def _decrypt(key: bytes, page: bytes, first: bool) -> bytes:
    start = SALT if first else 0
    body = page[start : PAGE - RESERVE]
    iv = page[PAGE - RESERVE : PAGE - RESERVE + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(body) + decryptor.finalize()


def database_plaintext(path: Path, key: bytes) -> bytes:
    """Every page of a database file, decrypted and joined."""
    data = path.read_bytes()
    pages = [data[i : i + PAGE] for i in range(0, len(data) - len(data) % PAGE, PAGE)]
    return b"".join(_decrypt(key, page, i == 0) for i, page in enumerate(pages))


def wal_plaintext(path: Path, key: bytes) -> bytes:
    """Every frame's page of a WAL file (current or stale), decrypted and joined."""
    if not path.exists():
        return b""
    data = path.read_bytes()
    out = []
    offset = WAL_HEADER
    while offset + FRAME_HEADER + PAGE <= len(data):
        page_number = int.from_bytes(data[offset : offset + 4], "big")
        page = data[offset + FRAME_HEADER : offset + FRAME_HEADER + PAGE]
        out.append(_decrypt(key, page, page_number == 1))
        offset += FRAME_HEADER + PAGE
    return b"".join(out)


def header_is_sqlite(path: Path, key: bytes) -> bool:
    """Page 1 decrypts to a SQLite header: page size 4096, 80 reserved bytes."""
    plain = _decrypt(key, path.read_bytes()[:PAGE], True)
    # Decrypted page 1 starts at header offset 16: page size (2 bytes) ... reserve at 20.
    return plain[0:2] == PAGE.to_bytes(2, "big") and plain[20 - SALT] == RESERVE
