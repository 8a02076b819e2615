"""The main window: places the menus, toolbar and parts, and remembers its geometry.

It does no work itself: the parts come from :func:`supnotes.ui.parts.build_parts`
and the actions are connected by the app controller.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from supnotes.ui.actions import MainActions
from supnotes.ui.machine_state import MachineState
from supnotes.ui.parts import Parts

STATE_NAME = "main"


class MainWindow(QMainWindow):
    closing = Signal()  # the window is closing; save what is open

    def __init__(
        self,
        actions: MainActions,
        parts: Parts,
        machine: MachineState,
        *,
        title: str = "SupNotes",
        status: str = "",
    ) -> None:
        super().__init__()
        self.commands = actions
        self.parts = parts
        self._machine = machine
        self.setObjectName("main-window")
        self.setWindowTitle(title)
        for action in actions.all():
            self.addAction(action)
        self._init_menus()
        self._init_toolbar()
        self._init_central()
        self._init_status(status)
        self._restore_state()

    def _init_menus(self) -> None:
        a = self.commands
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([a.back_up_now, a.settings])
        file_menu.addActions([a.highlights, a.retention_review])
        file_menu.addSeparator()
        file_menu.addAction(a.lock)
        file_menu.addSeparator()
        file_menu.addAction(a.quit)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(a.find)
        view_menu = bar.addMenu("&View")
        view_menu.addActions([a.zoom_in, a.zoom_out, a.zoom_reset])
        records_menu = bar.addMenu("&Records")
        records_menu.addActions([a.new_session, a.quick_decision])
        records_menu.addSeparator()
        records_menu.addActions([a.add_worker, a.edit_worker, a.worker_leaves])
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([a.shortcuts, a.templates, a.about])

    def _init_toolbar(self) -> None:
        toolbar = QToolBar("Main", self)
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        a = self.commands
        toolbar.addActions([a.new_session, a.quick_decision, a.add_worker])
        spacer = QWidget(toolbar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        self.parts.search_box.setMinimumWidth(260)
        toolbar.addWidget(self.parts.search_box)
        toolbar.addAction(a.lock)
        self.addToolBar(toolbar)

    def _init_central(self) -> None:
        self.right = QStackedWidget(self)
        self.right.setObjectName("right-panel")
        self.right.addWidget(self.parts.thread)
        self.right.addWidget(self.parts.search_results)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main-splitter")
        self.splitter.addWidget(self.parts.workers)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        central = QWidget(self)
        central.setObjectName("central")
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)
        self.setCentralWidget(central)
        self.commands.find.triggered.connect(self.focus_search)
        self.parts.search_box.search_requested.connect(self.show_search_results)
        self.parts.search_box.typing.connect(self.show_search_results)
        self.parts.search_box.cleared.connect(self.show_thread)
        self.parts.workers.loaded.connect(self._give_the_keyboard_a_place)

    def _init_status(self, status: str) -> None:
        self.status_label = QLabel(status, self)
        self.status_label.setObjectName("status-label")
        self.statusBar().addPermanentWidget(self.status_label)

    def _give_the_keyboard_a_place(self) -> None:
        # When the workers are in and the keyboard is nowhere visible (just
        # opened or unlocked) or only on the empty search box Qt chose first,
        # it goes to the worker list, never to nothing.
        focused, box = QApplication.focusWidget(), self.parts.search_box
        if (
            focused is None
            or focused is self
            or not focused.isVisible()
            or (focused is box and not box.text())  # Qt's first pick, not the user's
        ):
            self.parts.workers.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_search(self) -> None:
        self.parts.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.parts.search_box.selectAll()

    def show_search_results(self, _query: str) -> None:
        self.right.setCurrentWidget(self.parts.search_results)

    def show_thread(self) -> None:
        self.right.setCurrentWidget(self.parts.thread)

    # -- geometry (no content) -------------------------------------------------

    def _restore_state(self) -> None:
        geometry, state = self._machine.window_state(STATE_NAME)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1100, 700)
        if state is not None:
            self.restoreState(state)

    def save_state(self) -> None:
        self._machine.save_window_state(STATE_NAME, self.saveGeometry(), self.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.closing.emit()
        self.save_state()
        super().closeEvent(event)
