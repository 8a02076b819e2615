"""An honest passphrase-strength estimate for the meter (no Qt).

It counts what an attacker's guessing would have to cover: length times the
size of the character classes used, less what repeats, runs and common
passwords give away. It is an estimate and says so; the hard rule is only the
vault's minimum length.
"""

from __future__ import annotations

import math
import re
import string
from dataclasses import dataclass

from supnotes.vault.vault import MIN_PASSPHRASE_LENGTH

# The most guessed passwords and the words this program's users would reach
# for first. Any of these inside a passphrase counts as a single guess.
COMMON = frozenset(
    [
        "password",
        "passw0rd",
        "p@ssword",
        "123456",
        "1234567",
        "12345678",
        "123456789",
        "1234567890",
        "qwerty",
        "qwertyuiop",
        "asdfgh",
        "asdfghjkl",
        "zxcvbnm",
        "abc123",
        "111111",
        "000000",
        "letmein",
        "welcome",
        "iloveyou",
        "admin",
        "monkey",
        "dragon",
        "football",
        "baseball",
        "sunshine",
        "princess",
        "master",
        "shadow",
        "superman",
        "trustno1",
        "starwars",
        "whatever",
        "secret",
        "changeme",
        "default",
        "login",
        "supnotes",
        "supervision",
        "supervisor",
        "socialwork",
        "social",
        "worker",
        "council",
        "children",
        "safeguarding",
        "manager",
        "summer",
        "winter",
        "autumn",
        "spring",
        "london",
    ]
)
_KEYBOARD_RUNS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "0123456789", string.ascii_lowercase)
LABELS = ("Too short", "Weak", "Fair", "Good", "Strong")


@dataclass(frozen=True)
class Strength:
    score: int  # 0..4, an index into LABELS
    bits: float
    acceptable: bool  # meets the vault's hard minimum
    hint: str

    @property
    def label(self) -> str:
        return LABELS[self.score]


def _pool_size(text: str) -> int:
    pool = 0
    if any(c.islower() for c in text):
        pool += 26
    if any(c.isupper() for c in text):
        pool += 26
    if any(c.isdigit() for c in text):
        pool += 10
    if any(c in string.punctuation or c == " " for c in text):
        pool += 33
    if any(ord(c) > 127 for c in text):
        pool += 100
    return max(pool, 1)


def _effective_length(text: str) -> float:
    """Length with repeats and keyboard runs counted at a quarter."""
    lowered = text.lower()
    length = 0.0
    for i, ch in enumerate(lowered):
        previous = lowered[i - 1] if i else ""
        run = bool(previous) and any(previous + ch in row for row in _KEYBOARD_RUNS)
        length += 0.25 if ch == previous or run else 1.0
    for word in COMMON:
        if len(word) >= 4 and word in lowered:
            length -= len(word) * 0.75
    return max(length, 0.0)


def estimate(passphrase: str) -> Strength:
    """How hard ``passphrase`` would be to guess, in words a supervisor reads."""
    text = passphrase.strip()
    acceptable = len(text) >= MIN_PASSPHRASE_LENGTH
    if re.sub(r"[\s\d!.?]+$", "", text.lower()) in COMMON:
        return Strength(0, 0.0, acceptable, "This is one of the most common passwords.")
    bits = _effective_length(text) * math.log2(_pool_size(text))
    if not acceptable:
        missing = MIN_PASSPHRASE_LENGTH - len(text)
        noun = "character" if missing == 1 else "characters"
        return Strength(0, bits, False, f"{missing} more {noun} needed.")
    if bits < 45:
        score, hint = 1, "Add another word or two that don't belong together."
    elif bits < 60:
        score, hint = 2, "Another unrelated word would make it much harder to guess."
    elif bits < 80:
        score, hint = 3, "A good passphrase."
    else:
        score, hint = 4, "A strong passphrase."
    return Strength(score, bits, acceptable, hint)
