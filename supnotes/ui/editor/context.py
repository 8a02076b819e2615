"""What every editor window shares: the lock (the open vault), spelling, templates."""

from __future__ import annotations

from dataclasses import dataclass

from supnotes.domain.template_loader import TemplateLibrary
from supnotes.ui.access.lock import LockController
from supnotes.ui.widgets import SpellService
from supnotes.vault.repositories.personal_words import VaultPersonalDictionary
from supnotes.vault.vault import Vault


@dataclass(frozen=True)
class EditorContext:
    """The app's one :class:`SpellService` and template library, and the lock.

    ``lock.vault`` is the open vault (None while locked); ``lock.about_to_lock``
    is where editors save, ``lock.unlocked`` carries the reopened vault.
    """

    lock: LockController
    spelling: SpellService
    library: TemplateLibrary
    personal: VaultPersonalDictionary

    def vault(self) -> Vault | None:
        return self.lock.vault


def build_context(lock: LockController, library: TemplateLibrary | None = None) -> EditorContext:
    """A context on the lock's open vault, with one spell service, not loaded yet.

    The dictionary loads when the first editor opens, or when the app calls
    ``spelling.start_loading()`` once its window is up: loading it holds the
    GIL for 0.1-0.3 s, which would otherwise delay the main window's first
    paint. Fields work meanwhile and underline once it arrives.
    """
    from supnotes.services.templates import app_library

    vault = lock.vault
    if vault is None:
        raise RuntimeError("the vault must be open to start the editor")
    personal = VaultPersonalDictionary(vault)
    personal.words()  # read now, while the vault is certainly open
    lock.unlocked.connect(personal.set_vault)
    spelling = SpellService(personal, parent=lock)
    return EditorContext(lock, spelling, library or app_library(), personal)
