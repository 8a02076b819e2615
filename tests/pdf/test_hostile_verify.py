"""Hostile PDFs for ``supnotes verify`` as a real process: one-line reason, never a traceback.

The small files live in ``tests/data/pdf/`` (made by :mod:`tests.pdf.hostile`);
the 40 MB cross-reference table and the decompression bombs are made here.
Each case exits 2 (not readable) or 1 (read, but no valid signature), with
exactly one line on stderr. Time and memory of the big ones are measured in
``tests/bench/test_verify_hostile_bench.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.pdf import hostile

SMALL_EXPECTED = {
    "empty.pdf": (2, "empty"),
    "junk.pdf": (2, "not a PDF"),
    "header-only.pdf": (2, "cut short"),
    "truncated.pdf": (2, "cut short"),
    "looping-xref.pdf": (2, "structure is damaged"),
    "xref-beyond-end.pdf": (2, "structure is damaged"),
    "deep-nesting.pdf": (2, "nested too deeply"),
    "unsigned.pdf": (1, "no signatures"),
}

BIG: dict[str, tuple[Callable[[], bytes], int, str]] = {
    "huge-xref.pdf": (hostile.huge_xref, 2, "objects"),
    "content-bomb.pdf": (hostile.decompression_bomb, 1, "no signatures"),
    "object-stream-bomb.pdf": (hostile.object_stream_bomb, 2, "exceeds the limit"),
}


def run_verify(path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("SUPNOTES_TRUST", None)
    return subprocess.run(
        [sys.executable, "-m", "supnotes", "verify", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
        timeout=120,
    )


def _check(result: subprocess.CompletedProcess[str], code: int, words: str) -> None:
    assert "Traceback" not in result.stderr + result.stdout
    assert result.returncode == code, result.stderr
    assert result.stderr.startswith("supnotes: "), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert words in result.stderr


def test_the_committed_corpus_is_what_the_builders_make() -> None:
    for name, build in hostile.SMALL.items():
        assert (hostile.DATA / name).read_bytes() == build(), name
    assert set(SMALL_EXPECTED) == set(hostile.SMALL)


@pytest.mark.parametrize("name", sorted(SMALL_EXPECTED))
def test_small_hostile_file(name: str) -> None:
    code, words = SMALL_EXPECTED[name]
    _check(run_verify(hostile.DATA / name), code, words)


@pytest.mark.parametrize("name", sorted(BIG))
def test_big_hostile_file(name: str, tmp_path: Path) -> None:
    build, code, words = BIG[name]
    path = tmp_path / name
    path.write_bytes(build())
    _check(run_verify(path), code, words)


def test_a_file_too_big_to_be_a_record_is_refused_before_reading(tmp_path: Path) -> None:
    from supnotes.pdf.preflight import MAX_FILE_BYTES

    path = tmp_path / "big.pdf"
    with path.open("wb") as f:  # sparse: costs no disk
        f.truncate(MAX_FILE_BYTES + 1)
    _check(run_verify(path), 2, "far smaller")


def test_a_signed_record_with_a_bomb_appended_is_altered(signed: bytes, tmp_path: Path) -> None:
    bomb = hostile.decompression_bomb(256)
    start = bomb.index(b"4 0 obj")
    stream = bomb[start : bomb.index(b"endobj", start)].replace(b"4 0 obj", b"999 0 obj")
    update = (
        b"\n"
        + stream
        + b"endobj\nxref\n999 1\n%010d 00000 n \ntrailer\n<< /Size 1000 /Root 1 0 R /Prev %d >>\n"
        % (len(signed) + 1, signed.rindex(b"startxref"))
    )
    path = tmp_path / "bomb-update.pdf"
    path.write_bytes(signed + update + b"startxref\n%d\n%%%%EOF\n" % len(signed))
    result = run_verify(path)
    assert "Traceback" not in result.stderr
    assert result.returncode in (1, 2), result.stderr
    assert result.stderr.count("\n") == 1
