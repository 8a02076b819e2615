"""Export the vault (or one worker) as JSON, and import such a file.

Import checks the whole file first (format, types, references, conflicts
with what the vault already holds) and only then writes, in one transaction:
a refused file changes nothing. Ids are kept. A record, worker or template
already in the vault is skipped when identical and refused when different,
so importing the same file twice adds nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from supnotes.domain.content import RecordContent
from supnotes.domain.export_format import (
    ExportDocument,
    ExportFormatError,
    build_document,
    record_json,
    without_private,
    worker_json,
)
from supnotes.domain.people import Worker
from supnotes.domain.template_loader import parse_template
from supnotes.domain.templates import Template
from supnotes.vault.repositories.profile import ProfileRepository, write_profile
from supnotes.vault.repositories.records import insert_contents, load_content
from supnotes.vault.repositories.templates import store_snapshot
from supnotes.vault.repositories.workers import WorkerRepository, write_worker
from supnotes.vault.vault import Vault


@dataclass(frozen=True)
class ImportReport:
    workers_added: int
    workers_unchanged: int
    records_added: int
    records_unchanged: int
    templates_added: int


def _templates(vault: Vault) -> dict[tuple[str, int], Template]:
    rows = vault.query("SELECT id, version, source FROM template_snapshot")
    return {(str(i), int(str(v))): parse_template(str(s), f"vault:{i}@{v}") for i, v, s in rows}


def _record_ids(vault: Vault, worker_id: str | None) -> list[str]:
    if worker_id is None:
        rows = vault.query("SELECT id FROM record ORDER BY held_on, id")
    else:
        rows = vault.query(
            "SELECT id FROM record r WHERE r.worker_id = ? OR EXISTS (SELECT 1 FROM attendee a "
            "WHERE a.record_id = r.id AND a.worker_id = ?) ORDER BY held_on, id",
            (worker_id, worker_id),
        )
    return [str(r[0]) for r in rows]


def export_document(
    vault: Vault,
    *,
    worker_id: str | None = None,
    include_private: bool = False,
    exported_at: datetime | None = None,
) -> dict[str, Any]:
    """The export of the whole vault, or of everything about one worker (subject access)."""
    workers = WorkerRepository(vault)
    templates = _templates(vault)
    contents = [load_content(vault.conn, rid) for rid in _record_ids(vault, worker_id)]
    if not include_private:
        contents = [
            without_private(c, templates[(c.record.template_id, c.record.template_version)])
            for c in contents
        ]
    used = {(c.record.template_id, c.record.template_version) for c in contents}
    chosen: list[Worker] = workers.all() if worker_id is None else [workers.get(worker_id)]
    return build_document(
        ExportDocument(
            supervisor=ProfileRepository(vault).get(),
            workers=tuple(chosen),
            templates=tuple(t for k, t in templates.items() if worker_id is None or k in used),
            records=tuple(contents),
            scope="vault" if worker_id is None else "worker",
            scope_worker_id=worker_id,
            includes_private=include_private,
            exported_at=exported_at,
        )
    )


def _ids(vault: Vault, sql: str) -> set[str]:
    return {str(r[0]) for r in vault.query(sql)}


def _normalise(content: RecordContent, workers: set[str], records: set[str]) -> RecordContent:
    """Drop soft links the vault cannot hold: attendees who are not known workers, and
    closing records that are in neither the file nor the vault (the names and statuses stay)."""
    attendees = tuple(
        a if a.worker_id is None or a.worker_id in workers else replace(a, worker_id=None)
        for a in content.attendees
    )
    actions = tuple(
        a if a.closed_in is None or a.closed_in in records else replace(a, closed_in=None)
        for a in content.actions
    )
    return replace(content, attendees=attendees, actions=actions)


def _new_templates(
    vault_templates: dict[tuple[str, int], Template], doc: ExportDocument
) -> list[Template]:
    found = []
    for index, template in enumerate(doc.templates):
        known = vault_templates.get(template.key)
        if known is None:
            found.append(template)
        elif known.source != template.source:
            raise ExportFormatError(
                f"$.templates[{index}]",
                f"template {template.id} v{template.version} differs from this vault's copy",
            )
    return found


def _new_workers(existing: dict[str, Worker], doc: ExportDocument) -> list[Worker]:
    found = []
    for index, worker in enumerate(doc.workers):
        known = existing.get(worker.id)
        if known is None:
            found.append(worker)
        elif worker_json(known) != worker_json(worker):
            raise ExportFormatError(
                f"$.workers[{index}]",
                f"worker {worker.id} is already in this vault with different details",
            )
    return found


@dataclass(frozen=True)
class _Known:
    """What the vault and the file hold together, for checking references."""

    templates: set[tuple[str, int]]
    workers: set[str]
    records: set[str]
    actions: set[str]


def _check_links(path: str, content: RecordContent, known: _Known) -> None:
    record = content.record
    if (record.template_id, record.template_version) not in known.templates:
        raise ExportFormatError(
            f"{path}.template_id",
            f"template {record.template_id} v{record.template_version} is neither in the "
            "file nor in this vault",
        )
    if record.worker_id is not None and record.worker_id not in known.workers:
        raise ExportFormatError(f"{path}.worker_id", "names a worker who is not in the file")
    for index, review in enumerate(content.reviews):
        if review.action_id not in known.actions:
            raise ExportFormatError(
                f"{path}.action_reviews[{index}].action_id", "names an unknown action"
            )


def import_document(vault: Vault, doc: ExportDocument) -> ImportReport:
    """Check everything, then add what is new in one transaction (see the module doc)."""
    vault_templates = _templates(vault)
    new_templates = _new_templates(vault_templates, doc)
    existing_workers = {w.id: w for w in WorkerRepository(vault).all()}
    new_workers = _new_workers(existing_workers, doc)
    vault_records = _ids(vault, "SELECT id FROM record")
    known = _Known(
        templates=set(vault_templates) | {t.key for t in doc.templates},
        workers=set(existing_workers) | {w.id for w in doc.workers},
        records=vault_records | {c.record.id for c in doc.records},
        actions=_ids(vault, "SELECT id FROM action")
        | {a.id for c in doc.records for a in c.actions},
    )
    references = {str(r[1]): str(r[0]) for r in vault.query("SELECT id, reference FROM record")}
    # Records deleted under the retention rule never come back through an older export.
    deleted = {
        str(r[0]): str(r[1])
        for r in vault.query("SELECT reference, deleted_at FROM retention_audit")
    }
    new_records = []
    for index, incoming in enumerate(doc.records):
        path = f"$.records[{index}]"
        content = _normalise(incoming, known.workers, known.records)
        _check_links(path, content, known)
        record = content.record
        if record.id in vault_records:
            existing = load_content(vault.conn, record.id)
            if not doc.includes_private:
                template = vault_templates[(record.template_id, record.template_version)]
                existing = without_private(existing, template)
            if record_json(existing) != record_json(content):
                raise ExportFormatError(
                    path, f"record {record.id} is already in this vault with different content"
                )
            continue
        if record.reference in deleted:
            raise ExportFormatError(
                f"{path}.reference",
                f"record {record.reference} was deleted under the retention rule on "
                f"{deleted[record.reference][:10]}; it is not imported again",
            )
        if references.get(record.reference, record.id) != record.id:
            raise ExportFormatError(
                f"{path}.reference",
                f"reference {record.reference} is used by another record in this vault",
            )
        new_records.append(content)

    profiles = ProfileRepository(vault)
    with vault.transaction() as conn:
        if doc.supervisor is not None and profiles.get() is None:
            write_profile(conn, doc.supervisor)
        for template in new_templates:
            store_snapshot(conn, template)
        for worker in new_workers:
            write_worker(conn, worker)
        insert_contents(conn, new_records)
    return ImportReport(
        workers_added=len(new_workers),
        workers_unchanged=len(doc.workers) - len(new_workers),
        records_added=len(new_records),
        records_unchanged=len(doc.records) - len(new_records),
        templates_added=len(new_templates),
    )
