"""The people at a group session: name, role (chair, presenter, member)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QObject

from supnotes.domain.group import Attendee, AttendeeRole
from supnotes.domain.ids import new_id
from supnotes.domain.people import Worker
from supnotes.ui.editor.tables import ListTableModel

ROLE_WORDS = {role.value: role for role in AttendeeRole}


class AttendeesModel(ListTableModel[Attendee]):
    """Attendees; a name matching a worker is linked to that worker."""

    NAME, ROLE = range(2)
    HEADERS = ("Name", "Role (chair, presenter, member)")

    def __init__(
        self,
        record_id: str,
        rows: Sequence[Attendee] = (),
        workers: Sequence[Worker] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(rows, parent)
        self.record_id = record_id
        self._workers = {w.name.casefold(): w for w in workers}

    def cell(self, item: Attendee, column: int) -> object:
        return item.name if column == self.NAME else item.role.value

    def with_cell(self, item: Attendee, column: int, value: object) -> Attendee:
        text = str(value).strip()
        if column == self.NAME:
            worker = self._workers.get(text.casefold())
            return replace(item, name=text, worker_id=None if worker is None else worker.id)
        role = ROLE_WORDS.get(text.casefold())
        if role is None:
            raise ValueError(f"{text!r} is not a role")
        return replace(item, role=role)

    def new_item(self, position: int) -> Attendee:
        return Attendee(id=new_id(), record_id=self.record_id, name="(name)", position=position)
