"""``supnotes hub …`` (for IT, HR and records officers) and ``supnotes send`` (supervisors).

IT's commands name the hub with ``--url postgresql://…`` (``--ca FILE`` for
TLS; the password from ``SUPNOTES_HUB_PASSWORD`` or libpq's own PGPASSWORD
or ~/.pgpass) or ``--file PATH``. A supervisor's commands (``hub connect``,
``hub pull-register``, ``send``) use the hub stored in their vault.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from supnotes.cli.errors import EXIT_CHECK_FAILED, EXIT_OK, UsageError
from supnotes.cli.secrets import read_secret
from supnotes.cli.vault_commands import open_vault
from supnotes.domain.compliance import Period
from supnotes.hub.address import HubAddress
from supnotes.hub.errors import HubError
from supnotes.hub.opening import open_store
from supnotes.hub.store import FILINGS, HubStore
from supnotes.vault.vault import Vault

if TYPE_CHECKING:
    from supnotes.services.hub_intake import IntakeReport

HUB_PASSWORD_VARIABLE = "SUPNOTES_HUB_PASSWORD"  # noqa: S105 (a variable's name)
NEW_LOGIN_PASSWORD_VARIABLE = "SUPNOTES_HUB_NEW_PASSWORD"  # noqa: S105 (a variable's name)


def _address(args: argparse.Namespace) -> HubAddress:
    if args.url:
        return HubAddress.postgresql(args.url)
    return HubAddress.file(args.file)


def _open(args: argparse.Namespace, *, create: bool = False) -> HubStore:
    address = _address(args)
    if address.backend.value == "file" and create:
        args.file.parent.mkdir(parents=True, exist_ok=True)
    return open_store(
        address,
        password=os.environ.get(HUB_PASSWORD_VARIABLE) or None,
        ca_file=args.ca,
        create=create,
    )


def _init(args: argparse.Namespace) -> int:
    with _open(args, create=True) as store:
        version = store.initialise()
        roles = store.roles()
    print(f"The hub at {store.address.describe()} is ready (schema version {version}).")
    if roles:
        print("Group roles (NOLOGIN): " + ", ".join(roles))
        print("Give each person a login with: supnotes hub user NAME --role ROLE …")
    else:
        print("This is a file hub: it has no roles (docs/organisation.md says what it lacks).")
    return EXIT_OK


def _user(args: argparse.Namespace) -> int:
    password = read_secret(NEW_LOGIN_PASSWORD_VARIABLE, f"Password for {args.name}: ", confirm=True)
    with _open(args) as store:
        store.create_login(args.name, args.role, password)
    print(f"{args.name} can log in to the hub with the {args.role} role.")
    return EXIT_OK


def _register(args: argparse.Namespace) -> int:
    from supnotes.pdf.identity import common_name, fingerprint
    from supnotes.pdf.trust_register import RegisterError, read_register
    from supnotes.services import hub_register
    from supnotes.vault.atomic import write_atomic

    if args.export:
        with _open(args) as store:
            bundle = hub_register.export_bundle(store)
            count = len(store.signers())
        write_atomic(args.export, bundle, mode=0o644)
        print(f"Wrote the register of signers ({count} certificate(s)) to {args.export}")
        print("It is the trust register 'supnotes verify --trust' reads.")
        return EXIT_OK
    if args.certificate is None or args.role is None:
        raise UsageError("give a certificate file and --role, or --export BUNDLE.pem")
    try:
        entries = read_register(args.certificate)
    except RegisterError as exc:
        raise UsageError(str(exc)) from None
    with _open(args) as store:
        for entry in entries:
            new = hub_register.register(store, entry.certificate, args.role, args.by or "")
            state = "registered" if new else "already registered"
            print(f"{common_name(entry.certificate)} ({args.role}): {state}")
            print(f"  SHA-256 {fingerprint(entry.certificate)}")
    print("Check each fingerprint with its owner by another way (phone, in person).")
    return EXIT_OK


def _intake(args: argparse.Namespace) -> int:
    from supnotes.services.hub_intake import reconsider, run_intake

    with _open(args) as store:
        report = reconsider(store) if args.reconsider else run_intake(store)
    print(f"Accepted {report.accepted}, refused {len(report.refused)}.")
    for deposit, reason in report.refused:
        print(f"refused\t{deposit.record_reference}\t{deposit.kind}\t{deposit.target}\t{reason}")
    for line in intake_notes(report):
        print(line)
    return EXIT_OK


def intake_notes(report: IntakeReport) -> list[str]:
    """What an intake's two counts leave unsaid: figures decided, and what still waits."""
    figures = "figures"
    notes = []
    refused = sum(1 for deposit, _ in report.refused if deposit.kind == figures)
    if report.accepted_kinds[figures] or refused:
        notes.append(
            f"Of these, service figures: accepted {report.accepted_kinds[figures]}, "
            f"refused {refused}."
        )
    waiting = report.still_waiting.get(figures, 0)
    if waiting:
        notes.append(
            f"{waiting} set(s) of service figures still wait: figures are HR data, which this "
            "login's role cannot read, so an admin's 'hub intake' decides them."
        )
    others = sum(n for kind, n in report.still_waiting.items() if kind != figures)
    if others:
        notes.append(f"{others} other deposit(s) still wait: run 'hub intake' again.")
    if not report.accepted and not report.refused and not report.still_waiting:
        notes.append("Nothing was waiting for intake.")
    return notes


RETENTION_KINDS = {
    "hr-file": "supervision-file",
    "child-inbox": "child-extract",
    "figures": "figures",
}


def _retention(args: argparse.Namespace) -> int:
    from supnotes.hub import retention

    words = {kind: name for name, kind in RETENTION_KINDS.items()}
    with _open(args) as store:
        if args.retention_action == "set":
            if args.kind is None or args.years is None:
                raise UsageError("'hub retention set' needs --kind and --years")
            retention.set_years(store, RETENTION_KINDS[args.kind], args.years)
            print(
                f"Deposits to {args.kind} are kept {args.years} year(s) "
                "after the hub received them."
            )
            return EXIT_OK
        if args.retention_action == "show":
            found = retention.settings(store)
            for name, kind in RETENTION_KINDS.items():
                years = found.get(kind)
                print(
                    f"{name}	"
                    + ("kept for ever (no setting)" if years is None else f"{years} year(s)")
                )
            print(
                f"Deleted so far: {len(retention.deletions(store))} deposit(s), "
                "each with an audit row."
            )
            return EXIT_OK
        due = retention.apply(store, dry_run=args.dry_run)
    verb = "would delete" if args.dry_run else "deleted"
    for row in due:
        print(
            f"{verb}\t{words.get(row.kind, row.kind)}\t{row.target}\t{row.record_reference}\t"
            f"received {row.received_at:%Y-%m-%d}"
        )
    print(
        f"{len(due)} deposit(s) past retention {verb}"
        + ("; nothing was deleted (dry run)." if args.dry_run else ", each after its audit row.")
    )
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    from supnotes.vault.atomic import write_atomic

    with _open(args) as store:
        filed = store.filed(args.filing, args.target)
    if args.out:
        args.out.mkdir(mode=0o700, parents=True, exist_ok=True)
    for deposit in filed:
        line = [
            deposit.target,
            deposit.record_reference,
            "addendum" if deposit.is_addendum else "record",
            deposit.received_at.isoformat(timespec="seconds"),
            deposit.sha256,
        ]
        if args.out:
            name = f"{deposit.record_reference}-{deposit.id[:12]}.pdf"
            write_atomic(args.out / name, deposit.content, mode=0o600)
            line.append(name)
        print("\t".join(line))
    return EXIT_OK


def _status(args: argparse.Namespace) -> int:
    with _open(args) as store:
        counts = store.counts()
        signers = len(store.signers())
        version = store.version()
    print(f"Hub {store.address.describe()}: schema version {version}")
    for state in ("received", "accepted", "refused"):
        print(f"{state}\t{counts.get(state, 0)}")
    print(f"registered signers\t{signers}")
    return EXIT_OK


def _connect(args: argparse.Namespace) -> int:
    from supnotes.services import hub_connection

    address = _address(args)
    password = ""
    login = args.user or ""
    if address.backend.value == "postgresql":
        named = address.user()
        if named and login and named != login:
            raise UsageError(
                f"the URL names the login {named} but --user says {login}: give one of them"
            )
        login = login or named
        if not login:
            raise UsageError(
                "give your hub login with --user LOGIN, or in the URL (postgresql://LOGIN@host/db)"
            )
        password = read_secret(HUB_PASSWORD_VARIABLE, "Hub password: ")
    ca_pem = args.ca.read_bytes() if args.ca else None
    with open_vault(args) as vault:
        hub_connection.connect(vault, address, login=login, password=password, ca_pem=ca_pem)
    print(f"This vault sends to {address.describe()} when you run 'supnotes send'.")
    print("No connection was made now; the password is kept only inside the vault.")
    return EXIT_OK


def _disconnect(args: argparse.Namespace) -> int:
    from supnotes.services import hub_connection
    from supnotes.vault.repositories.outbox import OutboxRepository

    with open_vault(args) as vault:
        stored = hub_connection.configured(vault)
        if stored is None:
            raise UsageError("no hub is set for this vault")
        OutboxRepository(vault).forget_connection(hub_connection.address_of(stored).describe())
    print("The hub's address and password are removed from this vault.")
    return EXIT_OK


def _pull_register(args: argparse.Namespace) -> int:
    from supnotes.services import hub_connection, hub_register

    with open_vault(args) as vault:
        store, _ = hub_connection.open_configured(vault)
        with store:
            added = hub_register.pull_into_vault(vault, store)
    print(f"Registered {added} new certificate(s) from the hub's register in your vault.")
    return EXIT_OK


def _log(args: argparse.Namespace) -> int:
    from supnotes.vault.repositories.outbox import OutboxRepository

    with open_vault(args) as vault:
        entries = OutboxRepository(vault).log_entries()
    for at, what, hub, detail in entries:
        print("\t".join((at, what, hub, detail)))
    print(
        f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'} in this vault's hub log "
        "(each deposit sent is in 'supnotes trail')."
    )
    return EXIT_OK


def cmd_hub(args: argparse.Namespace) -> int:
    actions = {
        "init": _init,
        "user": _user,
        "register": _register,
        "intake": _intake,
        "list": _list,
        "status": _status,
        "connect": _connect,
        "disconnect": _disconnect,
        "pull-register": _pull_register,
        "log": _log,
        "report": _report,
        "retention": _retention,
        "fetch-handovers": _fetch_handovers,
        "handover-recipient": _handover_recipient,
    }
    if args.action not in actions:
        raise UsageError("say what to do: supnotes hub --help")
    try:
        return actions[args.action](args)
    except HubError as exc:
        raise UsageError(str(exc)) from None


def _period(start: str | None, end: str | None) -> Period:
    if not start or not end:
        raise UsageError("give both ends of the period: --from YYYY-MM-DD --to YYYY-MM-DD")
    try:
        return Period(date.fromisoformat(start), date.fromisoformat(end))
    except ValueError as exc:
        raise UsageError(f"not a period: {exc}") from None


def _report(args: argparse.Namespace) -> int:
    from supnotes.services.hub_report import build_service_report, to_csv, to_pdf
    from supnotes.vault.atomic import write_atomic

    period = _period(args.date_from, args.date_to)
    with _open(args) as store:
        report = build_service_report(store, period, args.team)
    data = to_csv(report) if args.format == "csv" else to_pdf(report)
    write_atomic(args.out, data, mode=0o600)
    print(
        f"Wrote the service report ({len(report.lines)} line(s) from "
        f"{report.figures_read} set(s) of figures) to {args.out}"
    )
    return EXIT_OK


def cmd_send(args: argparse.Namespace) -> int:
    from supnotes.services import hub_connection, hub_register
    from supnotes.services.hub_send import send

    figures = args.figures_from is not None or args.figures_to is not None
    period = _period(args.figures_from, args.figures_to) if figures else None
    with open_vault(args) as vault:
        try:
            if hub_connection.configured(vault) is None:
                raise hub_connection.NoHubConfigured
            if period is not None:
                from supnotes.services.compliance_report import NoSuchTeam
                from supnotes.services.hub_figures import FuturePeriod, queue_figures

                try:
                    new = queue_figures(vault, period, args.team)
                except (NoSuchTeam, FuturePeriod) as exc:
                    raise UsageError(str(exc)) from None
                state = "queued" if new else "already queued (unchanged)"
                print(f"The service figures for {period.start} to {period.end}: {state}.")
            if args.handover is not None or args.to is not None:
                _queue_handover(vault, args.handover, args.to)
            report = send(vault)
        except HubError as exc:
            raise UsageError(str(exc)) from None
        missing = 0
        if report.unreachable is None:
            try:
                store, _ = hub_connection.open_configured(vault)
                with store:
                    missing = len(hub_register.missing_from_vault(vault, store))
            except HubError:
                missing = 0
    print(
        f"Queued {report.queued}, sent {report.sent}, already held by the hub "
        f"{report.already_held}, waiting {report.waiting}."
    )
    if report.unreachable is None:  # otherwise the hub was not heard from: no counts to show
        print(
            f"At the hub: accepted {report.accepted}, awaiting intake {report.awaiting_intake}, "
            f"refused {len(report.refused)}."
        )
    for row in report.refused:
        print(f"refused\t{row.record_reference}\t{row.kind}\t{row.target}\t{row.reason}")
    if missing:
        print(
            f"The hub's register holds {missing} certificate(s) your vault's register lacks: "
            "'supnotes hub pull-register' brings them in."
        )
    if report.unreachable:
        print(f"supnotes: {report.unreachable}", file=sys.stderr)
        return EXIT_CHECK_FAILED
    return EXIT_OK


def _queue_handover(vault: Vault, path: Path | None, key: str | None) -> None:
    from supnotes.services import hub_handover

    if path is None or key is None:
        raise UsageError("give both --handover FILE and --to KEY_FINGERPRINT")
    try:
        new = hub_handover.queue(vault, path, key)
    except OSError as exc:
        raise UsageError(f"{path.name}: {exc.strerror or type(exc).__name__}") from None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    state = "queued" if new else "already queued"
    print(f"The handover {path.name} for key {key}: {state}.")


def _fetch_handovers(args: argparse.Namespace) -> int:
    from supnotes.services import hub_handover

    with open_vault(args) as vault:
        written = hub_handover.fetch(vault, args.out, args.key)
    for path in written:
        print(path)
    print(
        f"Fetched {len(written)} handover(s) addressed to your key(s) into {args.out}; "
        "import each with 'supnotes handover-import'."
    )
    return EXIT_OK


def _handover_recipient(args: argparse.Namespace) -> int:
    from supnotes.hub.handover import register_recipient

    with _open(args) as store:
        new = register_recipient(store, args.key, args.login)
    state = "now receives" if new else "was already registered to receive"
    print(f"{args.login} {state} handovers addressed to key {args.key}.")
    return EXIT_OK


def add_send_arguments(send: argparse.ArgumentParser) -> None:
    send.add_argument(
        "--figures-from",
        metavar="YYYY-MM-DD",
        help="also send the service figures for this period, which must have ended (numbers "
        "only, highlights as counts per practice theme: no child, no record text)",
    )
    send.add_argument("--figures-to", metavar="YYYY-MM-DD")
    send.add_argument("--team", metavar="TEAM", help="with --figures-…: only this team")
    send.add_argument(
        "--handover",
        type=Path,
        metavar="FILE",
        help="also send this handover file (made by 'supnotes handover', encrypted to the "
        "receiver) to the receiver named with --to",
    )
    send.add_argument(
        "--to", metavar="KEY_FINGERPRINT", help="with --handover: the receiver's key fingerprint"
    )


def add_hub_arguments(hub: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """The ``hub`` sub-commands; returns those that take ``--vault``."""
    actions = hub.add_subparsers(dest="action", metavar="ACTION")

    def where(parser: argparse.ArgumentParser) -> None:
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--url", metavar="URL", help="postgresql://user@host/dbname")
        group.add_argument("--file", type=Path, metavar="PATH", help="an embedded hub file")
        parser.add_argument(
            "--ca", type=Path, metavar="FILE", help="the organisation's CA certificate (TLS)"
        )

    init = actions.add_parser(
        "init", help="create or update the hub's schema and its group roles (IT)"
    )
    user = actions.add_parser(
        "user",
        help=f"create a login with one role (password: {NEW_LOGIN_PASSWORD_VARIABLE} or asked)",
    )
    user.add_argument("name", metavar="NAME")
    user.add_argument(
        "--role", required=True, choices=["supervisor", "records-officer", "hr", "psw", "admin"]
    )
    register = actions.add_parser(
        "register",
        help="register a signer's certificate (HR/IT), or --export the register as a trust "
        "bundle for 'verify --trust'",
    )
    register.add_argument("certificate", type=Path, nargs="?", metavar="CERT")
    register.add_argument("--role", choices=["supervisor", "supervisee"])
    register.add_argument("--by", metavar="NAME", help="file hub: who registers (recorded)")
    register.add_argument("--export", type=Path, metavar="BUNDLE.pem")
    intake = actions.add_parser(
        "intake", help="verify received deposits: accept, or refuse with a reason (records officer)"
    )
    intake.add_argument(
        "--reconsider",
        action="store_true",
        help="judge refused deposits again (after a signer was registered)",
    )
    listing = actions.add_parser("list", help="accepted deposits in the HR file or child inboxes")
    listing.add_argument("filing", choices=sorted(FILINGS))
    listing.add_argument("--target", metavar="NAME|REF", help="one worker or child reference")
    listing.add_argument("--out", type=Path, metavar="FOLDER", help="also write the PDFs here")
    status = actions.add_parser("status", help="deposits received, accepted, refused")
    report = actions.add_parser(
        "report",
        help="the service view from the figures supervisors sent: per team and supervisor, "
        "sessions due vs held, overdue, caseload over the warning level; and highlights "
        "across teams, per practice theme (PSW, admin)",
    )
    report.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD")
    report.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD")
    report.add_argument("--team", metavar="TEAM")
    report.add_argument("--format", choices=["csv", "pdf"], default="csv")
    report.add_argument("--out", type=Path, required=True, metavar="FILE")
    kept = actions.add_parser(
        "retention",
        help="show or set years kept per kind, or apply: delete what is past them, each "
        "after an audit row (admin)",
    )
    kept.add_argument(
        "retention_action", choices=["show", "set", "apply"], metavar="show|set|apply"
    )
    kept.add_argument("--kind", choices=sorted(RETENTION_KINDS), help="with set")
    kept.add_argument("--years", type=int, metavar="N", help="with set: 1 to 100")
    kept.add_argument("--dry-run", action="store_true", help="with apply: list, delete nothing")
    recipient = actions.add_parser(
        "handover-recipient",
        help="record which hub login receives handovers addressed to an encryption key (HR, IT)",
    )
    recipient.add_argument("key", metavar="KEY_FINGERPRINT")
    recipient.add_argument("--login", required=True, metavar="LOGIN")
    for parser in (init, user, register, listing, status, intake, report, kept, recipient):
        where(parser)
    connect = actions.add_parser(
        "connect",
        help=f"set this vault's hub (password: {HUB_PASSWORD_VARIABLE} or asked; kept in vault)",
    )
    where(connect)
    connect.add_argument(
        "--user", metavar="LOGIN", help="your hub login (if the URL does not name it)"
    )
    disconnect = actions.add_parser("disconnect", help="remove the hub from this vault")
    pull = actions.add_parser(
        "pull-register", help="register the hub's signers in this vault's trust register"
    )
    fetch = actions.add_parser(
        "fetch-handovers",
        help="write the handovers addressed to your key(s) into a folder (supervisors)",
    )
    fetch.add_argument("--out", type=Path, required=True, metavar="DIR")
    fetch.add_argument(
        "--key", metavar="KEY_FINGERPRINT", help="only this key (required on a file hub)"
    )
    log = actions.add_parser(
        "log",
        help="this vault's hub log: hubs set and removed, register pulls, each send attempt",
    )
    return [connect, disconnect, pull, fetch, log]
