"""Good-practice marks, and what the highlights export collects from the vault.

Collection reads which fields feed which collection from each record's
template: the snapshot stored with the record and the installed template of
the same id and version (``collect`` never changes what a record shows, so a
template may gain it without a new version, and older records feed the
collections too). Only signed records are collected: a draft may still change.
"""

from __future__ import annotations

import contextlib
import json
from datetime import date

from supnotes.domain.highlights import (
    Collection,
    GoodPracticeMark,
    Highlight,
    check_note,
)
from supnotes.domain.ids import new_id
from supnotes.domain.template_loader import TemplateError, TemplateLibrary, parse_template
from supnotes.domain.templates import Template
from supnotes.vault.vault import Vault


class GoodPracticeRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def mark(
        self, record_id: str, note: str, *, case_discussion_id: str | None = None, on: date
    ) -> GoodPracticeMark:
        """Mark (or re-mark with a new note) a record or one of its case discussions."""
        text = check_note(note)
        mark = GoodPracticeMark(new_id(), record_id, case_discussion_id, text, on)
        with self._vault.transaction() as conn:
            conn.execute(
                "DELETE FROM good_practice WHERE record_id = ? "
                "AND coalesce(case_discussion_id, '') = coalesce(?, '')",
                (record_id, case_discussion_id),
            )
            conn.execute(
                "INSERT INTO good_practice(id, record_id, case_discussion_id, note, marked_on) "
                "VALUES (?, ?, ?, ?, ?)",
                (mark.id, record_id, case_discussion_id, text, on.isoformat()),
            )
        return mark

    def unmark(self, record_id: str, *, case_discussion_id: str | None = None) -> None:
        with self._vault.transaction() as conn:
            conn.execute(
                "DELETE FROM good_practice WHERE record_id = ? "
                "AND coalesce(case_discussion_id, '') = coalesce(?, '')",
                (record_id, case_discussion_id),
            )

    def marks(self, record_id: str) -> list[GoodPracticeMark]:
        rows = self._vault.query(
            "SELECT id, record_id, case_discussion_id, note, marked_on FROM good_practice "
            "WHERE record_id = ? ORDER BY case_discussion_id IS NOT NULL, marked_on",
            (record_id,),
        )
        return [
            GoodPracticeMark(
                str(r[0]),
                str(r[1]),
                None if r[2] is None else str(r[2]),
                str(r[3]),
                date.fromisoformat(str(r[4])),
            )
            for r in rows
        ]


def _collected_fields(
    vault: Vault, library: TemplateLibrary
) -> dict[tuple[str, int], dict[str, tuple[Collection, str]]]:
    """Per template (id, version): answer key -> (collection, field label)."""
    found: dict[tuple[str, int], dict[str, tuple[Collection, str]]] = {}

    def add(template: Template) -> None:
        keys = found.setdefault((template.id, template.version), {})
        for section, item in template.fields():
            if item.collect is not None:
                collection: Collection = item.collect  # type: ignore[assignment]
                keys.setdefault(f"{section.id}.{item.id}", (collection, item.label))

    for tid, version, source in (
        (str(r[0]), int(str(r[1])), str(r[2]))
        for r in vault.query("SELECT id, version, source FROM template_snapshot")
    ):
        with contextlib.suppress(TemplateError):  # a stored snapshot the loader now refuses
            add(parse_template(source, f"vault:{tid}@{version}"))
        installed = library.templates.get((tid, version))
        if installed is not None:
            add(installed)
    return found


def collect(vault: Vault, start: date, end: date, library: TemplateLibrary) -> list[Highlight]:
    """Collected answers and good-practice marks of signed records held in [start, end]."""
    fields = _collected_fields(vault, library)
    items: list[Highlight] = []
    records = vault.query(
        "SELECT id, reference, kind, held_on, template_id, template_version FROM record "
        "WHERE status = 'signed' AND held_on BETWEEN ? AND ?",
        (start.isoformat(), end.isoformat()),
    )
    for rid, reference, kind, held_on, tid, version in records:
        wanted = fields.get((str(tid), int(str(version))), {})
        if not wanted:
            continue
        for key, value in vault.query(
            "SELECT key, value FROM answer WHERE record_id = ?", (str(rid),)
        ):
            if str(key) in wanted:
                text = json.loads(str(value))
                if isinstance(text, str):
                    collection, label = wanted[str(key)]
                    items.append(
                        Highlight(
                            collection,
                            date.fromisoformat(str(held_on)),
                            str(reference),
                            str(kind),
                            label,
                            text,
                        )
                    )
    for reference, kind, held_on, on_case, note in vault.query(
        "SELECT r.reference, r.kind, r.held_on, g.case_discussion_id IS NOT NULL, g.note "
        "FROM good_practice g JOIN record r ON r.id = g.record_id "
        "WHERE r.status = 'signed' AND r.held_on BETWEEN ? AND ?",
        (start.isoformat(), end.isoformat()),
    ):
        source = (
            "A case discussion marked as good practice" if on_case else "Marked as good practice"
        )
        items.append(
            Highlight(
                "good-practice",
                date.fromisoformat(str(held_on)),
                str(reference),
                str(kind),
                source,
                str(note),
            )
        )
    return items


def known_child_refs(vault: Vault) -> list[str]:
    return [
        str(r[0])
        for r in vault.query(
            "SELECT child_ref FROM case_discussion UNION SELECT child_ref FROM decision "
            "UNION SELECT child_ref FROM action WHERE child_ref IS NOT NULL "
            "UNION SELECT child_ref FROM sealed_document WHERE child_ref IS NOT NULL"
        )
    ]


def known_names(vault: Vault) -> list[str]:
    return [
        str(r[0])
        for r in vault.query(
            "SELECT name FROM worker UNION SELECT name FROM attendee "
            "UNION SELECT name FROM supervisor_profile UNION SELECT owner FROM action "
            "WHERE owner <> ''"
        )
    ]


def record_teams(vault: Vault, start: date, end: date) -> dict[str, tuple[str, ...]]:
    """Per signed record held in [start, end], by reference: the team(s) it belongs to.

    A one-to-one (or ad-hoc, or agreement) is its worker's team; a group is the
    teams of the workers on its attendance list ("" where none is known).
    """
    teams: dict[str, set[str]] = {}
    for reference, team in vault.query(
        "SELECT r.reference, w.team FROM record r JOIN worker w ON w.id = r.worker_id "
        "WHERE r.status = 'signed' AND r.held_on BETWEEN ? AND ? "
        "UNION SELECT r.reference, w.team FROM record r JOIN attendee a ON a.record_id = r.id "
        "JOIN worker w ON w.id = a.worker_id "
        "WHERE r.status = 'signed' AND r.kind = 'group' AND r.held_on BETWEEN ? AND ?",
        (start.isoformat(), end.isoformat(), start.isoformat(), end.isoformat()),
    ):
        teams.setdefault(str(reference), set()).add(str(team))
    return {reference: tuple(sorted(found)) for reference, found in teams.items()}
