"""Unexpected errors: a calm dialog, and a log line that holds no note text.

An exception's message can contain whatever the supervisor typed (a value
that failed to parse, a row from the vault), so neither the dialog's details
nor the log ever include it, nor any local variable. What is kept is the
exception's type and, for each frame, the file, line and function name: code,
not content.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

import supnotes
from supnotes.vault.errors import VaultError

log = logging.getLogger("supnotes")


def safe_summary(exc: BaseException) -> str:
    """Type names and file:line:function of every frame; never a message or local."""
    lines = [f"SupNotes {supnotes.__version__}"]
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        lines.append(f"{type(current).__module__}.{type(current).__qualname__}")
        for frame in traceback.extract_tb(current.__traceback__):
            lines.append(f"  {Path(frame.filename).name}:{frame.lineno} in {frame.name}")
        current = current.__cause__ or current.__context__
    return "\n".join(lines)


def one_line_reason(exc: BaseException) -> str:
    """The error's type and the line it came from (``OverflowError at frequency.py:45 in after``).

    Like :func:`safe_summary`, never the message: it can hold typed text.
    """
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return type(exc).__qualname__
    last = frames[-1]
    return f"{type(exc).__qualname__} at {Path(last.filename).name}:{last.lineno} in {last.name}"


def build_error_dialog(exc: BaseException, parent: QWidget | None = None) -> QMessageBox:
    """The friendly dialog for ``exc`` (shown with ``open()`` or ``exec()``)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("SupNotes")
    if isinstance(exc, VaultError):
        box.setText(exc.message)
        box.setInformativeText(exc.advice)
    else:
        box.setText("Something went wrong inside SupNotes.")
        box.setInformativeText(
            "What you had saved is safe. If it happens again, copy the details below "
            "(they hold no notes or names) and send them to your IT support."
        )
        box.setDetailedText(safe_summary(exc))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setObjectName("unexpected-error")
    return box


class _Relay(QObject):
    """Carries an exception from any thread to the UI thread."""

    raised = Signal(object)


class ErrorHook:
    """Installs ``sys.excepthook`` and ``threading.excepthook``; undone by :meth:`remove`."""

    def __init__(self, show: Callable[[BaseException], None] | None = None) -> None:
        self._relay = _Relay()
        self._relay.raised.connect(show or self._show)
        self._previous_sys = sys.excepthook
        self._previous_threading = threading.excepthook
        self.shown: list[QMessageBox] = []

    def install(self) -> ErrorHook:
        sys.excepthook = self._sys_hook
        threading.excepthook = self._thread_hook
        return self

    def remove(self) -> None:
        sys.excepthook = self._previous_sys
        threading.excepthook = self._previous_threading

    def _sys_hook(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        del exc_type, tb
        self._report(exc)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self._report(args.exc_value)

    def _report(self, exc: BaseException) -> None:
        if isinstance(exc, KeyboardInterrupt):
            QApplication.quit()
            return
        log.error("unexpected error\n%s", safe_summary(exc))
        self._relay.raised.emit(exc)

    def _show(self, exc: BaseException) -> None:
        box = build_error_dialog(exc, QApplication.activeWindow())
        self.shown.append(box)
        box.finished.connect(lambda _result: self.shown.remove(box))
        box.open()
