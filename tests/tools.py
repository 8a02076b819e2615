"""Skips for tools a newcomer may lack, which CI turns into failures.

A test that needs Xvfb, poppler, PostgreSQL, a tmpfs mount or ``chattr``
calls :func:`missing` (or uses :func:`need_command`). On a newcomer's machine
it skips with the reason. ``.ci/run`` installs every such tool and sets
``SUPNOTES_TESTS_STRICT=1``, under which the same call fails the test
instead: a CI run can never pass by silently skipping what it promised to check.
"""

from __future__ import annotations

import os
import shutil
from typing import NoReturn

import pytest

STRICT_VARIABLE = "SUPNOTES_TESTS_STRICT"


def strict() -> bool:
    """True when missing tools are failures (CI), not skips."""
    return os.environ.get(STRICT_VARIABLE, "") not in ("", "0")


def missing(reason: str) -> NoReturn:
    """Skip (newcomer) or fail (CI) because something the test needs is absent."""
    if strict():
        pytest.fail(f"{reason} ({STRICT_VARIABLE} is set, so this is a failure, not a skip)")
    pytest.skip(reason)


def need_command(name: str, package: str) -> str:
    """The path of command ``name``, or skip/fail saying which Debian package brings it."""
    path = shutil.which(name)
    if path is None:
        missing(f"{name} ({package}) is not installed")
    return path
