"""The main window: places the menus, toolbar and parts, and remembers its geometry.

It does no work itself: the parts come from :func:`supnotes.ui.shell.parts.build_parts`
and the actions are connected by the app controller.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QMenuBar,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from supnotes.ui.common.actions import MainActions
from supnotes.ui.common.fit import fit_to_screen
from supnotes.ui.common.reading_order import chain, in_layout_order_of
from supnotes.ui.common.status_line import StatusLine
from supnotes.ui.shell.machine_state import MachineState
from supnotes.ui.shell.parts import Parts

STATE_NAME = "main"

#: One menu entry: an action, a separator (None), or a submenu (title, entries).
MenuEntry = QAction | None | tuple[str, list["MenuEntry"]]


class PageStack(QStackedWidget):
    """A stack whose minimum and wanted size are its shown page's only.

    Qt's stack asks for the largest of all its pages, so the hidden search
    results (filter rows) took room from the worker list on a narrow screen.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        page = self.currentWidget()
        if page is None:
            return super().minimumSizeHint()
        return page.minimumSizeHint().expandedTo(page.minimumSize())

    def sizeHint(self) -> QSize:  # noqa: N802
        page = self.currentWidget()
        return super().sizeHint() if page is None else page.sizeHint()


def menu_layout(a: MainActions, parts: Parts) -> list[tuple[str, list[MenuEntry]]]:
    """The menu bar as data: each menu's title and entries, in order.

    A new capability is one more entry here (and its action in
    :mod:`supnotes.ui.common.actions`); the window builds whatever this lists.
    """
    return [
        (
            "&File",
            [
                (
                    "E&xport and import",
                    [
                        a.export_vault,
                        a.export_worker,
                        a.subject_access,
                        None,
                        a.import_json,
                        None,
                        a.hand_over_worker,
                        a.receive_handover,
                    ],
                ),
                None,
                a.highlights,
                a.retention_review,
                a.access_trail,
                None,
                a.send_to_organisation,
                None,
                a.back_up_now,
                a.restore_backup,
                a.check_vault,
                None,
                ("&Keys", [a.change_passphrase, a.new_recovery_key, None, a.import_identity]),
                a.settings,
                None,
                a.lock,
                None,
                a.quit,
            ],
        ),
        ("&Edit", [a.find]),
        ("&View", [a.zoom_in, a.zoom_out, a.zoom_reset]),
        (
            "&Records",
            [
                a.new_session,
                a.quick_decision,
                None,
                parts.thread.discarder.action,
                None,
                a.add_worker,
                a.edit_worker,
                a.worker_leaves,
            ],
        ),
        ("&Help", [a.shortcuts, a.templates, a.about]),
    ]


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
        self.menus: dict[str, QMenu] = {}
        for title, entries in menu_layout(self.commands, self.parts):
            self.menus[title] = self._add_menu(self.menuBar(), title, entries)

    def _add_menu(self, parent: QMenuBar | QMenu, title: str, entries: list[MenuEntry]) -> QMenu:
        menu = parent.addMenu(title)
        for entry in entries:
            if entry is None:
                menu.addSeparator()
            elif isinstance(entry, QAction):
                menu.addAction(entry)
            else:
                self._add_menu(menu, entry[0], entry[1])
        return menu

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
        self.parts.search_box.setMinimumWidth(self.fontMetrics().averageCharWidth() * 18)
        self.parts.search_box.setMaximumWidth(self.fontMetrics().averageCharWidth() * 40)
        toolbar.addWidget(self.parts.search_box)
        toolbar.addAction(a.lock)
        self.addToolBar(toolbar)
        # A toolbar's buttons take no keyboard focus in Qt; here Tab reaches
        # them (Lock included), in their place at the top of the window.
        self.toolbar_buttons: list[QWidget] = []
        for action in (a.new_session, a.quick_decision, a.add_worker, None, a.lock):
            if action is None:
                self.toolbar_buttons.append(self.parts.search_box)
                continue
            button: QWidget | None = toolbar.widgetForAction(action)
            if button is not None:
                button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
                button.setObjectName(f"toolbar-{action.objectName()}")
                self.toolbar_buttons.append(button)

    def _init_central(self) -> None:
        self.right = PageStack(self)
        self.right.setObjectName("right-panel")
        self.right.addWidget(self.parts.thread)
        self.right.addWidget(self.parts.search_results)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main-splitter")
        self.splitter.addWidget(self.parts.workers)
        self.splitter.addWidget(self.right)
        # The worker list has the wider table (names, due dates, counts).
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
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
        self._tab_as_on_screen()
        # The search panel builds its filters and table after the first paint.
        self.parts.search_results.built_now.connect(self._tab_as_on_screen)

    def _tab_as_on_screen(self) -> None:
        """Tab follows the screen: the toolbar left to right (the search box in
        its place, then Lock), the worker list, then the records or the search
        results (each part top to bottom, its filters row by row)."""
        order = [
            *self.toolbar_buttons,
            *in_layout_order_of(self.parts.workers),
            *in_layout_order_of(self.right),
        ]
        chain(order)

    def _init_status(self, status: str) -> None:
        # Messages (after a handover, an export...) get the whole bar while they
        # show: beside the vault line they were cut at 1024 px. Their first line
        # is shown, elided if it must be; the whole message is the tooltip and
        # accessible description (ui/common/status_line.py).
        self.message_line = StatusLine("", self)
        self.message_line.attach(self.statusBar())
        self.message_line.hide()
        self.status_label = QLabel(status, self)
        self.status_label.setObjectName("status-label")
        self.status_label.setToolTip(status)
        # A long vault path must not make the window wider than a small screen.
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.status_label.setMinimumWidth(0)
        self.statusBar().addPermanentWidget(self.status_label)
        self.statusBar().messageChanged.connect(self._message_or_vault_line)

    def _message_or_vault_line(self, message: str) -> None:
        self.message_line.setVisible(bool(message))
        self.status_label.setVisible(not message)

    def _give_the_keyboard_a_place(self) -> None:
        # When the workers are in and the keyboard is nowhere visible (just
        # opened or unlocked) or only on the empty search box Qt chose first,
        # it goes to the worker list, never to nothing.
        focused, box = QApplication.focusWidget(), self.parts.search_box
        if (
            focused is None
            or focused is self
            or not focused.isVisible()
            # Qt's first pick (the first toolbar button), not the user's.
            or (focused in self.toolbar_buttons and (focused is not box or not box.text()))
        ):
            workers = self.parts.workers
            # A new vault shows "Add your first worker…" instead of the list.
            shown = workers.table if workers.model.rowCount() else workers.add_first
            shown.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_search(self) -> None:
        self.parts.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.parts.search_box.selectAll()

    def show_search_results(self, _query: str) -> None:
        self.parts.search_results.ensure_built()  # built after the first paint, or now
        self.right.setCurrentWidget(self.parts.search_results)

    def show_thread(self) -> None:
        self.right.setCurrentWidget(self.parts.thread)

    def show_worker(self, worker_id: str) -> None:
        """Leave search mode and show ``worker_id``'s records (from the Overdue list)."""
        self.parts.search_box.clear()  # emits cleared: the thread comes back
        self.show_thread()
        self.parts.workers.select_worker(worker_id)

    # -- geometry (no content) -------------------------------------------------

    def _restore_state(self) -> None:
        geometry, state = self._machine.window_state(STATE_NAME)
        if geometry is None or not self.restoreGeometry(geometry):
            # First run: 1100x700 where the screen has room, else what it has
            # (a 1024x640 laptop, or 150% text), so nothing is off screen.
            fit_to_screen(self, QSize(1100, 700))
            # The worker list's wider table gets the larger share.
            self.splitter.setSizes([580, 420])
        else:
            # A size saved on a larger screen must not spill off this one.
            fit_to_screen(self, self.size())
        if state is not None:
            self.restoreState(state)
        self._restore_columns()

    def _restore_columns(self) -> None:
        """Hidden table columns, as chosen last time (header titles only)."""
        for name, fitter in (
            ("workers", self.parts.workers.columns),
            ("thread", self.parts.thread.columns),
        ):
            hidden = self._machine.hidden_columns(name)
            if hidden is not None:
                fitter.set_hidden(hidden)
            fitter.hidden_changed.connect(
                lambda titles, n=name: self._machine.set_hidden_columns(n, titles)
            )

    def save_state(self) -> None:
        self._machine.save_window_state(STATE_NAME, self.saveGeometry(), self.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.closing.emit()
        self.save_state()
        super().closeEvent(event)
