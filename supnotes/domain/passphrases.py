"""The passphrase rule: one judgement for the app's meter and the command line.

A new passphrase is accepted when it is at least :data:`MIN_LENGTH`
characters long, holds no control characters (a line break set from a script
could never be typed into the unlock box), and zxcvbn — the estimator
KeePassXC and Dropbox use, with its lists of common passwords, names, words,
keyboard runs, dates and repeats — puts it beyond a hundred million guesses
(its score 2 or more). What the meter shows is this judgement, so it can never
call a passphrase "too short" that the minimum accepts, nor "fair" one that is
refused.

Passphrases are compared in Unicode NFC form: "Siân" typed as one ``â`` or as
``a`` plus a combining circumflex is the same passphrase (:func:`normalise`).

Pure Python: no Qt, no I/O. zxcvbn is imported on first use, so start-up does
not pay for its word lists.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

MIN_LENGTH = 10
#: Longer than anyone types; a paste of a whole document is refused, not cut.
MAX_LENGTH = 1024
#: zxcvbn's score from which a passphrase is accepted (10^8 guesses or more).
MIN_SCORE = 2
#: zxcvbn judges this many characters. Its cost grows steeply with length
#: (about 10 ms at 40 characters, hundreds at its own limit of 72, on the
#: reference machine), and the meter runs on every keystroke; what follows a
#: prefix that is already hard to guess can only make it harder.
JUDGED_PREFIX = 40
#: The meter's steps, lowest first (a refused passphrase is at 0 or 1).
LEVELS = 5

#: Words this program's users would reach for first, judged as dictionary words.
APP_WORDS = (
    "supnotes",
    "supervision",
    "supervisor",
    "supervisee",
    "social",
    "socialwork",
    "worker",
    "council",
    "children",
    "safeguarding",
    "manager",
    "vault",
    "passphrase",
)


@dataclass(frozen=True)
class Strength:
    """The judgement of one passphrase."""

    score: int  # 0..4: 0 refused for its form, 1 refused as guessable, 2..4 accepted
    label: str
    acceptable: bool
    hint: str


def normalise(passphrase: str) -> str:
    """The form every passphrase is stored and compared in (Unicode NFC)."""
    return unicodedata.normalize("NFC", passphrase)


def forms(passphrase: str) -> list[str]:
    """The distinct ways ``passphrase`` may have been typed: as given, NFC, NFD.

    For key slots written before passphrases were normalised.
    """
    found: list[str] = []
    for form in (
        passphrase,
        unicodedata.normalize("NFC", passphrase),
        unicodedata.normalize("NFD", passphrase),
    ):
        if form not in found:
            found.append(form)
    return found


def _has_control(text: str) -> bool:
    return any(unicodedata.category(ch) == "Cc" for ch in text)


def _form_problem(text: str) -> Strength | None:
    """What is wrong with the passphrase's shape, before guessing is considered."""
    if _has_control(text):
        return Strength(
            0,
            "Not allowed",
            False,
            "Line breaks, tabs and other control characters cannot be typed to unlock.",
        )
    length = len(text.strip())
    if length < MIN_LENGTH:
        missing = MIN_LENGTH - length
        noun = "character" if missing == 1 else "characters"
        return Strength(0, "Too short", False, f"{missing} more {noun} needed.")
    if len(text) > MAX_LENGTH:
        return Strength(0, "Too long", False, f"At most {MAX_LENGTH:,} characters, please.")
    return None


def judge(passphrase: str, user_inputs: Iterable[str] = ()) -> Strength:
    """Whether ``passphrase`` may protect a vault, and why, in plain words.

    ``user_inputs`` are words the person gave elsewhere (their name, their
    organisation): a passphrase built from them is easy to guess.
    """
    text = normalise(passphrase)
    problem = _form_problem(text)
    if problem is not None:
        return problem
    from zxcvbn import zxcvbn  # deferred: its word lists take a moment to load

    inputs = [*APP_WORDS, *(w for word in user_inputs for w in word.lower().split() if w)]
    result = zxcvbn(text[:JUDGED_PREFIX], user_inputs=inputs)
    score = int(result["score"])
    if score < MIN_SCORE:
        warning = str(result["feedback"]["warning"] or "").strip()
        own_words = any(m.get("dictionary_name") == "user_inputs" for m in result["sequence"])
        if own_words:
            warning = "It is built on your name, your organisation or a word about this work."
        reason = warning or "This is easy to guess."
        return Strength(
            1,
            "Too easy to guess",
            False,
            f"{reason} Add another word or two that don't belong together.",
        )
    if score == 2:
        return Strength(
            2, "Fair", True, "Another unrelated word would make it much harder to guess."
        )
    if score == 3:
        return Strength(3, "Good", True, "A good passphrase.")
    return Strength(4, "Strong", True, "A strong passphrase.")


def refusal(passphrase: str, user_inputs: Iterable[str] = ()) -> str | None:
    """Why ``passphrase`` cannot be used for a vault (a short phrase), or None when it can."""
    strength = judge(passphrase, user_inputs)
    if strength.acceptable:
        return None
    first_sentence = strength.hint.split(". ")[0].rstrip(".")
    return f"{strength.label.lower()}: {first_sentence[:1].lower()}{first_sentence[1:]}"
