"""Every model passes Qt's model tester on real data from a demo vault."""

from __future__ import annotations

from datetime import date

from pytestqt.modeltest import ModelTester

from supnotes.ui.views.search_model import (
    SNIPPET,
    SNIPPET_HTML_ROLE,
    SearchResultsModel,
    snippet_html,
)
from supnotes.ui.views.thread_model import RecordThreadModel
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


def _workers(vault: Vault) -> WorkerTableModel:
    today = date.today()
    model = WorkerTableModel()
    model.set_standings(OverviewRepository(vault).standings(today), today)
    return model


def test_worker_model(qtmodeltester: ModelTester, demo_vault: Vault) -> None:
    model = _workers(demo_vault)
    assert model.rowCount() > 5
    qtmodeltester.check(model, force_py=True)
    model.set_standings(model.standings[:3], model.today)
    model.clear()
    assert model.rowCount() == 0


def test_worker_proxy_hides_leavers_until_asked(
    qtmodeltester: ModelTester, demo_vault: Vault
) -> None:
    model = _workers(demo_vault)
    proxy = WorkerFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy, force_py=True)
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
    qtmodeltester.check(model, force_py=True)


def test_search_model(qtmodeltester: ModelTester, demo_vault: Vault) -> None:
    model = SearchResultsModel()
    model.set_hits(search(demo_vault, "caseload"))
    assert model.rowCount() > 0
    qtmodeltester.check(model, force_py=True)
    assert "<b>" in model.index(0, SNIPPET).data(SNIPPET_HTML_ROLE)


def test_snippet_html_escapes_record_text_before_marking_matches() -> None:
    raw = f"<script>&{HIGHLIGHT_START}risk{HIGHLIGHT_END}\n  <b>not bold</b>"
    assert snippet_html(raw) == "&lt;script&gt;&amp;<b>risk</b> &lt;b&gt;not bold&lt;/b&gt;"
