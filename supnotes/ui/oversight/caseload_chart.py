"""Caseload over time, one strip per worker, against the warning level and the target.

Drawn with QPainter from the palette: the count as a step line, the target
as a dashed line in the palette's placeholder grey, the warning level dashed in
the warning red; a stretch above the warning level is drawn thick and red.
The same figures are in the overview's Table tab.
"""

from __future__ import annotations

import itertools
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from supnotes.domain.compliance import Period
from supnotes.domain.timeline import WorkerTimeline
from supnotes.ui.views.formatting import warning_colour


class CaseloadChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseload-chart")
        self.setAccessibleName("Caseload over time (the Table tab has the same figures)")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self._lines: list[WorkerTimeline] = []
        self._period = Period(date.today(), date.today())
        self._warning = 20
        self._target = 15

    def set_lines(
        self, lines: list[WorkerTimeline], period: Period, *, warning: int, target: int
    ) -> None:
        self._lines = [line for line in lines if line.worker.caseload]
        self._period = period
        self._warning, self._target = warning, target
        self.updateGeometry()
        self.update()

    @property
    def lines(self) -> list[WorkerTimeline]:
        return list(self._lines)

    def legend_text(self) -> str:
        if not self._lines:
            return "No caseload counts recorded."
        return (
            f"Step line: caseload (thick red above the warning level).   "
            f"Dashed red: warning level ({self._warning}).   "
            f"Dashed grey: target ({self._target}).   Both are in Settings, under Caseload."
        )

    def _row_height(self) -> int:
        return int(self.fontMetrics().height() * 3.2)

    def _name_width(self) -> int:
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(w.worker.name) for w in self._lines), default=0)
        return widest + metrics.averageCharWidth() * 2

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        rows = max(1, len(self._lines))
        return QSize(self._name_width() + 600, self._row_height() * rows + self._legend_height())

    def _legend_height(self) -> int:
        return self.fontMetrics().height() * 3

    def _x(self, day: date) -> float:
        left = self._name_width()
        width = max(1, self.width() - left - self.fontMetrics().averageCharWidth() * 4)
        total = max(1, (self._period.end - self._period.start).days)
        clamped = min(max(day, self._period.start), self._period.end)
        return left + width * (clamped - self._period.start).days / total

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        for row, line in enumerate(self._lines):
            self._paint_row(painter, palette, row, line)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        top = self._row_height() * len(self._lines) + self.fontMetrics().height() // 2
        text = self.legend_text()
        painter.drawText(
            QRectF(4, top, self.width() - 8, self.fontMetrics().height() * 2),
            int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap),
            text,
        )
        painter.end()

    def _paint_row(
        self, painter: QPainter, palette: QPalette, row: int, line: WorkerTimeline
    ) -> None:
        height = self._row_height()
        top = row * height
        if row % 2:
            painter.fillRect(
                QRectF(0, top, self.width(), height),
                palette.color(QPalette.ColorRole.AlternateBase),
            )
        text = palette.color(QPalette.ColorRole.Text)
        painter.setPen(text)
        painter.drawText(
            QRectF(4, top, self._name_width() - 8, height),
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
            line.worker.name,
        )
        counts = [e.count for e in line.worker.caseload]
        # The scale spans the counts and both levels with a little room, not 0 to the
        # top, so a count of 17 against a target of 15 is visibly apart.
        floor = max(0, min([self._target, self._warning, *counts]) - 2)
        ceiling = max([self._warning, self._target, *counts]) + 2
        pad = self.fontMetrics().height() * 0.4

        def y(value: int) -> float:
            return top + height - pad - (height - 2 * pad) * (value - floor) / (ceiling - floor)

        left, right = self._x(line.window.start), self._x(line.window.end)
        for level, colour in (
            (self._target, palette.color(QPalette.ColorRole.PlaceholderText)),
            (self._warning, warning_colour()),
        ):
            painter.setPen(QPen(colour, 1.2, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(left, y(level)), QPointF(right, y(level)))
        current = line.worker.caseload_on(line.window.start)
        points: list[QPointF] = []
        if current is not None:
            points.append(QPointF(left, y(current)))
        for entry in line.worker.caseload:
            if line.window.start < entry.on <= line.window.end:
                x = self._x(entry.on)
                if points:
                    points.append(QPointF(x, points[-1].y()))
                points.append(QPointF(x, y(entry.count)))
        if points:
            points.append(QPointF(right, points[-1].y()))
        normal = QPen(palette.color(QPalette.ColorRole.Highlight), 2)
        above = QPen(warning_colour(), 3.5)  # over the warning level: red and thicker
        limit = y(self._warning)
        for a, b in itertools.pairwise(points):
            painter.setPen(above if a.y() == b.y() and a.y() < limit else normal)
            painter.drawLine(a, b)
        last = line.worker.caseload_on(line.window.end)
        if last is not None:
            painter.setPen(text)
            painter.drawText(
                QPointF(right + 4, y(last) + self.fontMetrics().ascent() / 2), str(last)
            )
