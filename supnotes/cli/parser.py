"""The argument parser: one sub-parser per command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import supnotes


class _ShowVersion(argparse.Action):
    """``--version``: the installed version is read only when asked.

    Reading it imports :mod:`importlib.metadata` (and the email package),
    which every other command, the app included, need not pay for.
    """

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS) -> None:
        super().__init__(
            option_strings,
            dest,
            nargs=0,
            default=argparse.SUPPRESS,
            help="show the program's version number and exit",
        )

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[object] | None,
        option_string: str | None = None,
    ) -> None:
        del namespace, values, option_string
        print(f"SupNotes {supnotes.__version__}", file=sys.stdout)
        parser.exit()


def _vault_option(parser: argparse.ArgumentParser, *, top: bool) -> None:
    # Accepted before or after the command; the sub-parser's copy must not
    # overwrite a value given before it, hence SUPPRESS there.
    parser.add_argument(
        "--vault",
        type=Path,
        metavar="PATH",
        default=None if top else argparse.SUPPRESS,
        help="vault folder (default: the platform's data folder)",
    )


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    """Parse the command line; the app (no command) without building every command's parser.

    Building them all imports each command's module (the vault's tools, the
    hub, escrow...), which the app's start need not wait for. Anything beyond
    the app's own options (a command, ``--help``, an unknown option) goes to
    the full parser, so errors and help read exactly as before.
    """
    argv = list(argv)
    if not {"-h", "--help"} & set(argv):
        try:
            args, rest = _top_parser(exit_on_error=False).parse_known_args(argv)
        except argparse.ArgumentError:
            rest = ["(the full parser says what is wrong)"]
        if not rest:
            args.command = None
            return args
    return build_parser().parse_args(argv)


def _top_parser(*, exit_on_error: bool = True) -> argparse.ArgumentParser:
    """The program's own options (the app's), before any command."""
    parser = argparse.ArgumentParser(
        prog="supnotes",
        exit_on_error=exit_on_error,
        description="Record, sign and file social-work supervision, offline and encrypted. "
        "With no command, opens the app.",
        epilog="The passphrase is read from SUPNOTES_PASSPHRASE or asked for on the terminal. "
        "Exit codes: 0 success, 1 a check failed, 2 usage or input error "
        "(a full or read-only drive included), 4 an unexpected error (a bug; SUPNOTES_DEBUG=1 "
        "shows where); verify adds 3: intact, but a signer is not in any trust register given.",
    )
    parser.add_argument("--version", action=_ShowVersion)
    _vault_option(parser, top=True)
    parser.add_argument(
        "--demo", action="store_true", help="open the app on a temporary demo vault"
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="open, unlock, show the main window and an editor, print the start-up time, exit",
    )
    return parser


def build_parser() -> argparse.ArgumentParser:
    """Every command's parser (their modules are imported here, not with this one)."""
    from supnotes.cli.report_command import add_report_arguments
    from supnotes.cli.trail_command import add_trail_arguments

    parser = _top_parser()
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        _vault_option(sub, top=False)
        return sub

    init = command("init", "create a new vault and print its recovery key once")
    init.add_argument("--name", help="your name: creates your profile and signing certificate")
    init.add_argument("--role", default="", help="your role, e.g. Team Manager")
    init.add_argument("--organisation", default="", help="your organisation")
    command("check", "check the key file, encryption, structure and links of a vault")

    backup = command("backup", "write an encrypted backup of the vault")
    backup.add_argument(
        "--out", type=Path, required=True, metavar="FILE", help="backup file to write"
    )

    restore = command("restore", "replace the vault with a backup (the current one is kept aside)")
    restore.add_argument("file", type=Path, metavar="FILE", help="backup file made by 'backup'")
    restore.add_argument(
        "--recovery-key",
        action="store_true",
        help="open the backup with the recovery key (SUPNOTES_RECOVERY_KEY or asked)",
    )

    change = command(
        "change-passphrase", "set a new passphrase (asked twice or SUPNOTES_NEW_PASSPHRASE)"
    )
    change.add_argument(
        "--recovery-key",
        action="store_true",
        help="unlock with the recovery key instead of the old passphrase",
    )
    verify = commands.add_parser(
        "verify",
        help="check the signatures of a signed PDF record (no vault needed)",
        description="Check every signature in a signed PDF: signer, certificate fingerprint, "
        "signing time, whether it is intact, whether the document changed after it, the "
        "SHA-256 of each signed revision, and whether each signer is in a trust register "
        "(--trust PATH, else the path in SUPNOTES_TRUST).",
        epilog="Exit codes: 0 OK: intact, and every signer is in a trust register given; "
        "3 intact, but at least one signer is not in any register given: this proves only "
        "that the file is unchanged since it was signed, not who signed it; "
        "1 altered or invalid: a signature is broken or missing, or the document was changed "
        "after it (a later signature, time-stamp or validation data is the only change "
        "allowed); 2 not readable: the file is missing, is not a readable PDF, or a trust "
        "register cannot be read.",
    )
    add_verify_arguments(verify)
    _trust_commands(command)
    _model_commands(command)
    _extract_commands(command)
    report = command(
        "report",
        "the compliance report for a period (sessions due vs held, overdue, gaps, actions, "
        "caseload; docs/compliance.md) as PDF or CSV",
    )
    add_report_arguments(report)
    _retention_commands(command)
    _escrow_commands(command)
    _subject_access_command(command)
    _hub_commands(command)
    trail = command(
        "trail",
        "the access trail: every export, print, copy, backup and restore of this vault, "
        "when and where to (no note content)",
    )
    add_trail_arguments(trail)
    return parser


def _escrow_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    from supnotes.cli.escrow_commands import add_arguments

    keygen = command(
        "escrow-keygen",
        "for IT: make the organisation's escrow key pair (private key encrypted with a "
        "passphrase; docs/escrow.md)",
    )
    manage = command(
        "escrow", "the vault's organisation escrow slot: show, add (a public key), remove"
    )
    unlock = command(
        "escrow-unlock",
        "for IT: open a vault with the organisation's private key and set a new passphrase "
        "and recovery key (docs/escrow.md)",
    )
    for action in add_arguments(keygen, manage, unlock):
        _vault_option(action, top=False)


def _subject_access_command(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    from supnotes.cli.subject_access_command import add_arguments

    add_arguments(
        command(
            "subject-access",
            "one worker's subject-access pack (a zip): a readable index PDF, the signed "
            "copies as stored, the records as JSON, the maskings for review and a README",
        )
    )


def _hub_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    from supnotes.cli.hub_commands import add_hub_arguments, add_send_arguments

    hub = command(
        "hub",
        "the organisation's hub (docs/organisation.md): init, user, register, intake, list, "
        "status (IT, HR, records officers); connect, disconnect, pull-register, log (supervisors)",
    )
    for action in add_hub_arguments(hub):
        _vault_option(action, top=False)
    send = command(
        "send",
        "send your sealed records to the organisation's hub (the only command that connects "
        "to it); lists what the hub's intake refused, and why",
    )
    add_send_arguments(send)


def _retention_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    retention = command(
        "retention", "records past the retention period: list, delete (confirmed), audit"
    )
    for action in add_retention_arguments(retention):
        _vault_option(action, top=False)
    highlights = command(
        "highlights",
        "good practice, learning themes and items to feed up in a period, with no child's "
        "details, wellbeing content or names",
    )
    highlights.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD")
    highlights.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD")
    highlights.add_argument("--format", choices=["csv", "pdf"], default="csv")
    highlights.add_argument("--out", type=Path, required=True, metavar="FILE")


def _trust_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    certificate = command(
        "certificate", "write your signing certificate (PEM) for HR or IT to register"
    )
    certificate.add_argument("--out", type=Path, required=True, metavar="FILE")
    encryption_key = command(
        "encryption-key",
        "write your encryption key (public part, PEM) that handovers to you are encrypted to",
    )
    encryption_key.add_argument("--out", type=Path, required=True, metavar="FILE")
    hand = command(
        "handover",
        "hand a worker's history (sealed PDFs included) to another supervisor, encrypted "
        "to their encryption key and signed by you",
    )
    hand.add_argument(
        "--worker", metavar="NAME|ID", required=True, help="the worker handed over (name or id)"
    )
    hand.add_argument(
        "--receiver",
        metavar="NAME",
        help="the receiving supervisor's name, shown in your retention review "
        "(default: their key's fingerprint)",
    )
    hand.add_argument(
        "--to",
        type=Path,
        required=True,
        metavar="KEY.pem",
        help="the receiver's encryption key ('supnotes encryption-key')",
    )
    hand.add_argument("--out", type=Path, required=True, metavar="FILE")
    hand.add_argument(
        "--include-private",
        action="store_true",
        help="include your private notes (still disclosable on request)",
    )
    receive = command(
        "handover-import",
        "receive a handover encrypted to you: checked, then imported all or nothing",
    )
    receive.add_argument("file", type=Path, metavar="FILE")
    receive.add_argument(
        "--yes", action="store_true", help="accept a giver who is not in your trust register"
    )
    trust = command(
        "trust",
        "the vault's trust register: list, import (organisation register or a certificate "
        "checked with its owner), remove",
    )
    actions = trust.add_subparsers(dest="action", metavar="ACTION")
    listing = actions.add_parser("list", help="every registered certificate with its fingerprint")
    imp = actions.add_parser(
        "import",
        help="register certificates from a PEM file or a folder of .pem/.crt files",
        description="Register a certificate whose fingerprint its owner confirmed to you "
        "(shown, then asked; or give --expect), or with --organisation the organisation's "
        "whole register. Signing or verifying never registers anyone.",
    )
    imp.add_argument("path", type=Path, metavar="PATH", help="a PEM/DER file or a folder")
    imp.add_argument(
        "--expect",
        metavar="FINGERPRINT",
        help="the SHA-256 fingerprint the owner gave you; the import stops if it differs",
    )
    imp.add_argument(
        "--organisation", action="store_true", help="PATH is the organisation's trust register"
    )
    imp.add_argument(
        "--yes", action="store_true", help="with --organisation: do not ask for confirmation"
    )
    remove = actions.add_parser("remove", help="take a certificate out of the register")
    remove.add_argument("fingerprint", metavar="FINGERPRINT")
    for action in (listing, imp, remove):
        _vault_option(action, top=False)


def _model_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    demo = command("demo", "create a new vault filled with fictitious demo data")
    demo.add_argument("--seed", type=int, default=2026, help="vary the generated data")
    demo.add_argument(
        "--days",
        type=int,
        default=365,
        metavar="N",
        help="days of history (default: a year); every signed record is really sealed, "
        "which takes a few seconds a month",
    )

    listing = command("list", "list records, one a line: id, date, worker(s), template, status")
    listing.add_argument("--worker", metavar="NAME", help="only this worker's records")
    listing.add_argument("--status", choices=["draft", "signed", "signed-elsewhere"])

    search = command("search", "full-text search: id, date, worker(s), kind, snippet")
    search.add_argument("query", metavar="QUERY", help='words, "a phrase", or prefix*')
    search.add_argument("--worker", metavar="NAME")
    search.add_argument("--child", metavar="REF", help="child reference, e.g. C-104233")
    search.add_argument("--kind", choices=["one-to-one", "group", "ad-hoc", "agreement"])
    search.add_argument("--template", metavar="ID")
    search.add_argument("--status", choices=["draft", "signed", "signed-elsewhere"])
    search.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    search.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    search.add_argument("--limit", type=int, default=50)

    imp = command(
        "import",
        "import an export: a .supnotes.zip (with its sealed PDFs, each checked) or a .json "
        "(all or nothing; nothing is duplicated)",
    )
    imp.add_argument("file", type=Path, metavar="FILE")

    export = command(
        "export",
        "export records (the whole vault or one worker): zip = the data and the sealed PDFs "
        "(export format version 2), json = the data alone; or a signed record as PDF; "
        "or, with text, one child's case direction as plain text for a case note",
    )
    export.add_argument("--format", choices=["zip", "json", "pdf", "text"], required=True)
    export.add_argument("--worker", metavar="NAME", help="only this worker (subject access)")
    export.add_argument(
        "--out",
        type=Path,
        metavar="FILE",
        help="the file to write (required, except with --format text: standard output)",
    )
    export.add_argument(
        "--include-private",
        action="store_true",
        help=_include_private_help(),
    )
    export.add_argument("--record", metavar="ID", help="with --format pdf or text: the record's id")
    export.add_argument(
        "--child",
        metavar="REF",
        help="with --format pdf: the extract for this child's record instead of the "
        "supervision-file copy; with --format text (required): the child whose case "
        "direction is written, ending with the SHA-256 of their sealed extract",
    )
    export.add_argument(
        "--addendum",
        type=int,
        metavar="N",
        help="with --format pdf: the record's Nth signed addendum (with --child, as issued "
        "to that child's record)",
    )
    export.add_argument(
        "--revision",
        type=int,
        metavar="N",
        help="with --format pdf: write stored revision N (1: as the supervisor sealed it, "
        "the one the vault and addenda cite; 2: counter-signed). Default: the newest",
    )
    export.add_argument(
        "--as-sealed",
        action="store_true",
        help="with --format pdf: the same as --revision 1",
    )
    export.add_argument(
        "--draft",
        action="store_true",
        help="with --format pdf: allow a draft, written as a preview marked 'DRAFT — not signed'",
    )


def _extract_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    from supnotes.cli.extract_commands import add_arguments

    complete = command(
        "complete-extract",
        "issue what a child's extract sealed incomplete left out (such as the child's "
        "actions) as a signed addendum extract citing the original's SHA-256",
    )
    add_arguments(complete)


def add_verify_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE.pdf", help="the signed PDF to check")
    parser.add_argument(
        "--trust",
        type=Path,
        action="append",
        default=[],
        metavar="PATH",
        help="a trust register: a PEM file holding one or more certificates, or a folder "
        "of .pem/.crt files; may be repeated. Without it, the path in SUPNOTES_TRUST is "
        "read if set. A signer whose certificate is not in (or does not chain to) a "
        "register given reads 'not trusted' (exit 3)",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the verdict and the record's embedded data (decisions, actions, "
        "review dates, signers, cited hashes) as one JSON object, for import; "
        "same exit codes (docs/embedded-data.md)",
    )


def add_retention_arguments(retention: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    actions = retention.add_subparsers(dest="action", metavar="ACTION")
    listing = actions.add_parser(
        "list", help="records past the retention period, one a line, for review"
    )
    delete = actions.add_parser(
        "delete",
        help="delete records past retention, with their PDFs, actions and index entries",
        description="Delete the records past the retention period (all of them, or only the "
        "references given). Nothing is deleted unless --confirm gives the number of records "
        "that would go, as 'retention list' counts them. Each deletion leaves an audit entry "
        "with no personal content.",
    )
    delete.add_argument("references", nargs="*", metavar="REF", help="e.g. SN-2019-0042")
    delete.add_argument(
        "--confirm",
        type=int,
        metavar="N",
        required=True,
        help="the number of records to delete; must match, or nothing is deleted",
    )
    audit = actions.add_parser("audit", help="the audit trail of deletions (no personal content)")
    audit.add_argument("--format", choices=["csv"], default="csv")
    audit.add_argument("--out", type=Path, metavar="FILE", help="write here instead of stdout")
    return [listing, delete, audit]


def _include_private_help() -> str:
    from supnotes.domain.export_format import INCLUDE_PRIVATE_HELP

    return INCLUDE_PRIVATE_HELP
