"""A card per child discussed: reference, update, the child's voice, worries,
what is working well, analysis, decision, rationale and review date.

Ctrl+Shift+K (or the "Add a child" button) adds a card and puts the cursor in
its reference. Each card says when it was edited; the editor saves the card
as one case discussion.
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
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supnotes.domain.cases import CaseDiscussion
from supnotes.domain.ids import new_id
from supnotes.ui.editor.fields import date_edit, date_of, set_date
from supnotes.ui.widgets import LongTextField, ShortTextField, SpellService

ADD_CASE_KEYS = "Ctrl+Shift+K"
NO_REFERENCE = "(no reference yet)"

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
        self.child_ref.setPlaceholderText("e.g. C-104233 (the case-management reference)")
        self.child_ref.edited.connect(self.edited)
        self.remove_button = QPushButton("Remove this child")
        self.remove_button.setAccessibleName("Remove this case discussion")
        self.remove_button.clicked.connect(self.remove_requested)
        top = QHBoxLayout()
        top.addWidget(self.child_ref, 1)
        top.addWidget(self.remove_button)
        layout.addRow("Child ref", top)
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
        card.remove_requested.connect(lambda: self.remove_card(card))
        self._layout.insertWidget(self._layout.count() - 1, card)
        self.cards.append(card)
        self.empty.setVisible(False)
        return card

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
        self.cards.remove(card)
        card.hide()
        card.deleteLater()
        self.empty.setVisible(not self.cards)
        self.card_removed.emit(card.discussion())

    def set_read_only(self, read_only: bool) -> None:
        self.add_button.setEnabled(not read_only)
        for card in self.cards:
            card.set_read_only(read_only)
