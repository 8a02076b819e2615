"""How the worker list, thread and search follow each other and the lock.

Selecting a worker shows their thread and enables the worker actions; typing
in the search box searches; opening a record from either list goes through
the one seam, :func:`supnotes.ui.shell.record_opening.open_record`. Enter on a
worker takes the keyboard to their newest record; Escape in the records goes
back to the workers; Down in the search box goes to the results and Escape
there comes back. On lock every
part drops its rows; on unlock they load again from the reopened vault.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from supnotes.ui.access.lock import LockController
from supnotes.ui.common.actions import MainActions
from supnotes.ui.views import worker_model as wm
from supnotes.ui.views.search_box import SearchBox
from supnotes.ui.views.search_view import SearchPanel
from supnotes.ui.views.thread_view import ThreadPanel
from supnotes.ui.views.worker_commands import WorkerCommands
from supnotes.ui.views.worker_list import WorkerListPanel
from supnotes.vault.vault import Vault

REFRESH_DELAY_MS = 1500


class ViewsWiring(QObject):
    def __init__(
        self,
        lock: LockController,
        actions: MainActions,
        panels: tuple[WorkerListPanel, ThreadPanel, SearchBox, SearchPanel],
        open_record: Callable[[str], object],
        *,
        load_now: bool = True,
    ) -> None:
        workers, thread, search_box, results = panels
        super().__init__(workers)
        self._actions = actions
        self._workers, self._thread, self._results = workers, thread, results
        self._search_box = search_box
        self.commands = WorkerCommands(lock, actions, workers)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self._refresh)
        workers.worker_selected.connect(self._worker_selected)
        workers.loaded.connect(self._workers_loaded)
        workers.add_requested.connect(actions.add_worker.trigger)
        search_box.typing.connect(results.search_soon)
        search_box.search_requested.connect(results.search)
        search_box.refused.connect(results.show_notice)
        thread.open_record_requested.connect(open_record)
        thread.discarder.discarded.connect(lambda _record_id: self._refresh())
        results.open_record_requested.connect(open_record)
        # The keyboard's way between the lists (docs/keyboard.md).
        workers.worker_activated.connect(lambda _worker_id: thread.focus_newest())
        thread.table.escape_pressed.connect(workers.table.setFocus)
        search_box.down_pressed.connect(results.focus_results)
        results.escape_pressed.connect(search_box.setFocus)
        lock.about_to_lock.connect(self._unbind)
        lock.unlocked.connect(self._bind)
        self._lock = lock
        self._bound = False
        if load_now:
            self.load()

    def load(self) -> None:
        """Start loading the parts from the open vault (once; unlocks reload by themselves).

        The app calls this once its window has painted (``load_now=False``):
        the worker list, its figures and the search filters' choices then load
        off the UI thread after the first paint, not during it.
        """
        if not self._bound and self._lock.vault is not None:
            self._bind(self._lock.vault)

    def refresh_soon(self) -> None:
        """Reload the worker list and thread a moment after a record changed elsewhere.

        Editors save about once a second while someone types; the reload
        waits for a pause instead of following every save.
        """
        self._refresh_timer.start()

    def _refresh(self) -> None:
        self._workers.reload(select=self._workers.selected_worker_id())
        self._thread.reload()

    def _bind(self, vault: Vault) -> None:
        self._bound = True
        # New session asks for a worker when none is selected.
        for action in (
            self._actions.add_worker,
            self._actions.new_session,
            self._actions.quick_decision,
        ):
            action.setEnabled(True)
        for part in (self._workers, self._thread, self._results):
            part.bind(vault)
        # After an unlock the query still in the box is searched again, so the
        # box and the results never disagree.
        query = self._search_box.text()
        if query.strip():
            self._results.search(query)

    def _unbind(self) -> None:
        self._refresh_timer.stop()
        self._thread.remember_selection()  # before the worker list lets go of the worker
        for part in (self._workers, self._thread, self._results):
            part.unbind()
        for action in (
            self._actions.add_worker,
            self._actions.new_session,
            self._actions.quick_decision,
        ):
            action.setEnabled(False)

    def _worker_selected(self, worker_id: str | None) -> None:
        for action in (self._actions.edit_worker, self._actions.worker_leaves):
            action.setEnabled(worker_id is not None)
        name = ""
        if worker_id is not None:
            row = self._workers.model.row_of(worker_id)
            name = "" if row is None else self._workers.model.standing(row).worker.name
        self._thread.show_worker(worker_id, name)

    def _workers_loaded(self) -> None:
        model = self._workers.model
        self._results.set_workers(
            [
                (s.worker.id, s.worker.name)
                for row, s in enumerate(model.standings)
                if not model.data(model.index(row, wm.NAME), wm.HAS_LEFT_ROLE)
            ]
        )
