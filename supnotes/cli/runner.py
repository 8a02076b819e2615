"""Dispatch a parsed command and turn every failure into an exit code.

Failures print one line on stderr: ``supnotes: <reason>``. No record content
is ever part of such a line.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable

from supnotes.cli.errors import (
    EXIT_CHECK_FAILED,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_USAGE,
    CheckFailed,
    UsageError,
)
from supnotes.vault.errors import VaultError

Command = Callable[[argparse.Namespace], int]
#: Set to let an unexpected error's traceback through (for developers).
DEBUG_VARIABLE = "SUPNOTES_DEBUG"

# Each command's module is imported only when that command runs, so that
# ``supnotes --version`` or the app never pay for pyHanko or reportlab.
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("vault_commands", "cmd_init"),
    "check": ("vault_commands", "cmd_check"),
    "backup": ("vault_commands", "cmd_backup"),
    "restore": ("vault_commands", "cmd_restore"),
    "change-passphrase": ("vault_commands", "cmd_change_passphrase"),
    "verify": ("pdf_commands", "cmd_verify"),
    "certificate": ("trust_commands", "cmd_certificate"),
    "trust": ("trust_commands", "cmd_trust"),
    "encryption-key": ("handover_commands", "cmd_encryption_key"),
    "handover": ("handover_commands", "cmd_handover"),
    "handover-import": ("handover_commands", "cmd_handover_import"),
    "demo": ("model_commands", "cmd_demo"),
    "list": ("model_commands", "cmd_list"),
    "search": ("model_commands", "cmd_search"),
    "import": ("model_commands", "cmd_import"),
    "export": ("model_commands", "cmd_export"),
    "complete-extract": ("extract_commands", "cmd_complete_extract"),
    "report": ("report_command", "cmd_report"),
    "retention": ("retention_commands", "cmd_retention"),
    "highlights": ("highlights_command", "cmd_highlights"),
    "escrow-keygen": ("escrow_commands", "cmd_escrow_keygen"),
    "escrow": ("escrow_commands", "cmd_escrow"),
    "escrow-unlock": ("escrow_commands", "cmd_escrow_unlock"),
    "subject-access": ("subject_access_command", "cmd_subject_access"),
    "hub": ("hub_commands", "cmd_hub"),
    "send": ("hub_commands", "cmd_send"),
    "trail": ("trail_command", "cmd_trail"),
}


def command_for(name: str) -> Command:
    """The function that runs command ``name``."""
    module_name, function_name = COMMANDS[name]
    module = importlib.import_module(f"supnotes.cli.{module_name}")
    command: Command = getattr(module, function_name)
    return command


def _fail(reason: str, code: int) -> int:
    print(f"supnotes: {reason}", file=sys.stderr)
    return code


def _warn_if_machine_defaults_ignored() -> None:
    """IT's defaults file is broken: say so once; the command runs without it."""
    from supnotes.vault.machine_defaults import machine_defaults

    problem = machine_defaults().problem
    if problem is not None:
        print(f"supnotes: {problem}", file=sys.stderr)


def _reader_went_away() -> int:
    """The reader (e.g. ``| head``) stopped early: not an error.

    stdout is pointed at devnull so the interpreter's final flush is quiet.
    """
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_OK


def _dispatch(args: argparse.Namespace) -> int:
    command = command_for(args.command) if args.command else None
    if command is None:
        from supnotes.cli.app_command import run_app

        return run_app(args)
    return command(args)


def run(args: argparse.Namespace) -> int:
    _warn_if_machine_defaults_ignored()
    try:
        return _run_known(args)
    except OSError as exc:
        return _fail(_os_error_line(exc), EXIT_USAGE)
    except Exception as exc:
        # Never a traceback for a user: one line naming the problem as a bug.
        if os.environ.get(DEBUG_VARIABLE):
            raise
        return _fail(
            f"an unexpected problem stopped SupNotes ({type(exc).__name__}). This is a bug: "
            f"please report it (set {DEBUG_VARIABLE}=1 to see where it happened)",
            EXIT_INTERNAL,
        )


def _run_known(args: argparse.Namespace) -> int:
    """The command, with every failure a user can act on turned into its exit code."""
    try:
        return _dispatch(args)
    except CheckFailed as exc:
        return _fail(f"check failed: {exc}", EXIT_CHECK_FAILED)
    except VaultError as exc:
        return _fail(exc.one_line(), EXIT_CHECK_FAILED if exc.check_failed else EXIT_USAGE)
    except UsageError as exc:
        return _fail(str(exc), EXIT_USAGE)
    except KeyboardInterrupt:
        return _fail("interrupted", EXIT_USAGE)
    except BrokenPipeError:
        return _reader_went_away()


def _os_error_line(exc: OSError) -> str:
    """An OS error the vault layer did not classify, as one line (a missing folder, …)."""
    where = exc.filename if exc.filename is not None else "a file"
    reason = exc.strerror or type(exc).__name__
    return f"{where}: {reason.lower() if reason[:1].isupper() else reason}"
