from __future__ import annotations

import pytest

from supnotes.spelling import HunspellEngine, InMemoryPersonalDictionary
from supnotes.ui.widgets import SpellService


@pytest.fixture
def personal() -> InMemoryPersonalDictionary:
    return InMemoryPersonalDictionary()


@pytest.fixture
def service(qtbot: object, personal: InMemoryPersonalDictionary) -> SpellService:
    """A spell service with its dictionary already loaded."""
    spelling = SpellService(personal, engine_factory=HunspellEngine)
    spelling.load_now()
    return spelling
