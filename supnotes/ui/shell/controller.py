"""The app's flow: first run or unlock (or demo), then the main window; settings and backups.

This is where actions are connected to what they do. It holds no widgets of
its own beyond the windows it opens, and reads and writes settings only
through the vault's settings store and the machine state.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog, QWidget

from supnotes.ui.access.unlock import build_unlock_dialog
from supnotes.ui.common.app_filters import app_filters_held, standing_app_filters
from supnotes.ui.common.operations import run_in_background
from supnotes.ui.shell.first_paint import FirstPaint
from supnotes.ui.shell.machine_state import MachineState
from supnotes.ui.shell.theme import Appearance
from supnotes.vault.errors import VaultError
from supnotes.vault.keyfile import KeyFile
from supnotes.vault.machine_defaults import machine_defaults
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Unlock, Vault, vault_exists

if TYPE_CHECKING:
    from supnotes.domain.settings import SettingValue

    # The main window's modules are imported once the unlock has started
    # (import_window_modules, while the key derivation runs), not before the
    # unlock dialog shows: the dialog shows sooner, with less loaded.
    from supnotes.services.demo_plan import DemoSealing
    from supnotes.ui.access.lock import LockController
    from supnotes.ui.common.actions import MainActions
    from supnotes.ui.file_menu import crash_check
    from supnotes.ui.shell.demo_sealing import DemoSealer
    from supnotes.ui.shell.main_window import MainWindow

#: What the opening needs after the key derivation (on its worker thread: the
#: schema check, clearing empty drafts), then the lock controller and the main
#: window's modules (those :meth:`AppController._build_window` imports).
WINDOW_MODULES = (
    "supnotes.vault.migrate",
    "supnotes.vault.repositories.held",
    "supnotes.ui.access.lock",
    "supnotes.ui.common.actions",
    "supnotes.ui.editor.launch",
    "supnotes.ui.oversight.install",
    "supnotes.ui.sealing.install",
    "supnotes.ui.shell.capabilities",
    "supnotes.ui.shell.demo_sealing",
    "supnotes.ui.shell.main_window",
    "supnotes.ui.shell.parts",
    "supnotes.ui.shell.record_opening",
)

FONT_STEP = 0.1
#: The spelling dictionary loads this long after the main window shows (or when
#: an editor opens, if sooner): off the path to the first paint.
SPELLING_DELAY_MS = 1500


def _help() -> ModuleType:
    """Help's dialogs, imported when first asked for (not before the first paint)."""
    from supnotes.ui.dialogs import help as help_ui

    return help_ui


def _demo_passphrase() -> str:
    from supnotes.ui.shell.demo import DEMO_PASSPHRASE  # the demo's code only with --demo

    return DEMO_PASSPHRASE


def import_window_modules() -> None:
    """Import :data:`WINDOW_MODULES` on the UI thread while the key derivation runs.

    Argon2id releases the GIL on its worker thread, so with a second core free
    these imports leave the path from the unlock to the first paint. They are
    not done before the unlock starts: the unlock dialog shows with less
    loaded. They come on top of the derivation's 64 MiB, the memory peak
    (docs/benchmarks.md has it).
    """
    for name in WINDOW_MODULES:
        importlib.import_module(name)


def open_smoke_editor(window: MainWindow, skip: Collection[str] = frozenset()) -> None:
    """For ``--smoke``: open an editor (see :func:`supnotes.ui.editor.launch.open_smoke_editor`)."""
    from supnotes.ui.editor.launch import open_smoke_editor as open_editor

    open_editor(window, skip)


EMPTY_DRAFTS_CLEARED = "app.empty_drafts_cleared"  # in Vault.session


def clear_empty_drafts(vault: Vault) -> None:
    """Remove the drafts with nothing written in them, once a session.

    Left by a crash or an editor closed untouched, they are not supervision and
    are not kept: docs/supervision-held.md.
    """
    from supnotes.vault.repositories.held import remove_empty_drafts

    remove_empty_drafts(vault)
    vault.session[EMPTY_DRAFTS_CLEARED] = True


def open_for_session(folder: Path, unlock: Unlock) -> Vault:
    """Open the vault for the app (on the unlock's worker thread, not the UI's):
    empty drafts are cleared there too, before the main window is built."""
    vault = Vault.open(folder, unlock)
    # Read-only (a full drive): vault_ready tries again, as it always did.
    with contextlib.suppress(VaultError):
        clear_empty_drafts(vault)
    return vault


@dataclass(frozen=True)
class _TimedUnlock(Unlock):
    """--smoke's unlock: a passphrase, with the time its key derivation took."""

    spent: list[float] = field(default_factory=list)

    def data_key(self, keyfile: KeyFile) -> bytes:
        started = time.perf_counter()
        try:
            return super().data_key(keyfile)
        finally:
            self.spent.append(time.perf_counter() - started)


class AppController(QObject):
    window_shown = Signal(object)  # the MainWindow, once shown with an open vault
    finished = Signal(int)  # the program should end with this exit code

    def __init__(
        self,
        app: QApplication,
        folder: Path,
        *,
        machine: MachineState,
        appearance: Appearance,
        demo: bool = False,
        smoke: bool = False,
        started_at: float | None = None,
    ) -> None:
        super().__init__()
        self.app = app
        self.folder = folder
        self.machine = machine
        self.appearance = appearance
        self.demo = demo
        self.smoke = smoke
        self.started_at = time.perf_counter() if started_at is None else started_at
        self._unlocked_at = self.started_at
        self.exit_code = 0
        self.window: MainWindow | None = None
        self.crash_check: crash_check.CrashCheck | None = None
        self._backup_after_check = False
        self.actions: MainActions | None = None
        self.lock: LockController | None = None
        self.dialog: QWidget | None = None  # the first-run or unlock dialog while shown
        self._progress: QProgressDialog | None = None
        self._demo_sealing: DemoSealing | None = None  # the demo's seals, done after it shows
        self.demo_sealer: DemoSealer | None = None
        self.first_paint: FirstPaint | None = None
        self._derivation: list[float] = []  # --smoke: the key derivation's seconds
        self._workers_filled_at: float | None = None

    # -- getting an open vault ----------------------------------------------------

    def start(self) -> None:
        if self.demo:
            self._start_demo()
        elif self.smoke:
            self._start_smoke()
        elif not vault_exists(self.folder):
            from supnotes.ui.access.first_run import build_first_run

            wizard = build_first_run(self.folder)
            wizard.vault_ready.connect(self.vault_ready)
            wizard.rejected.connect(lambda: self.quit(0))
            self._show_dialog(wizard)
        else:
            dialog = build_unlock_dialog(self.folder, opener=open_for_session)
            dialog.unlocked.connect(self.vault_ready)
            dialog.unlock_started.connect(self._import_while_unlocking)
            dialog.rejected.connect(lambda: self.quit(0))
            self._show_dialog(dialog)

    def _show_dialog(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _start_demo(self) -> None:
        if not self.smoke:
            progress = QProgressDialog(
                "Preparing a demo vault of made-up people…",
                "",
                0,
                0,
            )
            progress.setCancelButton(None)
            progress.setWindowTitle("SupNotes demo")
            progress.setMinimumDuration(0)
            progress.show()
            self._progress = progress
        from supnotes.ui.shell.demo import create_demo_vault

        run_in_background(create_demo_vault, self._demo_ready, self._startup_failed)

    def _demo_ready(self, made: tuple[Vault, DemoSealing]) -> None:
        vault, self._demo_sealing = made
        if self._progress is not None:
            self._progress.close()
            self._progress = None
        self.folder = vault.paths.folder
        self.vault_ready(vault)

    def _start_smoke(self) -> None:
        passphrase = os.environ.get("SUPNOTES_PASSPHRASE", "")
        folder = self.folder
        unlock = _TimedUnlock(passphrase=passphrase, spent=self._derivation)
        run_in_background(
            lambda: open_for_session(folder, unlock),
            self.vault_ready,
            self._startup_failed,
        )
        self._import_while_unlocking()

    def _import_while_unlocking(self) -> None:
        # After the turn of the event loop that shows the dialog's progress.
        QTimer.singleShot(0, import_window_modules)

    def _startup_failed(self, exc: BaseException) -> None:
        if self._progress is not None:
            self._progress.close()
        if not isinstance(exc, VaultError):
            raise exc
        print(f"supnotes: {exc.one_line()}", file=sys.stderr)  # noqa: T201 (the one-line reason)
        self.quit(2)

    # -- the main window ---------------------------------------------------------

    def vault_ready(self, vault: Vault) -> None:
        """Build and show the main window on ``vault``."""
        self._unlocked_at = time.perf_counter()
        self.dialog = None
        if not vault.session.get(EMPTY_DRAFTS_CLEARED):
            clear_empty_drafts(vault)  # opened elsewhere (a test, the demo, first run)
        from supnotes.ui.access.lock import LockController

        store = SettingsStore(vault)
        self.lock = LockController(
            self.app,
            self.folder,
            idle_minutes=store.get_int("lock.idle_minutes"),
            demo_passphrase=_demo_passphrase() if self.demo else None,
            parent=self,
        )
        self.lock.set_vault(vault)
        self.lock.quit_requested.connect(lambda: self.quit(0))
        self.lock.unlocked.connect(self._after_unlock)
        # Built without the app's own event filters watching (see app_filters):
        # they are back before the window shows.
        with app_filters_held(self.app, [*standing_app_filters(self.app), self.lock]):
            window = self._build_window()
        self.first_paint = FirstPaint(window)
        window.show()
        self.window = window
        if self.demo_sealer is not None:
            self.demo_sealer.start()
        self.window_shown.emit(window)
        # After an unclean exit only the quick check ran: the full one runs now.
        from supnotes.ui.file_menu import crash_check

        self.crash_check = crash_check.start_if_needed(window, self.lock, vault)
        if self.crash_check is not None:
            self.crash_check.finished.connect(self._checked_after_crash)
        if self.smoke:
            window.parts.workers.loaded.connect(self._workers_filled)
        # What the first screen does not need waits for its first paint.
        self.first_paint.then(lambda: self._after_first_paint(window))
        if not self.smoke:
            # After the window has painted: the policy loads the public-key code.
            QTimer.singleShot(500, self.follow_escrow_policy)
            QTimer.singleShot(2000, self.back_up_if_due)

    def _after_first_paint(self, window: MainWindow) -> None:
        """The lists load (off the UI thread) and the search results are built
        once the window has painted.

        --smoke reports once the worker list has filled too: a usable window.
        """
        if self.smoke:
            workers = window.parts.workers

            def filled() -> None:
                workers.loaded.disconnect(filled)
                self._report_ready()

            workers.loaded.connect(filled)
        window.parts.wiring.load()
        # The search results, hidden until the first search: built now, while the
        # lists load off the UI thread, so they are ready before anyone can reach them.
        window.parts.search_results.ensure_built()

    def _build_window(self) -> MainWindow:
        from supnotes.ui.common.actions import build_actions
        from supnotes.ui.editor.launch import install_app_editor
        from supnotes.ui.oversight.install import install_oversight
        from supnotes.ui.sealing.install import install_sealing_actions
        from supnotes.ui.shell.capabilities import Capabilities
        from supnotes.ui.shell.demo_sealing import guard_opening, install_demo_sealer
        from supnotes.ui.shell.main_window import MainWindow
        from supnotes.ui.shell.parts import PartsContext, build_parts
        from supnotes.ui.shell.record_opening import open_record

        assert self.lock is not None
        placeholder = QWidget()
        actions = build_actions(placeholder)
        context = PartsContext(self.lock, actions)
        parts = build_parts(context, load_now=False)  # loads after the first paint
        title, status = self._title_and_status()
        window = MainWindow(actions, parts, self.machine, title=title, status=status)
        for action in actions.all():
            action.setParent(window)
        placeholder.deleteLater()
        self.actions = actions
        self._connect_actions(actions, window)
        self.sealing = install_sealing_actions(
            window, lambda: self.lock.vault if self.lock else None
        )
        # The session editor: Ctrl+N, Ctrl+D, and every record opened from the views.
        editors = install_app_editor(window, actions, self.lock, parts.workers.selected_worker_id)
        QTimer.singleShot(SPELLING_DELAY_MS, editors.context.spelling.start_loading)
        refused = len(editors.context.library.errors)
        if refused:
            noun = "file was" if refused == 1 else "files were"
            window.statusBar().showMessage(
                f"{refused} template {noun} refused: see Help → Templates.", 30_000
            )
        open_editor: Callable[[str], object] = editors.open_editor
        if self._demo_sealing is not None:
            self.demo_sealer = install_demo_sealer(window, self.lock, parts, self._demo_sealing)
            open_editor = guard_opening(self.demo_sealer, open_editor, window)
        context.opener.use(open_editor)
        parts.thread.discarder.is_open = lambda record_id: record_id in editors.windows
        parts.thread.discarder.refused.connect(
            lambda text: window.statusBar().showMessage(text, 8000)
        )
        editors.record_saved.connect(lambda _record_id: parts.wiring.refresh_soon())
        self.capabilities = Capabilities(
            window, actions, self.lock, parts, lambda: len(editors.windows)
        )

        def review(record_id: str) -> None:
            dialog = self.sealing.open_review(record_id)
            if dialog is not None:
                dialog.sealed.connect(editors.record_sealed)
                dialog.sealed.connect(lambda _record_id: parts.wiring.refresh_soon())

        editors.review_requested.connect(review)
        self.oversight = install_oversight(
            window,
            actions,
            self.lock,
            window.show_worker,
            lambda record_id: open_record(context, record_id),
        )
        return window

    def _connect_actions(self, a: MainActions, window: MainWindow) -> None:
        from supnotes.ui.common.clipboard import clipboard_guard

        assert self.lock is not None
        a.lock.triggered.connect(lambda: self.lock.lock() if self.lock else None)
        a.quit.triggered.connect(window.close)
        a.settings.triggered.connect(self.open_settings)
        a.back_up_now.triggered.connect(lambda: self.back_up(force=True))
        a.zoom_in.triggered.connect(lambda: self.change_font_scale(FONT_STEP))
        a.zoom_out.triggered.connect(lambda: self.change_font_scale(-FONT_STEP))
        a.zoom_reset.triggered.connect(lambda: self.change_font_scale(None))
        a.shortcuts.triggered.connect(
            lambda: _help().build_shortcuts_dialog(a.all(), window).open()
        )
        a.about.triggered.connect(lambda: _help().build_about_dialog(window).open())
        a.templates.triggered.connect(lambda: self.show_templates(window))
        a.retention_review.triggered.connect(lambda: self.show_retention(window))
        a.highlights.triggered.connect(lambda: self.show_highlights(window))
        a.access_trail.triggered.connect(lambda: self.show_trail(window))
        # Case direction copied for a case note never outlives the unlocked vault.
        self.lock.about_to_lock.connect(lambda: clipboard_guard().clear_now())
        window.closing.connect(self.shutdown)

    def show_highlights(self, window: QWidget) -> QDialog:
        """File → Highlights…"""
        from supnotes.services.templates import app_library
        from supnotes.ui.oversight.highlights_view import HighlightsView

        dialog = HighlightsView(
            lambda: self.lock.vault if self.lock else None, app_library(), window
        )
        dialog.open()
        return dialog

    def show_retention(self, window: QWidget) -> QDialog:
        """File → Retention review."""
        from supnotes.ui.oversight.retention_view import RetentionView

        dialog = RetentionView(lambda: self.lock.vault if self.lock else None, window)
        dialog.open()
        return dialog

    def show_trail(self, window: QWidget) -> QDialog:
        """File → Access trail…"""
        from supnotes.ui.oversight.trail_view import TrailView

        dialog = TrailView(lambda: self.lock.vault if self.lock else None, window)
        if self.lock is not None:
            self.lock.about_to_lock.connect(dialog.close)
        dialog.open()
        return dialog

    def show_templates(self, window: QWidget) -> QDialog:
        """Help → Templates, with the folder read again now."""
        from supnotes.services.templates import app_library, user_template_folder
        from supnotes.ui.dialogs.templates_dialog import build_templates_dialog

        dialog = build_templates_dialog(app_library(), user_template_folder(), window)
        dialog.open()
        return dialog

    def _workers_filled(self) -> None:
        if self._workers_filled_at is None:
            self._workers_filled_at = time.perf_counter()

    def _report_ready(self) -> None:
        assert self.window is not None
        assert self.first_paint is not None
        # In the demo, not a record still being sealed (it does not open until sealed).
        open_smoke_editor(self.window, self.demo_sealer.pending() if self.demo_sealer else ())
        elapsed = (time.perf_counter() - self.started_at) * 1000
        after_unlock = (time.perf_counter() - self._unlocked_at) * 1000
        # The smoke test's output: the total on its own line, then the split.
        print(f"ready in {elapsed:.0f} ms", flush=True)  # noqa: T201
        lines = [
            f"  of which after unlock (main window, its worker list and an editor): "
            f"{after_unlock:.0f} ms"
        ]
        painted, clock = self.first_paint.painted_at, self.first_paint.painted_clock
        if painted is not None and clock is not None:
            # The clock time lets a harness count from the moment it started the process.
            lines.append(
                f"  main window painted {(painted - self._unlocked_at) * 1000:.0f} ms "
                f"after unlock, at clock {clock:.4f} s"
            )
        if self.first_paint.painted_cpu is not None:
            # Not slowed by other processes: the UI thread's own work, from the start.
            cpu = self.first_paint.painted_cpu * 1000
            lines.append(f"  UI thread's CPU time from the start to that paint: {cpu:.0f} ms")
        if self._workers_filled_at is not None:
            filled = (self._workers_filled_at - self._unlocked_at) * 1000
            lines.append(f"  worker list filled {filled:.0f} ms after unlock")
        if self._derivation:
            lines.append(f"  key derivation (Argon2id): {sum(self._derivation) * 1000:.0f} ms")
        print("\n".join(lines), flush=True)  # noqa: T201
        self.window.close()
        self.quit(0)

    def _title_and_status(self) -> tuple[str, str]:
        """The window's title and status line for the vault as it is now open."""
        title = "SupNotes"
        status = f"Vault: {self.folder}"
        if self.demo:
            title = f"SupNotes — demo vault (passphrase: {_demo_passphrase()})"
            status = "Demo vault of made-up people; deleted when SupNotes closes."
        vault = self.lock.vault if self.lock is not None else None
        reason = vault.read_only_reason if vault is not None else None
        if reason is not None:  # its drive is full: readable and backed up, not changed
            title = "SupNotes — read-only"
            status = f"{reason.message} {reason.advice}"
        return title, status

    def follow_escrow_policy(self) -> None:
        """IT's escrow policy (docs/escrow.md): add a required key, or mention an offered one.

        At the first unlock of a session (after creation too), not at every
        unlock after an idle lock: the machine's defaults do not change meanwhile.
        """
        vault = self.lock.vault if self.lock is not None else None
        if self.demo or vault is None or not vault.is_open:
            return  # locked meanwhile: the next session's first unlock follows it
        from supnotes.services.escrow import apply_policy

        try:
            outcome = apply_policy(vault, machine_defaults())
        except (VaultError, OSError) as exc:
            # The vault stays as it was; the next unlock tries again.
            reason = exc.one_line() if isinstance(exc, VaultError) else str(exc)
            message: str | None = f"The organisation's escrow key could not be added: {reason}"
        else:
            message = outcome.message
        if message and self.window is not None:
            self.window.statusBar().showMessage(message, 30_000)

    def _after_unlock(self, vault: Vault) -> None:
        del vault
        if self.window is not None:
            # Reopened: writable again if space was freed meanwhile, or read-only now.
            title, status = self._title_and_status()
            self.window.setWindowTitle(title)
            self.window.status_label.setText(status)
            self.window.statusBar().showMessage("Unlocked", 3000)

    def bring_forward(self) -> None:
        """A second launch asked for this program: show the lock screen or the window."""
        target: QWidget | None = None
        if self.lock is not None and self.lock.lock_dialog is not None:
            target = self.lock.lock_dialog
        elif self.window is not None:
            target = self.window
        else:
            target = self.dialog
        if target is None:
            return
        if target.isMinimized():
            target.showNormal()
        target.raise_()
        target.activateWindow()

    # -- settings ------------------------------------------------------------------

    def current_settings(self) -> dict[str, SettingValue]:
        assert self.lock is not None
        assert self.lock.vault is not None
        from supnotes.domain.settings import SETTINGS

        values = SettingsStore(self.lock.vault).all()
        for row in SETTINGS:
            if row.scope == "machine":
                values[row.key] = self.machine.get(row.key)
        return values

    def open_settings(self) -> QDialog:
        from supnotes.ui.dialogs.settings_dialog import build_settings_dialog

        dialog = build_settings_dialog(self.current_settings(), self.window)
        from supnotes.ui.sealing.install import add_fingerprint_row

        add_fingerprint_row(dialog, self.lock.vault if self.lock else None)
        from supnotes.ui.dialogs.escrow_section import add_escrow_section

        add_escrow_section(dialog, self.lock.vault if self.lock else None, machine_defaults())
        from supnotes.ui.dialogs.encryption_key_section import add_encryption_key_section

        add_encryption_key_section(dialog, self.lock.vault if self.lock else None)
        dialog.accepted.connect(lambda: self.save_settings(dialog.values()))
        dialog.open()
        return dialog

    def save_settings(self, values: dict[str, SettingValue]) -> None:
        assert self.lock is not None
        assert self.lock.vault is not None
        from supnotes.domain.settings import SETTINGS

        by_scope = {row.key: row.scope for row in SETTINGS}
        vault_values: dict[str, object] = {
            k: v for k, v in values.items() if by_scope[k] == "vault"
        }
        SettingsStore(self.lock.vault).set_many(vault_values)
        for key, value in values.items():
            if by_scope[key] == "machine":
                self.machine.set(key, value)
        self.apply_settings()

    def apply_settings(self) -> None:
        if self.lock is not None and self.lock.vault is not None:
            self.lock.set_idle_minutes(SettingsStore(self.lock.vault).get_int("lock.idle_minutes"))
        theme = self.machine.get("ui.theme")
        scale = self.machine.get("ui.font_scale")
        assert isinstance(theme, str)
        assert isinstance(scale, float)
        self.appearance.apply(theme, scale)

    def change_font_scale(self, step: float | None) -> None:
        current = self.machine.get("ui.font_scale")
        assert isinstance(current, float)
        wanted = 1.0 if step is None else round(current + step, 2)
        wanted = min(2.0, max(0.8, wanted))
        self.machine.set("ui.font_scale", wanted)
        self.apply_settings()

    # -- backups ----------------------------------------------------------------

    def back_up_if_due(self) -> None:
        check = self.crash_check
        if check is not None and check.passed is not True:
            # No automatic backup of a vault not yet checked after an unclean
            # exit: a damaged copy must not push out a good one.
            self._backup_after_check = check.passed is None
            return
        self.back_up(force=False)

    def _checked_after_crash(self, passed: bool) -> None:
        if passed and self._backup_after_check:
            self._backup_after_check = False
            self.back_up_if_due()

    def back_up(self, *, force: bool) -> None:
        if self.lock is None or self.lock.vault is None:
            return
        vault = self.lock.vault
        store = SettingsStore(vault)
        if not force and not store.get_bool("backup.enabled"):
            return
        folder_text = store.get_text("backup.folder")
        folder = Path(folder_text) if folder_text else None
        keep = store.get_int("backup.keep")
        interval = timedelta(days=store.get_int("backup.interval_days"))
        from supnotes.services.backups import back_up_now, back_up_rolling

        def work() -> Path | None:
            if force:  # "Back up now": a manual- backup, outside the automatic ones' rolling
                return back_up_now(vault, folder)
            return back_up_rolling(vault, folder, keep=keep, interval=interval, automatic=True)

        run_in_background(
            work,
            self._backed_up,
            self._backup_failed,
        )

    def _backed_up(self, path: Path | None) -> None:
        if self.window is not None and path is not None:
            self.window.statusBar().showMessage(f"Backup written: {path.name}", 5000)

    def _backup_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, VaultError):
            raise exc
        if self.window is not None:
            self.window.statusBar().showMessage(f"Backup failed: {exc.message} {exc.advice}")

    # -- ending ----------------------------------------------------------------

    def shutdown(self) -> None:
        """Save what is open and close the vault (the key is dropped)."""
        if self.lock is not None:
            self.lock.close_vault()
        self.quit(self.exit_code)

    def quit(self, code: int) -> None:
        """End the flow; :func:`supnotes.ui.shell.app.run_desktop_app` exits the event loop."""
        self.exit_code = code
        self.finished.emit(code)
