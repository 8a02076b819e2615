"""Version 1: vault identity and settings."""

from __future__ import annotations

from typing import Any

VERSION = 1
DESCRIPTION = "vault identity and settings"


def apply(conn: Any) -> None:
    conn.execute(
        """
        CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) STRICT
        """
    )
    conn.execute(
        """
        CREATE TABLE setting (
            key        TEXT PRIMARY KEY,
            value      TEXT NOT NULL,          -- JSON
            updated_at TEXT NOT NULL
        ) STRICT
        """
    )
