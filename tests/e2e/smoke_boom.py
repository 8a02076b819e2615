"""Child for the smoke tests: ``supnotes`` with one function made to raise unexpectedly.

``python -m tests.e2e.smoke_boom ARGS…`` runs the real command line, but
opening the smoke run's editor raises an OverflowError whose message holds
text that must never be printed.
"""

from __future__ import annotations

import sys
from collections.abc import Collection

import supnotes.ui.shell.controller as controller
from supnotes.cli import main

SECRET = "typed words about a child"


def _boom(window: object, skip: Collection[str] = frozenset()) -> None:
    del window, skip
    raise OverflowError(f"date value out of range: {SECRET}")


if __name__ == "__main__":
    controller.open_smoke_editor = _boom
    sys.exit(main(sys.argv[1:]))
