"""``supnotes`` with no command: start the desktop app."""

from __future__ import annotations

import argparse

from supnotes.cli.errors import UsageError


def run_app(args: argparse.Namespace) -> int:
    del args
    raise UsageError("the desktop app is not part of this build yet; see 'supnotes --help'")
