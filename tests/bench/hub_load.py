"""The hub's load figure: a synthetic organisation's 10 years on a real hub, then timings.

Run by hand, outside CI (docs/organisation.md, "Load")::

    uv run python -m tests.bench.hub_load build --dir /tmp/hubload   # own PostgreSQL
    uv run python -m tests.bench.hub_load measure --dir /tmp/hubload
    uv run python -m tests.bench.hub_load stop --dir /tmp/hubload    # stops, deletes it
    uv run python -m tests.bench.hub_load build --file /tmp/hub.db --supervisors 30

``build`` starts a throwaway PostgreSQL cluster (tests/hub/postgres_server.py,
as a non-root user) unless ``--file`` names an embedded hub file; creates the
hub with ``hub init``'s code, a login per supervisor and one each for the
records officer, HR, the principal social worker and admin; registers every
supervisor's and current supervisee's certificate as HR; then deposits the
organisation's history (:mod:`tests.bench.hub_load_org`) through the real
store API (``HubStore.deposit``), as each supervisor's own login, several
hundred deposits to a transaction. Every row goes through the hub's
triggers: the receipt time and sender are the hub's own, content and id
are checked against their hashes, and append-only holds. The history's
intake decisions are added in one statement per role (records officer;
admin for figures), as ``intake`` would add them: every deposit accepted.

``measure`` then times, with the load average beside each figure: ``hub
status``, ``hub list`` of one HR file, ``hub report`` for one year and for
ten (CSV and PDF), a batch of new deposits from the supervisors, ``hub
intake`` of that batch, ``send`` (the hub_send service) of a vault's
1,000 waiting deposits, ``hub intake`` of those (one content, verified
once), and the database's size per table. The ``hub`` commands run as the
real CLI in a child process (their times include starting Python).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from supnotes.hub.address import HubAddress
from supnotes.hub.deposits import NewDeposit
from supnotes.hub.opening import open_store
from supnotes.hub.store import HubStore
from supnotes.services import hub_register
from tests.bench.hub_load_org import Organisation, PlannedDeposit
from tests.bench.hub_load_pdfs import SealedSet, supervisee_certificates
from tests.hub.postgres_server import PostgresServer, postgres_bin, start_server, stop_server

ROLES = {"ro_1": "records-officer", "hr_1": "hr", "psw_1": "psw", "admin_1": "admin"}
PASSWORD = "bench-only-password"  # a throwaway cluster's logins, used over its socket
TRANSACTION = 500


def load_average() -> str:
    found = Path("/proc/loadavg")
    return found.read_text().split(" ")[0] if found.exists() else "?"


def say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')} load {load_average()}] {text}", flush=True)


class Target:
    """Where the hub is: a throwaway PostgreSQL cluster (its state in ``dir``) or a file."""

    def __init__(self, folder: Path | None, file: Path | None) -> None:
        self.folder, self.file = folder, file
        self.server: PostgresServer | None = None
        if folder is not None and (folder / "server.json").exists():
            state = json.loads((folder / "server.json").read_text())
            self.server = PostgresServer(
                Path(state["bin"]), Path(state["folder"]), state["port"], Path(state["ca_file"]),
                state["run_as"],
            )  # fmt: skip

    def start(self) -> None:
        if self.file is not None or self.server is not None:
            return
        assert self.folder is not None
        bin_dir = postgres_bin()
        if bin_dir is None:
            raise SystemExit("PostgreSQL (initdb, pg_ctl) is not installed")
        self.folder.mkdir(parents=True, exist_ok=True)
        self.server = start_server(bin_dir)
        state = {k: str(v) if isinstance(v, Path) else v for k, v in asdict(self.server).items()}
        (self.folder / "server.json").write_text(json.dumps(state))
        # History loads with the test server's fsync=off; measure switches it on.
        self.server.psql("postgres", "ALTER SYSTEM SET max_wal_size = '2GB'")
        self.server.psql("postgres", "SELECT pg_reload_conf()")
        self.server.psql("postgres", "CREATE DATABASE hubload")

    def url(self, login: str | None = None) -> str:
        assert self.server is not None
        return self.server.socket_url("hubload", *((login,) if login else ()))

    def address(self, login: str | None = None) -> HubAddress:
        if self.file is not None:
            return HubAddress.file(self.file)
        return HubAddress.postgresql(self.url(login))

    def cli_where(self, login: str) -> list[str]:
        return ["--file", str(self.file)] if self.file is not None else ["--url", self.url(login)]

    def connect(self, login: str | None = None, *, create: bool = False) -> HubStore:
        """As ``login`` on PostgreSQL; the file hub has no logins."""
        password = PASSWORD if login and self.file is None else None
        return open_store(self.address(login), password=password, create=create)

    @contextmanager
    def open_as(self, login: str | None = None, *, create: bool = False) -> Iterator[HubStore]:
        with self.connect(login, create=create) as store:
            yield store


def _new_deposit(planned: PlannedDeposit, sealed: SealedSet) -> NewDeposit:
    content = planned.figures or sealed.content(
        planned.supervisor, planned.template, planned.variant
    )
    return NewDeposit(
        planned.kind, planned.target, planned.record_reference, planned.is_addendum, content
    )


def deposit_all(
    target: Target, planned: Iterator[PlannedDeposit], sealed: SealedSet, org: Organisation,
    *, per_transaction: int = TRANSACTION,
) -> tuple[int, int, float]:  # fmt: skip
    """Deposit as each supervisor's login; (deposits, bytes, seconds)."""
    count = size = 0
    t0 = time.perf_counter()
    store: HubStore | None = None
    current = -1
    seen: set[int] = set()
    batch: list[NewDeposit] = []

    def flush() -> None:
        assert store is not None
        with store.transaction():
            for d in batch:
                store.deposit(d, org.supervisors[current].login)
        batch.clear()

    try:
        for p in planned:
            if p.supervisor != current:
                if batch:
                    flush()
                if store is not None and target.file is None:
                    store.close()
                    store = None
                current = p.supervisor
                if store is None:
                    store = target.connect(org.supervisors[current].login)
                if current % 25 == 0 and current not in seen:
                    seen.add(current)
                    elapsed = time.perf_counter() - t0
                    say(f"supervisor {current}: {count:,} deposits, {elapsed:.0f} s")
            deposit = _new_deposit(p, sealed)
            batch.append(deposit)
            count += 1
            size += len(deposit.content)
            if len(batch) >= per_transaction:
                flush()
        if batch:
            flush()
    finally:
        if store is not None:
            store.close()
    return count, size, time.perf_counter() - t0


def _organisation(args: argparse.Namespace, years: int | None = None) -> Organisation:
    return Organisation(args.seed, args.supervisors, years or args.years)


def _sealed(args: argparse.Namespace, org: Organisation) -> SealedSet:
    cache = Path(args.templates)
    return SealedSet(cache, [s.name for s in org.supervisors])


def build(args: argparse.Namespace) -> None:
    target = Target(args.dir, args.file)
    target.start()
    org = _organisation(args)
    say(f"signing templates for {len(org.supervisors)} supervisors (cached in {args.templates})")
    t0 = time.perf_counter()
    sealed = _sealed(args, org)
    say(f"templates ready in {time.perf_counter() - t0:.0f} s")
    with target.open_as(create=True) as store:
        store.initialise()
        if store.has_roles:
            for sup in org.supervisors:
                store.create_login(sup.login, "supervisor", PASSWORD)
            for login, role in ROLES.items():
                store.create_login(login, role, PASSWORD)
    t0 = time.perf_counter()
    workers = org.current_workers()
    with target.open_as("hr_1" if target.file is None else None) as store:
        for cert in sealed.certificates:
            hub_register.register(store, cert, "supervisor", "hr_1")
        for cert in supervisee_certificates(workers):
            hub_register.register(store, cert, "supervisee", "hr_1")
    say(
        f"registered {len(sealed.certificates)} supervisors and {len(workers)} supervisees in "
        f"{time.perf_counter() - t0:.1f} s"
    )
    count, size, seconds = deposit_all(target, org.deposits(), sealed, org)
    say(
        f"history: {count:,} deposits ({size / 1e9:.2f} GB of content) in {seconds:.0f} s: "
        f"{count / seconds:,.0f} deposits/s, {TRANSACTION} to a transaction, "
        "through HubStore.deposit as each supervisor's login"
    )
    t0 = time.perf_counter()
    accept = (
        "INSERT INTO intake_decision(deposit_id, decision) SELECT id, 'accepted' FROM deposit d "
        "WHERE NOT EXISTS (SELECT 1 FROM intake_decision i WHERE i.deposit_id = d.id)"
    )
    for login in ("ro_1", "admin_1"):  # the records officer cannot see figures: admin's
        with target.open_as(login if target.file is None else None) as store:
            store.rows(accept)
    say(f"history accepted (one INSERT … SELECT per role) in {time.perf_counter() - t0:.0f} s")


def _new_batch(args: argparse.Namespace, size: int) -> list[PlannedDeposit]:
    """``size`` signed deposits of the year after the history, from every supervisor in turn,
    with variants no history deposit has (so bytes and ids are new)."""
    org = _organisation(args, args.years + 1)
    last = str(org.first_year + args.years)
    per: dict[int, list[PlannedDeposit]] = {}
    for p in org.deposits():
        if p.kind != "figures" and p.record_reference[3:7] == last:
            per.setdefault(p.supervisor, []).append(p)
    picked: list[PlannedDeposit] = []
    queues = list(per.values())
    turn = 0
    while len(picked) < size and any(len(q) > turn for q in queues):
        picked += [q[turn] for q in queues if len(q) > turn][: size - len(picked)]
        turn += 1
    base = args.batch_round * 10**12
    return [
        PlannedDeposit(
            p.supervisor,
            p.kind,
            p.target,
            p.record_reference,
            p.is_addendum,
            p.template,
            base + p.variant,
        )
        for p in picked
    ]


CODE: list[Path] = []  # measure --code: run the hub commands from that source tree instead


def _cli(target: Target, login: str, *words: str) -> tuple[float, str]:
    command = [sys.executable, "-m", "supnotes", "hub", *words, *target.cli_where(login)]
    env = {**os.environ, "SUPNOTES_HUB_PASSWORD": PASSWORD}
    if CODE:
        env["PYTHONPATH"] = str(CODE[0])
    t0 = time.perf_counter()
    done = subprocess.run(
        command, capture_output=True, text=True, env=env, check=False, cwd=CODE[0] if CODE else None
    )
    seconds = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(words)} failed: {done.stderr.strip()}")
    return seconds, done.stdout


def measure(args: argparse.Namespace) -> None:
    target = Target(args.dir, args.file)
    if target.file is None and target.server is None:
        raise SystemExit("no hub built here: run build first")
    if target.server is not None:
        target.server.psql("postgres", "ALTER SYSTEM SET fsync = on")
        target.server.psql("postgres", "SELECT pg_reload_conf()")
        say("PostgreSQL: fsync on for the measurements (synchronous_commit on)")
    out = Path(tempfile.mkdtemp(prefix="hubload-out-"))
    org = _organisation(args)
    sealed = _sealed(args, org)
    if not args.skip_reports:
        reports(target, org, args.years, out)
    if args.batch:
        batch = _new_batch(args, args.batch)
        count, _, seconds = deposit_all(target, iter(batch), sealed, org, per_transaction=1)
        say(
            f"new deposits: {count:,} in {seconds:.1f} s, {count / seconds:,.0f}/s "
            "(HubStore.deposit as each supervisor's login, one transaction each)"
        )
        seconds, text = _cli(target, "ro_1", "intake")
        say(
            f"hub intake of {count:,} new deposits ({len({p.variant for p in batch}):,} distinct "
            f"files): {seconds:.1f} s, {seconds / count * 1000:.1f} ms a deposit: {text.strip()}"
        )
    if args.send:
        send_batch(target, args.send, Path(out))
    if target.server is not None:
        sizes(target)
    elif target.file is not None:
        say(f"hub file size: {target.file.stat().st_size / 1e9:.2f} GB")
    say(f"outputs in {out}")


def reports(target: Target, org: Organisation, years: int, out: Path) -> None:
    """hub status, one HR file's list, and hub report for a year and for all the years."""
    seconds, text = _cli(target, "admin_1", "status")
    say(f"hub status: {seconds:.2f} s\n{text.strip()}")
    worker = org.supervisors[0].slots[0].name
    seconds, text = _cli(target, "hr_1", "list", "hr-file", "--target", worker)
    say(f"hub list hr-file --target '{worker}': {seconds:.2f} s, {len(text.splitlines())} lines")
    last = org.first_year + years - 1
    for label, start in (
        ("1 year", f"{last}-01-01"),
        (f"{years} years", f"{org.first_year}-01-01"),
    ):
        for fmt in ("csv", "pdf"):
            seconds, text = _cli(
                target, "psw_1", "report", "--from", start, "--to", f"{last}-12-31",
                "--format", fmt, "--out", str(out / f"report-{start[:4]}.{fmt}"),
            )  # fmt: skip
            say(f"hub report {label} from {start} {fmt}: {seconds:.2f} s: {text.strip()}")


def send_batch(target: Target, count: int, out: Path) -> None:
    """A supervisor's vault with ``count`` waiting deposits, sent with the hub_send service."""
    from supnotes.services import hub_connection
    from supnotes.services import identity as identities
    from supnotes.services.hub_send import send
    from supnotes.vault.repositories.outbox import OutboxRepository
    from supnotes.vault.repositories.sealed import CHILD_RECORD
    from tests.hub import sealed_vault

    sealed_vault.build(out / "vault")
    with sealed_vault.copy_open(out / "vault") as vault:
        certificate = identities.current_certificate(vault)
        assert certificate is not None
        with target.open_as("hr_1") as store:
            hub_register.register(store, certificate, "supervisor", "hr_1")
        doc_id, ref, size = vault.query(
            "SELECT s.id, r.reference, length(s.pdf) FROM sealed_document s "
            "JOIN record r ON r.id = s.record_id "
            "WHERE s.output = ? AND s.addendum_id IS NULL LIMIT 1",
            (CHILD_RECORD,),
        )[0]
        sha = str(vault.query("SELECT sha256 FROM sealed_document WHERE id = ?", (doc_id,))[0][0])
        from supnotes.hub.deposits import deposit_id

        # One sealed extract queued for `count` child inboxes: the outbox rows queue_sealed
        # would write for a record citing that many children (deposit_id, kind, target, ...).
        rows = [
            (deposit_id("child-extract", f"C-9{n:05d}", sha), "child-extract", f"C-9{n:05d}",
             str(ref), False, str(doc_id))
            for n in range(count)
        ]  # fmt: skip
        OutboxRepository(vault).queue(rows)
        if target.file is not None:
            hub_connection.connect(vault, target.address(), login="sup_000")
        else:
            address = target.address("sup_000")
            hub_connection.connect(vault, address, login="sup_000", password=PASSWORD)
        t0 = time.perf_counter()
        report = send(vault)
        seconds = time.perf_counter() - t0
    say(
        f"send (hub_send.send) of {count:,} waiting deposits of {size:,} bytes as sup_000 "
        f"(with their ~1,000-deposit history): {seconds:.1f} s, {report.sent / seconds:,.0f}/s; "
        f"sent {report.sent}, already held {report.already_held}, waiting {report.waiting}, "
        f"accepted {report.accepted}, awaiting intake {report.awaiting_intake}"
    )
    seconds, text = _cli(target, "ro_1", "intake")
    say(
        f"hub intake of those {count:,} (one file, verified once): {seconds:.1f} s, "
        f"{seconds / count * 1000:.1f} ms a deposit: {text.strip()}"
    )


def sizes(target: Target) -> None:
    assert target.server is not None
    total = target.server.psql("hubload", "SELECT pg_database_size('hubload')")[0][0]
    rows = target.server.psql(
        "hubload",
        "SELECT c.relname, pg_total_relation_size(c.oid), pg_relation_size(c.oid), "
        "pg_indexes_size(c.oid), coalesce(pg_total_relation_size(c.reltoastrelid), 0) "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 2 DESC",
    )
    say(f"database size: {int(str(total)) / 1e9:.2f} GB (pg_database_size)")
    for name, whole, heap, index, toast in rows:
        tuples = target.server.psql("hubload", f"SELECT count(*) FROM {name}")[0][0]
        print(
            f"  {name}: {int(str(whole)) / 1e6:,.1f} MB (heap {int(str(heap)) / 1e6:,.1f}, "
            f"indexes {int(str(index)) / 1e6:,.1f}, TOAST {int(str(toast)) / 1e6:,.1f}; "
            f"{int(str(tuples)):,} rows)"
        )


def stop(args: argparse.Namespace) -> None:
    target = Target(args.dir, None)
    if target.server is not None:
        stop_server(target.server)
        (args.dir / "server.json").unlink()
        say(f"stopped and deleted the cluster in {target.server.folder}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.hub_load", description=__doc__)
    parser.add_argument("action", choices=("build", "measure", "stop"))
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--dir", type=Path, help="state of a throwaway PostgreSQL cluster")
    where.add_argument("--file", type=Path, help="an embedded hub file instead")
    parser.add_argument("--supervisors", type=int, default=300)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--batch", type=int, default=1000, help="measure: new deposits to intake")
    parser.add_argument(
        "--batch-round", type=int, default=1,
        help="measure: a later run's batch needs another round (new bytes)",
    )  # fmt: skip
    parser.add_argument("--send", type=int, default=1000, help="measure: a vault's sends")
    parser.add_argument(
        "--templates", default=str(Path(tempfile.gettempdir()) / "supnotes-hubload-templates"),
        help="cache of the signed templates and certificates",
    )  # fmt: skip
    parser.add_argument(
        "--code",
        type=Path,
        help="measure: run the hub commands from this source tree (before/after)",
    )
    parser.add_argument(
        "--skip-reports", action="store_true", help="measure: no status, list or report"
    )
    args = parser.parse_args(argv)
    if args.code:
        CODE.append(args.code.resolve())
    say(f"{args.action}: {args.supervisors} supervisors, {args.years} years, seed {args.seed}")
    {"build": build, "measure": measure, "stop": stop}[args.action](args)


if __name__ == "__main__":
    main()
