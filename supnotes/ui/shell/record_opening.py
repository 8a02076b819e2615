"""The one seam through which a record is opened (thread, search results).

The views are built before the session editor exists (the editor's windows
belong to the main window), so they are given a :class:`RecordOpener` that the
controller points at the editor once both are built.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from supnotes.vault.vault import Vault


class _HoldsVault(Protocol):
    @property
    def vault(self) -> Vault | None: ...


class OpeningContext(Protocol):
    """What opening a record needs: the lock (for the open vault) and the opener."""

    @property
    def lock(self) -> _HoldsVault: ...
    @property
    def opener(self) -> RecordOpener: ...


class RecordOpener:
    """Opens records with whatever :meth:`use` was given; nothing until then."""

    def __init__(self) -> None:
        self._open: Callable[[str], object] | None = None

    def use(self, open_record: Callable[[str], object]) -> None:
        self._open = open_record

    def __call__(self, record_id: str) -> object:
        return None if self._open is None else self._open(record_id)


def open_record(context: OpeningContext, record_id: str) -> object:
    """Open ``record_id`` (the editor; read-only when signed); None while locked."""
    if context.lock.vault is None:
        return None
    return context.opener(record_id)
