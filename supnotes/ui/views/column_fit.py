"""Columns that fit the table's width: the main column whole, lesser ones shrink or hide.

Each list table names one column that is never squeezed (the worker's name)
and one that takes any spare width. When the table is too narrow for every
column at its content width, the lesser columns shrink toward a few
characters (their text elided, the full text in the tooltip) before the
main column loses anything; the columns a table is read for (``keep``) stay
whole until the other lesser ones are down to their last characters.
Right-clicking the header (or Shift+F10 on it) offers each lesser column to
hide or show; :attr:`ColumnFitter.hidden_changed` carries the choice so the
window can remember it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView

#: A shrunk column keeps room for this many average characters and the ellipsis.
SHRUNK_CHARS = 6
#: When even whole titles do not fit, a lesser column keeps room for this many.
TIGHTEST_CHARS = 2
#: Content widths are judged on the rows in view (at most this many): a worker
#: with 600 records would otherwise cost 600 rows of measuring (every role of
#: every cell, through Python) each time their records load.
CONTENT_ROWS = 50


class ColumnFitter(QObject):
    hidden_changed = Signal(list)  # the header titles of the hidden columns

    def __init__(
        self,
        table: QTableView,
        *,
        main: int,
        spare: int | None = None,
        shrink_first: tuple[int, ...] = (),
        plain_text: bool = False,
        keep: tuple[int, ...] = (),
    ) -> None:
        """``shrink_first``: lesser columns that give up their width before the others.

        ``keep``: lesser columns that stay whole until every other lesser
        column is down to its last few characters (a record's status, a
        worker's next due date: what the list is read for).

        ``plain_text``: every cell is plain text in the table's own font (no
        icons, check boxes, fonts or delegates of its own), so the cell whose
        text is widest by the font's metrics is the widest cell: only that one
        is measured the full way, which asks the model for every role.
        """
        super().__init__(table)
        self.plain_text = plain_text
        self._table = table
        self.main = main
        self.spare = main if spare is None else spare
        self.shrink_first = shrink_first
        self.keep = keep
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        # A header elides nothing by default: a shrunk title would be cut at both ends.
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Hidden sections are shown while the mode changes: a section hidden
        # under ResizeToContents would otherwise keep its width as a gap.
        hidden = [c for c in range(header.count()) if header.isSectionHidden(c)]
        for column in hidden:
            header.setSectionHidden(column, False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in hidden:
            header.setSectionHidden(column, True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._menu)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        table.viewport().installEventFilter(self)
        table.installEventFilter(self)
        model = table.model()
        for signal in (
            model.modelReset,
            model.layoutChanged,
            model.rowsInserted,
            model.rowsRemoved,
            model.dataChanged,
        ):
            signal.connect(self.fit_soon)
        self.menu: QMenu | None = None

    # -- hiding ------------------------------------------------------------------

    def titles(self) -> list[str]:
        model = self._table.model()
        return [
            str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())
        ]

    def hidden(self) -> list[str]:
        header = self._table.horizontalHeader()
        return [t for c, t in enumerate(self.titles()) if header.isSectionHidden(c)]

    def set_hidden(self, titles: list[str]) -> None:
        """Hide exactly the columns titled ``titles`` (the main column always shows)."""
        header = self._table.horizontalHeader()
        for column, title in enumerate(self.titles()):
            header.setSectionHidden(column, column != self.main and title in titles)
        self.fit_soon()

    def set_column_shown(self, column: int, shown: bool) -> None:
        if column == self.main:
            return
        self._table.horizontalHeader().setSectionHidden(column, not shown)
        self.hidden_changed.emit(self.hidden())
        self.fit_soon()

    def _menu(self, position: QPoint) -> None:
        header = self._table.horizontalHeader()
        menu = QMenu(header)
        menu.setObjectName("columns-menu")
        for column, title in enumerate(self.titles()):
            if column == self.main:
                continue
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda on, c=column: self.set_column_shown(c, on))
        self.menu = menu
        menu.popup(header.mapToGlobal(position))

    # -- fitting -----------------------------------------------------------------

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit_soon()
        return False

    def fit_soon(self) -> None:
        self._timer.start()

    def fit_now(self) -> None:
        """Fit at once (and drop the fit asked for): new rows shown with their widths.

        A panel that has just put in new rows calls this before they are first
        painted, so they are painted once, at their fitted widths, instead of
        at the old widths and again a moment later. The table's own layout,
        which Qt would run after that first paint, runs first: the scroll bar
        for the new rows is shown or hidden, so the width fitted is the width
        the rows get, and the rows are not painted again when it appears.
        """
        table = self._table
        table.doItemsLayout()
        # The table hears of each resized column and repaints those columns a
        # turn later: a second paint of rows that are first painted after this
        # fit anyway. So the header keeps quiet while it is fitted, and the
        # table takes in the new widths at once.
        header = table.horizontalHeader()
        for _ in range(3):
            _settle_scroll_bars(table)
            width = table.viewport().width()
            quiet = header.blockSignals(True)
            try:
                self.fit()
            finally:
                header.blockSignals(quiet)
            _settle_scroll_bars(table)  # the new widths may need no sideways bar
            if table.viewport().width() == width:
                break
        self._timer.stop()  # the resizes above asked for a fit: it is done
        table.viewport().update()

    @property
    def pending(self) -> bool:
        """A fit is asked for and has not run yet."""
        return self._timer.isActive()

    def wanted(self, column: int) -> int:
        """The width that shows ``column``'s widest cell and its header whole."""
        table = self._table
        return max(self._content_width(column), table.horizontalHeader().sectionSizeHint(column))

    def _content_width(self, column: int) -> int:
        table = self._table
        model = table.model()
        count = model.rowCount()
        if count <= CONTENT_ROWS and not self.plain_text:
            return table.sizeHintForColumn(column)
        if count <= CONTENT_ROWS:
            rows = range(count)
        else:
            # Qt's own measure would visit every row (its precision setting is not
            # honoured while the rows are not laid out yet, just after a reset).
            first, shown = max(0, table.rowAt(0)), _in_view(table)
            rows = range(max(0, min(first, count - shown)), min(count, first + shown))
        if not rows:
            return table.sizeHintForColumn(column)
        if self.plain_text:
            metrics = table.fontMetrics()
            widest = max(
                rows, key=lambda r: metrics.horizontalAdvance(_text(model.index(r, column).data()))
            )
            rows = range(widest, widest + 1)
        grid = 1 if table.showGrid() else 0
        return max(table.sizeHintForIndex(model.index(r, column)).width() + grid for r in rows)

    def _shrink(
        self,
        widths: dict[int, int],
        floors: dict[int, int],
        excess: int,
        first: tuple[int, ...] | None = None,
    ) -> int:
        """Take up to ``excess`` from the columns in ``floors``, none below its floor.

        The ``first`` columns (``shrink_first`` unless given) give first, then
        the others in proportion to what each can give. Returns what is still
        too wide.
        """
        slack = {c: max(0, widths[c] - floor) for c, floor in floors.items()}
        for c in (c for c in (self.shrink_first if first is None else first) if c in slack):
            give = min(slack.pop(c), excess)
            widths[c] -= give
            excess -= give
        total_slack = sum(slack.values())
        if total_slack and excess > 0:
            share = min(1.0, excess / total_slack)
            for c, spare_width in slack.items():
                give = min(spare_width, int(spare_width * share + 0.999))
                widths[c] -= give
                excess -= give
        return excess

    def fit(self) -> None:
        table = self._table
        header = table.horizontalHeader()
        columns = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        if not columns:
            return
        wants = {c: self.wanted(c) for c in columns}
        room = table.viewport().width()
        widths = dict(wants)
        excess = sum(wants.values()) - room
        if excess > 0:
            average = table.fontMetrics().averageCharWidth()
            least = average * SHRUNK_CHARS + 12
            tightest = max(average * TIGHTEST_CHARS + 12, header.minimumSectionSize())
            lesser = [c for c in columns if c != self.main]
            giving = [c for c in lesser if c not in self.keep]
            kept = [c for c in lesser if c in self.keep]
            for group in (giving, kept):
                if excess <= 0:
                    break
                # First down to a few characters, a shrunk column showing its whole
                # title (the shrink_first columns before the others)...
                floors = {c: min(wants[c], max(least, header.sectionSizeHint(c))) for c in group}
                excess = self._shrink(widths, floors, excess)
                # ...then, rather than scroll sideways, the titles elide too (whole in
                # their tooltip), in the same order; only a table too narrow even for
                # that scrolls.
                if excess > 0:
                    floors = {c: min(widths[c], tightest) for c in group}
                    excess = self._shrink(widths, floors, excess)
        else:
            spare = self.spare if self.spare in widths else self.main
            widths[spare] += -excess
        for column, width in widths.items():
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _settle_scroll_bars(table: QTableView) -> None:
    """Show or hide the table's scroll bars for its rows and widths now.

    Qt does it a turn of the event loop after the range changes, after the
    rows were painted once without (or with) them. Each ``updateGeometries``
    lays the bars out for the ranges the last one set, then sets the ranges
    for the viewport it left: asked until nothing moves, the bars are final.
    """

    def state() -> tuple[int, int, int, int]:
        size = table.viewport().size()
        across, down = table.horizontalScrollBar(), table.verticalScrollBar()
        return size.width(), size.height(), across.maximum(), down.maximum()

    for _ in range(6):
        before = state()
        table.updateGeometries()
        if state() == before:
            return


def _in_view(table: QTableView) -> int:
    """How many rows the table shows at once (and one more), at most :data:`CONTENT_ROWS`."""
    row_height = max(1, table.verticalHeader().defaultSectionSize())
    return min(CONTENT_ROWS, table.viewport().height() // row_height + 2)
