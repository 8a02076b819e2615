"""``supnotes`` with no command: start the desktop app.

PySide6 is imported only here, when the app is wanted, so the command line's
other commands stay fast.
"""

from __future__ import annotations

import argparse
import os

from supnotes.cli.errors import UsageError


def run_app(args: argparse.Namespace) -> int:
    if args.smoke and not args.demo and not os.environ.get("SUPNOTES_PASSPHRASE"):
        raise UsageError("--smoke needs --demo, or SUPNOTES_PASSPHRASE with --vault")
    from supnotes.ui.shell.app import run_desktop_app

    return run_desktop_app(args)
