"""The Hunspell engine behind spell-checking, with the en_GB dictionary.

Hunspell is what LibreOffice, Firefox and Chrome use; the chunspell-next wheels
carry it compiled in for Windows, macOS and Linux, so no system library is
needed (see docs/spell-check.md for the comparison that chose it).

Two Hunspell instances share the work. The *fast* one, used for every check
and first for suggestions, reads ``en_GB-fast.aff`` (the upstream affix file
with the slow n-gram suggestion pass turned off): suggestions take 5-70 ms
instead of 100-450 ms. When it has nothing to offer, the *thorough* one (the
unchanged ``en_GB.aff``), loaded on first need, tries harder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Protocol

from supnotes.resources import resource

LANGUAGE = "en_GB"
_FAST = "en_GB-fast"
_SECTOR = "en_GB-social-care.dic"
# Hunspell reads a path on Windows as UTF-8 only with this prefix (chunspell
# adds it for the main files, not for add_dic); elsewhere paths are UTF-8.
_WINDOWS_LONG_PATH = "\\\\?\\"
# Hunspell cannot check longer words, and suggesting for them is slow.
MAX_WORD_LENGTH = 60


class SpellingUnavailable(Exception):
    """The dictionary files or the Hunspell engine could not be loaded."""


class SpellEngine(Protocol):
    """What :class:`supnotes.spelling.SpellChecker` needs from an engine."""

    def check(self, word: str) -> bool:
        """Whether ``word`` (apostrophes straight) is spelt correctly."""
        ...

    def suggest(self, word: str) -> list[str]:
        """Corrections for ``word``, best first."""
        ...

    def add(self, word: str) -> None:
        """Accept ``word`` from now on (not saved anywhere)."""
        ...

    def remove(self, word: str) -> None:
        """Stop accepting a word given to :meth:`add`."""
        ...


class _Speller(Protocol):
    """The part of chunspell's ``hunspell.Hunspell`` used here (it ships no types)."""

    def spell(self, word: str) -> bool: ...
    def suggest(self, word: str) -> tuple[str, ...]: ...
    def add(self, word: str) -> int: ...
    def remove(self, word: str) -> int: ...
    def add_dic(self, path: str) -> int: ...


def dictionary_folder() -> Path:
    """The folder holding the shipped .dic/.aff files, as a real path."""
    folder = Path(str(resource("dictionaries")))
    missing = [
        name
        for name in (f"{LANGUAGE}.dic", f"{LANGUAGE}.aff", f"{_FAST}.aff", f"{_FAST}.dic", _SECTOR)
        if not (folder / name).is_file()
    ]
    if missing:
        raise SpellingUnavailable(f"dictionary files missing from {folder}: {', '.join(missing)}")
    return folder


def _native_path(path: Path) -> str:
    text = str(path.resolve())
    return _WINDOWS_LONG_PATH + text if os.name == "nt" else text


class HunspellEngine:
    """Hunspell with British English and the social-care word list.

    Construction reads about 1.2 MB of dictionary and takes 0.1-0.3 s, holding
    the GIL; do it off the UI thread (see ``supnotes.ui.widgets.spell_service``).
    """

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder or dictionary_folder()
        self._fast = self._open(_FAST, extra=(f"{LANGUAGE}.dic", _SECTOR))
        self._thorough: _Speller | None = None
        self._added: set[str] = set()

    def _open(self, language: str, extra: tuple[str, ...]) -> _Speller:
        try:
            import hunspell  # chunspell-next

            speller: _Speller = hunspell.Hunspell(
                language,
                hunspell_data_dir=str(self._folder),
                system_encoding=sys.getfilesystemencoding(),
            )
            for name in extra:
                if speller.add_dic(_native_path(self._folder / name)) != 0:
                    raise SpellingUnavailable(f"could not read {self._folder / name}")
        except (ImportError, OSError, ValueError) as error:
            raise SpellingUnavailable(f"the spell-checker could not start: {error}") from error
        return speller

    def _thorough_speller(self) -> _Speller:
        if self._thorough is None:
            self._thorough = self._open(LANGUAGE, extra=(_SECTOR,))
            for word in self._added:
                self._thorough.add(word)
        return self._thorough

    def check(self, word: str) -> bool:
        try:
            return bool(self._fast.spell(word))
        except UnicodeEncodeError:
            return True  # a lone surrogate: not a word we can judge

    def suggest(self, word: str) -> list[str]:
        if len(word) > MAX_WORD_LENGTH:
            return []
        try:
            found = list(self._fast.suggest(word))
            if not found:
                found = list(self._thorough_speller().suggest(word))
        except UnicodeEncodeError:
            return []
        return found

    def add(self, word: str) -> None:
        self._added.add(word)
        for speller in (self._fast, self._thorough):
            if speller is not None:
                speller.add(word)

    def remove(self, word: str) -> None:
        self._added.discard(word)
        for speller in (self._fast, self._thorough):
            if speller is not None:
                speller.remove(word)
