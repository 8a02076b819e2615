"""Recovery keys: printable, typeable, and checked for slips."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supnotes.vault.errors import MistypedRecoveryKey
from supnotes.vault.recovery import format_recovery_key, generate_recovery_key, parse_recovery_key


def test_generated_key_is_eight_groups_of_four() -> None:
    key = generate_recovery_key()
    groups = key.split("-")
    assert len(groups) == 8
    assert all(len(g) == 4 for g in groups)
    assert not set(key) & set("ILOU")


@given(st.binary(min_size=18, max_size=18))
def test_round_trip(secret: bytes) -> None:
    assert parse_recovery_key(format_recovery_key(secret)) == secret


def test_typing_variants_are_accepted() -> None:
    secret = bytes(range(18))
    key = format_recovery_key(secret)
    assert parse_recovery_key(key.lower().replace("-", " ")) == secret
    # Look-alikes typed by hand read as the digits they resemble.
    assert parse_recovery_key(key.replace("1", "l").replace("0", "O")) == secret


def test_a_changed_character_is_caught_by_the_checksum() -> None:
    key = format_recovery_key(bytes(18))
    first = key[0]
    slipped = ("Z" if first != "Z" else "Y") + key[1:]
    with pytest.raises(MistypedRecoveryKey):
        parse_recovery_key(slipped)


@pytest.mark.parametrize("typed", ["", "ABCD", "!" * 32, "U" * 32])
def test_malformed_keys_are_refused_with_reason(typed: str) -> None:
    with pytest.raises(MistypedRecoveryKey):
        parse_recovery_key(typed)
