"""The parts the main window assembles, and the seam where real ones plug in.

Today the worker list, record thread and search results are placeholders.
The lead replaces them in :func:`build_parts` with model/view parts that take
the :class:`PartsContext` (the lock controller gives the open vault and the
``unlocked`` signal carrying each reopened vault; the actions are there to
enable and connect). The main window only places what it is given.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from supnotes.ui.actions import MainActions
from supnotes.ui.lock import LockController
from supnotes.ui.placeholders import PlaceholderPanel, SearchBox


@dataclass(frozen=True)
class PartsContext:
    lock: LockController
    actions: MainActions


@dataclass(frozen=True)
class Parts:
    workers: QWidget  # the worker list (model/view); selecting one shows their thread
    thread: QWidget  # the selected worker's records, newest first
    search_box: SearchBox
    search_results: QWidget  # results with highlighted snippets; opening one opens the record


def build_parts(context: PartsContext) -> Parts:
    """The parts for the main window (placeholders until the model is merged)."""
    del context
    return Parts(
        workers=PlaceholderPanel(
            "workers-panel",
            "Workers",
            "The people you supervise, with their last and next supervision, "
            "open actions and caseload, will be listed here.",
        ),
        thread=PlaceholderPanel(
            "thread-panel",
            "Records",
            "Choose a worker to see their supervision records, newest first.",
        ),
        search_box=SearchBox(),
        search_results=PlaceholderPanel(
            "search-results", "Search", "Results with highlighted snippets will appear here."
        ),
    )
