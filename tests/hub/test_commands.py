"""The hub's commands as IT, HR, a records officer and a supervisor type them, both backends."""

from __future__ import annotations

from pathlib import Path

import pytest

from supnotes.cli import main
from tests.hub import sealed_vault
from tests.hub.conftest import PASSWORD, Hub


def _where(hub: Hub, login: str | None = None) -> list[str]:
    if hub.server is None:
        return ["--file", hub.address.location]
    if login is None:
        return ["--url", hub.address.location]
    return ["--url", hub.server.socket_url(hub.dbname, login)]


def test_the_newcomers_walk_through(
    hub: Hub,
    sealed_source: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    vault = tmp_path / "vault"
    sealed_vault.copy(sealed_source, vault).close()
    monkeypatch.setenv("SUPNOTES_PASSPHRASE", sealed_vault.PASSPHRASE)
    monkeypatch.setenv("SUPNOTES_HUB_PASSWORD", PASSWORD)
    monkeypatch.setenv("SUPNOTES_HUB_NEW_PASSWORD", PASSWORD)
    it = _where(hub)
    assert main(["hub", "init", *it]) == 0
    me = tmp_path / "me.pem"
    assert main(["certificate", "--vault", str(vault), "--out", str(me)]) == 0
    assert main(["hub", "register", str(me), "--role", "supervisor", *it]) == 0
    login = "dana_supervisor"
    if hub.server is not None:
        assert main(["hub", "user", login, "--role", "supervisor", *it]) == 0
    connect = ["hub", "connect", "--vault", str(vault), *_where(hub, login), "--user", login]
    assert main(connect) == 0
    capsys.readouterr()
    assert main(["send", "--vault", str(vault)]) == 0
    sent = capsys.readouterr().out
    assert "waiting 0" in sent
    assert "awaiting intake" in sent
    assert main(["hub", "intake", *it]) == 0
    assert "refused 0" in capsys.readouterr().out
    assert main(["send", "--vault", str(vault)]) == 0
    assert "refused 0" in capsys.readouterr().out
    inbox = tmp_path / "inbox"
    assert main(["hub", "list", "child-inbox", *it, "--out", str(inbox)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines
    assert all(line.startswith("C-") for line in lines)
    assert main(["hub", "list", "hr-file", *it]) == 0
    assert capsys.readouterr().out.strip()
    bundle = tmp_path / "register.pem"
    assert main(["hub", "register", "--export", str(bundle), *it]) == 0
    for pdf in sorted(inbox.iterdir()):
        assert main(["verify", str(pdf), "--trust", str(bundle)]) == 0
    assert main(["hub", "status", *it]) == 0
    status = capsys.readouterr().out
    assert "received\t0" in status
    assert "refused\t0" in status

    # Service figures for a period, then the service report (the PSW's view).
    figures = ["--figures-from", "2026-02-01", "--figures-to", "2026-03-20"]
    assert main(["send", "--vault", str(vault), *figures]) == 0
    assert "figures for 2026-02-01 to 2026-03-20: queued" in capsys.readouterr().out
    assert main(["hub", "intake", *it]) == 0
    assert "Accepted 1, refused 0" in capsys.readouterr().out
    csv_file, pdf_file = tmp_path / "service.csv", tmp_path / "service.pdf"
    period = ["--from", "2026-01-01", "--to", "2026-12-31"]
    assert main(["hub", "report", *it, *period, "--out", str(csv_file)]) == 0
    assert main(["hub", "report", *it, *period, "--format", "pdf", "--out", str(pdf_file)]) == 0
    rows = csv_file.read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].startswith("Team,Supervisor")
    assert len(rows) >= 2
    assert pdf_file.read_bytes().startswith(b"%PDF")
    assert main(["send", "--vault", str(vault), "--figures-from", "2026-02-01"]) == 2
    assert "both ends of the period" in capsys.readouterr().err


def test_bad_input_gets_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere.db"
    assert main(["hub", "intake", "--file", str(missing)]) == 2
    assert "no hub file here" in capsys.readouterr().err
    assert main(["hub", "init", "--file", str(tmp_path / "hub.db")]) == 0
    not_a_cert = tmp_path / "note.pem"
    not_a_cert.write_text("hello")
    assert main(["hub", "register", str(not_a_cert), "--role", "supervisor", "--file",
                 str(tmp_path / "hub.db")]) == 2  # fmt: skip
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "not a certificate" in err
    assert main(["hub", "init", "--url", "postgresql://x@h/db?sslmode=disable"]) == 2
    assert "sslmode=disable is not allowed" in capsys.readouterr().err
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database at all" * 100)
    assert main(["hub", "status", "--file", str(garbage)]) == 2
    assert "not a SupNotes hub" in capsys.readouterr().err


def test_a_hub_password_nobody_gave_names_the_variable_to_set(
    pg_hub: Hub,
    sealed_source: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert pg_hub.server is not None
    vault = tmp_path / "vault"
    sealed_vault.copy(sealed_source, vault).close()
    monkeypatch.setenv("SUPNOTES_PASSPHRASE", sealed_vault.PASSPHRASE)
    monkeypatch.delenv("SUPNOTES_HUB_PASSWORD", raising=False)
    url = pg_hub.server.tcp_url(pg_hub.dbname, "dana")
    ca = str(pg_hub.server.ca_file)
    connect = ["hub", "connect", "--vault", str(vault), "--url", url, "--user", "dana"]
    assert main([*connect, "--ca", ca]) == 2  # pytest's stdin is no terminal: not asked
    assert "set SUPNOTES_HUB_PASSWORD or run in a terminal" in capsys.readouterr().err
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    assert main(["hub", "list", "hr-file", "--url", url, "--ca", ca]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        "supnotes: the hub asks for a password and none was given "
        "(IT's commands read it from SUPNOTES_HUB_PASSWORD)"
    )
