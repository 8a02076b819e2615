"""Every model passes Qt's model tester on real data from a demo vault."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import cast

from PySide6.QtCore import QAbstractItemModel
from pytestqt.modeltest import ModelTester

from supnotes.domain.records import RecordStatus
from supnotes.ui.views.rich_text_delegate import runs
from supnotes.ui.views.search_model import (
    SNIPPET,
    SNIPPET_HTML_ROLE,
    SearchResultsModel,
    around_first_match,
    snippet_html,
)
from supnotes.ui.views.thread_model import STATUS, RecordThreadModel
from supnotes.ui.views.worker_model import (
    NEXT_DUE,
    SORT_ROLE,
    WorkerFilterProxy,
    WorkerTableModel,
)
from supnotes.vault.repositories.overview import OverviewRepository
from supnotes.vault.repositories.thread import ThreadRepository
from supnotes.vault.search import HIGHLIGHT_END, HIGHLIGHT_START, search
from supnotes.vault.vault import Vault


def check_model(tester: ModelTester, model: QAbstractItemModel) -> None:
    """pytest-qt's checker, run in Python (it is untyped, hence the cast)."""
    check = cast(Callable[..., None], tester.check)
    check(model, force_py=True)


def _workers(vault: Vault) -> WorkerTableModel:
    today = date.today()
    model = WorkerTableModel()
    model.set_standings(OverviewRepository(vault).standings(today), today)
    return model


def test_worker_model(qtmodeltester: ModelTester, demo_vault: Vault) -> None:
    model = _workers(demo_vault)
    assert model.rowCount() > 5
    check_model(qtmodeltester, model)
    model.set_standings(model.standings[:3], model.today)
    model.clear()
    assert model.rowCount() == 0


def test_worker_proxy_hides_leavers_until_asked(
    qtmodeltester: ModelTester, demo_vault: Vault
) -> None:
    model = _workers(demo_vault)
    proxy = WorkerFilterProxy()
    proxy.setSourceModel(model)
    check_model(qtmodeltester, proxy)
    assert proxy.rowCount() == model.rowCount() - 1  # the demo has one leaver
    proxy.set_show_leavers(True)
    assert proxy.rowCount() == model.rowCount()
    proxy.sort(NEXT_DUE)
    dues = [proxy.index(r, NEXT_DUE).data(SORT_ROLE) for r in range(proxy.rowCount())]
    assert dues == sorted(dues)
    model.clear()
    assert proxy.rowCount() == 0


def test_thread_model(qtmodeltester: ModelTester, demo_vault: Vault) -> None:
    today = date.today()
    worker = OverviewRepository(demo_vault).standings(today)[0].worker
    model = RecordThreadModel()
    model.set_entries(ThreadRepository(demo_vault).for_worker(worker.id))
    assert model.rowCount() > 3
    check_model(qtmodeltester, model)


def test_thread_model_says_when_the_signed_copy_is_held_elsewhere(demo_vault: Vault) -> None:
    worker = OverviewRepository(demo_vault).standings(date.today())[0].worker
    entries = ThreadRepository(demo_vault).for_worker(worker.id)
    draft = next(e for e in entries if e.status is RecordStatus.DRAFT)
    with demo_vault.transaction() as conn:
        conn.execute(
            "UPDATE record SET status = 'signed-elsewhere', signed_at = updated_at, "
            "sealed_sha256 = ? WHERE id = ?",
            ("3f" * 32, draft.record_id),
        )
    model = RecordThreadModel()
    model.set_entries(ThreadRepository(demo_vault).for_worker(worker.id))
    row = next(r for r in range(model.rowCount()) if model.entry(r).record_id == draft.record_id)
    assert model.index(row, STATUS).data() == "Signed copy held elsewhere"


def test_search_model(qtmodeltester: ModelTester, demo_vault: Vault) -> None:
    model = SearchResultsModel()
    model.set_hits(search(demo_vault, "caseload"))
    assert model.rowCount() > 0
    check_model(qtmodeltester, model)
    assert "<b>" in model.index(0, SNIPPET).data(SNIPPET_HTML_ROLE)


def test_snippet_html_escapes_record_text_before_marking_matches() -> None:
    raw = f"<script>&{HIGHLIGHT_START}risk{HIGHLIGHT_END}\n  <b>not bold</b>"
    assert snippet_html(raw) == "&lt;script&gt;&amp;<b>risk</b> &lt;b&gt;not bold&lt;/b&gt;"


def test_long_snippets_start_near_their_first_match() -> None:
    raw = f"one two three four five six seven eight {HIGHLIGHT_START}nine{HIGHLIGHT_END} ten"
    assert around_first_match(raw) == f"…four five six seven eight {HIGHLIGHT_START}nine" + (
        f"{HIGHLIGHT_END} ten"
    )
    assert around_first_match("no match here") == "no match here"


def test_the_snippet_painter_bolds_only_the_matches_it_was_given() -> None:
    raw = f"<script>&{HIGHLIGHT_START}risk{HIGHLIGHT_END} <b>not bold</b>\nnext line"
    assert runs(snippet_html(raw)) == [
        ("<script>&", False),
        ("risk", True),
        (" <b>not bold</b> next line", False),
    ]


def test_a_right_to_left_snippet_is_laid_out_right_to_left(qtbot: object) -> None:
    from PySide6.QtGui import QFont

    from supnotes.ui.views.rich_text_delegate import line_layout

    arabic = runs(snippet_html(f"قال {HIGHLIGHT_START}الطفل{HIGHLIGHT_END} إنه يشعر بالأمان"))
    english = runs(snippet_html(f"The {HIGHLIGHT_START}child{HIGHLIGHT_END} feels safe"))
    for pieces, starts_right in ((arabic, True), (english, False)):
        layout = line_layout(pieces, QFont())  # kept: the line lives in it
        line = layout.lineAt(0)
        start = _x(line.cursorToX(0))
        end = _x(line.cursorToX(sum(len(text) for text, _ in pieces)))
        assert (start > end) is starts_right


def _x(cursor: object) -> float:
    """The x of ``QTextLine.cursorToX`` (PySide6 returns it with the cursor position)."""
    value = cursor[0] if isinstance(cursor, tuple) else cursor
    assert isinstance(value, float | int)
    return float(value)


def test_bold_ranges_count_as_qt_does_past_an_emoji(qtbot: object) -> None:
    from PySide6.QtGui import QFont

    from supnotes.ui.views.rich_text_delegate import line_layout

    pieces = runs(snippet_html(f"drew a 😀 face and a {HIGHLIGHT_START}house{HIGHLIGHT_END}"))
    layout = line_layout(pieces, QFont())
    (bold,) = layout.formats()
    utf16 = layout.text().encode("utf-16-le")
    assert utf16[2 * bold.start : 2 * (bold.start + bold.length)].decode("utf-16-le") == "house"


def test_a_cut_snippet_is_moved_to_its_match_in_either_direction(qtbot: object) -> None:
    from PySide6.QtGui import QFont

    from supnotes.ui.views.rich_text_delegate import first_bold, line_layout, place, word_starts

    filler = "word " * 30
    arabic_filler = "كلمة " * 30
    cases = (
        (f"{filler}{HIGHLIGHT_START}court{HIGHLIGHT_END} after", False),
        (f"{arabic_filler}{HIGHLIGHT_START}المحكمة{HIGHLIGHT_END} بعد", True),
    )
    width, room = 200.0, 10.0
    for raw, right_to_left in cases:
        pieces = runs(snippet_html(raw))
        layout = line_layout(pieces, QFont())
        line = layout.lineAt(0)
        match = first_bold(pieces)
        assert match is not None
        spot = place(
            line, width, room, right_to_left=right_to_left, match=match, starts=word_starts(pieces)
        )
        assert spot.right_mark if right_to_left else spot.left_mark  # the start is cut
        ends = [spot.x + _x(line.cursorToX(p)) for p in match]
        assert room - 1 <= min(ends)
        assert max(ends) <= width - room + 1
        # Words before the match stay in view: on its left, or its right if right to left.
        before = spot.x + _x(line.cursorToX(match[0] - 2))
        assert room - 1 <= before <= width - room + 1
    # A match already in view leaves the line at its start, cut at its end only.
    pieces = runs(snippet_html(f"{HIGHLIGHT_START}court{HIGHLIGHT_END} {filler}"))
    layout = line_layout(pieces, QFont())
    spot = place(
        layout.lineAt(0),
        width,
        room,
        right_to_left=False,
        match=first_bold(pieces),
        starts=word_starts(pieces),
    )
    assert (spot.x, spot.left_mark, spot.right_mark) == (0.0, False, True)
