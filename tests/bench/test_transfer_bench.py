"""Export format version 2: peak memory of import and export of a zip, in child processes.

Prints the maximum resident set size (``/usr/bin/time -v``) of
``supnotes import`` and ``supnotes export --format zip`` for a small and a
large archive of really signed 1 MiB PDFs; bounded memory means the two
figures stay close while the archive grows. Figures only, never asserted.
``SUPNOTES_BENCH_PDFS`` sets the large count (default 200).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.services import big_export
from tests.vault import sealed_demo

COMMAND = "uv run pytest tests/bench/test_transfer_bench.py -s"
PDF_BYTES = 1024 * 1024


def _measured(args: list[str]) -> tuple[float, float]:
    """Peak RSS in MiB and wall time in seconds of ``supnotes ARGS`` in a child process."""
    env = {**os.environ, "SUPNOTES_PASSPHRASE": sealed_demo.PASSPHRASE}
    start = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-v", sys.executable, "-m", "supnotes", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    elapsed = time.perf_counter() - start
    assert done.returncode == 0, done.stderr[-2000:]
    found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    assert found is not None
    return int(found.group(1)) / 1024, elapsed


def test_zip_import_and_export_memory(tmp_path: Path) -> None:
    if shutil.which("/usr/bin/time") is None:
        pytest.skip("needs GNU time (/usr/bin/time -v)")
    large = int(os.environ.get("SUPNOTES_BENCH_PDFS", "200"))
    print(
        f"\nsupnotes import / export --format zip of 1 MiB signed PDFs\n  measured with: {COMMAND}"
    )
    for count in (10, large):
        archive = big_export.build(tmp_path / f"in-{count}.supnotes.zip", count, PDF_BYTES)
        vault = tmp_path / f"v-{count}"
        sealed_demo.new_vault(vault).close()
        rss_in, secs_in = _measured(["import", "--vault", str(vault), str(archive)])
        out = tmp_path / f"out-{count}.supnotes.zip"
        rss_out, secs_out = _measured(
            ["export", "--vault", str(vault), "--format", "zip", "--out", str(out)]
        )
        print(
            f"  {count:4d} PDFs ({count * PDF_BYTES / 2**20:.0f} MiB): import peak RSS "
            f"{rss_in:.0f} MiB in {secs_in:.1f} s; export peak RSS {rss_out:.0f} MiB "
            f"in {secs_out:.1f} s"
        )
        archive.unlink()
        out.unlink()
