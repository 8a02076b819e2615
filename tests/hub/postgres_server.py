"""A real PostgreSQL for the hub tests: initdb and pg_ctl in a temporary folder.

It runs as a non-root user (PostgreSQL refuses root): the ``postgres``
system user Debian's package makes, else ``nobody``, through ``runuser``
when the tests run as root (as in CI). It listens on its own Unix socket in
the temporary folder and on 127.0.0.1 with TLS, using a server certificate
from a throwaway CA made here, so ``verify-full`` is tested for real.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

SUPERUSER = "hub_it"


def postgres_bin() -> Path | None:
    """The folder of initdb and pg_ctl (Debian keeps them off PATH), or None."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    if found:
        return found[0].parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path and shutil.which("pg_ctl") else None


def _key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def make_tls(folder: Path, *, ca_name: str = "Test Organisation CA") -> tuple[Path, bytes, bytes]:
    """A CA (written to ``folder/ca.pem``) and a server certificate for localhost (PEM)."""
    now = dt.datetime.now(dt.UTC)
    ca_key = _key()
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name(ca_name))
        .issuer_name(_name(ca_name))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    server_key = _key()
    server = (
        x509.CertificateBuilder()
        .subject_name(_name("localhost"))
        .issuer_name(ca.subject)
        .public_key(server_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_file = folder / "ca.pem"
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    key_pem = server_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    return ca_file, server.public_bytes(serialization.Encoding.PEM), key_pem


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PostgresServer:
    bin: Path
    folder: Path
    port: int
    ca_file: Path
    run_as: str | None  # the system user the server runs as, when we are root

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def socket_dir(self) -> str:
        return str(self.folder)

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.run_as:
            command = ["runuser", "-u", self.run_as, "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True, timeout=120)

    def socket_url(self, dbname: str, user: str = SUPERUSER) -> str:
        return f"host={self.folder} port={self.port} dbname={dbname} user={user}"

    def tcp_url(self, dbname: str, user: str) -> str:
        return f"postgresql://{user}@localhost:{self.port}/{dbname}"

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "log"), "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def restart(self) -> None:
        self.stop("immediate")
        self.start()

    def psql(self, dbname: str, statement: str) -> list[tuple[object, ...]]:
        """Run one statement as the cluster's superuser, over the socket."""
        import psycopg

        with psycopg.connect(self.socket_url(dbname), autocommit=True) as conn:
            cursor = conn.execute(statement)
            return [tuple(r) for r in cursor.fetchall()] if cursor.description else []

    def terminate_backends(self, dbname: str, user: str) -> None:
        """Drop every connection ``user`` has to ``dbname`` (as a dropped network would)."""
        self.psql(
            "postgres",
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            f"WHERE datname = '{dbname}' AND usename = '{user}'",
        )


def _system_user() -> str | None:
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise RuntimeError("running as root, and there is no postgres or nobody user to run as")


def start_server(bin_dir: Path) -> PostgresServer:
    folder = Path(tempfile.mkdtemp(prefix="supnotes-pg-"))
    run_as = _system_user()
    ca_file, cert_pem, key_pem = make_tls(folder)
    server = PostgresServer(bin_dir, folder, _free_port(), ca_file, run_as)
    if run_as:
        entry = pwd.getpwnam(run_as)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    folder.chmod(0o755)
    server._run(
        "initdb", "-D", str(server.data), "-U", SUPERUSER, "--auth-local=trust",
        "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8",
    )  # fmt: skip
    for name, pem in (("server.crt", cert_pem), ("server.key", key_pem)):
        target = server.data / name
        target.write_bytes(pem)
        target.chmod(0o600)
        if run_as:
            entry = pwd.getpwnam(run_as)
            os.chown(target, entry.pw_uid, entry.pw_gid)
    with (server.data / "postgresql.conf").open("a") as conf:
        conf.write(
            f"\nport = {server.port}\nlisten_addresses = '127.0.0.1'\n"
            f"unix_socket_directories = '{folder}'\nssl = on\n"
            "ssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n"
            "fsync = off\nshared_buffers = 32MB\nmax_connections = 40\n"
        )
    # Over TCP only TLS with a password; the socket trusts the OS user (tests only).
    (server.data / "pg_hba.conf").write_text(
        "local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\n"
    )
    server.start()
    return server


def stop_server(server: PostgresServer) -> None:
    server.stop("immediate")
    shutil.rmtree(server.folder, ignore_errors=True)
