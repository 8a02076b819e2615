"""Passphrases and recovery keys from the environment or the terminal.

Scripts and tests set ``SUPNOTES_PASSPHRASE`` (and ``SUPNOTES_NEW_PASSPHRASE``
or ``SUPNOTES_RECOVERY_KEY``); a person at a terminal is asked, with no echo.
Without either, the command stops with a usage error rather than hanging.
"""

from __future__ import annotations

import getpass
import os
import sys

from supnotes.cli.errors import UsageError


def _ask(prompt: str, env_var: str) -> str:
    if not sys.stdin or not sys.stdin.isatty():
        raise UsageError(f"{prompt.rstrip(': ')} needed: set {env_var} or run in a terminal")
    return getpass.getpass(prompt)


def read_secret(env_var: str, prompt: str, *, confirm: bool = False) -> str:
    """The secret from ``env_var``, else asked on the terminal (twice if ``confirm``)."""
    value = os.environ.get(env_var)
    if value is not None:
        if not value:
            raise UsageError(
                f"{env_var} is set but empty: put the secret in it, or unset it to be asked "
                "on the terminal"
            )
        return value
    value = _ask(prompt, env_var)
    if confirm and _ask("Type it again: ", env_var) != value:
        raise UsageError("the two entries did not match")
    if not value:
        raise UsageError("nothing was typed")
    return value


def passphrase(*, confirm: bool = False) -> str:
    return read_secret("SUPNOTES_PASSPHRASE", "Passphrase: ", confirm=confirm)


def new_passphrase() -> str:
    return read_secret("SUPNOTES_NEW_PASSPHRASE", "New passphrase: ", confirm=True)


def recovery_key() -> str:
    return read_secret("SUPNOTES_RECOVERY_KEY", "Recovery key: ")
