"""Put the oversight commands in the main window and connect them.

Overdue… (Ctrl+Shift+O, listed in F1's sheet like every action with a key)
and Compliance report… go at the end of the Records menu. The overdue list
and the report dialog are closed when SupNotes locks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow, QMenu

from supnotes.ui.access.lock import LockController
from supnotes.ui.common.actions import MainActions

if TYPE_CHECKING:
    # Imported when first opened: off the path to the main window's first paint.
    from supnotes.ui.oversight.overdue_view import OverdueDialog
    from supnotes.ui.oversight.overview_view import OverviewDialog
    from supnotes.ui.oversight.report_dialog import ReportDialog

MENU_TITLE = "Records"


def _menu(window: QMainWindow) -> QMenu:
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and action.text().replace("&", "") == MENU_TITLE:
            return menu
    return window.menuBar().addMenu("&Oversight")  # only if the Records menu is gone


@dataclass
class Oversight:
    window: QMainWindow
    lock: LockController
    select_worker: Callable[[str], object]
    open_record: Callable[[str], object]
    overdue: OverdueDialog | None = None
    report: ReportDialog | None = None
    overview: OverviewDialog | None = None
    messages: list[str] = field(default_factory=list)

    def show_overdue(self) -> OverdueDialog | None:
        vault = self.lock.vault
        if vault is None:
            return None
        from supnotes.ui.oversight.overdue_view import show_overdue

        fresh = self.overdue is None
        self.overdue = show_overdue(self.window, vault, self.overdue)
        if fresh:
            self.overdue.open_worker.connect(self._open_worker)
            self.overdue.open_record.connect(self.open_record)
        return self.overdue

    def show_overview(self) -> OverviewDialog | None:
        vault = self.lock.vault
        if vault is None:
            return None
        if self.overview is None:
            from supnotes.ui.oversight.overview_view import OverviewDialog

            self.overview = OverviewDialog(self.window)
        self.overview.load(vault)
        self.overview.show()
        self.overview.raise_()
        return self.overview

    def _open_worker(self, worker_id: str) -> None:
        self.select_worker(worker_id)
        self.window.raise_()
        self.window.activateWindow()

    def show_report(self) -> ReportDialog | None:
        vault = self.lock.vault
        if vault is None:
            return None
        if self.report is not None:
            self.report.close()
            self.report.deleteLater()
        from supnotes.ui.oversight.report_dialog import ReportDialog

        self.report = ReportDialog(vault, self.window)
        self.report.written.connect(self._say)
        self.report.open()
        return self.report

    def _say(self, text: str) -> None:
        self.messages.append(text)
        self.window.statusBar().showMessage(text, 10_000)

    def close_all(self) -> None:
        """Before locking: nothing with names or action text stays on screen."""
        if self.overdue is not None:
            self.overdue.clear()
            self.overdue.close()
        if self.report is not None:
            self.report.close()
        if self.overview is not None:
            self.overview.clear()
            self.overview.close()


def install_oversight(
    window: QMainWindow,
    actions: MainActions,
    lock: LockController,
    select_worker: Callable[[str], object],
    open_record: Callable[[str], object],
) -> Oversight:
    menu = _menu(window)
    menu.addSeparator()
    menu.addActions([actions.overdue_list, actions.oversight_overview, actions.compliance_report])
    oversight = Oversight(window, lock, select_worker, open_record)
    actions.overdue_list.triggered.connect(oversight.show_overdue)
    actions.compliance_report.triggered.connect(oversight.show_report)
    actions.oversight_overview.triggered.connect(oversight.show_overview)
    lock.about_to_lock.connect(oversight.close_all)
    return oversight
