"""The floor for start-up: a bare PySide6 window process, shown and painted, then quit.

    python -m tests.bench.bare_window

Prints ``shown in N ms`` (from the QApplication being made to the window's
first paint), and ``painted at clock T s`` (``time.time()`` at that paint), so
that a harness that noted when it started the process can count from there, as
it does with ``supnotes --smoke``'s "main window painted ... at clock T s".
"""

from __future__ import annotations

import os
import time


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QPaintEvent
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget

    app = QApplication([])
    started = time.perf_counter()

    painted: list[float] = []

    class Window(QMainWindow):
        def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
            super().paintEvent(event)
            if not painted:
                painted.extend((time.time(), time.thread_time()))
            QTimer.singleShot(0, app.quit)

    window = Window()
    window.setCentralWidget(QTableWidget(20, 5))
    window.resize(1000, 600)
    window.show()
    window.repaint()
    app.exec()
    print(f"shown in {(time.perf_counter() - started) * 1000:.0f} ms", flush=True)
    print(f"painted at clock {painted[0]:.4f} s", flush=True)
    print(f"UI thread's CPU time from the start to that paint: {painted[1] * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
