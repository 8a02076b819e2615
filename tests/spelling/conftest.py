"""One real Hunspell engine for the spelling tests (loading it takes ~0.2 s)."""

from __future__ import annotations

import pytest

from supnotes.spelling import HunspellEngine, InMemoryPersonalDictionary, SpellChecker


@pytest.fixture(scope="session")
def shared_engine() -> HunspellEngine:
    return HunspellEngine()


@pytest.fixture
def checker(shared_engine: HunspellEngine) -> SpellChecker:
    """A checker on the shared engine: tests that add words make their own engine."""
    return SpellChecker(shared_engine, InMemoryPersonalDictionary())
