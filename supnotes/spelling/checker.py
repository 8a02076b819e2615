"""British English spell-checking of supervision notes.

The checker is asked about the same few thousand words over and over as a
note is typed and redrawn, so each answer is cached (word -> bool). A cached
check costs well under a microsecond, an uncached one a few microseconds, which
keeps highlighting a long note cheap enough to do while typing.
"""

from __future__ import annotations

from functools import lru_cache

from supnotes.spelling.engine import SpellEngine
from supnotes.spelling.personal import PersonalDictionary
from supnotes.spelling.tokens import (
    RIGHT_QUOTE,
    Word,
    hyphen_parts,
    iter_words,
    normalise_apostrophes,
)

DEFAULT_CACHE_SIZE = 50_000


class SpellChecker:
    """Checks words and text against the engine and the personal dictionary.

    Words the supervisor adds go into the personal dictionary (kept in the
    vault) and into the engine for this run; words they ignore are accepted
    until the program closes and are stored nowhere.
    """

    def __init__(
        self,
        engine: SpellEngine,
        personal: PersonalDictionary,
        cache_size: int = DEFAULT_CACHE_SIZE,
    ) -> None:
        self._engine = engine
        self._personal = personal
        self._ignored: set[str] = set()
        # Words given to the engine, so that removing one never removes a word
        # the dictionary had anyway.
        self._engine_words: set[str] = set()
        self._cached_check = lru_cache(maxsize=cache_size)(self._check)
        for word in personal.words():
            self._teach_engine(word)

    # -- single words --------------------------------------------------------

    def is_correct(self, word: str) -> bool:
        """Whether ``word`` is spelt correctly (cached)."""
        return self._cached_check(normalise_apostrophes(word))

    def _check(self, word: str) -> bool:
        if word in self._ignored or self._engine.check(word):
            return True
        if "-" in word:
            parts = [part for part in word.split("-") if part]
            return bool(parts) and all(self._cached_check(part) for part in parts)
        # "Wąsowska's" is right when "Wąsowska" is: Hunspell knows the possessive
        # of dictionary words but not of words added at run time.
        if word.endswith("'s") and len(word) > 3:
            return self._cached_check(word[:-2])
        return False

    def suggestions(self, word: str, limit: int = 5) -> list[str]:
        """Up to ``limit`` corrections for ``word``, best first.

        This asks Hunspell afresh (tens of milliseconds): call it when a menu
        is about to open, not while highlighting.
        """
        curly = RIGHT_QUOTE in word
        found: list[str] = []
        for offered in self._engine.suggest(normalise_apostrophes(word)):
            # Hunspell offers "org ansation" and "org-ansation": one is enough.
            if "-" in offered and offered.replace("-", " ") in found:
                continue
            # Answer in the apostrophe the supervisor types.
            suggestion = offered.replace("'", RIGHT_QUOTE) if curly else offered
            if suggestion != word and suggestion not in found:
                found.append(suggestion)
        return found[:limit]

    # -- text ------------------------------------------------------------------

    def misspelt_words(self, text: str) -> list[Word]:
        """The misspelt words in ``text``; in a hyphenated word, only the bad parts."""
        wrong: list[Word] = []
        check = self.is_correct
        for word in iter_words(text):
            if check(word.text):
                continue
            if "-" in word.text:
                wrong.extend(part for part in hyphen_parts(word) if not check(part.text))
            else:
                wrong.append(word)
        return wrong

    def misspelt_spans(self, text: str) -> list[tuple[int, int]]:
        """``(start, length)`` of each misspelt word in ``text`` (code-point offsets)."""
        return [(word.start, word.length) for word in self.misspelt_words(text)]

    def misspelt_word_at(self, text: str, position: int) -> Word | None:
        """The misspelt word covering ``position`` (or ending there), if any."""
        for word in self.misspelt_words(text):
            if word.start <= position <= word.start + word.length:
                return word
        return None

    # -- the supervisor's own words -----------------------------------------------

    def add_to_dictionary(self, word: str) -> None:
        """Accept ``word`` from now on, in this run and (through the vault) the next."""
        word = normalise_apostrophes(word)
        self._personal.add(word)
        self._teach_engine(word)
        self._cached_check.cache_clear()

    def remove_from_dictionary(self, word: str) -> None:
        """Undo :meth:`add_to_dictionary`."""
        word = normalise_apostrophes(word)
        self._personal.remove(word)
        if word in self._engine_words:
            self._engine_words.discard(word)
            self._engine.remove(word)
        self._cached_check.cache_clear()

    def ignore(self, word: str) -> None:
        """Accept ``word`` until the program closes, storing it nowhere."""
        self._ignored.add(normalise_apostrophes(word))
        self._cached_check.cache_clear()

    def _teach_engine(self, word: str) -> None:
        if word and word not in self._engine_words and not self._engine.check(word):
            self._engine.add(word)
            self._engine_words.add(word)
