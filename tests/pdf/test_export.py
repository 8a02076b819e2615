"""Exporting the stored signed bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from supnotes.pdf.export import export_signed, sha256_hex
from supnotes.pdf.verify import verify_pdf


def test_export_writes_the_exact_signed_bytes(signed: bytes, tmp_path: Path) -> None:
    target = tmp_path / "record.pdf"
    export_signed(target, signed, sha256_hex(signed).upper())
    assert target.read_bytes() == signed
    assert verify_pdf(target.read_bytes()).ok


def test_export_refuses_bytes_that_do_not_match_their_hash(signed: bytes, tmp_path: Path) -> None:
    target = tmp_path / "record.pdf"
    with pytest.raises(ValueError, match="SHA-256"):
        export_signed(target, signed + b"\n", sha256_hex(signed))
    assert not target.exists()
