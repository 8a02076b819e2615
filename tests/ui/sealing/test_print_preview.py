"""Print preview of a sealed record, opened and closed offscreen, in a child process.

Before the fix the preview's printer was collected while the dialog painted
on it and the process died with SIGSEGV (exit 139); run in a subprocess, such
a crash fails this test instead of ending the whole test run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_print_preview_of_a_sealed_record_opens_and_closes(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.sealing.preview_child", str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert done.returncode == 0, f"exit {done.returncode}: {done.stderr[-2000:]}"
    assert done.stdout.strip().splitlines()[-1] == "closed 2"
