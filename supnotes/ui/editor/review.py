"""The review of earlier open actions (continuity), one key per outcome.

Every action still open from earlier sessions is listed when a record is
created. On the current row: 1 = done, 2 = carried forward, 3 = dropped,
0 = not reviewed yet. The choice is saved with the record's autosave and
moves the action itself (see ``RecordListRepository.review_action``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from supnotes.domain.actions import Action, ActionReview, ActionStatus
from supnotes.domain.typed_dates import show_day
from supnotes.ui.common.keyboard import ctrl_tab_backwards, is_ctrl_tab
from supnotes.ui.common.rows_model import RowsModel

OUTCOME_KEYS: Mapping[int, ActionStatus | None] = {
    Qt.Key.Key_1: ActionStatus.DONE,
    Qt.Key.Key_2: ActionStatus.CARRIED_FORWARD,
    Qt.Key.Key_3: ActionStatus.DROPPED,
    Qt.Key.Key_0: None,
}
OUTCOME_TEXT: Mapping[ActionStatus | None, str] = {
    ActionStatus.DONE: "Done",
    ActionStatus.CARRIED_FORWARD: "Carried forward",
    ActionStatus.DROPPED: "Dropped",
    None: "Not yet reviewed",
}


class ReviewModel(RowsModel[ActionReview]):
    """One row per earlier action under review."""

    outcome_chosen = Signal(str, object)  # the action's id, its ActionStatus outcome or None

    ACTION, OWNER, DUE, OUTCOME = range(4)
    # The keys are not in the column's title: "Outcome: 1 done · 2 carried forward ·
    # 3 dropped" read like counts with actions on screen (an outsider's check), and at
    # 1024 px under QT_SCALE_FACTOR=1.5 the title was cut to "Outcome: 1 done". They
    # are the legend above the table (ReviewField), the title's tooltip and its name.
    HEADERS = ("Action", "Owner", "Due", "Outcome")
    OUTCOME_TIP = (
        "Each action's outcome. On a row, press 1 for done, 2 for carried forward, "
        "3 for dropped, 0 for not reviewed yet."
    )
    OUTCOME_SPOKEN = "Outcome; keys 1 done, 2 carried forward, 3 dropped, 0 not reviewed"

    def __init__(
        self,
        reviews: Sequence[ActionReview],
        actions: Mapping[str, Action],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._rows = [r for r in reviews if r.action_id in actions]
        self._actions = dict(actions)
        self.read_only = False

    def header(self, section: int, role: int) -> Any:
        """The outcome column's keys as its title, its meaning in the tooltip and spoken name."""
        if section == self.OUTCOME and role == Qt.ItemDataRole.ToolTipRole:
            return self.OUTCOME_TIP
        if section == self.OUTCOME and role == Qt.ItemDataRole.AccessibleTextRole:
            return self.OUTCOME_SPOKEN
        return super().header(section, role)

    def reviews(self) -> list[ActionReview]:
        return list(self._rows)

    def cell_data(self, review: ActionReview, column: int, role: int) -> Any:
        shown = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)
        action = self._actions[review.action_id]
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.ACTION, self.OWNER):
            return action.text if column == self.ACTION else action.owner
        if role not in shown:
            return None
        return {
            self.ACTION: action.text,
            self.OWNER: action.owner,
            self.DUE: show_day(action.effective_due_on),
            self.OUTCOME: OUTCOME_TEXT[review.outcome],
        }[column]

    def set_outcome(self, row: int, outcome: ActionStatus | None) -> None:
        if self.read_only or not 0 <= row < len(self._rows):
            return
        review = replace(self._rows[row], outcome=outcome)
        self._rows[row] = review
        changed = self.index(row, self.OUTCOME)
        self.dataChanged.emit(changed, changed, [Qt.ItemDataRole.DisplayRole])
        self.outcome_chosen.emit(review.action_id, outcome)


#: The keys' legend, above the table: it reads as keys, and wraps rather than being cut.
KEYS_LEGEND = "Keys: 1 = done · 2 = carried forward · 3 = dropped · 0 = not reviewed yet"


class ReviewTable(QTableView):
    """The review table; the number keys set the current row's outcome and move on."""

    def __init__(self, model: ReviewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.review_model = model
        self.setModel(model)
        self.setObjectName("previous-actions")
        self.setAccessibleName("Actions from earlier sessions")
        self.setAccessibleDescription(
            "Each action's outcome: on a row, press 1 for done, 2 for carried forward, "
            "3 for dropped, 0 for not reviewed yet."
        )
        self.setTabKeyNavigation(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # The action is what is being reviewed: it takes the room left and
        # wraps, each row as tall as its text. Owner gets at most a quarter of
        # the width (wrapped, whole in its tooltip); Due and Outcome keep one
        # width whatever the outcome chosen, so a key press never widens them.
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(ReviewModel.ACTION, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(self.fontMetrics().averageCharWidth() * 4)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setMinimumHeight(100)
        model.modelReset.connect(self.fit_columns)
        model.rowsInserted.connect(self.fit_columns)

    def fit_columns(self) -> None:
        """Owner, Due and Outcome as narrow as their words allow; Action the rest."""
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        pad = 2 * metrics.averageCharWidth() + 8
        title = header.fontMetrics()
        model = self.review_model

        def widest(texts: list[str], column: int) -> int:
            heading = str(model.headerData(column, Qt.Orientation.Horizontal))
            words = max((metrics.horizontalAdvance(t) for t in texts), default=0)
            return max(words, title.horizontalAdvance(heading) + 4) + pad

        rows = range(model.rowCount())
        cell = model.index
        owners = [str(cell(r, model.OWNER).data() or "") for r in rows]
        dues = [str(cell(r, model.DUE).data() or "") for r in rows]
        room = self.viewport().width()
        owner = min(widest(owners, model.OWNER), max(room // 4, metrics.averageCharWidth() * 8))
        header.resizeSection(model.OWNER, owner)
        header.resizeSection(model.DUE, widest(dues, model.DUE))
        header.resizeSection(model.OUTCOME, widest(list(OUTCOME_TEXT.values()), model.OUTCOME))
        self.resizeRowsToContents()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.fit_columns()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        # Never as wide as the columns' contents: the form gives the width.
        hint = super().sizeHint()
        return QSize(min(hint.width(), self.minimumSizeHint().width()), hint.height())

    def event(self, event: QEvent) -> bool:
        # Ctrl+Tab and Ctrl+Shift+Tab leave the grid (docs/keyboard.md); Qt
        # would otherwise toggle the current cell's selection.
        if is_ctrl_tab(event) and isinstance(event, QKeyEvent):
            self.focusNextPrevChild(not ctrl_tab_backwards(event))
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        key = event.key()
        if key in OUTCOME_KEYS and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            row = max(0, self.currentIndex().row())
            self.review_model.set_outcome(row, OUTCOME_KEYS[key])
            if row + 1 < self.review_model.rowCount():
                self.setCurrentIndex(self.review_model.index(row + 1, 0))
            return
        super().keyPressEvent(event)


class ReviewField(QWidget):
    """The review's legend of keys above its table; the field's label focuses the table."""

    def __init__(self, model: ReviewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previous-actions-field")
        self.legend = QLabel(KEYS_LEGEND, self)
        self.legend.setObjectName("review-keys")
        self.legend.setWordWrap(True)
        self.table = ReviewTable(model, self)
        self.setFocusProxy(self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.legend)
        layout.addWidget(self.table)
