"""The overview's timeline: one line per worker, drawn with QPainter from the palette.

Marks: one-to-one ●, group ■, ad-hoc ▲; filled when signed, hollow when not
(a draft). Due dates are short ticks; overdue stretches are shaded in the
palette's warning red. Below the line, each open action is a diamond ◆ at
its due date; a flag ⚑ marks when the worker's latest supervision agreement
is due for review. Both are in the text colour, or in the warning red (and
larger, ringed) once overdue, so they do not rest on colour alone. A date
before or after the period is drawn hollow at that edge (the flag's pole
dotted); the Table tab has it exactly. Sizes come from the font, so 150% text scales it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from supnotes.domain.compliance import Period
from supnotes.domain.frequency import add_months
from supnotes.domain.records import RecordKind
from supnotes.domain.timeline import DatedMark, SessionMark, WorkerTimeline
from supnotes.ui.views.formatting import warning_colour

LEGEND = (
    "● one-to-one   ■ group   ▲ ad-hoc   (filled: signed; hollow: draft)   "
    "| due date   shaded: overdue past the grace\n"
    "◆ open action, at its due date   ⚑ agreement review date   "
    "red, ringed: overdue today   hollow at an edge: the date is outside the period"
)


class TimelineChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline-chart")
        self.setAccessibleName("Supervision timeline (the Table tab has the same figures)")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self._lines: list[WorkerTimeline] = []
        self._period = Period(date.today(), date.today())

    def set_lines(self, lines: list[WorkerTimeline], period: Period) -> None:
        self._lines = list(lines)
        self._period = period
        self.updateGeometry()
        self.update()

    @property
    def period(self) -> Period:
        return self._period

    @property
    def lines(self) -> list[WorkerTimeline]:
        return list(self._lines)

    # -- geometry ----------------------------------------------------------------

    def _row_height(self) -> int:
        return int(self.fontMetrics().height() * 2.4)

    def _name_width(self) -> int:
        metrics = self.fontMetrics()
        widest = max(
            (metrics.horizontalAdvance(line.worker.name) for line in self._lines), default=0
        )
        return widest + metrics.averageCharWidth() * 2

    def _top(self) -> int:
        return int(self.fontMetrics().height() * 1.6)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        height = self._top() + self._row_height() * max(1, len(self._lines))
        height += self.fontMetrics().height() * 4
        return QSize(self._name_width() + 600, height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(self._name_width() + 300, self.sizeHint().height())

    def x_of(self, day: date) -> float:
        left = self._name_width()
        width = max(1, self.width() - left - self.fontMetrics().averageCharWidth() * 2)
        total = max(1, (self._period.end - self._period.start).days)
        return left + width * (day - self._period.start).days / total

    def x_clamped(self, day: date) -> float:
        """Where ``day`` is drawn, held to the period's edges."""
        return self.x_of(min(max(day, self._period.start), self._period.end))

    def action_y(self, row: int) -> float:
        return self._top() + self._row_height() * (row + 0.8)

    # -- painting ----------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        self._paint_axis(painter, palette)
        for row, line in enumerate(self._lines):
            self._paint_line(painter, palette, row, line)
        self._paint_legend(painter, palette)
        painter.end()

    def _paint_axis(self, painter: QPainter, palette: QPalette) -> None:
        text = palette.color(QPalette.ColorRole.Text)
        grid = palette.color(QPalette.ColorRole.Mid)
        bottom = self._top() + self._row_height() * len(self._lines)
        month = date(self._period.start.year, self._period.start.month, 1)
        if month < self._period.start:
            month = add_months(month, 1)
        metrics = self.fontMetrics()
        while month <= self._period.end:
            x = self.x_of(month)
            painter.setPen(QPen(grid, 1, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(x, self._top() - 4), QPointF(x, bottom))
            painter.setPen(text)
            painter.drawText(QPointF(x + 3, metrics.ascent() + 2), month.strftime("%b %Y"))
            month = add_months(month, 1)

    def _paint_line(
        self, painter: QPainter, palette: QPalette, row: int, line: WorkerTimeline
    ) -> None:
        height = self._row_height()
        top = self._top() + row * height
        middle = top + height / 2
        text = palette.color(QPalette.ColorRole.Text)
        if row % 2:
            painter.fillRect(
                QRectF(0, top, self.width(), height),
                palette.color(QPalette.ColorRole.AlternateBase),
            )
        painter.setPen(text)
        painter.drawText(
            QRectF(4, top, self._name_width() - 8, height),
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
            line.worker.name,
        )
        warning = warning_colour()
        shade = QColor(warning)
        shade.setAlpha(70)
        for span in line.overdue:
            left, right = self.x_of(span.start), self.x_of(span.end)
            painter.fillRect(
                QRectF(left, top + height * 0.2, max(2.0, right - left), height * 0.6), shade
            )
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.drawLine(
            QPointF(self.x_of(line.window.start), middle),
            QPointF(self.x_of(line.window.end), middle),
        )
        painter.setPen(QPen(text, 1.5))
        for due in line.due_dates:
            x = self.x_of(due)
            painter.drawLine(QPointF(x, top + height * 0.15), QPointF(x, top + height * 0.35))
        size = self.fontMetrics().height() * 0.3
        for mark in line.marks:
            self._paint_mark(painter, palette, mark, QPointF(self.x_of(mark.on), middle), size)
        y = self.action_y(row)
        for action in line.actions:
            self._paint_action(painter, palette, action, QPointF(self.x_clamped(action.on), y))
        if line.review is not None:
            self._paint_review(painter, palette, line.review, top, height)

    def _due_colour(self, palette: QPalette, mark: DatedMark) -> QColor:
        return warning_colour() if mark.overdue else palette.color(QPalette.ColorRole.Text)

    def _paint_action(
        self, painter: QPainter, palette: QPalette, action: DatedMark, at: QPointF
    ) -> None:
        colour = self._due_colour(palette, action)
        size = self.fontMetrics().height() * (0.24 if action.overdue else 0.18)
        painter.setPen(QPen(colour, 1.2))
        painter.setBrush(
            colour if action.on in self._period else palette.color(QPalette.ColorRole.Base)
        )
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(at.x(), at.y() - size),
                    QPointF(at.x() + size, at.y()),
                    QPointF(at.x(), at.y() + size),
                    QPointF(at.x() - size, at.y()),
                ]
            )
        )
        if action.overdue:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(at, size * 1.6, size * 1.6)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_review(
        self, painter: QPainter, palette: QPalette, review: DatedMark, top: float, height: float
    ) -> None:
        colour = self._due_colour(palette, review)
        x = self.x_clamped(review.on)
        unit = self.fontMetrics().height()
        inside = review.on in self._period
        style = Qt.PenStyle.SolidLine if inside else Qt.PenStyle.DotLine
        painter.setPen(QPen(colour, 2.0 if review.overdue else 1.4, style))
        painter.drawLine(QPointF(x, top + height * 0.1), QPointF(x, top + height * 0.92))
        flag = QPolygonF(
            [
                QPointF(x, top + height * 0.1),
                QPointF(x + unit * 0.55, top + height * 0.1 + unit * 0.2),
                QPointF(x, top + height * 0.1 + unit * 0.4),
            ]
        )
        painter.setPen(QPen(colour, 1.4))
        painter.setBrush(colour if inside else palette.color(QPalette.ColorRole.Base))
        painter.drawPolygon(flag)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_mark(
        self, painter: QPainter, palette: QPalette, mark: SessionMark, at: QPointF, size: float
    ) -> None:
        colour = palette.color(QPalette.ColorRole.Highlight)
        if mark.kind is RecordKind.AD_HOC:
            colour = palette.color(QPalette.ColorRole.Text)
        painter.setPen(QPen(colour, 1.6))
        painter.setBrush(colour if mark.signed else palette.color(QPalette.ColorRole.Base))
        if mark.kind is RecordKind.GROUP:
            painter.drawRect(QRectF(at.x() - size, at.y() - size, 2 * size, 2 * size))
        elif mark.kind is RecordKind.AD_HOC:
            painter.drawPolygon(
                QPolygonF(
                    [
                        QPointF(at.x(), at.y() - size * 1.2),
                        QPointF(at.x() - size * 1.1, at.y() + size),
                        QPointF(at.x() + size * 1.1, at.y() + size),
                    ]
                )
            )
        else:
            painter.drawEllipse(at, size, size)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_legend(self, painter: QPainter, palette: QPalette) -> None:
        top = self._top() + self._row_height() * len(self._lines) + self.fontMetrics().height()
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.drawText(
            QRectF(4, top, self.width() - 8, self.fontMetrics().height() * 3),
            int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap),
            LEGEND if self._lines else "No worker was in post in this period.",
        )
