"""Complete a child's extract: the signed record's button for extracts sealed incomplete.

Extracts sealed before they carried every entry about their child may lack
the child's actions. This button looks (off the UI thread) for such
extracts, asks which child if there are several, and issues what is missing
as a signed addendum extract citing the original extract's SHA-256.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QPushButton, QWidget

from supnotes.domain.records import Addendum
from supnotes.services.extract_completion import (
    IncompleteExtract,
    complete_extract,
    incomplete_extracts,
)
from supnotes.ui.common.operations import run_in_background
from supnotes.vault.vault import Vault

EVERYONE = "Every child listed"


class ExtractCompleter(QObject):
    """Signals: ``status(text)`` to show; ``completed()`` once addenda are stored."""

    status = Signal(str)
    completed = Signal()

    def __init__(
        self,
        vault: Vault,
        record_id: str,
        parent: QWidget,
        on_failure: Callable[[BaseException], None],
    ) -> None:
        super().__init__(parent)
        self._vault = vault
        self._record_id = record_id
        self._parent = parent
        self._on_failure = on_failure
        self.button = QPushButton("Complete a child's e&xtract…")
        self.button.setAccessibleName(
            "Issue what a child's signed extract left out as a signed addendum"
        )
        self.button.setToolTip(
            "For records sealed before extracts carried every entry about their child: "
            "issue what a child's extract left out (such as the actions agreed) as a "
            "signed addendum citing the extract's SHA-256"
        )
        self.button.clicked.connect(self.look)

    def look(self) -> None:
        """Find the extracts that lack an entry about their child."""
        vault, record_id = self._vault, self._record_id
        self.button.setEnabled(False)
        self.status.emit("Reading the signed extracts…")

        def work() -> list[IncompleteExtract]:
            return incomplete_extracts(vault, record_id)

        run_in_background(work, self.offer, self._failed)

    def offer(self, found: list[IncompleteExtract]) -> None:
        """Say what is missing; issue it for the child chosen (or every child listed)."""
        self.button.setEnabled(True)
        if not found:
            self.status.emit(
                "Every signed extract of this record already holds everything recorded "
                "about its child: nothing to issue."
            )
            return
        names = [f"{i.child_ref} ({i.entry_count} left out)" for i in found]
        choice, ok = self.choose_child(
            "The signed extracts of these children leave out entries about them. "
            "Issue what is missing, as a signed addendum citing the extract, for:",
            [EVERYONE, *names] if len(found) > 1 else names,
        )
        if not ok:
            self.status.emit("")
            return
        self.issue(
            [
                i.child_ref
                for i, name in zip(found, names, strict=True)
                if choice in (EVERYONE, name)
            ]
        )

    def choose_child(self, question: str, items: list[str]) -> tuple[str, bool]:
        """Ask which child (a seam for tests)."""
        return QInputDialog.getItem(
            self._parent, "Complete a child's extract", question, items, 0, False
        )

    def issue(self, child_refs: Sequence[str]) -> None:
        vault, record_id = self._vault, self._record_id
        self.button.setEnabled(False)
        self.status.emit("Signing the addenda that complete the extracts…")

        def work() -> list[Addendum]:
            return [complete_extract(vault, record_id, ref) for ref in child_refs]

        run_in_background(work, self._issued, self._failed)

    def _issued(self, addenda: list[Addendum]) -> None:
        self.button.setEnabled(True)
        self.status.emit(
            " ".join(
                f"The extract for {a.child_refs[0]} is completed by a signed addendum "
                f"citing its SHA-256 {a.cites_sha256}."
                for a in addenda
            )
        )
        self.completed.emit()

    def _failed(self, exc: BaseException) -> None:
        self.button.setEnabled(True)
        self._on_failure(exc)
