"""Search results with highlighted snippets, and compact filters.

Searches run off the UI thread: typing schedules one after a short pause,
and an answer overtaken by newer typing is dropped, so the box never blocks.

The panel is hidden when the main window first shows, so the app builds its
children (filters, table, snippet delegate) and imports their code just after
the window's first paint (:meth:`SearchPanel.ensure_built`), or sooner if
anything needs them: the filters' choices and the workers wait as data.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from supnotes.domain.records import RecordKind, RecordStatus
from supnotes.ui.common.labels import bold_label
from supnotes.ui.views.loading import Loader
from supnotes.ui.views.thread_model import KIND_WORDS

if TYPE_CHECKING:
    from supnotes.ui.views.filter_grid import FilterGrid
    from supnotes.ui.views.list_table import ListTable
    from supnotes.ui.views.search_model import SearchResultsModel
    from supnotes.vault.search import SearchFilters, SearchHit
    from supnotes.vault.vault import Vault

DEBOUNCE_MS = 250
RESULT_LIMIT = 200
#: Hits whose snippets come with the results (more than a screen of rows); the
#: rest follow in a second pass.
FIRST_SNIPPETS = 25
PEOPLE_WIDTH = 150  # a group's attendees are elided; the tooltip lists them all
FOUND_SHARE = 0.55  # of the width after the date, at least, for the words found
PERIODS: tuple[tuple[str, int | None], ...] = (
    ("Any time", None),
    ("Past month", 31),
    ("Past 3 months", 92),
    ("Past year", 366),
)


def run_search(vault: Vault, text: str, filters: SearchFilters) -> list[SearchHit]:
    """One search, serialised with other threads' writes (runs on a worker thread).

    Only the first :data:`FIRST_SNIPPETS` hits carry their snippet, so the
    results show sooner; :func:`rest_of_snippets` fills in the others.
    """
    from supnotes.vault.search import search

    with vault.exclusive():
        return search(vault, text, filters, limit=RESULT_LIMIT, snippets_for=FIRST_SNIPPETS)


def rest_of_snippets(vault: Vault, text: str, hits: list[SearchHit]) -> dict[str, str]:
    """The snippets :func:`run_search` left out (runs on a worker thread).

    A batch at a time, so an autosave waits for one batch at most.
    """
    from supnotes.vault.search import fill_snippets

    rest = [h.record_id for h in hits[FIRST_SNIPPETS:]]
    found: dict[str, str] = {}
    for start in range(0, len(rest), FIRST_SNIPPETS):
        with vault.exclusive():
            found.update(fill_snippets(vault, text, rest[start : start + FIRST_SNIPPETS]))
    return found


class SearchPanel(QFrame):
    open_record_requested = Signal(str)  # the record's id, on double-click or Enter
    searched = Signal(str)  # the query whose results are now shown
    choices_loaded = Signal()  # the child and template filters hold the vault's choices
    escape_pressed = Signal()  # Escape in the results: the keyboard goes back to the box
    built_now = Signal()  # ensure_built() has made the filters and the table

    # Built by ensure_built(): the filters, the table, its model and the status line.
    model: SearchResultsModel
    table: ListTable
    status: QLabel
    filter_grid: FilterGrid
    worker_filter: QComboBox
    kind_filter: QComboBox
    status_filter: QComboBox
    period_filter: QComboBox
    child_filter: QComboBox
    template_filter: QComboBox

    def __init__(self, parent: QWidget | None = None, *, build_now: bool = True) -> None:
        """``build_now=False``: the children wait for :meth:`ensure_built` (the app
        calls it after the main window's first paint; showing the panel, or any
        method that needs them, builds them too)."""
        super().__init__(parent)
        self.setObjectName("search-results")
        self._loader = Loader(self)
        self._snippet_loader = Loader(self)
        # The filters' choices scan every record: off the UI thread, not before the
        # main window's first paint (0.1-1 s on a vault of some years).
        self._choices = Loader(self)
        self._vault: Vault | None = None
        self._text = ""
        self._focus_when_shown = False
        self._built = False
        # What the filters offer, kept until they are built.
        self._workers: list[tuple[str, str]] = []
        self._children: list[str] = []
        self._templates: list[tuple[str, str]] = []
        self._people_wanted = PEOPLE_WIDTH
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_now)
        if build_now:
            self.ensure_built()

    @property
    def built(self) -> bool:
        """The filters and the table exist (see :meth:`ensure_built`)."""
        return self._built

    def ensure_built(self) -> None:
        """Build the filters and the table now, if not yet built (once)."""
        if self._built:
            return
        self._built = True
        from supnotes.ui.views.search_model import SearchResultsModel

        self.model = SearchResultsModel(self)
        self._init_filters()
        self._init_table()
        self._init_layout()
        self._take_the_panels_place_in_the_tab_order()
        self.set_workers(self._workers)
        self.set_choices(self._children, self._templates)
        self.built_now.emit()

    def _take_the_panels_place_in_the_tab_order(self) -> None:
        """Children made after the window was built join the end of its Tab order;
        put them back where the panel is, as if built with the window."""
        chain = _focus_chain(self)  # from the widget after the panel round to the panel
        ours = [
            w for w in chain if self.isAncestorOf(w) and w.focusPolicy() != Qt.FocusPolicy.NoFocus
        ]
        before = next(
            (
                w
                for w in reversed(chain[:-1])
                if w.focusPolicy() != Qt.FocusPolicy.NoFocus and not self.isAncestorOf(w)
            ),
            None,
        )
        if before is None:
            return  # nothing else takes the keyboard (not in a window yet)
        for widget in ours:
            QWidget.setTabOrder(before, widget)
            before = widget

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        self.ensure_built()
        super().showEvent(event)

    def _init_filters(self) -> None:
        self.worker_filter = self._combo("search-worker", "Worker", [("All workers", None)])
        self.kind_filter = self._combo(
            "search-kind",
            "Kind of record",
            [("All kinds", None), *((KIND_WORDS[k], str(k)) for k in RecordKind)],
        )
        self.status_filter = self._combo(
            "search-status",
            "Status",
            [("Any status", None), *((str(s).capitalize(), str(s)) for s in RecordStatus)],
        )
        self.period_filter = self._combo("search-period", "Date range", list(PERIODS))
        self.child_filter = self._combo("search-child", "Child", [("Any child", None)])
        self.template_filter = self._combo("search-template", "Template", [("Any template", None)])

    def _combo(self, name: str, label: str, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(label)
        combo.setToolTip(label)
        # Combos shrink to a dozen characters on a narrow window (the full text
        # shows in the open list), so the filter rows never push the window wider.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        for text, value in items:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(self.run_now)
        return combo

    def _init_table(self) -> None:
        from supnotes.ui.views import search_model as sm
        from supnotes.ui.views.list_table import build_list_table
        from supnotes.ui.views.rich_text_delegate import RichTextDelegate

        table = build_list_table(self, "search-table", "Search results", self.model)
        table.setItemDelegateForColumn(sm.SNIPPET, RichTextDelegate(sm.SNIPPET_HTML_ROLE, table))
        header = table.horizontalHeader()
        header.setSectionResizeMode(sm.PEOPLE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(sm.SNIPPET, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(sm.KIND, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(sm.PEOPLE, PEOPLE_WIDTH)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.viewport().installEventFilter(self)
        table.activated.connect(self._activated)
        table.escape_pressed.connect(self.escape_pressed)
        self.table = table
        self.status = QLabel("", self)
        self.status.setObjectName("search-status-line")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.status.setWordWrap(True)  # a long notice wraps, never widens the panel

    def _init_layout(self) -> None:
        from supnotes.ui.views.filter_grid import FilterGrid

        # Who and what it is about, then what kind, what state and when: three
        # columns where there is room, two (three rows) beside the worker list
        # on a small screen, so nothing ever scrolls sideways.
        self.filter_grid = FilterGrid(
            [
                self.worker_filter,
                self.child_filter,
                self.template_filter,
                self.kind_filter,
                self.status_filter,
                self.period_filter,
            ],
            most=3,
            parent=self,
        )
        title = QHBoxLayout()
        title.addWidget(bold_label("Search", self))
        title.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(title)
        layout.addWidget(self.filter_grid)
        layout.addWidget(self.table, 1)

    # -- the vault and the people it names ---------------------------------------------

    def bind(self, vault: Vault) -> None:
        from supnotes.vault.repositories.search_choices import child_refs, templates_used

        self._vault = vault
        self._choices.load(
            lambda: (child_refs(vault), templates_used(vault)), self._deliver_choices
        )
        if self._text:
            self.run_now()

    def unbind(self) -> None:
        """Drop results, filters naming people, and the query text (on lock)."""
        self._timer.stop()
        self._loader.cancel()
        self._snippet_loader.cancel()
        self._choices.cancel()
        self._vault = None
        self._text = ""
        self._focus_when_shown = False
        if self._built:
            self.model.clear()
            self.status.setText("")
        self.set_workers([])
        self.set_choices([], [])

    def _deliver_choices(self, choices: tuple[list[str], list[tuple[str, str]]]) -> None:
        self.set_choices(*choices)
        self.choices_loaded.emit()

    def set_choices(self, children: Sequence[str], templates: Sequence[tuple[str, str]]) -> None:
        """The child references and (id, title) templates the filters offer."""
        self._children, self._templates = list(children), list(templates)
        if not self._built:
            return  # ensure_built() fills the filters
        _refill(self.child_filter, "Any child", [(ref, ref) for ref in children])
        _refill(self.template_filter, "Any template", [(title, tid) for tid, title in templates])

    def set_workers(self, workers: Sequence[tuple[str, str]]) -> None:
        """The (id, name) pairs the worker filter offers; keeps the choice if still there."""
        self._workers = list(workers)
        if not self._built:
            return  # ensure_built() fills the filter
        current = self.worker_filter.currentData()
        self.worker_filter.blockSignals(True)
        self.worker_filter.clear()
        self.worker_filter.addItem("All workers", None)
        for worker_id, name in workers:
            self.worker_filter.addItem(name, worker_id)
        found = self.worker_filter.findData(current)
        self.worker_filter.setCurrentIndex(max(0, found))
        self.worker_filter.blockSignals(False)
        # A one-to-one's worker is never cut: the column holds the longest name
        # (a group's list of attendees is elided, its tooltip lists them all).
        metrics = self.table.fontMetrics()
        widest = max((metrics.horizontalAdvance(name) for _id, name in workers), default=0)
        self._people_wanted = max(PEOPLE_WIDTH, widest + 16)
        self.fit_columns()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if self._built and watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return super().eventFilter(watched, event)

    def fit_columns(self) -> None:
        """Columns within the table's width: no sideways scrolling beside the worker list.

        The words found are why a result is there: they keep at least half of
        the width left after the date (and never less than a dozen characters).
        The worker's name and the kind share the rest: where there is room the
        name is whole; otherwise the kind keeps up to a third of the rest and
        the name the remainder (both elided, whole in their tooltips).
        """
        if not self._built:
            return
        from supnotes.ui.views import search_model as sm

        header = self.table.horizontalHeader()
        width = self.table.viewport().width()
        char = self.table.fontMetrics().averageCharWidth()
        kind_least, people_least = 5 * char, 8 * char
        after_date = width - header.sectionSize(sm.DATE)
        found = max(12 * char, after_date * FOUND_SHARE)
        room = int(after_date - found)
        kind_full = max(self._widest_kind(), header.sectionSizeHint(sm.KIND))
        # The kind keeps up to a third of what is left, so it reads "Super…", not "S…".
        kind_share = min(kind_full, max(kind_least, room // 3))
        people = min(self._people_wanted, max(people_least, room - kind_share))
        kind = max(kind_least, min(kind_full, room - people))
        header.resizeSection(sm.PEOPLE, people)
        header.resizeSection(sm.KIND, kind)

    def _widest_kind(self) -> int:
        """The kind column's content width: one cell of each kind shown, not every row."""
        from supnotes.ui.views import search_model as sm

        first: dict[RecordKind, int] = {}
        for row in range(self.model.rowCount()):
            first.setdefault(self.model.hit(row).kind, row)
        return max(
            (
                self.table.sizeHintForIndex(self.model.index(r, sm.KIND)).width()
                for r in first.values()
            ),
            default=0,
        )

    # -- searching ---------------------------------------------------------------------

    def filters(self, today: date | None = None) -> SearchFilters:
        from supnotes.vault.search import SearchFilters

        self.ensure_built()
        days = self.period_filter.currentData()
        since = None if days is None else (today or date.today()) - timedelta(days=int(days))
        kind, status = self.kind_filter.currentData(), self.status_filter.currentData()
        return SearchFilters(
            worker_id=self.worker_filter.currentData(),
            child_ref=self.child_filter.currentData(),
            template_id=self.template_filter.currentData(),
            kind=None if kind is None else RecordKind(kind),
            status=None if status is None else RecordStatus(status),
            date_from=since,
        )

    def show_notice(self, text: str) -> None:
        """A word about the search box itself (a paste refused) in the status line."""
        self.ensure_built()
        self.status.setText(text)

    def search_soon(self, text: str) -> None:
        """Search for ``text`` after a pause in typing."""
        self._text = text
        self._timer.start()

    def search(self, text: str) -> None:
        """Search for ``text`` now (Enter)."""
        self._text = text
        self.run_now()

    def run_now(self) -> None:
        self._timer.stop()
        vault, text, filters = self._vault, self._text, self.filters()
        if vault is None:
            return
        self._snippet_loader.cancel()
        if not text.strip():
            self._loader.cancel()
            self.model.clear()
            self.status.setText("Type words to find in any record.")
            return
        self._loader.load(lambda: run_search(vault, text, filters), lambda h: self._show(text, h))

    def _show(self, text: str, hits: list[SearchHit]) -> None:
        self.model.set_hits(hits)
        vault = self._vault
        if vault is not None and len(hits) > FIRST_SNIPPETS:
            self._snippet_loader.load(
                lambda: rest_of_snippets(vault, text, hits), self.model.fill_snippets
            )
        self.fit_columns()
        if not hits:
            self.status.setText("No records match.")
        else:
            more = " (the best shown)" if len(hits) >= RESULT_LIMIT else ""
            self.status.setText(f"{len(hits)} record{'s' if len(hits) != 1 else ''}{more}")
        self.searched.emit(text)
        if self._focus_when_shown:
            self._focus_when_shown = False
            self.focus_results()

    def _activated(self, index: QModelIndex) -> None:
        from supnotes.ui.views import search_model as sm

        self.open_record_requested.emit(str(index.data(sm.RECORD_ID_ROLE)))

    def focus_results(self) -> None:
        """Down from the search box: the keyboard to the first result (once they are in)."""
        self.ensure_built()
        if self._timer.isActive():
            self._focus_when_shown = True
            self.run_now()
            return
        if self._loader.busy:
            self._focus_when_shown = True
            return
        if self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.table.selectionModel().hasSelection():
                self.table.selectRow(0)


def _focus_chain(start: QWidget) -> list[QWidget]:
    """``start``'s focus chain: from the widget after it round to ``start`` itself."""
    chain: list[QWidget] = []
    widget = start.nextInFocusChain()
    while widget is not None and widget is not start:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    chain.append(start)
    return chain


def _refill(combo: QComboBox, anything: str, items: Sequence[tuple[str, str]]) -> None:
    """Replace ``combo``'s choices, keeping the current one if it is still offered."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(anything, None)
    for text, value in items:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(False)
