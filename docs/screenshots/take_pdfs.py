"""Page images of real sealed PDFs: a file copy, a child's extract, an addendum extract.

Run from the repository root (needs poppler's pdftoppm):
``uv run python docs/screenshots/take_pdfs.py``. A temporary vault gets the
demo's records as drafts; one one-to-one session is sealed through the real
service, and an addendum that concerns one of its children is signed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

from supnotes.domain.demo import build_demo
from supnotes.domain.records import RecordKind, RecordStatus
from supnotes.domain.template_loader import default_library
from supnotes.services.sealing import Acknowledgement, add_addendum, seal_record
from supnotes.vault.demo import write_demo
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.repositories.sealed import CHILD_RECORD, SealedRepository
from supnotes.vault.vault import Vault

HERE = Path(__file__).parent
DPI = 110


def _png(pdf: bytes, name: str, page: int = 1) -> None:
    exe = shutil.which("pdftoppm")
    if exe is None:
        sys.exit("pdftoppm (poppler-utils) is needed")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.pdf"
        source.write_bytes(pdf)
        stem = Path(tmp) / "page"
        subprocess.run(  # noqa: S603 (our own temporary files)
            [
                exe,
                "-png",
                "-r",
                str(DPI),
                "-f",
                str(page),
                "-l",
                str(page),
                "-singlefile",
                str(source),
                str(stem),
            ],
            check=True,
        )
        shutil.copyfile(stem.with_suffix(".png"), HERE / name)
    sys.stdout.write(f"wrote {HERE / name}\n")


def main() -> int:
    built = build_demo(default_library(), today=date(2026, 3, 20), history_days=60)
    drafts = tuple(
        replace(c, record=replace(c.record, status=RecordStatus.DRAFT, signed_at=None))
        for c in built.records
    )
    with tempfile.TemporaryDirectory() as tmp:
        vault, _ = Vault.create(Path(tmp) / "v", "a long enough passphrase", kdf_params=TEST_PARAMS)
        with vault:
            write_demo(vault, replace(built, records=drafts))
            record_id = next(
                c.record.id
                for c in drafts
                if c.record.kind is RecordKind.ONE_TO_ONE
                and c.record.template_id == "asye-supervision"
                and len(c.child_refs) >= 2
            )
            content = RecordRepository(vault).get(record_id)
            seal_record(
                vault,
                record_id,
                Acknowledgement("Priya Halloran", True, True, "The plan is right."),
            )
            child = content.child_refs[0]
            addendum = add_addendum(
                vault,
                record_id,
                "Review date corrected",
                "The review of this child's plan is on Tuesday 21 April 2026, not the date "
                "in the extract: the strategy meeting moved.",
                child_refs=[child],
            )
            sealed = SealedRepository(vault)
            file_copy = sealed.find(record_id)
            extract = sealed.find(record_id, CHILD_RECORD, child)
            to_child = sealed.find(record_id, CHILD_RECORD, child, addendum.id)
            assert file_copy is not None
            assert extract is not None
            assert to_child is not None
            _png(file_copy.pdf, "pdf-supervision-file.png")
            _png(extract.pdf, "pdf-child-extract.png")
            _png(to_child.pdf, "pdf-addendum-extract.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
