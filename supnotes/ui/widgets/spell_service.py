"""One spell-checker for every text field, loaded off the UI thread.

Loading Hunspell's dictionary takes 0.1-0.3 s. Fields work from the start
without underlines; when the checker arrives, ``ready`` tells every field to
underline gradually. The loading thread holds Python's GIL for most of that
time, so start it when nobody is typing: the best moment is right after the
passphrase is submitted, while the vault key is derived.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    # The spelling engine's code is imported when the dictionary loads, not
    # when the service is made with the main window (before its first paint).
    from supnotes.spelling import PersonalDictionary, SpellChecker, SpellEngine


def hunspell_engine() -> SpellEngine:
    """The default engine: Hunspell with the bundled British English dictionary."""
    from supnotes.spelling import HunspellEngine

    return HunspellEngine()


class _Delivery(QObject):
    """Carries the loaded engine from the loading thread to the UI thread."""

    # Emitted from the loading thread once ``result`` is set. It carries no
    # argument: PySide 6.12 mis-counts references to Python objects passed
    # through a queued signal from a non-Qt thread (a crash at exit).
    delivered = Signal()

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.result: object = None


class SpellService(QObject):
    """Owns the :class:`SpellChecker` the text fields share."""

    ready = Signal()  # the checker has arrived: fields underline from now on
    unavailable = Signal(str)  # spell-checking could not start (the reason)
    # The word was added to the dictionary or ignored: fields re-check it.
    dictionary_changed = Signal(str)

    def __init__(
        self,
        personal: PersonalDictionary,
        engine_factory: Callable[[], SpellEngine] = hunspell_engine,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._personal = personal
        self._engine_factory = engine_factory
        self._checker: SpellChecker | None = None
        self._loading = False
        self._delivery = _Delivery(self)
        self._delivery.delivered.connect(self._on_loaded)

    @property
    def checker(self) -> SpellChecker | None:
        """The checker, or None while the dictionary is still loading."""
        return self._checker

    def start_loading(self) -> None:
        """Load the dictionary in a background thread (once)."""
        if self._loading or self._checker is not None:
            return
        self._loading = True
        delivery = self._delivery
        factory = self._engine_factory

        def load() -> None:
            from supnotes.spelling import SpellingUnavailable

            result: object
            try:
                result = factory()
            except SpellingUnavailable as error:
                result = error
            # Queued to the UI thread. RuntimeError: the service was deleted
            # while loading (the program is closing).
            with contextlib.suppress(RuntimeError):
                delivery.result = result
                delivery.delivered.emit()

        threading.Thread(target=load, name="spelling-load", daemon=True).start()

    def load_now(self) -> None:
        """Load on this thread (for tests and the command line)."""
        if self._checker is None:
            self._on_delivered(self._engine_factory())

    def _on_loaded(self) -> None:
        result, self._delivery.result = self._delivery.result, None
        self._on_delivered(result)

    def _on_delivered(self, result: object) -> None:
        from supnotes.spelling import SpellChecker, SpellingUnavailable

        self._loading = False
        if isinstance(result, SpellingUnavailable):
            self.unavailable.emit(str(result))
            return
        # Built here, on the UI thread, because the personal dictionary reads
        # the vault, whose connection belongs to this thread.
        self._checker = SpellChecker(cast("SpellEngine", result), self._personal)
        self.ready.emit()

    def add_to_dictionary(self, word: str) -> None:
        """Accept ``word`` in every field, now and after a restart."""
        if self._checker is not None:
            self._checker.add_to_dictionary(word)
            self.dictionary_changed.emit(word)

    def ignore(self, word: str) -> None:
        """Accept ``word`` in every field until the program closes."""
        if self._checker is not None:
            self._checker.ignore(word)
            self.dictionary_changed.emit(word)
