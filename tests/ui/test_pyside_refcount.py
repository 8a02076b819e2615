"""Guards against the PySide6 6.12.0 bug that pyproject.toml pins out.

On Python 3.11, PySide6 6.12.0's ``Signal.emit()`` drops one reference to
``True`` on every call. A text field emits ``edited`` on every keystroke, so
after a few thousand keystrokes ``True`` is freed and the program aborts
("bool_dealloc: deallocating True or False"). Keep this test when upgrading.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot


class _Sender(QObject):
    happened = Signal()


def test_emit_keeps_reference_counts(qtbot: QtBot) -> None:
    sender = _Sender()
    received: list[None] = []
    sender.happened.connect(lambda: received.append(None))
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(1000):
        sender.happened.emit()
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
    assert len(received) == 1000
