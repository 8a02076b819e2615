"""The spell-checker's personal word list, kept inside the vault (it holds names).

Implements :class:`supnotes.spelling.PersonalDictionary` on the
``personal_word`` table, so a word added in one session is known after a
restart, and never sits in a plaintext file.
"""

from __future__ import annotations

from supnotes.vault.repositories.records import utc_now
from supnotes.vault.repositories.rows import iso_datetime
from supnotes.vault.vault import Vault


class VaultPersonalDictionary:
    """Words the supervisor added to the dictionary; one short transaction per change."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault
        self._known: set[str] = set()

    def set_vault(self, vault: Vault) -> None:
        """Use the reopened vault after an unlock."""
        self._vault = vault

    def words(self) -> set[str]:
        """The list; while the vault is locked, the list as last read (the checker may
        finish loading just after a lock)."""
        if self._vault.is_open:
            self._known = {
                str(row[0]) for row in self._vault.query("SELECT word FROM personal_word")
            }
        return set(self._known)

    def add(self, word: str) -> None:
        word = word.strip()
        if not word:
            return
        with self._vault.transaction() as conn:
            conn.execute(
                "INSERT INTO personal_word(word, added_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                (word, iso_datetime(utc_now())),
            )

    def remove(self, word: str) -> None:
        with self._vault.transaction() as conn:
            conn.execute("DELETE FROM personal_word WHERE word = ?", (word,))
