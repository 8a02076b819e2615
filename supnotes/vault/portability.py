"""Export the vault (or one worker) as an export document, and import one.

Import checks the whole file first (format, types, references, conflicts
with what the vault already holds) and only then writes, in one transaction:
a refused file changes nothing. Ids are kept. A record, worker or template
already in the vault is skipped when identical and refused when different,
so importing the same file twice adds nothing the second time.

A record is signed here only with its sealed PDFs. Imported without them
(a version 1 file, or a version 2 JSON outside its zip), a signed record
becomes ``signed-elsewhere``: locked, its hash kept, its signed copy held
elsewhere. The sealed PDFs themselves are checked by the caller
(:mod:`supnotes.services.transfer`), which hands their bytes over one at a
time while the transaction runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from supnotes.domain.content import RecordContent
from supnotes.domain.export_format import (
    ExportDocument,
    ExportFormatError,
    SealedCopy,
    build_document,
    record_json,
    without_private,
    worker_json,
)
from supnotes.domain.people import Worker
from supnotes.domain.records import Record, RecordStatus
from supnotes.domain.template_loader import parse_template
from supnotes.domain.templates import FieldKind, Template
from supnotes.vault import scopes
from supnotes.vault.connection import compose
from supnotes.vault.repositories.profile import ProfileRepository, write_profile
from supnotes.vault.repositories.records import insert_contents, load_content
from supnotes.vault.repositories.rows import parse_datetime
from supnotes.vault.repositories.sealed import SealedDocument, insert_sealed
from supnotes.vault.repositories.templates import store_snapshot
from supnotes.vault.repositories.workers import WorkerRepository, write_worker
from supnotes.vault.vault import Vault

PdfBytes = Callable[[SealedCopy], bytes]


@dataclass(frozen=True)
class ImportReport:
    workers_added: int
    workers_unchanged: int
    records_added: int
    records_unchanged: int
    templates_added: int
    signed_elsewhere: int = 0  # records added whose signed copy is held elsewhere
    pdfs_added: int = 0
    records_now_signed: int = 0  # held elsewhere until now: their sealed PDFs arrived


def _templates(vault: Vault) -> dict[tuple[str, int], Template]:
    rows = vault.query("SELECT id, version, source FROM template_snapshot")
    return {(str(i), int(str(v))): parse_template(str(s), f"vault:{i}@{v}") for i, v, s in rows}


def _record_ids(vault: Vault, worker_id: str | None) -> list[str]:
    if worker_id is None:
        rows = vault.query("SELECT id FROM record ORDER BY held_on, id")
    else:
        rows = vault.query(
            compose(
                "SELECT id FROM record WHERE id IN ({ids}) ORDER BY held_on, id",
                ids=scopes.WORKER_RECORD_IDS,
            ),
            tuple(scopes.worker_params(worker_id)),
        )
    return [str(r[0]) for r in rows]


_COPY_COLUMNS = "id, record_id, addendum_id, output, child_ref, revision, sha256, length(pdf)"


def sealed_copies(vault: Vault, record_ids: Sequence[str]) -> list[SealedCopy]:
    """What is sealed for these records, without reading the PDFs themselves."""
    found: list[SealedCopy] = []
    for record_id in record_ids:
        rows = vault.query(
            compose(
                "SELECT {c}, created_at FROM sealed_document WHERE record_id = ?", c=_COPY_COLUMNS
            ),
            (record_id,),
        )
        for r in rows:
            created = parse_datetime(str(r[8]))
            assert created is not None
            found.append(
                SealedCopy(
                    id=str(r[0]),
                    record_id=str(r[1]),
                    addendum_id=None if r[2] is None else str(r[2]),
                    output=str(r[3]),
                    child_ref=None if r[4] is None else str(r[4]),
                    revision=int(str(r[5])),
                    sha256=str(r[6]),
                    size=int(str(r[7])),
                    created_at=created,
                )
            )
    return found


def read_pdf(vault: Vault, document_id: str) -> bytes:
    """One sealed PDF's bytes (exports stream them one at a time)."""
    rows = vault.query("SELECT pdf FROM sealed_document WHERE id = ?", (document_id,))
    value = rows[0][0]
    assert isinstance(value, bytes | memoryview), type(value)
    return bytes(value)


def export_document(
    vault: Vault,
    *,
    worker_id: str | None = None,
    include_private: bool = False,
    exported_at: datetime | None = None,
    signed_only: bool = False,
) -> dict[str, Any]:
    """The version 2 export of the whole vault, or of everything about one worker.

    The document lists each signed record's sealed PDFs (``sealed_documents``);
    the bytes themselves go beside it, see :mod:`supnotes.services.transfer`.
    ``signed_only`` leaves drafts out (a handover: drafts never leave the laptop).
    """
    workers = WorkerRepository(vault)
    templates = _templates(vault)
    ids = _record_ids(vault, worker_id)
    contents = [load_content(vault.conn, rid) for rid in ids]
    if signed_only:
        contents = [c for c in contents if c.record.status is not RecordStatus.DRAFT]
        ids = [c.record.id for c in contents]
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
            documents=tuple(sealed_copies(vault, ids)),
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


def _held_elsewhere(content: RecordContent) -> RecordContent:
    """A signed record arriving without its sealed PDFs: its signed copy is held elsewhere."""
    if content.record.status is not RecordStatus.SIGNED:
        return content
    return replace(content, record=replace(content.record, status=RecordStatus.SIGNED_ELSEWHERE))


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

    templates: dict[tuple[str, int], Template]
    workers: set[str]
    records: set[str]
    actions: set[str]


_TEXT_KINDS = frozenset(
    {FieldKind.TEXT, FieldKind.SHORT_TEXT, FieldKind.DATE, FieldKind.TIME, FieldKind.CHOICE}
    | {FieldKind.PERSON}
)


def _check_answers(path: str, content: RecordContent, template: Template) -> None:
    """Every answer names a field of the record's template, with a value of its kind."""
    fields = {f"{s.id}.{f.id}": f for s, f in template.fields() if not f.kind.is_list}
    for key, value in content.record.answers.items():
        field = fields.get(key)
        at = f"{path}.answers.{key}"
        if field is None:
            raise ExportFormatError(
                at, f"the template {template.id} v{template.version} has no such field"
            )
        if value is None:
            continue
        if field.kind is FieldKind.CHECKBOX:
            fits, wanted = isinstance(value, bool), "true, false or null"
        elif field.kind is FieldKind.SCALE:
            fits = isinstance(value, int) and not isinstance(value, bool)
            wanted = "a whole number or null"
        else:
            fits = isinstance(value, str) or field.kind not in _TEXT_KINDS
            wanted = "text or null"
        if not fits:
            raise ExportFormatError(at, f"a {field.kind} field holds {wanted}")


def _check_links(path: str, content: RecordContent, known: _Known) -> None:
    record = content.record
    template = known.templates.get((record.template_id, record.template_version))
    if template is None:
        raise ExportFormatError(
            f"{path}.template_id",
            f"template {record.template_id} v{record.template_version} is neither in the "
            "file nor in this vault",
        )
    if record.worker_id is not None and record.worker_id not in known.workers:
        raise ExportFormatError(
            f"{path}.worker_id", "names a worker who is neither in the file nor in this vault"
        )
    for index, review in enumerate(content.reviews):
        if review.action_id not in known.actions:
            raise ExportFormatError(
                f"{path}.action_reviews[{index}].action_id", "names an unknown action"
            )
    _check_answers(path, content, template)


_ENTRY_TABLES = {
    "case discussion": ("case_discussion", "case_discussions"),
    "decision": ("decision", "decisions"),
    "action": ("action", "actions"),
    "attendee": ("attendee", "attendees"),
    "addendum": ("addendum", "addenda"),
}


def _vault_entry_ids(vault: Vault) -> dict[str, set[str]]:
    return {
        what: _ids(vault, compose("SELECT id FROM {table}", table=table))
        for what, (table, _) in _ENTRY_TABLES.items()
    }


def _check_entry_ids(path: str, content: RecordContent, held: dict[str, set[str]]) -> None:
    """No entry of a new record may reuse the id of something another record holds."""
    for what, (_, attribute) in _ENTRY_TABLES.items():
        for index, entry in enumerate(getattr(content, attribute)):
            if entry.id in held[what]:
                raise ExportFormatError(
                    f"{path}.{attribute}[{index}].id",
                    f"{what} {entry.id} is already in this vault, in another record",
                )


def _as_signed(content: RecordContent) -> RecordContent:
    if content.record.status is not RecordStatus.SIGNED_ELSEWHERE:
        return content
    return replace(content, record=replace(content.record, status=RecordStatus.SIGNED))


def _same_record(existing: RecordContent, incoming: RecordContent) -> bool:
    """Identical content; a record signed here and the same record held elsewhere match."""
    return record_json(_as_signed(existing)) == record_json(_as_signed(incoming))


@dataclass(frozen=True)
class ImportPlan:
    """What an import will write, once every check has passed."""

    doc: ExportDocument
    templates: list[Template]
    workers: list[Worker]
    records: list[RecordContent]
    pdfs: list[SealedCopy]  # sealed PDFs to add (of new records, or of those upgraded)
    upgrades: list[str]  # records held elsewhere that become signed here, with their PDFs

    def report(self) -> ImportReport:
        return ImportReport(
            workers_added=len(self.workers),
            workers_unchanged=len(self.doc.workers) - len(self.workers),
            records_added=len(self.records),
            records_unchanged=len(self.doc.records) - len(self.records) - len(self.upgrades),
            records_now_signed=len(self.upgrades),
            templates_added=len(self.templates),
            signed_elsewhere=sum(
                c.record.status is RecordStatus.SIGNED_ELSEWHERE for c in self.records
            ),
            pdfs_added=len(self.pdfs),
        )


def _check_existing_copies(
    vault: Vault, path: str, record_id: str, copies: list[SealedCopy]
) -> None:
    held = {c.id: c.sha256 for c in sealed_copies(vault, [record_id])}
    for copy in copies:
        if held.get(copy.id) != copy.sha256:
            raise ExportFormatError(
                f"{path}.sealed_documents",
                f"record {record_id} is already in this vault with other sealed PDFs",
            )


def plan_import(vault: Vault, doc: ExportDocument, *, with_pdfs: bool) -> ImportPlan:
    """Check everything against the vault and decide what to add; writes nothing.

    ``with_pdfs``: the sealed PDFs the document lists are at hand (a version 2
    zip). Without them, signed records are taken as held elsewhere.
    """
    vault_templates = _templates(vault)
    new_templates = _new_templates(vault_templates, doc)
    existing_workers = {w.id: w for w in WorkerRepository(vault).all()}
    new_workers = _new_workers(existing_workers, doc)
    vault_records = _ids(vault, "SELECT id FROM record")
    known = _Known(
        templates={**vault_templates, **{t.key: t for t in doc.templates}},
        workers=set(existing_workers) | {w.id for w in doc.workers},
        records=vault_records | {c.record.id for c in doc.records},
        actions=_ids(vault, "SELECT id FROM action")
        | {a.id for c in doc.records for a in c.actions},
    )
    copies: dict[str, list[SealedCopy]] = {}
    for copy in doc.documents if with_pdfs else ():
        copies.setdefault(copy.record_id, []).append(copy)
    references = {str(r[1]): str(r[0]) for r in vault.query("SELECT id, reference FROM record")}
    held = _vault_entry_ids(vault)
    new_records: list[RecordContent] = []
    new_pdfs: list[SealedCopy] = []
    upgrades: list[str] = []
    # Records deleted under the retention rule never come back through an older export.
    deleted = {
        str(r[0]): str(r[1])
        for r in vault.query("SELECT reference, deleted_at FROM retention_audit")
    }
    for index, incoming in enumerate(doc.records):
        path = f"$.records[{index}]"
        content = _normalise(incoming, known.workers, known.records)
        record = content.record
        if record.status is RecordStatus.SIGNED and with_pdfs and not copies.get(record.id):
            raise ExportFormatError(
                f"{path}.sealed_documents",
                "a signed record comes with its sealed PDFs; this one has none",
            )
        if not with_pdfs:
            content = _held_elsewhere(content)
        _check_links(path, content, known)
        if record.id in vault_records:
            existing = load_content(vault.conn, record.id)
            if not doc.includes_private:
                template = vault_templates[(record.template_id, record.template_version)]
                existing = without_private(existing, template)
            if not _same_record(existing, content):
                raise ExportFormatError(
                    path, f"record {record.id} is already in this vault with different content"
                )
            arriving = copies.get(record.id, [])
            if existing.record.status is RecordStatus.SIGNED_ELSEWHERE and arriving:
                upgrades.append(record.id)
                new_pdfs += arriving
            else:
                _check_existing_copies(vault, path, record.id, arriving)
            continue
        _check_new_reference(path, record, references, deleted)
        _check_entry_ids(path, content, held)
        new_records.append(content)
        new_pdfs += copies.get(record.id, [])
    for copy in new_pdfs:
        if vault.query("SELECT 1 FROM sealed_document WHERE id = ?", (copy.id,)):
            raise ExportFormatError(
                "$.records", f"sealed document {copy.id} is already in this vault"
            )
    return ImportPlan(doc, new_templates, new_workers, new_records, new_pdfs, upgrades)


def _check_new_reference(
    path: str, record: Record, references: dict[str, str], deleted: dict[str, str]
) -> None:
    """A new record's reference is free, and was never deleted under the retention rule."""
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


def _stored(copy: SealedCopy, pdf: bytes) -> SealedDocument:
    return SealedDocument(
        id=copy.id,
        record_id=copy.record_id,
        output=copy.output,
        pdf=pdf,
        sha256=copy.sha256,
        created_at=copy.created_at,
        child_ref=copy.child_ref,
        addendum_id=copy.addendum_id,
        revision=copy.revision,
    )


def apply_import(vault: Vault, plan: ImportPlan, pdf_bytes: PdfBytes | None = None) -> ImportReport:
    """Write a checked plan in one transaction; ``pdf_bytes`` gives each sealed PDF's bytes.

    The PDFs go in one at a time, so memory holds one PDF, not the archive.
    Any failure (from the vault or from ``pdf_bytes``) rolls everything back.
    """
    assert pdf_bytes is not None or not plan.pdfs
    profiles = ProfileRepository(vault)
    with vault.transaction() as conn:
        if plan.doc.supervisor is not None and profiles.get() is None:
            write_profile(conn, plan.doc.supervisor)
        for template in plan.templates:
            store_snapshot(conn, template)
        for worker in plan.workers:
            write_worker(conn, worker)
        insert_contents(conn, plan.records)
        for copy in plan.pdfs:
            assert pdf_bytes is not None
            insert_sealed(conn, [_stored(copy, pdf_bytes(copy))])
        # The database lets a record held elsewhere become signed only once its
        # sealed copy (the PDF whose SHA-256 it cites) is in the vault.
        conn.executemany(
            "UPDATE record SET status = 'signed' WHERE id = ? AND status = 'signed-elsewhere'",
            [(record_id,) for record_id in plan.upgrades],
        )
    return plan.report()


def import_document(vault: Vault, doc: ExportDocument) -> ImportReport:
    """Import a document without its PDFs: signed records come in as held elsewhere."""
    return apply_import(vault, plan_import(vault, doc, with_pdfs=False))
