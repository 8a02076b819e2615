"""Each backend's schema as numbered migrations, checked gap-free like the vault's."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HubMigration:
    version: int
    description: str
    statements: tuple[str, ...]


def checked(migrations: tuple[HubMigration, ...]) -> tuple[HubMigration, ...]:
    """``migrations`` if they run 1, 2, 3, … without gaps; raises otherwise."""
    versions = [m.version for m in migrations]
    if versions != list(range(1, len(migrations) + 1)):
        raise RuntimeError(f"hub migration versions must run 1..n without gaps: {versions}")
    return migrations
