"""``run_desktop_app``: set up Qt, then hand over to the app controller.

Qt is imported here and below only, so the command line's other commands
start without it.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication

from supnotes.ui.common.keyboard import install_keyboard_rules
from supnotes.ui.shell.controller import AppController
from supnotes.ui.shell.errors import ErrorHook, one_line_reason
from supnotes.ui.shell.machine_state import MachineState
from supnotes.ui.shell.single_instance import SingleInstance
from supnotes.ui.shell.theme import Appearance
from supnotes.vault.paths import APP_NAME, default_vault_folder


def make_application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setApplicationName(APP_NAME)
    # No setApplicationVersion: nothing reads Qt's copy, and reading the version
    # imports importlib.metadata before the first paint. The About box and
    # error reports read ``supnotes.__version__`` when they are shown.
    QCoreApplication.setOrganizationName(APP_NAME)
    app = QApplication(sys.argv[:1])
    app.setDesktopFileName("supnotes")
    install_keyboard_rules(app)  # Shift+F10 is the Menu key; text boxes show focus
    # The controller decides when the program ends: the lock screen and the
    # hand-over from unlock dialog to main window briefly leave no window.
    app.setQuitOnLastWindowClosed(False)
    return app


def apply_machine_appearance(appearance: Appearance, machine: MachineState) -> None:
    theme = machine.get("ui.theme")
    scale = machine.get("ui.font_scale")
    appearance.apply(theme if isinstance(theme, str) else "system", float(scale or 1.0))


def no_core_dumps() -> None:
    """A crash must not leave the key or notes in a core file (POSIX only)."""
    try:
        import resource
    except ImportError:  # Windows
        return
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def quit_on_termination(app: QApplication) -> QTimer:
    """End cleanly (editors save, the key is dropped) on SIGTERM or Ctrl+C.

    Python runs signal handlers only when it has control, so a timer gives
    it control twice a second while Qt's event loop runs.
    """
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda _number, _frame: app.quit())
    wake = QTimer(app)
    wake.timeout.connect(lambda: None)
    wake.start(500)
    return wake


SMOKE_LIMIT_MS = 120_000  # a smoke run that has not finished by then has hung


def end_smoke(app: QApplication, exc: BaseException | None) -> None:
    """``--smoke`` ends at the first unexpected error (or when it hangs): one line, exit 1.

    A smoke run has nobody to read an error dialog, so waiting on one would
    hang CI; the line names the error's type and place, never its message.
    """
    if exc is None:
        reason = f"did not finish within {SMOKE_LIMIT_MS // 1000} s"
    else:
        reason = f"unexpected error: {one_line_reason(exc)}"
    print(f"supnotes: --smoke failed, {reason}", file=sys.stderr, flush=True)  # noqa: T201
    app.exit(1)


def run_desktop_app(args: argparse.Namespace) -> int:
    """Run the app until it quits; returns the exit code."""
    started_at: float = getattr(args, "started_at", None) or time.perf_counter()
    smoke = bool(getattr(args, "smoke", False))
    demo = bool(getattr(args, "demo", False))
    no_core_dumps()
    if smoke:
        # The smoke run needs no display (CI has none).
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = make_application()
    hook = (ErrorHook(lambda exc: end_smoke(app, exc)) if smoke else ErrorHook()).install()
    if smoke:
        watchdog = QTimer(app)
        watchdog.setSingleShot(True)
        watchdog.timeout.connect(lambda: end_smoke(app, None))
        watchdog.start(SMOKE_LIMIT_MS)
    machine = MachineState()
    appearance = Appearance(app)
    apply_machine_appearance(appearance, machine)
    folder: Path = getattr(args, "vault", None) or default_vault_folder()
    instance: SingleInstance | None = None
    if not demo and not smoke:
        instance = SingleInstance(folder)
        if not instance.claim():
            print("SupNotes is already open for this vault; its window was brought forward.")  # noqa: T201 (told to whoever launched it)
            hook.remove()
            return 0
    controller = AppController(
        app,
        folder,
        machine=machine,
        appearance=appearance,
        demo=demo,
        smoke=smoke,
        started_at=started_at,
    )
    controller.finished.connect(app.exit, Qt.ConnectionType.QueuedConnection)
    if instance is not None:
        instance.raise_requested.connect(controller.bring_forward)
    quit_on_termination(app)
    controller.start()
    try:
        code = app.exec()
    finally:
        if controller.lock is not None:
            controller.lock.close_vault()
        if instance is not None:
            instance.release()
        if demo:
            from supnotes.ui.shell.demo import remove_demo_vault

            remove_demo_vault(controller.folder)
        hook.remove()
    return controller.exit_code or code
