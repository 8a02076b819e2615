"""Intake on the organisation's side: each received deposit accepted or refused.

The database cannot check a PAdES signature and the sending laptop is not
trusted to vouch for itself, so the records officer (or admin) runs intake:
each deposit is checked with SupNotes' own verifier against the hub's
register of signers as the trust roots. Refused: content that does not hash
to its SHA-256, a broken or altered signature, a signer not in the register,
a second, different file of a record already accepted for the same place
(a counter-signed revision, which extends the accepted file, is not one),
an unreadable file.
Decisions are only ever added: a refusal can be reconsidered once the
register changes (a later acceptance), an acceptance is final.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from cryptography import x509

from supnotes.domain.service_figures import FiguresError, parse
from supnotes.hub.deposits import Decision, DepositKind, StoredDeposit, deposit_id
from supnotes.hub.store import HubStore
from supnotes.pdf.errors import PdfError
from supnotes.pdf.verdict import Verdict, judge
from supnotes.pdf.verify import ChooseRoots, verify_pdf

SIGNED_KINDS = (DepositKind.SUPERVISION_FILE.value, DepositKind.CHILD_EXTRACT.value)


@dataclass
class IntakeReport:
    accepted: int = 0
    refused: list[tuple[StoredDeposit, str]] = field(default_factory=list)
    accepted_kinds: Counter[str] = field(default_factory=Counter)
    # Deposits still waiting after the run, per kind (figures a records officer cannot read).
    still_waiting: dict[str, int] = field(default_factory=dict)


def _name_key(name: x509.Name) -> str:
    return " ".join(name.rfc4514_string().casefold().split())


class RegisterRoots(list[x509.Certificate]):
    """The register as trust roots, indexed by subject name.

    A signature chains only to a root named as the issuer of a certificate it
    carries (or to that certificate itself, self-signed), so intake first
    verifies a deposit against those few: pyHanko's validation context costs
    about half a millisecond a root to build, which made each check take
    about 2 s with a register of 2,200 signers (tests/bench/hub_load.py).
    Only an acceptance is taken from that narrowed check; anything else is
    checked again against the whole register, so refusals and their reasons
    are exactly as before.
    """

    def __init__(self, certificates: list[x509.Certificate]) -> None:
        super().__init__(certificates)
        self._by_subject: dict[str, list[x509.Certificate]] = {}
        for certificate in certificates:
            self._by_subject.setdefault(_name_key(certificate.subject), []).append(certificate)

    def anchors(self, carried: list[x509.Certificate]) -> list[x509.Certificate]:
        """The registered certificates named as the subject or issuer of one carried."""
        try:
            names = {_name_key(c.issuer) for c in carried} | {_name_key(c.subject) for c in carried}
        except ValueError:  # a name that cannot be written out: the whole register
            return list(self)
        return list(dict.fromkeys(r for n in sorted(names) for r in self._by_subject.get(n, ())))


def register_roots(store: HubStore) -> RegisterRoots:
    return RegisterRoots([x509.load_der_x509_certificate(s.der) for s in store.signers()])


# The signature verdict of each distinct content, by SHA-256, within one run
# (one register): the same sealed bytes sent to several HR files and inboxes
# are verified once. The hash is checked against the content before this is used.
SignatureVerdicts = dict[str, str | None]


def judge_deposit(
    deposit: StoredDeposit,
    roots: list[x509.Certificate],
    store: HubStore,
    verdicts: SignatureVerdicts | None = None,
) -> str | None:
    """The reason to refuse ``deposit``, or None to accept it."""
    broken = _hash_problem(deposit)
    if broken is not None:
        return broken
    if deposit.kind in SIGNED_KINDS:
        if verdicts is None:
            verdicts = {}
        if deposit.sha256 not in verdicts:
            verdicts[deposit.sha256] = _signature_problem(deposit, roots)
        problem = verdicts[deposit.sha256]
        return problem if problem is not None else _duplicate(deposit, store)
    if deposit.kind == DepositKind.FIGURES.value:
        return _figures_problem(deposit)
    return None  # handover is judged by what is built for it


def _signature_problem(deposit: StoredDeposit, roots: list[x509.Certificate]) -> str | None:
    if isinstance(roots, RegisterRoots) and _checked(deposit, [], roots.anchors) is None:
        return None
    return _checked(deposit, roots)


def _checked(
    deposit: StoredDeposit,
    roots: list[x509.Certificate],
    choose_roots: ChooseRoots | None = None,
) -> str | None:
    try:
        report = verify_pdf(deposit.content, roots, choose_roots=choose_roots)
    except PdfError as exc:
        return f"not readable: {exc}"
    judgement = judge(report, register_given=True)
    if judgement.verdict is Verdict.ALTERED:
        return "altered: " + "; ".join(judgement.reasons)
    if judgement.verdict is Verdict.UNVERIFIED_SIGNER:
        # The fingerprint tells HR which key, when a same-named certificate is registered.
        names = ", ".join(
            f"{s.signer_name} (SHA-256 {s.fingerprint})" for s in judgement.unregistered
        )
        return f"signer not registered in the hub's register of signers: {names}"
    return None


def _duplicate(deposit: StoredDeposit, store: HubStore) -> str | None:
    """A second, different file of the same record for the same place is a duplicate,
    unless it extends the accepted one (a counter-signature is an incremental update)."""
    for earlier in store.accepted_for(deposit.kind, deposit.target, deposit.record_reference):
        if not deposit.content.startswith(earlier.content):
            return (
                f"duplicate: a different file of {deposit.record_reference} was already "
                f"accepted for {deposit.target} (deposit {earlier.id[:12]})"
            )
    return None


def _figures_problem(deposit: StoredDeposit) -> str | None:
    """Figures must be exactly the closed format: nothing else can ride along."""
    try:
        figures = parse(deposit.content)
    except FiguresError as exc:
        return f"not readable as service figures: {exc}"
    # A day's grace for a laptop ahead of the hub's (UTC) date.
    if figures.period_end > deposit.received_at.date() + timedelta(days=1):
        return (
            f"the period ends on {figures.period_end.isoformat()}, after the hub received the "
            "figures: send them once the period has ended"
        )
    return None


def _hash_problem(deposit: StoredDeposit) -> str | None:
    if hashlib.sha256(deposit.content).hexdigest() != deposit.sha256:
        return "altered: the file does not match the SHA-256 it was sent with"
    if deposit.id != deposit_id(deposit.kind, deposit.target, deposit.sha256):
        return "altered: the deposit's id does not match its kind, target and content"
    return None


def reconsider(store: HubStore, limit: int = 1000) -> IntakeReport:
    """Judge refused deposits again (after the register changed); adds only acceptances."""
    report = IntakeReport()
    roots = register_roots(store)
    verdicts: SignatureVerdicts = {}
    after = ""
    while batch := store.refused(limit, after):
        for deposit in batch:
            reason = judge_deposit(deposit, roots, store, verdicts)
            if reason is None:
                store.decide(deposit.id, Decision.ACCEPTED)
                report.accepted += 1
                report.accepted_kinds[deposit.kind] += 1
            else:
                report.refused.append((deposit, reason))
        after = batch[-1].id
    return report


def run_intake(store: HubStore, limit: int = 1000) -> IntakeReport:
    """Decide every received deposit (oldest first); each decision its own transaction."""
    report = IntakeReport()
    roots = register_roots(store)
    verdicts: SignatureVerdicts = {}
    while True:
        batch = store.received(limit)
        if not batch:
            report.still_waiting = store.waiting_by_kind()
            return report
        for deposit in batch:
            reason = judge_deposit(deposit, roots, store, verdicts)
            if reason is None:
                store.decide(deposit.id, Decision.ACCEPTED)
                report.accepted += 1
                report.accepted_kinds[deposit.kind] += 1
            else:
                store.decide(deposit.id, Decision.REFUSED, reason)
                report.refused.append((deposit, reason))
