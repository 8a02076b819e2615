"""The held rule (:mod:`supnotes.domain.held`) as SQL, and clearing empty drafts.

The overview needs the latest session held for every worker in one query,
so the rule is written here once more, as SQL conditions built from the
domain's own constants; ``tests/vault/test_held_rule.py`` runs both over
the same records and requires the same answer for every one.
"""

from __future__ import annotations

from datetime import date

from supnotes.domain.held import BLANK, COUNT_GROUP_SETTING, PLACEHOLDER_REF
from supnotes.domain.records import RecordKind, RecordStatus
from supnotes.vault.connection import compose
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Vault

# SQLite's trim() with the characters the domain strips (space, tab, LF, CR).
_BLANK = "char(" + ", ".join(str(ord(c)) for c in BLANK) + ")"
assert "'" not in PLACEHOLDER_REF  # it goes into the SQL text as a literal


def _text(column: str) -> str:
    return f"trim(coalesce({column}, ''), {_BLANK}) <> ''"


def _any(*columns: str) -> str:
    return "(" + " OR ".join(_text(c) for c in columns) + ")"


#: True when record ``r`` has content (the domain's ``has_content``).
HAS_CONTENT = compose(
    "(EXISTS (SELECT 1 FROM answer x WHERE x.record_id = r.id AND ("
    "(json_type(x.value) = 'text' AND trim(json_extract(x.value, '$'), {blank}) <> '') "
    "OR json_type(x.value) IN ('integer', 'real', 'true')))"
    " OR EXISTS (SELECT 1 FROM case_discussion c WHERE c.record_id = r.id AND ("
    "(c.child_ref <> '{placeholder}' AND {child_ref}) OR {case_text} "
    "OR c.review_date IS NOT NULL))"
    " OR EXISTS (SELECT 1 FROM action a WHERE a.raised_in = r.id AND {action_text})"
    " OR EXISTS (SELECT 1 FROM decision d WHERE d.record_id = r.id AND {decision_text})"
    " OR EXISTS (SELECT 1 FROM attendee t WHERE t.record_id = r.id AND {attendee_text})"
    " OR EXISTS (SELECT 1 FROM action_review v WHERE v.record_id = r.id "
    "AND v.outcome IS NOT NULL))",
    blank=_BLANK,
    placeholder=PLACEHOLDER_REF,
    child_ref=_text("c.child_ref"),
    case_text=_any(
        "c.update_text",
        "c.childs_voice",
        "c.worries",
        "c.working_well",
        "c.analysis",
        "c.decision",
        "c.rationale",
    ),
    action_text=_any("a.text", "a.owner", "a.child_ref"),
    decision_text=_any("d.child_ref", "d.decision", "d.rationale", "d.decided_by"),
    attendee_text=_text("t.name"),
)

#: Statuses that count as signed: here, or elsewhere and imported without the PDFs.
SIGNED_STATUSES = ", ".join(f"'{s.value}'" for s in RecordStatus if s.is_locked)

#: True when record ``r`` counts as supervision held; named parameters
#: ``:today`` (ISO date) and ``:count_group`` (0 or 1).
IS_HELD = compose(
    "((r.kind = '{one}' OR (r.kind = '{group}' AND :count_group)) "
    "AND (r.status IN ({signed}) OR (r.held_on <= :today AND {content})))",
    one=RecordKind.ONE_TO_ONE.value,
    group=RecordKind.GROUP.value,
    signed=SIGNED_STATUSES,
    content=HAS_CONTENT,
)

# The latest held date on or before today per worker: their one-to-ones
# (walking the (worker_id, held_on) index backwards) and, when groups count,
# the group sessions they attended.
_LATEST = (
    "max(coalesce((SELECT r.held_on FROM record r WHERE r.worker_id = w.id "
    "AND r.held_on <= :today AND {held}{only} ORDER BY r.held_on DESC LIMIT 1), ''), "
    "coalesce((SELECT r.held_on FROM attendee g JOIN record r ON r.id = g.record_id "
    "WHERE :count_group AND g.worker_id = w.id AND r.kind = '{group}' "
    "AND r.held_on <= :today AND {held}{only} "
    "ORDER BY r.held_on DESC LIMIT 1), ''))"
)
_SIGNED_ONLY = compose(" AND r.status IN ({signed})", signed=SIGNED_STATUSES)
LAST_HELD = compose(
    "SELECT w.id, {latest}, {latest_signed} FROM worker w",
    latest=compose(_LATEST, held=IS_HELD, only="", group=RecordKind.GROUP.value),
    latest_signed=compose(_LATEST, held=IS_HELD, only=_SIGNED_ONLY, group=RecordKind.GROUP.value),
)

# Every date a worker was supervised (compliance: held against due).
_HELD_DATES = compose(
    "SELECT r.held_on FROM record r WHERE r.worker_id = :worker AND {held} "
    "UNION ALL SELECT r.held_on FROM attendee g JOIN record r ON r.id = g.record_id "
    "WHERE :count_group AND g.worker_id = :worker AND r.kind = '{group}' AND {held} "
    "AND NOT EXISTS (SELECT 1 FROM attendee e WHERE e.record_id = g.record_id "
    "AND e.worker_id = g.worker_id AND e.position < g.position)",
    held=IS_HELD,
    group=RecordKind.GROUP.value,
)

_EMPTY_DRAFTS = compose(
    "SELECT r.id FROM record r WHERE r.status = '{draft}' AND NOT {content}",
    draft=RecordStatus.DRAFT.value,
    content=HAS_CONTENT,
)


def count_group_sessions(vault: Vault) -> bool:
    return SettingsStore(vault).get_bool(COUNT_GROUP_SETTING)


def held_parameters(vault: Vault, today: date) -> dict[str, object]:
    return {"today": today.isoformat(), "count_group": int(count_group_sessions(vault))}


def held_record_ids(vault: Vault, today: date) -> set[str]:
    """Every record that counts as supervision held (for tests and reports)."""
    sql = compose("SELECT r.id FROM record r WHERE {held}", held=IS_HELD)
    with vault.exclusive():
        return {str(row[0]) for row in vault.query(sql, held_parameters(vault, today))}


def last_held_by_worker(vault: Vault, today: date) -> dict[str, tuple[date | None, date | None]]:
    """Each worker's latest supervision held on or before ``today``, and latest signed one."""
    with vault.exclusive():
        rows = vault.query(LAST_HELD, held_parameters(vault, today))
    return {str(w): (_day(held), _day(signed)) for w, held, signed in rows}


def _day(value: object) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def held_dates_of(vault: Vault, worker_id: str, today: date) -> list[date]:
    """Every date ``worker_id`` was supervised, oldest first (for ``worker_compliance``)."""
    params = {**held_parameters(vault, today), "worker": worker_id}
    with vault.exclusive():
        rows = vault.query(_HELD_DATES, params)
    return sorted(date.fromisoformat(str(row[0])) for row in rows)


def empty_draft_ids(vault: Vault) -> list[str]:
    with vault.exclusive():
        return [str(row[0]) for row in vault.query(_EMPTY_DRAFTS)]


def remove_empty_drafts(vault: Vault, keep: frozenset[str] = frozenset()) -> int:
    """Delete every draft without content (left by a crash); returns how many.

    ``keep``: drafts open in an editor right now, which are not touched.
    """
    records = RecordRepository(vault)
    removed = 0
    for record_id in empty_draft_ids(vault):
        if record_id not in keep:
            records.delete_draft(record_id)
            removed += 1
    return removed
