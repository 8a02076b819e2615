"""Commands on the supervision model: demo, list, search, import, export.

Output is one item a line, tab-separated, id first, so scripts can cut it.
No record content ever appears in an error line.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from supnotes.cli import secrets
from supnotes.cli.errors import EXIT_OK, UsageError
from supnotes.cli.vault_commands import open_for_reading, open_vault, trail_note, vault_folder
from supnotes.domain.people import Worker
from supnotes.domain.records import RecordKind, RecordStatus
from supnotes.vault.vault import Vault


def _one_line(value: str) -> str:
    return " ".join(value.replace("\t", " ").split())


def _worker(vault: Vault, name: str | None) -> Worker | None:
    if name is None:
        return None
    return find_worker(vault, name)


def find_worker(vault: Vault, name: str) -> Worker:
    """The one worker whose name matches ``name``; a usage error for none or several."""
    from supnotes.vault.repositories.workers import WorkerRepository

    name = _one_line(name)
    if not name:
        raise UsageError("--worker needs a name (or part of one); see 'supnotes list'")
    found = WorkerRepository(vault).find(name)
    if not found:
        raise UsageError("no worker has that name")
    if len(found) > 1:
        raise UsageError(f"{len(found)} workers match that name; give more of it")
    return found[0]


def cmd_demo(args: argparse.Namespace) -> int:
    from supnotes.domain.template_loader import default_library
    from supnotes.services.demo import build_sealed_demo, write_sealed_demo

    folder = vault_folder(args)
    library = default_library()
    if library.errors:
        raise UsageError(f"a built-in template is broken: {library.errors[0]}")
    demo = build_sealed_demo(library, today=date.today(), seed=args.seed, history_days=args.days)
    counts: list[int] = []
    # Written inside the creation: a demo killed half-way is never a vault whose
    # signed records silently stayed drafts (it is refused, and cleared by a rerun).
    vault, recovery_key = Vault.create(
        folder,
        secrets.passphrase(confirm=True),
        fill=lambda made: counts.append(write_sealed_demo(made, demo)),
    )
    vault.close()
    sealed = counts[0]
    print(f"Created a demo vault in {folder}")
    print(
        f"{len(demo.workers)} fictitious workers, {len(demo.records)} records "
        f"({sealed} signed, each with its sealed PDFs)"
    )
    print()
    print("Recovery key (shown once):")
    print(f"    {recovery_key}")
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from supnotes.vault.repositories.records import RecordRepository

    with open_for_reading(args) as vault:
        worker = _worker(vault, args.worker)
        status = None if args.status is None else RecordStatus(args.status)
        summaries = RecordRepository(vault).summaries(
            worker_id=None if worker is None else worker.id, status=status
        )
    for s in summaries:
        print(
            "\t".join(
                (
                    s.id,
                    s.held_on.isoformat(),
                    _one_line(s.people),
                    f"{s.template_id}@{s.template_version}",
                    str(s.status),
                )
            )
        )
    return EXIT_OK


def _date(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} needs a date as YYYY-MM-DD") from None


def cmd_search(args: argparse.Namespace) -> int:
    from supnotes.vault.search import SearchFilters, plain_snippet, search

    with open_for_reading(args, prefer_writable=True) as vault:
        worker = _worker(vault, args.worker)
        filters = SearchFilters(
            worker_id=None if worker is None else worker.id,
            child_ref=args.child,
            kind=None if args.kind is None else RecordKind(args.kind),
            template_id=args.template,
            status=None if args.status is None else RecordStatus(args.status),
            date_from=_date(args.date_from, "--from"),
            date_to=_date(args.date_to, "--to"),
        )
        hits = search(vault, args.query, filters, limit=args.limit)
    for hit in hits:
        print(
            "\t".join(
                (
                    hit.record_id,
                    hit.held_on.isoformat(),
                    _one_line(hit.people),
                    str(hit.kind),
                    _one_line(plain_snippet(hit.snippet)),
                )
            )
        )
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from supnotes.domain.export_format import ExportFormatError
    from supnotes.services.transfer import PendingImport

    path: Path = args.file
    if not path.is_file():
        raise UsageError(f"cannot read {path}: no such file")
    refused = f"{path} was refused, nothing imported"
    try:
        # The file is read and its document checked before the vault is opened.
        pending = PendingImport(path)
    except ExportFormatError as exc:
        raise UsageError(f"{refused}: {_one_line(str(exc))}") from None
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or type(exc).__name__}") from None
    with pending, open_vault(args) as vault:
        try:
            report = pending.into(vault)
        except ExportFormatError as exc:
            raise UsageError(f"{refused}: {_one_line(str(exc))}") from None
    elsewhere = (
        f", {report.signed_elsewhere} of them signed with their signed copy held elsewhere"
        if report.signed_elsewhere
        else ""
    )
    pdfs = f", {report.pdfs_added} sealed PDFs checked and added" if report.pdfs_added else ""
    if report.records_now_signed:
        pdfs += (
            f" ({report.records_now_signed} records held elsewhere until now are signed here "
            "with them)"
        )
    print(
        f"Imported {report.records_added} records{elsewhere}{pdfs}, and "
        f"{report.workers_added} workers ({report.records_unchanged} records and "
        f"{report.workers_unchanged} workers were already here, unchanged)"
    )
    return EXIT_OK


def _check_out(out: Path) -> None:
    """Refuse an --out that cannot be written, before the vault is opened."""
    if out.is_dir():
        raise UsageError(f"--out {out} is a folder: give a file name in it")
    if not out.parent.is_dir():
        raise UsageError(f"--out: the folder {out.parent} does not exist")


def cmd_export(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from supnotes.services.transfer import export_file

    if args.format == "text":
        return _export_text(args)
    if args.out is None:
        raise UsageError(f"--format {args.format} needs --out FILE")
    _check_out(args.out)
    if args.format == "pdf":
        return _export_pdf(args)
    if (
        args.record
        or args.child
        or args.draft
        or args.addendum is not None
        or args.revision
        or args.as_sealed
    ):
        raise UsageError(
            "--record, --child, --addendum, --draft, --revision and --as-sealed "
            "go with --format pdf"
        )
    with open_for_reading(args, prefer_writable=True) as vault:
        worker = _worker(vault, args.worker)
        summary = export_file(
            vault,
            args.out,
            as_zip=args.format == "zip",
            worker_id=None if worker is None else worker.id,
            include_private=args.include_private,
            exported_at=datetime.now(UTC),
        )
        trail_note(vault)
    if args.format == "zip":
        print(f"Exported {summary.records} records and {summary.pdfs} sealed PDFs to {args.out}")
    else:
        print(f"Exported {summary.records} records to {args.out}")
        if summary.pdfs_listed:
            print(
                f"The {summary.pdfs_listed} sealed PDFs are listed by SHA-256 but not included; "
                "--format zip carries them"
            )
    return EXIT_OK


def _addendum_id(vault: Vault, record_id: str, number: int | None) -> str | None:
    """The id of a record's addendum ``number`` (1 = the first signed), or None."""
    if number is None:
        return None
    from supnotes.vault.repositories.records import RecordRepository

    addenda = sorted(
        RecordRepository(vault).get(record_id).addenda,
        key=lambda a: (a.signed_at is None, a.signed_at, a.added_on),
    )
    if not 1 <= number <= len(addenda):
        raise UsageError(f"this record has {len(addenda)} addenda; --addendum {number} is not one")
    return addenda[number - 1].id


def _export_pdf(args: argparse.Namespace) -> int:
    """A sealed record's stored signed PDF, or (asked for explicitly) a draft preview."""
    from supnotes.services.exports import NotSealed, export_sealed
    from supnotes.vault.repositories.records import RecordRepository

    if not args.record:
        raise UsageError("--format pdf needs --record ID (see 'supnotes list')")
    if args.worker or args.include_private:
        raise UsageError("--worker and --include-private go with --format zip or json")
    revision: int | None = 1 if args.as_sealed else args.revision
    if args.as_sealed and args.revision not in (None, 1):
        raise UsageError("--as-sealed is revision 1: give one or the other")
    if revision is not None and revision < 1:
        raise UsageError("--revision counts from 1 (as the supervisor sealed it)")
    with open_for_reading(args, prefer_writable=True) as vault:
        try:
            record = RecordRepository(vault).header(args.record)
        except KeyError:
            raise UsageError("no record has that id (see 'supnotes list')") from None
        if record.status is RecordStatus.SIGNED_ELSEWHERE:
            raise UsageError(
                f"{record.reference} was signed in another vault and imported without its "
                "sealed PDFs: its signed copy is held elsewhere, export it from there"
            )
        if not record.is_signed:
            if not args.draft:
                raise UsageError(
                    f"{record.reference} is a draft and is not signed: only signed records "
                    "are exported; add --draft for a preview marked 'DRAFT — not signed'"
                )
            from supnotes.services.previews import export_draft_preview  # renders: reportlab

            try:
                export_draft_preview(vault, record.id, args.out, args.child)
            except NotSealed as exc:
                raise UsageError(str(exc)) from None
            trail_note(vault)
            print(f"Wrote a draft preview of {record.reference} (not signed) to {args.out}")
            return EXIT_OK
        addendum_id = _addendum_id(vault, record.id, args.addendum)
        try:
            document = export_sealed(
                vault,
                record.id,
                args.out,
                child_ref=args.child,
                addendum_id=addendum_id,
                revision=revision,
            )
        except NotSealed as exc:
            raise UsageError(str(exc)) from None
        trail_note(vault)
    what = "supervision-file copy" if args.child is None else f"extract for {args.child}"
    if addendum_id is not None:
        what = f"addendum {args.addendum}" + (
            "" if args.child is None else f" as issued to the record of {args.child}"
        )
    print(f"Exported the signed {what} of {record.reference} to {args.out}")
    print(f"Revision {document.revision}: {_REVISION_MEANING.get(document.revision, '')}")
    print(f"SHA-256 {document.sha256}")
    if document.sha256 != record.sealed_sha256 and args.child is None:
        print(f"The record and its addenda cite revision 1: SHA-256 {record.sealed_sha256}")
    return EXIT_OK


def _export_text(args: argparse.Namespace) -> int:
    """One child's case direction from a sealed record, as plain text for a case note."""
    from supnotes.domain.trail import TrailKind
    from supnotes.services.case_direction import case_direction, record_copy
    from supnotes.services.exports import NotSealed
    from supnotes.vault.atomic import write_atomic
    from supnotes.vault.repositories.records import RecordRepository

    if not args.record or not args.child:
        raise UsageError("--format text needs --record ID and --child REF (see 'supnotes list')")
    if (
        args.worker
        or args.include_private
        or args.draft
        or args.addendum is not None
        or args.revision
        or args.as_sealed
    ):
        raise UsageError("--format text takes only --record, --child and --out")
    if args.out is not None:
        _check_out(args.out)
    with open_for_reading(args, prefer_writable=True) as vault:
        try:
            record = RecordRepository(vault).header(args.record)
        except KeyError:
            raise UsageError("no record has that id (see 'supnotes list')") from None
        if args.child not in RecordRepository(vault).get(record.id).child_refs:
            raise UsageError(f"{record.reference} is not about {args.child}")
        try:
            text = case_direction(vault, record.id, args.child)
        except NotSealed as exc:
            raise UsageError(f"{record.reference}: {exc}") from None
        if args.out is None:
            sys.stdout.write(text)
            sys.stdout.flush()
            where = "standard output"
        else:
            write_atomic(args.out, text.encode("utf-8"))
            where = args.out
        record_copy(vault, record.reference, args.child, TrailKind.EXPORT_TEXT, where)
        trail_note(vault)
    if args.out is not None:
        print(f"Wrote the case direction for {args.child} from {record.reference} to {args.out}")
    return EXIT_OK


_REVISION_MEANING = {
    1: "as the supervisor sealed it (the one the record and its addenda cite)",
    2: "with the supervisee's counter-signature added after the supervisor's seal",
}
