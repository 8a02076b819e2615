"""Exit codes and the command line's own errors."""

from __future__ import annotations

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_USAGE = 2
EXIT_SIGNER_NOT_VERIFIED = 3  # verify: intact, but a signer is in no register given
EXIT_INTERNAL = 4  # an unexpected error: a bug in SupNotes


class UsageError(Exception):
    """The command was asked for something it cannot do (exit 2)."""


class CheckFailed(Exception):
    """A check ran and found a problem (exit 1)."""
