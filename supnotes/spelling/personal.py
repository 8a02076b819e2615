"""The supervisor's own word list: names of workers, children and places.

Because it holds names it is personal data, so it lives inside the encrypted
vault and never in a plaintext file. The spelling package only needs this
small protocol; the vault provides the real implementation.
"""

from __future__ import annotations

from typing import Protocol


class PersonalDictionary(Protocol):
    """Words the supervisor has told the spell-checker are correct."""

    def words(self) -> set[str]:
        """Every word in the list (called once, when spell-checking starts)."""
        ...

    def add(self, word: str) -> None:
        """Keep ``word``; adding a word already there does nothing."""
        ...

    def remove(self, word: str) -> None:
        """Forget ``word``; removing a word not there does nothing."""
        ...


class InMemoryPersonalDictionary:
    """A personal dictionary that lasts as long as the object: for tests and demos."""

    def __init__(self, words: set[str] | None = None) -> None:
        self._words: set[str] = set(words or ())

    def words(self) -> set[str]:
        return set(self._words)

    def add(self, word: str) -> None:
        self._words.add(word)

    def remove(self, word: str) -> None:
        self._words.discard(word)
