"""The model commands, driven through the real entry point."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from supnotes.cli import main
from supnotes.domain.records import RecordStatus
from supnotes.vault import kdf

PASSPHRASE = "a long enough passphrase"


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo vault for the module: sealing its signed records takes seconds."""
    folder = tmp_path_factory.mktemp("demo") / "vault"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SUPNOTES_PASSPHRASE", PASSPHRASE)
        patch.setattr(kdf, "calibrate", lambda *a, **k: kdf.TEST_PARAMS)
        assert main(["demo", "--vault", str(folder)]) == 0
    return folder


@pytest.fixture
def demo(
    demo_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Path:
    monkeypatch.setenv("SUPNOTES_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(kdf, "calibrate", lambda *a, **k: kdf.TEST_PARAMS)
    capsys.readouterr()
    return demo_folder


def test_demo_prints_the_recovery_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SUPNOTES_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(kdf, "calibrate", lambda *a, **k: kdf.TEST_PARAMS)
    assert main(["demo", "--days", "20", "--vault", str(tmp_path / "d")]) == 0
    out = capsys.readouterr().out
    assert "Recovery key" in out
    assert "each with its sealed PDFs" in out


def test_the_demo_covers_about_a_year(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import date, timedelta

    assert main(["list", "--vault", str(demo)]) == 0
    dates = [
        date.fromisoformat(line.split("\t")[1]) for line in capsys.readouterr().out.splitlines()
    ]
    assert min(dates) <= date.today() - timedelta(days=300)
    assert max(dates) >= date.today() - timedelta(days=30)


def test_list_prints_one_record_a_line(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--vault", str(demo)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 30
    fields = [line.split("\t") for line in lines]
    assert all(len(f) == 5 for f in fields)
    assert {f[4] for f in fields} == {"draft", "signed"}
    assert main(["list", "--vault", str(demo), "--worker", "priya", "--status", "draft"]) == 0
    drafts = capsys.readouterr().out.splitlines()
    assert drafts
    assert all("Priya Halloran" in line and line.endswith("draft") for line in drafts)


def test_search_finds_demo_text(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "--vault", str(demo), "viability"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines
    assert all("[viability]" in line.split("\t")[4].lower() for line in lines)
    assert main(["search", "--vault", str(demo), '"unbalanced', "--kind", "ad-hoc"]) == 0


def test_unknown_worker_is_a_usage_error(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--vault", str(demo), "--worker", "Nobody Here"]) == 2
    assert capsys.readouterr().err.startswith("supnotes: no worker")


def test_a_blank_worker_name_is_refused_and_spaces_do_not_count(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["list", "--vault", str(demo), "--worker", "  "]) == 2
    assert "--worker needs a name" in capsys.readouterr().err
    assert main(["list", "--vault", str(demo), "--worker", "Nobody Here"]) == 2
    capsys.readouterr()
    name = _a_worker_name(demo)
    assert main(["list", "--vault", str(demo), "--worker", f"  {name.replace(' ', '   ')} "]) == 0


def _a_worker_name(folder: Path) -> str:
    from supnotes.vault.repositories.workers import WorkerRepository
    from supnotes.vault.vault import Unlock, Vault

    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault:
        return WorkerRepository(vault).all()[0].name


def test_export_then_import_into_a_new_vault(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The JSON alone: signed records arrive with their signed copy held elsewhere."""
    out = tmp_path / "all.json"
    assert main(["export", "--vault", str(demo), "--format", "json", "--out", str(out)]) == 0
    assert "--format zip carries them" in capsys.readouterr().out
    document = json.loads(out.read_text(encoding="utf-8"))
    assert (document["format"], document["version"]) == ("supnotes-export", 2)
    signed = sum(r["status"] == "signed" for r in document["records"])
    assert main(["init", "--vault", str(tmp_path / "new")]) == 0
    capsys.readouterr()
    assert main(["import", "--vault", str(tmp_path / "new"), str(out)]) == 0
    said = capsys.readouterr().out
    assert f"Imported {len(document['records'])} records, {signed} of them signed" in said
    assert "held elsewhere" in said
    assert main(["import", "--vault", str(tmp_path / "new"), str(out)]) == 0
    assert "Imported 0 records" in capsys.readouterr().out
    assert main(["list", "--vault", str(tmp_path / "new"), "--status", "signed-elsewhere"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == signed
    assert all(line.endswith("\tsigned-elsewhere") for line in listed)
    record_id = listed[0].split("\t")[0]
    pdf = ["export", "--vault", str(tmp_path / "new"), "--format", "pdf", "--record", record_id]
    assert main([*pdf, "--out", str(tmp_path / "x.pdf")]) == 2
    assert "signed copy is held elsewhere" in capsys.readouterr().err


def _zip_document(path: Path) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return archive.read("supnotes-export.json")


def test_zip_export_import_export_round_trips(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Version 2 zip: every sealed PDF checked on import; the JSON inside comes back
    byte for byte (apart from exported_at)."""
    first, second = tmp_path / "first.supnotes.zip", tmp_path / "second.supnotes.zip"
    export = ["export", "--format", "zip", "--include-private", "--out"]
    assert main([*export[:-1], "--vault", str(demo), "--out", str(first)]) == 0
    assert (first.stat().st_mode & 0o777) == 0o600
    document = json.loads(_zip_document(first))
    pdfs = {d["sha256"] for r in document["records"] for d in r["sealed_documents"]}
    assert f"and {len(pdfs)} sealed PDFs" in capsys.readouterr().out
    assert main(["init", "--vault", str(tmp_path / "new")]) == 0
    capsys.readouterr()
    assert main(["import", "--vault", str(tmp_path / "new"), str(first)]) == 0
    said = capsys.readouterr().out
    assert f"{sum(len(r['sealed_documents']) for r in document['records'])} sealed PDFs" in said
    assert "held elsewhere" not in said
    assert main([*export[:-1], "--vault", str(tmp_path / "new"), "--out", str(second)]) == 0
    strip = re.compile(rb'\n  "exported_at": "[^"]*",')
    assert strip.sub(b"", _zip_document(second)) == strip.sub(b"", _zip_document(first))
    assert main(["import", "--vault", str(tmp_path / "new"), str(first)]) == 0
    assert "Imported 0 records" in capsys.readouterr().out


def test_bad_import_file_is_refused(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "supnotes-export", "version": 7}', encoding="utf-8")
    assert main(["import", "--vault", str(demo), str(bad)]) == 2
    assert "$.version" in capsys.readouterr().err


def test_worker_export(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "one.json"
    args = ["export", "--vault", str(demo), "--format", "json", "--worker", "Ceri Maddox"]
    assert main([*args, "--out", str(out)]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert [w["name"] for w in document["workers"]] == ["Ceri Maddox"]


def _first(demo: Path, capsys: pytest.CaptureFixture[str], status: str) -> str:
    capsys.readouterr()
    assert main(["list", "--vault", str(demo), "--status", status]) == 0
    return capsys.readouterr().out.splitlines()[-1].split("\t")[0]


def test_export_pdf_of_a_signed_record_verifies(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from supnotes.services.exports import outputs
    from supnotes.vault.vault import Unlock, Vault

    record_id = _first(demo, capsys, "signed")
    out = tmp_path / "record.pdf"
    base = ["export", "--vault", str(demo), "--format", "pdf", "--record", record_id]
    assert main([*base, "--out", str(out)]) == 0
    assert "SHA-256" in capsys.readouterr().out
    assert out.stat().st_mode & 0o777 == 0o600  # owner-only, like every export
    assert main(["verify", str(out)]) == 3  # intact, but no register given
    certificate = tmp_path / "supervisor.pem"
    assert main(["certificate", "--vault", str(demo), "--out", str(certificate)]) == 0
    assert "SHA-256 fingerprint:" in capsys.readouterr().out
    assert main(["verify", str(out), "--trust", str(certificate)]) in (0, 3)
    with Vault.open(demo, Unlock(passphrase=PASSPHRASE)) as vault:
        children = [o.child_ref for o in outputs(vault, record_id) if o.child_ref]
    for child in children:
        extract = tmp_path / f"{child}.pdf"
        assert main([*base, "--child", child, "--out", str(extract)]) == 0
        assert main(["verify", str(extract), "--trust", str(certificate)]) == 0
    assert main([*base, "--child", "C-000000", "--out", str(tmp_path / "none.pdf")]) == 2
    assert not (tmp_path / "none.pdf").exists()


def test_export_pdf_writes_the_cited_revision(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import hashlib

    from supnotes.vault.repositories.records import RecordRepository
    from supnotes.vault.repositories.sealed import SealedRepository
    from supnotes.vault.vault import Unlock, Vault

    with Vault.open(demo, Unlock(passphrase=PASSPHRASE)) as vault:
        sealed = SealedRepository(vault)
        record = next(
            RecordRepository(vault).header(s.id)
            for s in RecordRepository(vault).summaries(status=RecordStatus.SIGNED)
            if any(d.revision == 2 for d in sealed.all_for(s.id))
        )
    base = ["export", "--vault", str(demo), "--format", "pdf", "--record", record.id]
    newest, cited = tmp_path / "newest.pdf", tmp_path / "cited.pdf"
    assert main([*base, "--out", str(newest)]) == 0
    out = capsys.readouterr().out
    assert "Revision 2" in out
    assert f"cite revision 1: SHA-256 {record.sealed_sha256}" in out
    assert main([*base, "--as-sealed", "--out", str(cited)]) == 0
    assert hashlib.sha256(cited.read_bytes()).hexdigest() == record.sealed_sha256
    assert newest.read_bytes().startswith(cited.read_bytes())  # revision 2 appends
    assert main([*base, "--revision", "1", "--out", str(tmp_path / "r1.pdf")]) == 0
    assert (tmp_path / "r1.pdf").read_bytes() == cited.read_bytes()
    capsys.readouterr()
    assert main([*base, "--revision", "3", "--out", str(tmp_path / "r3.pdf")]) == 2
    assert "no revision 3" in capsys.readouterr().err
    # verify prints the cited hash as revision 1's
    main(["verify", str(newest)])
    assert f"Revision SHA-256: {record.sealed_sha256}" in capsys.readouterr().out


def test_export_pdf_of_a_draft_needs_draft(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record_id = _first(demo, capsys, "draft")
    out = tmp_path / "draft.pdf"
    base = ["export", "--vault", str(demo), "--format", "pdf", "--record", record_id]
    assert main([*base, "--out", str(out)]) == 2
    assert "draft" in capsys.readouterr().err
    assert not out.exists()
    assert main([*base, "--draft", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert out.stat().st_mode & 0o777 == 0o600
    assert main(["verify", str(out)]) == 1  # a preview carries no signature
    assert main([*base[:-2], "--out", str(out)]) == 2  # --record is required


def test_init_with_a_name_creates_the_signing_identity(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from supnotes.services import identity
    from supnotes.vault.vault import Unlock, Vault

    monkeypatch.setenv("SUPNOTES_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(kdf, "calibrate", lambda *a, **k: kdf.TEST_PARAMS)
    folder = tmp_path / "v"
    args = ["init", "--vault", str(folder), "--name", "Helen Marchbank", "--role", "Team Manager"]
    assert main(args) == 0
    out = capsys.readouterr().out
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault:
        fingerprint = identity.current_fingerprint(vault)
        assert identity.current(vault) is not None
    assert fingerprint
    assert fingerprint in out


def test_demo_signed_records_are_really_sealed(demo: Path) -> None:
    from supnotes.domain.records import RecordStatus
    from supnotes.pdf.verify import verify_pdf
    from supnotes.services.trust import trust_roots
    from supnotes.vault.repositories.records import RecordRepository
    from supnotes.vault.repositories.sealed import SealedRepository
    from supnotes.vault.vault import Unlock, Vault

    with Vault.open(demo, Unlock(passphrase=PASSPHRASE)) as vault:
        records, sealed = RecordRepository(vault), SealedRepository(vault)
        roots = trust_roots(vault)
        signed = records.summaries(status=RecordStatus.SIGNED)
        assert len(signed) >= 20
        addenda, countersigned, children_addenda = 0, 0, 0
        for summary in signed:
            content = records.get(summary.id)
            documents = sealed.latest(summary.id)
            main = next(d for d in documents if d.child_ref is None and d.addendum_id is None)
            assert {d.child_ref for d in documents} == {None, *content.child_refs}
            assert content.record.sealed_sha256 in {d.sha256 for d in sealed.all_for(summary.id)}
            countersigned += main.revision == 2
            addenda += sum(a.signed_at is not None for a in content.addenda)
            for addendum in content.addenda:  # each reaches the records of its children
                issued = {d.child_ref for d in documents if d.addendum_id == addendum.id}
                assert issued == {None, *addendum.child_refs}
                children_addenda += len(addendum.children)
        assert addenda >= 1
        assert children_addenda >= 1
        assert countersigned >= 1
        assert verify_pdf(main.pdf, roots, require_trust=True).ok
