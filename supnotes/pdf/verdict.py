"""The verdict on a signed record, in four kinds, with the exit code of each.

``verify`` (the command), the Verify dialog and any machine-readable view
(``verify --json``) all start from one :class:`Judgement`, so they cannot
disagree:

=========================  ====  ==============================================
kind                       exit  meaning
=========================  ====  ==============================================
``registered``             0     intact, and every signer's certificate is in a
                                 trust register that was given
``unverified_signer``      3     intact, but at least one signer is in no
                                 register given: this proves only that the file
                                 is unchanged since signing, not who signed it
``altered``                1     a signature is broken or missing, or the file
                                 was changed after a signature
``unreadable``             2     not a PDF that can be read (or refused as too
                                 big or too deeply nested to be a record)
=========================  ====  ==============================================
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from supnotes.pdf.verify import SignatureReport, VerificationReport


class Verdict(enum.Enum):
    REGISTERED = "registered"
    UNVERIFIED_SIGNER = "unverified_signer"
    ALTERED = "altered"
    UNREADABLE = "unreadable"

    @property
    def exit_code(self) -> int:
        return _EXIT_CODES[self]


_EXIT_CODES = {
    Verdict.REGISTERED: 0,
    Verdict.UNVERIFIED_SIGNER: 3,
    Verdict.ALTERED: 1,
    Verdict.UNREADABLE: 2,
}

UNVERIFIED_MEANING = (
    "this proves only that the file is unchanged since it was signed, not who signed it"
)


@dataclass(frozen=True)
class Judgement:
    """What a reader needs to know: the kind, one headline, and the reasons."""

    verdict: Verdict
    headline: str
    reasons: tuple[str, ...]
    report: VerificationReport | None
    register_given: bool

    @property
    def exit_code(self) -> int:
        return self.verdict.exit_code

    @property
    def unregistered(self) -> tuple[SignatureReport, ...]:
        if self.report is None:
            return ()
        return tuple(self.report.untrusted_signers())


def _names(signatures: tuple[SignatureReport, ...]) -> str:
    return ", ".join(f"{s.signer_name} ({s.field_name})" for s in signatures)


def judge(report: VerificationReport, *, register_given: bool) -> Judgement:
    """The verdict on a report made with the trust roots of the registers given."""
    if not report.intact:
        reasons = tuple(report.reasons())
        return Judgement(
            Verdict.ALTERED,
            "ALTERED OR INVALID: " + "; ".join(reasons),
            reasons,
            report,
            register_given,
        )
    unregistered = tuple(report.untrusted_signers())
    if unregistered:
        where = "the trust register given" if register_given else "any trust register"
        reason = f"not in {where}: {_names(unregistered)}"
        if not register_given:
            reason += " (no register was given: use --trust or SUPNOTES_TRUST)"
        return Judgement(
            Verdict.UNVERIFIED_SIGNER,
            f"INTACT, SIGNER NOT VERIFIED: {UNVERIFIED_MEANING}",
            (reason,),
            report,
            register_given,
        )
    return Judgement(
        Verdict.REGISTERED,
        "OK: intact, and every signer is in the trust register given",
        (),
        report,
        register_given,
    )


def unreadable(reason: str, *, register_given: bool = False) -> Judgement:
    """The verdict on a file that could not be read as a PDF."""
    return Judgement(Verdict.UNREADABLE, f"NOT READABLE: {reason}", (reason,), None, register_given)
