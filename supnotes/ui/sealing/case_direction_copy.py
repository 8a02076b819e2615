"""Ctrl+Shift+C on a sealed record: one child's case direction, copied for a case note.

The text is :func:`supnotes.services.case_direction.case_direction` (made
from the same extract as the child's sealed PDF, ending with that PDF's
SHA-256). With several children the supervisor picks one from a list
(arrows and Enter). The copy is recorded in the access trail and leaves the
clipboard after the time set in Settings → Security.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QWidget

from supnotes.domain.trail import TrailKind
from supnotes.services.case_direction import case_direction, record_copy
from supnotes.services.exports import NotSealed
from supnotes.ui.common.clipboard import ClipboardGuard, clipboard_guard
from supnotes.vault.errors import VaultError
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Vault

COPY_KEYS = "Ctrl+Shift+C"
COPY_TEXT = "Copy case direction for a child's record"
ChooseChild = Callable[[Sequence[str]], str | None]


def _ask_child(parent: QWidget) -> ChooseChild:
    def choose(children: Sequence[str]) -> str | None:
        child, ok = QInputDialog.getItem(
            parent,
            "Copy case direction",
            "Whose case direction? (the child's reference)",
            list(children),
            0,
            False,
        )
        return child if ok and child else None

    return choose


class CaseDirectionCopier(QObject):
    """Copies a sealed record's case direction; ``said`` carries a one-line outcome."""

    said = Signal(str)

    def __init__(
        self,
        vault: Callable[[], Vault | None],
        record_id: str,
        parent: QWidget,
        guard: ClipboardGuard | None = None,
    ) -> None:
        super().__init__(parent)
        self._vault = vault
        self.record_id = record_id
        self.choose_child: ChooseChild = _ask_child(parent)
        self._guard = guard

    def action(self, parent: QWidget) -> QAction:
        """The Ctrl+Shift+C action for ``parent``'s window (added to it)."""
        action = QAction(f"{COPY_TEXT}…", parent)
        action.setObjectName("copy-case-direction")
        action.setShortcut(QKeySequence(COPY_KEYS))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(self.copy)
        parent.addAction(action)
        return action

    def copy(self) -> str | None:
        """Copy one child's case direction; the child's reference, or None (and why, said)."""
        vault = self._vault()
        if vault is None or not vault.is_open:
            self.said.emit("The vault is locked: unlock it to copy case direction.")
            return None
        content = RecordRepository(vault).get(self.record_id)
        record, children = content.record, content.child_refs
        if not children:
            self.said.emit(f"{record.reference} is about no child: there is no case direction.")
            return None
        child = children[0] if len(children) == 1 else self.choose_child(children)
        if child is None:
            return None
        try:
            text = case_direction(vault, self.record_id, child)
        except NotSealed as exc:
            self.said.emit(f"Not copied: {exc}.")
            return None
        seconds = SettingsStore(vault).get_int("clipboard.clear_seconds")
        guard = self._guard or clipboard_guard()
        guard.copy(text, seconds)
        try:
            record_copy(vault, record.reference, child, TrailKind.CLIPBOARD, "clipboard")
        except VaultError as exc:
            guard.clear_now()  # a copy the trail cannot hold is not left on the clipboard
            self.said.emit(f"Not copied: the access trail could not record it ({exc.one_line()}).")
            return None
        self.said.emit(
            f"Case direction for {child} from {record.reference} copied, ready to paste into the "
            f"case note; it leaves the clipboard in {seconds} seconds."
            + (
                " The vault is read-only: this copy is not in its access trail."
                if vault.read_only
                else ""
            )
        )
        return child
