"""Gather what a record needs to be printed: template version, names, settings."""

from __future__ import annotations

from datetime import datetime

from supnotes.domain.content import RecordContent
from supnotes.domain.people import SupervisorProfile
from supnotes.pdf.printable import DEFAULT_MARKING
from supnotes.pdf.record_view import RecordSheet, Signatory
from supnotes.services import identity as identities
from supnotes.vault.repositories.actions import ActionRepository
from supnotes.vault.repositories.sealed import SealedRepository
from supnotes.vault.repositories.templates import TemplateStore
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Vault


def supervisee_statement(agrees: bool | None) -> str:
    if agrees is None:
        return "I have read this record."
    if agrees:
        return "I have read this record. I agree with it."
    return "I have read this record. I do not agree with all of it: see my comments."


def build_sheet(
    vault: Vault,
    content: RecordContent,
    *,
    sealed_at: datetime | None,
    drawn_signature_png: bytes | None = None,
    fingerprint: str | None = None,
    draft: bool = False,
) -> RecordSheet:
    """The :class:`RecordSheet` for ``content`` as it is (or is about to be) sealed."""
    record = content.record
    template = TemplateStore(vault).get(record.template_id, record.template_version)
    profile = identities.supervisor_profile(vault) or SupervisorProfile(name="Supervisor")
    workers = {w.id: w for w in WorkerRepository(vault).all()}
    settings = SettingsStore(vault)
    supervisee = None
    if record.worker_id is not None:
        worker = workers.get(record.worker_id)
        comments = record.comments
        supervisee = Signatory(
            name=comments.acknowledged_name or (worker.name if worker else ""),
            role=worker.role if worker else "",
            signed_at=comments.acknowledged_at,
            statement=supervisee_statement(comments.agrees) if comments.acknowledged_name else "",
            drawn_signature_png=drawn_signature_png
            if drawn_signature_png is not None
            else SealedRepository(vault).drawn_signature(record.id),
        )
    return RecordSheet(
        template=template,
        content=content,
        supervisor=Signatory(name=profile.signature_name, role=profile.role, signed_at=sealed_at),
        supervisee=supervisee,
        organisation=settings.get_text("organisation.name") or profile.organisation,
        marking=settings.get_text("marking.text") or DEFAULT_MARKING,
        fingerprint=identities.current_fingerprint(vault) if fingerprint is None else fingerprint,
        reviewed_actions=ActionRepository(vault).reviewed_in(record.id),
        people={w.id: w.name for w in workers.values()},
        draft=draft,
    )


def signed_sheet(vault: Vault, content: RecordContent) -> RecordSheet:
    """The sheet of a record already signed, as it was sealed."""
    return build_sheet(vault, content, sealed_at=content.record.signed_at)
