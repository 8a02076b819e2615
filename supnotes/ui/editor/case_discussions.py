"""A card per child discussed: reference, update, the child's voice, worries,
what is working well, analysis, decision, rationale and review date.

Ctrl+Shift+K (or the "Add a child" button) adds a card and puts the cursor in
its reference. Each card says when it was edited; the editor saves the card
as one case discussion.

"Remove this child" is the card's last stop in the Tab order (after the
review date, never straight after the reference), and removing a card that
holds any text asks first, with "Keep" as the default answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supnotes.domain.cases import CaseDiscussion
from supnotes.domain.held import PLACEHOLDER_REF
from supnotes.domain.ids import new_id
from supnotes.ui.common.keep_typed import build_remove_question
from supnotes.ui.editor.fields import date_edit, date_of, set_date
from supnotes.ui.widgets import LongTextField, ShortTextField, SpellService

ADD_CASE_KEYS = "Ctrl+Shift+K"
NO_REFERENCE = PLACEHOLDER_REF  # not content: docs/supervision-held.md

# (attribute of CaseDiscussion, label)
CASE_PARTS = (
    ("update", "Update since last discussed"),
    ("childs_voice", "The child's voice"),
    ("worries", "What are we worried about?"),
    ("working_well", "What's working well?"),
    ("analysis", "Analysis"),
    ("decision", "Decision"),
    ("rationale", "Rationale"),
)


class CaseCard(QFrame):
    """One child's case discussion."""

    edited = Signal()  # the user changed any part of this card
    remove_requested = Signal()  # the supervisor asked to remove this card

    def __init__(
        self,
        discussion: CaseDiscussion,
        spelling: SpellService | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("case-card")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._discussion = discussion
        self._init_fields(spelling)
        self.load(discussion)

    def _init_fields(self, spelling: SpellService | None) -> None:
        layout = QFormLayout(self)
        self.child_ref = ShortTextField(None, accessible_name="Child reference")
        # Short enough for the field at 1024 px with 150% text; the rest in the tooltip.
        self.child_ref.setPlaceholderText("e.g. C-104233")
        self.child_ref.setToolTip("The child's reference in the case-management system")
        self.child_ref.edited.connect(self.edited)
        layout.addRow("Child ref", self.child_ref)
        self.parts: dict[str, LongTextField] = {}
        for name, label in CASE_PARTS:
            part = LongTextField(spelling, accessible_name=label)
            part.setMinimumHeight(70)
            part.edited.connect(self.edited)
            layout.addRow(label, part)
            self.parts[name] = part
        self.review_date = date_edit("Review date")
        self.review_date.value_changed.connect(self._date_changed)
        self._loading = False
        layout.addRow("Review date", self.review_date)
        self.remove_button = QPushButton("Remove this child…")
        self.remove_button.setAccessibleName("Remove this case discussion")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_requested)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.remove_button)
        layout.addRow(bottom)

    def focus_order(self) -> list[QWidget]:
        """The card's stops for Tab, top to bottom, the remove button last."""
        return [self.child_ref, *self.parts.values(), self.review_date, self.remove_button]

    def has_text(self) -> bool:
        """True when anything was typed in the card (then removing it asks first)."""
        found = self.discussion()
        texts = (self.child_ref.text(), *(part.text() for part in self.parts.values()))
        return any(t.strip() for t in texts) or found.review_date is not None

    def _date_changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    def load(self, discussion: CaseDiscussion) -> None:
        self._loading = True
        ref = "" if discussion.child_ref == NO_REFERENCE else discussion.child_ref
        self.child_ref.set_text(ref)
        for name, part in self.parts.items():
            part.set_text(str(getattr(discussion, name)))
        set_date(self.review_date, discussion.review_date)
        self._loading = False

    def discussion(self) -> CaseDiscussion:
        """The card as it is now (read on the UI thread when autosave takes its snapshot)."""
        texts: dict[str, Any] = {name: part.text() for name, part in self.parts.items()}
        return replace(
            self._discussion,
            child_ref=self.child_ref.text().strip() or NO_REFERENCE,
            review_date=date_of(self.review_date),
            **texts,
        )

    def set_read_only(self, read_only: bool) -> None:
        self.child_ref.setReadOnly(read_only)
        for part in self.parts.values():
            part.setReadOnly(read_only)
        self.review_date.setReadOnly(read_only)
        self.remove_button.setEnabled(not read_only)


class CaseDiscussionList(QWidget):
    """Every child discussed in the record, with a button to add one."""

    card_edited = Signal(object)  # the CaseCard the user changed (or just added)
    card_removed = Signal(object)  # the CaseDiscussion removed
    date_refused = Signal(str)  # a card's review date refused what was typed; says why
    date_retyped = Signal(str)  # that refusal no longer holds (the date is being retyped)

    def __init__(
        self,
        record_id: str,
        discussions: Sequence[CaseDiscussion],
        spelling: SpellService | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.record_id = record_id
        self._spelling = spelling
        self.cards: list[CaseCard] = []
        self.pending_question: QMessageBox | None = None  # "Remove …?" while it is asked
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.empty = QLabel(f"No children discussed yet. {ADD_CASE_KEYS} adds one.")
        self._layout.addWidget(self.empty)
        self.add_button = QPushButton(f"Add a child  ({ADD_CASE_KEYS})")
        self.add_button.setAccessibleName("Add a case discussion")
        self.add_button.clicked.connect(self.add_case)
        self._layout.addWidget(self.add_button)
        for discussion in discussions:
            self._add_card(discussion)

    def _add_card(self, discussion: CaseDiscussion) -> CaseCard:
        card = CaseCard(discussion, self._spelling, self)
        card.edited.connect(lambda: self.card_edited.emit(card))
        card.remove_requested.connect(lambda: self.ask_to_remove(card))
        card.review_date.refused.connect(self.date_refused)
        card.review_date.problem_cleared.connect(self.date_retyped)
        self._layout.insertWidget(self._layout.count() - 1, card)
        self._order_tab_stops(card)
        self.cards.append(card)
        self.empty.setVisible(False)
        return card

    def _order_tab_stops(self, card: CaseCard) -> None:
        """Put the card's stops just before "Add a child" (Qt appends new widgets at the end)."""
        previous: QWidget = self.cards[-1].remove_button if self.cards else self.empty
        for widget in card.focus_order():
            QWidget.setTabOrder(previous, widget)
            previous = widget
        QWidget.setTabOrder(previous, self.add_button)

    def ask_to_remove(self, card: CaseCard) -> QMessageBox | None:
        """Remove ``card``; one holding text only after "Remove" is chosen (default: keep)."""
        if not card.has_text():
            self.remove_card(card)
            return None
        box = build_remove_question(self, f"the case discussion for {card.discussion().child_ref}")
        self.pending_question = box

        def answered(result: int) -> None:
            self.pending_question = None
            if result == QMessageBox.StandardButton.Discard and card in self.cards:
                self.remove_card(card)
            elif card in self.cards:
                card.remove_button.setFocus()

        box.finished.connect(answered)
        box.open()
        return box

    def add_case(self) -> CaseCard:
        """A new, empty card with the cursor in its child reference."""
        card = self._add_card(
            CaseDiscussion(
                id=new_id(),
                record_id=self.record_id,
                child_ref=NO_REFERENCE,
                position=len(self.cards),
            )
        )
        card.child_ref.setFocus()
        self.card_edited.emit(card)
        return card

    def remove_card(self, card: CaseCard) -> None:
        """Remove ``card`` at once (see :meth:`ask_to_remove` for the user's route)."""
        index = self.cards.index(card)
        self.cards.remove(card)
        card.hide()
        card.deleteLater()
        self.empty.setVisible(not self.cards)
        self.card_removed.emit(card.discussion())
        # The cursor goes to the neighbouring card (or "Add a child"), not back to the top.
        neighbour = self.cards[min(index, len(self.cards) - 1)] if self.cards else None
        (neighbour.child_ref if neighbour else self.add_button).setFocus()

    def set_read_only(self, read_only: bool) -> None:
        self.add_button.setEnabled(not read_only)
        for card in self.cards:
            card.set_read_only(read_only)
