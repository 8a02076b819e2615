"""``supnotes complete-extract`` and ``export --addendum``, through the real entry point."""

from __future__ import annotations

from pathlib import Path

import pytest

from supnotes.cli import main
from supnotes.domain.demo import DemoVault
from supnotes.services.sealing import seal_record
from supnotes.vault import kdf
from supnotes.vault.demo import write_demo
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.vault import Vault
from tests.services.conftest import PASSPHRASE, demo, session_id
from tests.services.test_child_addenda import _seal_the_old_way
from tests.services.test_sealing import ACK

__all__ = ["demo", "session_id"]


@pytest.fixture
def old_vault(
    tmp_path: Path, demo: DemoVault, session_id: str, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, list[str]]:
    """A vault whose session was sealed with extracts that lack the children's actions."""
    folder = tmp_path / "v"
    vault, _ = Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS)
    with vault:
        write_demo(vault, demo)
        with monkeypatch.context() as patch:
            _seal_the_old_way(patch)
            seal_record(vault, session_id, ACK)
        children = list(RecordRepository(vault).get(session_id).child_refs)
    monkeypatch.setenv("SUPNOTES_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(kdf, "calibrate", lambda *a, **k: kdf.TEST_PARAMS)
    return folder, children


def test_complete_extract_issues_the_missing_content_once(
    old_vault: tuple[Path, list[str]],
    session_id: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder, children = old_vault
    vault_arg = ["--vault", str(folder)]
    assert main(["complete-extract", *vault_arg, "--all", "--dry-run"]) == 0
    dry = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[2] for line in dry[:-1]] == children
    assert "would be completed" in dry[-1]

    child = children[0]
    args = ["complete-extract", *vault_arg, "--record", session_id, "--child", child]
    assert main(args) == 0
    (line, summary) = capsys.readouterr().out.splitlines()
    fields = line.split("\t")
    assert fields[:3] == [session_id, fields[1], child]
    assert len(fields[5]) == 64
    assert "1 extract completed" in summary
    assert main(args) == 0  # a second time: nothing left to issue
    assert "Nothing to complete" in capsys.readouterr().out

    # the addendum extract is exported like any signed document, and verifies
    base = ["export", *vault_arg, "--format", "pdf", "--record", session_id]
    out = tmp_path / "addendum.pdf"
    assert main([*base, "--addendum", "1", "--child", child, "--out", str(out)]) == 0
    assert fields[5] in capsys.readouterr().out
    # Intact, signer not in a register given (3); registered once the
    # supervisor's own certificate is given as the register (0).
    assert main(["verify", str(out)]) == 3
    certificate = tmp_path / "supervisor.pem"
    assert main(["certificate", *vault_arg, "--out", str(certificate)]) == 0
    assert main(["verify", "--trust", str(certificate), str(out)]) == 0
    missing = tmp_path / "missing.pdf"
    assert main([*base, "--addendum", "1", "--out", str(missing)]) == 2  # no file copy
    assert "not issued to the supervision file" in capsys.readouterr().err
    assert main([*base, "--addendum", "2", "--out", str(missing)]) == 2
    assert not missing.exists()


def test_complete_extract_refuses_bad_input_in_one_line(
    old_vault: tuple[Path, list[str]], session_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _ = old_vault
    vault_arg = ["--vault", str(folder)]
    assert main(["complete-extract", *vault_arg, "--record", "nope"]) == 2
    assert main(["complete-extract", *vault_arg, "--record", session_id, "--child", "C-0"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "supnotes: no record has that id (see 'supnotes list')",
        err[1],
    ]
    assert err[1].startswith("supnotes: ")
    assert "is not about C-0" in err[1]
    with pytest.raises(SystemExit) as exit_:
        main(["complete-extract", *vault_arg])  # --record or --all is required
    assert exit_.value.code == 2
