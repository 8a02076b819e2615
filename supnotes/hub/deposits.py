"""What a deposit is: kinds, targets, and the id that makes sending idempotent.

A deposit's id is the SHA-256 of its kind, target and content hash, so the
same document sent to the same place is always the same row: a resend after
a dropped connection is a no-op on the hub, never a duplicate.
"""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass
from datetime import datetime


class DepositKind(enum.StrEnum):
    SUPERVISION_FILE = "supervision-file"  # target: the worker's HR file
    CHILD_EXTRACT = "child-extract"  # target: the inbox of a child reference
    # Reserved for what is built on top of this package (docs/organisation.md):
    FIGURES = "figures"  # target: the team; content: service figures, no child or wellbeing
    HANDOVER = "handover"  # target: the receiving supervisor; content: encrypted to them


KINDS: tuple[str, ...] = tuple(k.value for k in DepositKind)


class Decision(enum.StrEnum):
    ACCEPTED = "accepted"
    REFUSED = "refused"


SIGNER_ROLES = ("supervisor", "supervisee")
MAX_TARGET = 200


def content_sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def deposit_id(kind: str, target: str, sha256: str) -> str:
    """The deposit's id: the same on the laptop, on the hub and in its trigger."""
    return hashlib.sha256(f"{kind}\n{target}\n{sha256}".encode()).hexdigest()


@dataclass(frozen=True)
class NewDeposit:
    """What the client sends. The hub adds its own receipt time and the sender."""

    kind: str
    target: str
    record_reference: str
    is_addendum: bool
    content: bytes

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown deposit kind {self.kind!r}")
        if not self.target.strip() or len(self.target) > MAX_TARGET:
            raise ValueError("a deposit needs a target of 1 to 200 characters")

    @property
    def sha256(self) -> str:
        return content_sha256(self.content)

    @property
    def id(self) -> str:
        return deposit_id(self.kind, self.target, self.sha256)


@dataclass(frozen=True)
class DepositState:
    """A deposit as its sender sees it: received, accepted or refused (with why)."""

    id: str
    kind: str
    target: str
    record_reference: str
    received_at: datetime
    decision: str | None  # None: received, not yet through intake
    reason: str


@dataclass(frozen=True)
class StoredDeposit:
    """A deposit with its content, as intake and the filing views read it."""

    id: str
    kind: str
    target: str
    record_reference: str
    is_addendum: bool
    sha256: str
    content: bytes
    sender: str
    received_at: datetime


@dataclass(frozen=True)
class Signer:
    fingerprint: str
    name: str
    subject: str
    role: str
    der: bytes
    registered_at: datetime
    registered_by: str
