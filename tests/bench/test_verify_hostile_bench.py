"""Time and memory of ``supnotes verify`` on hostile PDFs: the bar is 5 s and 300 MB.

Run by hand: ``uv run pytest tests/bench/test_verify_hostile_bench.py -s``.
Each case runs the real command under ``/usr/bin/time -v`` and prints its
wall time and peak resident memory beside the bar; nothing here asserts on time.
Before the preflight checks, the 2-million-entry xref took 49 s and 1.16 GB.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.pdf import hostile
from tests.tools import need_command

CASES: dict[str, Callable[[], bytes]] = {
    "huge xref, 2 million entries (40 MB)": hostile.huge_xref,
    "huge xref, /Size lying": lambda: hostile.huge_xref().replace(b"/Size 2000000", b"/Size 4"),
    "content stream bomb (1 GB inflated)": hostile.decompression_bomb,
    "object stream bomb (1 GB inflated)": hostile.object_stream_bomb,
}


@pytest.mark.bench
@pytest.mark.parametrize("name", list(CASES))
def test_hostile_verify_time_and_memory(name: str, tmp_path: Path) -> None:
    time_command = need_command("time", "time")
    path = tmp_path / "case.pdf"
    path.write_bytes(CASES[name]())
    result = subprocess.run(
        [time_command, "-v", sys.executable, "-m", "supnotes", "verify", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    wall = re.search(r"Elapsed \(wall clock\) time .*: (?:(\d+):)?(\d+):([\d.]+)", result.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    assert wall, result.stderr
    assert rss, result.stderr
    seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    print(
        f"\n{name}: exit {result.returncode}, {seconds:.2f} s (bar 5 s), "
        f"{int(rss.group(1)) / 1024:.0f} MB peak (bar 300 MB)\n"
        f"  measured with: /usr/bin/time -v python -m supnotes verify FILE"
    )
    assert result.returncode in (1, 2)
