"""The vault's schema, one migration per version, in order.

Each migration runs in its own transaction together with the ``user_version``
bump, so a vault is always at exactly one known version. The registry is
checked to be gap-free and increasing when it is built (at first use, not at
import). Add a migration by adding a module ``mNNNN_name.py`` with
``VERSION``, ``DESCRIPTION`` and ``apply(conn)``, and listing it below.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

from supnotes.vault.migrations import (
    m0001_initial,
    m0002_supervision_model,
    m0003_sealing_and_words,
    m0004_search_backlog,
    m0005_addendum_children,
    m0006_trust_register,
    m0007_signed_elsewhere,
    m0008_retention,
    m0009_access_trail,
    m0010_outbox,
    m0011_encryption_key,
    m0012_handed_over,
    m0013_worker_thread_index,
    m0014_draft_index,
)


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Any], None]


_MODULES: tuple[ModuleType, ...] = (
    m0001_initial,
    m0002_supervision_model,
    m0003_sealing_and_words,
    m0004_search_backlog,
    m0005_addendum_children,
    m0006_trust_register,
    m0007_signed_elsewhere,
    m0008_retention,
    m0009_access_trail,
    m0010_outbox,
    m0011_encryption_key,
    m0012_handed_over,
    m0013_worker_thread_index,
    m0014_draft_index,
)


@cache
def migrations() -> tuple[Migration, ...]:
    """All migrations, checked to run 1, 2, 3, … without gaps."""
    found = tuple(Migration(m.VERSION, m.DESCRIPTION, m.apply) for m in _MODULES)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migration versions must run 1..n without gaps: {versions}")
    return found


def latest_version() -> int:
    return migrations()[-1].version
