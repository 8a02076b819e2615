"""Keystroke-to-screen latency in a long, spell-checked note.

Run by hand (prints figures, asserts nothing but sanity):

    uv run pytest tests/bench/test_typing_latency.py -s -p no:randomly

A 20,000-word note (about 50 pages) is loaded into a LongTextField with
spell-checking on; then 600 keystrokes are typed into the middle of it. For
each, the time runs from sending the key event to the end of the viewport's
paintEvent (a synchronous repaint), so it covers insertion, re-highlighting of
the paragraph, layout and painting.
"""

from __future__ import annotations

import random
import statistics
import time

import pytest
from PySide6.QtGui import QPaintEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supnotes.spelling import HunspellEngine, InMemoryPersonalDictionary
from supnotes.ui.widgets import LongTextField, SpellService

pytestmark = pytest.mark.bench

VOCABULARY = (
    "the worker said that she had visited the family home on Tuesday and the children "
    "were safe although the mother described feeling overwhelmed by the housing situation "
    "we agreed that the social worker will complete the assessment and share the plan with "
    "the school and health visitor before the review meeting kinship carers grandparents "
    "safeguarding organisation behaviour colour programme judgement practise analysis "
    "reflective supervision decision rationale actions outcome child's voice worries "
    "strengths LADO MASH s47 C-104233 Siobhan Wąsowska recieve seperate occured"
)
TYPED = "The manager agreed to recieve the updated plan. "


def long_note(words: int = 20_000, per_paragraph: int = 100) -> str:
    rng = random.Random(47)
    vocabulary = VOCABULARY.split()
    paragraphs = []
    for _ in range(words // per_paragraph):
        chosen = [rng.choice(vocabulary) for _ in range(per_paragraph)]
        chosen[0] = chosen[0].capitalize()
        paragraphs.append(" ".join(chosen) + ".")
    return "\n".join(paragraphs)


class TimedField(LongTextField):
    """Records when the viewport last finished painting."""

    painted_at = 0.0

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        super().paintEvent(event)
        self.painted_at = time.perf_counter()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def make_field(qtbot: QtBot, spelling: SpellService | None) -> TimedField:
    field = TimedField(spelling)
    qtbot.addWidget(field)
    field.resize(900, 700)
    field.show()
    QApplication.processEvents()
    return field


def type_and_time(field: TimedField, keystrokes: int) -> list[float]:
    cursor = field.textCursor()
    cursor.setPosition(len(field.text()) // 2)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    field.setTextCursor(cursor)
    field.ensureCursorVisible()
    QApplication.processEvents()
    latencies = []
    for index in range(keystrokes):
        char = TYPED[index % len(TYPED)]
        start = time.perf_counter()
        QTest.keyClicks(field, char)
        field.viewport().repaint()
        latencies.append(field.painted_at - start)
        QApplication.processEvents()  # let anything deferred run, outside the timing
    return latencies


def report(label: str, latencies: list[float]) -> None:
    ms = [value * 1000 for value in latencies]
    print(
        f"{label}: p50 {statistics.median(ms):.2f} ms, p99 {percentile(ms, 0.99):.2f} ms, "
        f"max {max(ms):.2f} ms over {len(ms)} keystrokes"
    )


def test_typing_latency_long_note(qtbot: QtBot) -> None:
    note = long_note()
    print(f"\nnote: {len(note.split()):,} words, {len(note):,} characters, 200 paragraphs")

    start = time.perf_counter()
    engine = HunspellEngine()
    print(f"dictionary load (HunspellEngine()): {(time.perf_counter() - start) * 1000:.0f} ms")

    plain = make_field(qtbot, None)
    plain.set_text(note)
    report("no spell-check    ", type_and_time(plain, 600))

    spelling = SpellService(InMemoryPersonalDictionary(), engine_factory=lambda: engine)
    spelling.load_now()
    field = make_field(qtbot, spelling)
    highlighter = field.highlighter
    assert highlighter is not None

    # First highlight, done in one go (what plain QSyntaxHighlighter would do).
    start = time.perf_counter()
    field.setPlainText(note)
    print(f"set text + first highlight in one go (cold cache): {_ms(start)} ms")
    start = time.perf_counter()
    highlighter.rehighlight()
    print(f"full re-highlight in one go (warm cache): {_ms(start)} ms")

    # First highlight as the field does it: load, then gradual slices.
    spelling.checker._cached_check.cache_clear()  # type: ignore[union-attr]
    slices: list[float] = []
    start = time.perf_counter()
    field.set_text(note)
    loaded = _ms(start)
    while highlighter.is_pass_running():
        slice_start = time.perf_counter()
        highlighter._highlight_slice()
        slices.append(time.perf_counter() - slice_start)
    print(
        f"set_text (gradual, cold cache): load {loaded} ms, then {len(slices)} slices, "
        f"longest {max(slices) * 1000:.1f} ms, total {_ms(start)} ms"
    )

    report("spell-check on    ", type_and_time(field, 600))

    checker = spelling.checker
    assert checker is not None
    slices = []
    start = time.perf_counter()
    spelling.add_to_dictionary("Wąsowska")  # in nearly every paragraph of this note
    slices.append(time.perf_counter() - start)
    while highlighter.is_pass_running():
        slice_start = time.perf_counter()
        highlighter._highlight_slice()
        slices.append(time.perf_counter() - slice_start)
    print(
        f"add to dictionary, word in every paragraph: blocks the UI {slices[0] * 1000:.1f} ms, "
        f"then {len(slices) - 1} slices, longest {max(slices[1:]) * 1000:.1f} ms, "
        f"total {_ms(start)} ms"
    )

    words = note.split()[:5000]
    start = time.perf_counter()
    for word in words:
        checker.is_correct(word)
    print(f"is_correct, cached: {(time.perf_counter() - start) / len(words) * 1e6:.2f} us/word")
    checker._cached_check.cache_clear()
    start = time.perf_counter()
    for word in set(words):
        checker.is_correct(word)
    print(
        f"is_correct, uncached: {(time.perf_counter() - start) / len(set(words)) * 1e6:.2f} us/word"
    )
    paragraph = note.split("\n")[0]
    start = time.perf_counter()
    for _ in range(100):
        checker.misspelt_spans(paragraph)
    print(f"misspelt_spans of a 100-word paragraph: {_ms(start) / 100:.3f} ms")
    for typo in ("recieve", "seperate", "organsation", "safegaurding", "occured", "recieveing"):
        start = time.perf_counter()
        found = checker.suggestions(typo)
        print(f"suggestions({typo!r}): {_ms(start)} ms -> {found}")


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 1)
