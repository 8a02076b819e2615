"""British English spell-checking (pure Python; no Qt).

``HunspellEngine()`` loads the shipped en_GB dictionary (slow: do it off the UI
thread); ``SpellChecker(engine, personal_dictionary)`` answers questions about
words and text. The personal dictionary is any object with ``words()``,
``add(word)`` and ``remove(word)``; the real one lives in the vault.
"""

from supnotes.spelling.checker import SpellChecker
from supnotes.spelling.engine import HunspellEngine, SpellEngine, SpellingUnavailable
from supnotes.spelling.personal import InMemoryPersonalDictionary, PersonalDictionary
from supnotes.spelling.tokens import Word, iter_words

__all__ = [
    "HunspellEngine",
    "InMemoryPersonalDictionary",
    "PersonalDictionary",
    "SpellChecker",
    "SpellEngine",
    "SpellingUnavailable",
    "Word",
    "iter_words",
]
