"""Every act that takes content out of the vault leaves exactly one trail entry.

The acts run as a supervisor runs them: through the command line's real
entry point, and through the functions the app's windows call. Each is
written after the act succeeded; a failed act leaves nothing; no entry holds
a word of the record.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from supnotes.cli import main
from supnotes.domain.compliance import Period
from supnotes.domain.demo import DemoVault
from supnotes.domain.template_loader import default_library
from supnotes.domain.trail import TrailKind
from supnotes.services import highlights, trail
from supnotes.services.backups import back_up, back_up_rolling, restore
from supnotes.services.case_direction import case_direction
from supnotes.services.compliance_output import printable, write_report
from supnotes.services.compliance_report import build_report
from supnotes.services.exports import export_sealed, sealed_document
from supnotes.services.previews import export_draft_preview
from supnotes.services.transfer import export_file
from supnotes.vault import kdf
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.vault import Unlock, Vault
from tests.pdf.text import pages_text, pdftotext
from tests.services.conftest import PASSPHRASE, demo
from tests.services.trail_vault import CANARY, copy_vault, make_sealed_vault

__all__ = ["demo"]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory, demo: DemoVault) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("trail") / "vault"
    record_id = make_sealed_vault(folder, demo)
    with _open(folder) as vault:  # the canary is there to be leaked: the record holds it
        content = RecordRepository(vault).get(record_id)
        assert any(CANARY in c.worries for c in content.case_discussions)
        assert CANARY in case_direction(vault, record_id, content.decisions[0].child_ref)
    return folder, record_id


@pytest.fixture
def sealed(
    made: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, str]:
    """A fresh copy of the sealed vault, and the sealed session's id."""
    monkeypatch.setenv("SUPNOTES_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(kdf, "calibrate", lambda *a, **k: kdf.TEST_PARAMS)
    return copy_vault(made[0], tmp_path / "vault"), made[1]


def _open(folder: Path) -> Vault:
    return Vault.open(folder, Unlock(passphrase=PASSPHRASE))


def _trail(folder: Path) -> list[tuple[object, ...]]:
    with _open(folder) as vault:
        return vault.query("SELECT * FROM access_trail ORDER BY n")


def _children(folder: Path, record_id: str) -> tuple[str, ...]:
    with _open(folder) as vault:
        return RecordRepository(vault).get(record_id).child_refs


def _a_draft(folder: Path) -> str:
    with _open(folder) as vault:
        return str(vault.query("SELECT id FROM record WHERE status = 'draft' LIMIT 1")[0][0])


def _cli_acts(folder: Path, record_id: str, out: Path) -> dict[str, tuple[list[str], TrailKind]]:
    child = _children(folder, record_id)[0]
    v = ["--vault", str(folder)]
    pdf = ["export", *v, "--format", "pdf"]
    today = date.today()
    period = ["--from", (today - timedelta(days=90)).isoformat(), "--to", today.isoformat()]
    return {
        "file copy": (
            [*pdf, "--record", record_id, "--out", str(out / "a.pdf")],
            TrailKind.EXPORT_PDF,
        ),
        "extract": (
            [*pdf, "--record", record_id, "--child", child, "--out", str(out / "c.pdf")],
            TrailKind.EXPORT_PDF,
        ),
        "as sealed": (
            [*pdf, "--record", record_id, "--as-sealed", "--out", str(out / "r1.pdf")],
            TrailKind.EXPORT_PDF,
        ),
        "draft preview": (
            [*pdf, "--record", _a_draft(folder), "--draft", "--out", str(out / "d.pdf")],
            TrailKind.EXPORT_PDF,
        ),
        "zip": (
            ["export", *v, "--format", "zip", "--out", str(out / "e.zip")],
            TrailKind.EXPORT_JSON,
        ),
        "json": (
            ["export", *v, "--format", "json", "--out", str(out / "e.json")],
            TrailKind.EXPORT_JSON,
        ),
        "one worker": (
            ["export", *v, "--format", "zip", "--worker", "Priya", "--out", str(out / "w.zip")],
            TrailKind.EXPORT_JSON,
        ),
        "text": (
            ["export", *v, "--format", "text", "--record", record_id, "--child", child],
            TrailKind.EXPORT_TEXT,
        ),
        "highlights": (
            ["highlights", *v, *period, "--format", "csv", "--out", str(out / "h.csv")],
            TrailKind.EXPORT_HIGHLIGHTS,
        ),
        "report": (
            ["report", *v, *period, "--format", "csv", "--out", str(out / "r.csv")],
            TrailKind.EXPORT_REPORT,
        ),
        "backup": (["backup", *v, "--out", str(out / "b.snbackup")], TrailKind.BACKUP),
    }


CLI_ACTS = (
    "file copy",
    "extract",
    "as sealed",
    "draft preview",
    "zip",
    "json",
    "one worker",
    "text",
    "highlights",
    "report",
    "backup",
)


@pytest.mark.parametrize("act", CLI_ACTS)
def test_each_command_adds_exactly_one_entry(
    act: str, sealed: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, record_id = sealed
    out = tmp_path / "out"
    out.mkdir()
    args, kind = _cli_acts(folder, record_id, out)[act]
    before = _trail(folder)
    assert main(args) == 0, capsys.readouterr().err
    after = _trail(folder)
    assert after[: len(before)] == before
    (added,) = after[len(before) :]
    assert added[2] == kind.value
    destination = added[6]
    assert destination is None or "/" not in str(destination)
    if "--out" in args:
        assert destination == Path(args[args.index("--out") + 1]).name
    assert CANARY not in repr(after)


def _service_acts(
    vault: Vault, record_id: str, out: Path
) -> dict[str, tuple[Callable[[], object], TrailKind]]:
    """What the app's windows call (the same services the command line calls)."""
    from supnotes.ui.file_menu.portability_dialogs import export_json
    from supnotes.ui.oversight.report_dialog import write_report as report_window_writes

    child = RecordRepository(vault).get(record_id).child_refs[0]
    today = date.today()
    start = today - timedelta(days=90)
    library = default_library()
    return {
        "export button": (
            lambda: export_sealed(vault, record_id, out / "a.pdf"),
            TrailKind.EXPORT_PDF,
        ),
        "extract button": (
            lambda: export_sealed(vault, record_id, out / "c.pdf", child_ref=child),
            TrailKind.EXPORT_PDF,
        ),
        "export vault": (
            lambda: export_json(vault, out / "e.supnotes.zip", None),
            TrailKind.EXPORT_JSON,
        ),
        "report window": (
            lambda: report_window_writes(vault, Period(start, today), None, "pdf", out / "r.pdf"),
            TrailKind.EXPORT_REPORT,
        ),
        "highlights window": (
            lambda: highlights.export(
                vault, start, today, fmt="pdf", out=out / "h.pdf", library=library
            ),
            TrailKind.EXPORT_HIGHLIGHTS,
        ),
        "back up now": (
            lambda: back_up_rolling(vault, out, keep=3, interval=timedelta(0), automatic=False),
            TrailKind.BACKUP,
        ),
        "automatic backup": (
            lambda: back_up_rolling(vault, out, keep=3, interval=timedelta(days=1), automatic=True),
            TrailKind.BACKUP,
        ),
    }


@pytest.mark.parametrize(
    "act",
    [
        "export button",
        "extract button",
        "export vault",
        "report window",
        "highlights window",
        "back up now",
        "automatic backup",
    ],
)
def test_each_app_act_adds_exactly_one_entry(
    act: str, sealed: tuple[Path, str], tmp_path: Path
) -> None:
    folder, record_id = sealed
    out = tmp_path / "out"
    out.mkdir()
    with _open(folder) as vault:
        run, kind = _service_acts(vault, record_id, out)[act]
        before = trail.entries(vault)
        run()
        after = trail.entries(vault)
    assert after[: len(before)] == before
    (added,) = after[len(before) :]
    assert added.kind is kind
    assert added.destination is not None
    assert (out / added.destination).is_file()
    assert CANARY not in repr(_trail(folder))


def test_an_automatic_backup_not_yet_due_adds_nothing(
    sealed: tuple[Path, str], tmp_path: Path
) -> None:
    folder, _ = sealed
    with _open(folder) as vault:
        assert back_up_rolling(vault, tmp_path, keep=3, interval=timedelta(days=1), automatic=True)
        count = trail.count(vault)
        assert (
            back_up_rolling(vault, tmp_path, keep=3, interval=timedelta(days=1), automatic=True)
            is None
        )
        assert trail.count(vault) == count


def test_a_failed_export_adds_nothing(
    sealed: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, record_id = sealed
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    nowhere = blocker / "x.pdf"
    with _open(folder) as vault:
        before = trail.entries(vault)
        for act in (
            lambda: export_sealed(vault, record_id, nowhere),
            lambda: export_draft_preview(vault, record_id, nowhere),
            lambda: export_file(vault, nowhere, as_zip=True),
            lambda: export_file(vault, nowhere, as_zip=False),
            lambda: back_up(vault, nowhere),
            lambda: highlights.export(
                vault,
                date(2026, 1, 1),
                date(2026, 3, 1),
                fmt="csv",
                out=nowhere,
                library=default_library(),
            ),
            lambda: write_report(
                vault,
                build_report(vault, Period(date(2026, 1, 1), date(2026, 3, 1))),
                "csv",
                nowhere,
            ),
        ):
            with pytest.raises(Exception):  # noqa: B017, PT011 (each fails its own way)
                act()
        assert trail.entries(vault) == before
    draft = _a_draft(folder)
    refused = ["export", "--vault", str(folder), "--format", "pdf", "--record", draft]
    assert main([*refused, "--out", str(tmp_path / "d.pdf")]) == 2  # a draft, without --draft
    assert (
        main(
            [
                "export",
                "--vault",
                str(folder),
                "--format",
                "text",
                "--record",
                draft,
                "--child",
                "C-0",
            ]
        )
        == 2
    )
    capsys.readouterr()
    with _open(folder) as vault:
        assert trail.entries(vault) == before


def test_restore_keeps_the_trail_and_adds_its_entry(
    sealed: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, record_id = sealed
    v = ["--vault", str(folder)]
    assert (
        main(
            [
                "export",
                *v,
                "--format",
                "pdf",
                "--record",
                record_id,
                "--out",
                str(tmp_path / "a.pdf"),
            ]
        )
        == 0
    )
    backup = tmp_path / "b.snbackup"
    assert main(["backup", *v, "--out", str(backup)]) == 0
    in_backup = _trail(folder)[:-1]  # the backup's own entry is written after it, into the vault
    assert [r[2] for r in _trail(folder)] == ["export-pdf", "backup"]
    assert main(["restore", *v, str(backup)]) == 0
    capsys.readouterr()
    restored = _trail(folder)
    assert restored[: len(in_backup)] == in_backup
    assert [r[2] for r in restored] == ["export-pdf", "restore"]
    assert restored[-1][6] == "b.snbackup"
    # and the app's restore (File → Restore from a backup) does the same (the
    # vault the first restore replaced is moved away: its folder is named to the second)
    for kept in folder.glob("replaced-*"):
        kept.rename(tmp_path / kept.name)
    restore(backup, folder, Unlock(passphrase=PASSPHRASE))
    assert [r[2] for r in _trail(folder)] == ["export-pdf", "restore"]


def test_trail_command_lists_csv_and_text(
    sealed: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, record_id = sealed
    v = ["--vault", str(folder)]
    child = _children(folder, record_id)[0]
    assert (
        main(
            [
                "export",
                *v,
                "--format",
                "pdf",
                "--record",
                record_id,
                "--child",
                child,
                "--out",
                str(tmp_path / "=cmd.pdf"),
            ]
        )
        == 0
    )
    assert main(["backup", *v, "--out", str(tmp_path / "b.snbackup")]) == 0
    capsys.readouterr()
    assert main(["trail", *v, "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "at,kind,record,audience,child,destination"
    assert len(lines) == 3
    reference = lines[1].split(",")[2]
    assert reference.startswith("SN-")
    assert lines[1].split(",")[1:] == [
        "export-pdf",
        reference,
        "child's record",
        child,
        "'=cmd.pdf",
    ]
    assert lines[2].split(",")[1:] == ["backup", "", "backup", "", "b.snbackup"]
    today = date.today().isoformat()
    assert main(["trail", *v, "--from", today, "--to", today, "--format", "text"]) == 0
    text = capsys.readouterr().out.splitlines()
    assert [t.split("\t")[1] for t in text] == ["export-pdf", "backup"]
    assert main(["trail", *v, "--to", "2000-01-01", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == [lines[0]]
    assert main(["trail", *v, "--from", "yesterday"]) == 2
    assert "--from needs a date" in capsys.readouterr().err
    assert main(["trail", *v, "--from", today, "--to", "2000-01-01"]) == 2
    out = tmp_path / "trail.csv"
    assert main(["trail", *v, "--format", "csv", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").splitlines() == lines


def test_the_compliance_report_counts_the_periods_entries(
    sealed: tuple[Path, str], tmp_path: Path
) -> None:
    folder, record_id = sealed
    today = date.today()
    with _open(folder) as vault:
        export_sealed(vault, record_id, tmp_path / "a.pdf")
        export_sealed(vault, record_id, tmp_path / "b.pdf")
        report = build_report(vault, Period(today - timedelta(days=30), today))
        old = build_report(vault, Period(date(2020, 1, 1), date(2020, 12, 31)))
    assert report.trail_entries == 2
    assert old.trail_entries == 0
    rows = {row.label: row.value for row in printable(report).meta}
    assert rows["Access trail"].startswith("2 entries in the period")


# -- case direction ready to paste (item 4) -----------------------------------------


def _squashed(text: str) -> str:
    return "".join(text.split())


def test_case_direction_matches_the_sealed_extract(
    sealed: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, record_id = sealed
    with _open(folder) as vault:
        content = RecordRepository(vault).get(record_id)
        for child in content.child_refs:
            text = case_direction(vault, record_id, child)
            extract = sealed_document(vault, record_id, child).pdf
            printed = _squashed(" ".join(pages_text(extract)))
            poppler = pdftotext(extract)
            assert f"SHA-256 of the sealed extract: {hashlib.sha256(extract).hexdigest()}" in text
            decisions = [d for d in content.decisions if d.child_ref == child]
            actions = [a for a in content.actions if a.child_ref == child and a.text.strip()]
            assert decisions or actions
            for words in (
                *(d.decision for d in decisions),
                *(d.rationale for d in decisions if d.rationale),
                *(a.text for a in actions),
            ):
                assert " ".join(words.split()) in text
                assert _squashed(words) in printed
                if poppler is not None:
                    assert _squashed(words) in _squashed(poppler)
            other = [c for c in content.child_refs if c != child]
            assert all(o not in text for o in other)
            lines = text.splitlines()
            assert lines[0].startswith(f"Case direction for {child} — SN-")
            assert lines[1].startswith("Date: ")
            assert lines[2].startswith("Supervisor: ")
            assert any(line.startswith("Review date: ") for line in lines)
            assert "\t" not in text
            assert ("   Owner: " in text) == bool(actions)


def test_export_text_writes_the_same_text_and_refuses_plainly(
    sealed: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, record_id = sealed
    child = _children(folder, record_id)[0]
    with _open(folder) as vault:
        expected = case_direction(vault, record_id, child)
    v = ["--vault", str(folder), "--format", "text"]
    assert main(["export", *v, "--record", record_id, "--child", child]) == 0
    assert capsys.readouterr().out == expected
    out = tmp_path / "note.txt"
    assert main(["export", *v, "--record", record_id, "--child", child, "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == expected
    assert [r[2] for r in _trail(folder)] == ["export-text", "export-text"]
    assert [r[6] for r in _trail(folder)] == ["standard output", "note.txt"]
    capsys.readouterr()
    assert main(["export", *v, "--record", record_id]) == 2
    assert "needs --record ID and --child REF" in capsys.readouterr().err
    assert main(["export", *v, "--record", record_id, "--child", "C-000000"]) == 2
    assert "is not about C-000000" in capsys.readouterr().err
    assert main(["export", "--vault", str(folder), "--format", "zip"]) == 2
    assert "needs --out" in capsys.readouterr().err
    assert len(_trail(folder)) == 2
