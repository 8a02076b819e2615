"""Search filters by child and by template, offered from what the records use."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from supnotes.vault.search import SearchFilters, search
from tests.ui.conftest import PASSPHRASE
from tests.ui.views.conftest import Window


def _choose(combo: object, data: str) -> None:
    index = combo.findData(data)  # type: ignore[attr-defined]
    assert index > 0
    combo.setCurrentIndex(index)  # type: ignore[attr-defined]


def test_child_and_template_filters_narrow_the_results(qtbot: QtBot, window: Window) -> None:
    results = window.parts.search_results
    vault = window.lock.vault
    assert vault is not None
    # The choices load off the UI thread after the panel binds.
    qtbot.waitUntil(lambda: results.template_filter.count() > 2, timeout=10_000)
    children = [results.child_filter.itemData(i) for i in range(1, results.child_filter.count())]
    templates = [
        results.template_filter.itemData(i) for i in range(1, results.template_filter.count())
    ]
    assert children
    assert len(templates) > 1
    word = "caseload"
    with qtbot.waitSignal(results.searched, timeout=10_000):
        results.search(word)
    everything = results.model.rowCount()

    child = children[0]
    expected = search(vault, word, SearchFilters(child_ref=child), limit=200)
    with qtbot.waitSignal(results.searched, timeout=10_000):
        _choose(results.child_filter, child)
    assert results.model.rowCount() == len(expected)
    assert results.model.rowCount() < everything

    results.child_filter.setCurrentIndex(0)
    template = templates[0]
    expected = search(vault, word, SearchFilters(template_id=template), limit=200)
    with qtbot.waitSignal(results.searched, timeout=10_000):
        _choose(results.template_filter, template)
    assert results.model.rowCount() == len(expected)


def test_lock_drops_the_child_references(qtbot: QtBot, window: Window) -> None:
    results = window.parts.search_results
    qtbot.waitUntil(lambda: results.child_filter.count() > 1, timeout=10_000)
    window.lock.lock()
    assert results.child_filter.count() == 1  # "Any child": no references while locked
    screen = window.lock.lock_dialog
    assert screen is not None
    screen.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(results.choices_loaded, timeout=10_000):
        screen.try_passphrase()
    assert results.child_filter.count() > 1


def test_the_worker_column_holds_the_longest_name(qtbot: QtBot, window: Window) -> None:
    from supnotes.ui.views import search_model as sm

    results = window.parts.search_results
    results.resize(900, 400)  # where there is room (a narrow panel elides it instead)
    results.show()
    names = [results.worker_filter.itemText(i) for i in range(1, results.worker_filter.count())]
    widest = max(results.table.fontMetrics().horizontalAdvance(n) for n in names)
    qtbot.waitExposed(results)
    assert results.table.horizontalHeader().sectionSize(sm.PEOPLE) >= widest
