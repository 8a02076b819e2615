"""A box the supervisee signs in with a mouse, pen or finger; saved as a PNG.

The drawing is optional and only printed: the typed name is the
acknowledgement. Strokes are kept as points, so the PNG is drawn afresh at
a fixed size, whatever size the box had on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QImageWriter,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

PNG_SIZE = QSize(600, 180)


class SignaturePad(QWidget):
    """Signals: ``changed()`` after a stroke is added or the pad is cleared."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._strokes: list[list[QPointF]] = []
        self.setMinimumSize(300, 90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(110)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAccessibleName("Supervisee's drawn signature (optional)")
        self.setAccessibleDescription(
            "Sign with the mouse or a pen. Optional: the typed name counts."
        )
        self.setAttribute(Qt.WidgetAttribute.WA_TabletTracking, True)

    # -- drawing ---------------------------------------------------------------

    @property
    def is_empty(self) -> bool:
        return not self._strokes

    def clear(self) -> None:
        self._strokes = []
        self.update()
        self.changed.emit()

    def add_stroke(self, points: list[QPointF]) -> None:
        """A stroke in widget coordinates (also how tests sign)."""
        if points:
            self._strokes.append(list(points))
            self.update()
            self.changed.emit()

    def _start(self, at: QPointF) -> None:
        self._strokes.append([at])
        self.update()

    def _extend(self, at: QPointF) -> None:
        if self._strokes:
            self._strokes[-1].append(at)
            self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton:
            self._start(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton:
            self.changed.emit()

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802 (Qt override)
        kind = event.type()
        if kind == QTabletEvent.Type.TabletPress:
            self._start(event.position())
        elif kind == QTabletEvent.Type.TabletMove and event.pressure() > 0:
            self._extend(event.position())
        elif kind == QTabletEvent.Type.TabletRelease:
            self.changed.emit()
        event.accept()

    # -- painting ----------------------------------------------------------------

    def _paint_strokes(self, painter: QPainter, scale_x: float, scale_y: float) -> None:
        pen = QPen(QColor("#0b1f44"), 2.2)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for stroke in self._strokes:
            path = QPainterPath(QPointF(stroke[0].x() * scale_x, stroke[0].y() * scale_y))
            for point in stroke[1:]:
                path.lineTo(point.x() * scale_x, point.y() * scale_y)
            if len(stroke) == 1:
                path.lineTo(stroke[0].x() * scale_x + 0.5, stroke[0].y() * scale_y)
            painter.drawPath(path)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        del event
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QPen(QColor("#8a94a6"), 1, Qt.PenStyle.DashLine))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        baseline = self.height() - 24
        painter.drawLine(12, baseline, self.width() - 12, baseline)
        if self.is_empty:
            painter.drawText(16, baseline - 8, "Sign here (optional)")
        self._paint_strokes(painter, 1.0, 1.0)
        painter.end()

    def png(self) -> bytes | None:
        """The signature as a PNG on white, or None when nothing was drawn."""
        if self.is_empty:
            return None
        image = QImage(PNG_SIZE, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        scale = min(
            PNG_SIZE.width() / max(1, self.width()), PNG_SIZE.height() / max(1, self.height())
        )
        self._paint_strokes(painter, scale, scale)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        QImageWriter(buffer, QByteArray(b"png")).write(image)
        buffer.close()
        return bytes(data.data())
