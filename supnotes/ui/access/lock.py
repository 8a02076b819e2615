"""Auto-lock: after idle, after the machine slept, and on Ctrl+L.

Locking, in order:

1. :attr:`LockController.about_to_lock` is emitted (directly, on the UI
   thread): open editors connect their "save now" to it, so nothing typed is
   lost;
2. every visible top-level window and dialog is *shrouded*: its child widgets
   are hidden, an opaque curtain covers it and its title is replaced. Dialogs
   stay open (hiding a dialog would end its ``exec()``), so everything is
   where it was afterwards;
3. the vault is closed, which drops the key and releases the vault's lock;
4. the lock screen (the unlock dialog, application-modal) is shown.

Unlocking reopens the vault, lifts every shroud, restores titles and focus,
and emits :attr:`LockController.unlocked` with the new vault object, which
parts holding the old one must take.

Idle is judged by an application-wide event filter on input events and a
monotonic clock; sleep by the wall clock jumping further than the idle limit
between two ticks of a timer (monotonic clocks stop while a laptop sleeps).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QToolTip, QVBoxLayout, QWidget

from supnotes.ui.access.unlock import UnlockDialog, build_unlock_dialog
from supnotes.ui.common.operations import wait_for_background
from supnotes.vault.vault import Vault

LOCK_SHORTCUT = QKeyCombination(Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_L)
LOCKED_TITLE = "SupNotes — locked"

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class Curtain(QWidget):
    """Covers a locked window completely."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lock-curtain")
        self.setAutoFillBackground(True)
        label = QLabel("Locked", self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
            self.raise_()
        return False

    def lift(self) -> None:
        window = self.parentWidget()
        if window is not None:
            window.removeEventFilter(self)
        self.hide()
        self.deleteLater()


@dataclass
class Shroud:
    """What was hidden in one window, to put back on unlock."""

    window: QWidget
    title: str
    focus: QWidget | None
    hidden: list[QWidget] = field(default_factory=list)
    curtain: Curtain | None = None

    @classmethod
    def cover(cls, window: QWidget) -> Shroud:
        shroud = cls(window, window.windowTitle(), window.focusWidget())
        for child in window.findChildren(
            QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
        ):
            if not child.isWindow() and child.isVisible():
                child.hide()
                shroud.hidden.append(child)
        shroud.curtain = Curtain(window)
        window.setWindowTitle(LOCKED_TITLE)
        return shroud

    def lift(self) -> None:
        if self.curtain is not None:
            self.curtain.lift()
        for child in self.hidden:
            child.show()
        self.window.setWindowTitle(self.title)
        if self.focus is not None:
            self.focus.setFocus()


class LockController(QObject):
    """Owns the open vault and locks it; see the module docstring for the sequence."""

    about_to_lock = Signal()  # save now: the vault is still open during this call
    locked = Signal()  # the vault is closed and every window shrouded
    unlocked = Signal(object)  # the reopened Vault; windows are back as they were
    quit_requested = Signal()  # the supervisor chose Quit on the lock screen

    def __init__(
        self,
        app: QApplication,
        folder: Path,
        *,
        idle_minutes: int = 5,
        demo_passphrase: str | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._app = app
        self.folder = folder
        self._demo_passphrase = demo_passphrase
        self._monotonic = monotonic
        self._wall_clock = wall_clock
        self._vault: Vault | None = None
        self._shrouds: list[Shroud] = []
        self._active_before: QWidget | None = None
        self.lock_dialog: UnlockDialog | None = None
        self._init_timer()
        self.set_idle_limit_ms(idle_minutes * 60_000)
        app.installEventFilter(self)

    def _init_timer(self) -> None:
        self._last_input = self._monotonic()
        self._last_wall = self._wall_clock()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)

    # -- the vault -------------------------------------------------------------

    @property
    def vault(self) -> Vault | None:
        """The open vault, or None while locked."""
        return self._vault

    def set_vault(self, vault: Vault) -> None:
        self._vault = vault
        self.touch()
        self._timer.start()

    @property
    def is_locked(self) -> bool:
        return self.lock_dialog is not None

    # -- idle limit ------------------------------------------------------------

    def set_idle_minutes(self, minutes: int) -> None:
        self.set_idle_limit_ms(minutes * 60_000)

    def set_idle_limit_ms(self, milliseconds: int) -> None:
        """The idle limit; tests use a few hundred milliseconds."""
        self._idle_ms = max(1, milliseconds)
        self._timer.setInterval(max(10, min(1000, self._idle_ms // 4)))

    @property
    def idle_limit_ms(self) -> int:
        return self._idle_ms

    def touch(self) -> None:
        """Count now as activity (input events do this themselves)."""
        self._last_input = self._monotonic()
        self._last_wall = self._wall_clock()

    def _tick(self) -> None:
        if self.is_locked or self._vault is None:
            return
        wall = self._wall_clock()
        slept = (wall - self._last_wall) * 1000 > self._idle_ms + 2 * self._timer.interval()
        self._last_wall = wall
        idle = (self._monotonic() - self._last_input) * 1000 >= self._idle_ms
        if idle or slept:
            self.lock(idle=True)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if kind in _INPUT_EVENTS:
            self._last_input = self._monotonic()
            if (
                kind == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.keyCombination() == LOCK_SHORTCUT
                and not self.is_locked
            ):
                # Reaches here when a modal dialog blocks the menu's shortcut.
                self.lock()
                return True
        return False

    # -- locking and unlocking ---------------------------------------------------

    def lock(self, *, idle: bool = False) -> None:
        """Lock now; ``idle`` when SupNotes locks itself (the lock screen says which)."""
        if self.is_locked or self._vault is None:
            return
        self.about_to_lock.emit()
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
        QToolTip.hideText()
        self._active_before = QApplication.activeWindow()
        self._shrouds = [
            Shroud.cover(window)
            for window in QApplication.topLevelWidgets()
            if window.isVisible() and _is_content_window(window)
        ]
        self._close()
        self.lock_dialog = build_unlock_dialog(
            self.folder, relock=True, idle=idle, demo_passphrase=self._demo_passphrase
        )
        self.lock_dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.lock_dialog.unlocked.connect(self._unlocked)
        self.lock_dialog.rejected.connect(self.quit_requested)
        self.locked.emit()
        self.lock_dialog.open()
        self.lock_dialog.raise_()
        self.lock_dialog.activateWindow()

    def _unlocked(self, vault: Vault) -> None:
        dialog, self.lock_dialog = self.lock_dialog, None
        if dialog is not None:
            dialog.deleteLater()
        for shroud in self._shrouds:
            shroud.lift()
        self._shrouds = []
        if self._active_before is not None:
            self._active_before.activateWindow()
        self.set_vault(vault)
        self.unlocked.emit(vault)

    def _close(self) -> None:
        vault, self._vault = self._vault, None
        self._timer.stop()
        if vault is not None:
            # A backup may still be reading the vault on a worker thread.
            wait_for_background()
            vault.close()

    def close_vault(self) -> None:
        """Save and close for good (quitting): savers run, the key is dropped."""
        if self._vault is not None:
            self.about_to_lock.emit()
        self._close()
        self._app.removeEventFilter(self)

    def shrouded_windows(self) -> list[QWidget]:
        return [shroud.window for shroud in self._shrouds]


def _is_content_window(window: QWidget) -> bool:
    if isinstance(window, UnlockDialog):
        return False
    kind = window.windowType()
    return kind not in (Qt.WindowType.Popup, Qt.WindowType.ToolTip, Qt.WindowType.Desktop)


def is_shrouded(window: QWidget) -> bool:
    """True when ``window`` shows the lock curtain (for tests and screenshots)."""
    curtain = window.findChild(Curtain, "lock-curtain")
    return curtain is not None and curtain.isVisible()
