"""The parts the main window assembles: workers, a worker's thread, search.

:func:`build_parts` makes each part, and :class:`ViewsWiring` connects them
to each other, to the actions and to the lock (the lock controller gives the
open vault and the ``unlocked`` signal carrying each reopened vault). The
main window only places what it is given.

Opening a record (from the thread or the search results) goes through
:func:`supnotes.ui.shell.record_opening.open_record`, the session editor's seam.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from supnotes.ui.access.lock import LockController
from supnotes.ui.common.actions import MainActions
from supnotes.ui.shell import record_opening
from supnotes.ui.views.search_box import SearchBox
from supnotes.ui.views.search_view import SearchPanel
from supnotes.ui.views.thread_view import ThreadPanel
from supnotes.ui.views.wiring import ViewsWiring
from supnotes.ui.views.worker_list import WorkerListPanel


@dataclass(frozen=True)
class PartsContext:
    lock: LockController
    actions: MainActions
    opener: record_opening.RecordOpener = field(default_factory=record_opening.RecordOpener)


@dataclass(frozen=True)
class Parts:
    workers: WorkerListPanel  # selecting one shows their thread; selected_worker_id()
    thread: ThreadPanel  # the selected worker's records, newest first
    search_box: SearchBox
    search_results: SearchPanel  # results with highlighted snippets; opening one opens it
    wiring: ViewsWiring


def build_parts(context: PartsContext, *, load_now: bool = True) -> Parts:
    """The parts for the main window, connected and loading from the open vault.

    ``load_now=False``: they load when ``parts.wiring.load()`` is called, and
    the search results (hidden at first) are built when
    ``parts.search_results.ensure_built()`` is, or when first shown: the app
    does both once its window has painted.
    """
    workers = WorkerListPanel()
    thread = ThreadPanel()
    search_box = SearchBox()
    results = SearchPanel(build_now=load_now)
    wiring = ViewsWiring(
        context.lock,
        context.actions,
        (workers, thread, search_box, results),
        lambda record_id: record_opening.open_record(context, record_id),
        load_now=load_now,
    )
    return Parts(workers, thread, search_box, results, wiring)
