"""The kill suites' figures, printed at the end of the run (they are reported, not asserted)."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest

from tests.faults.editor_kills import KillResult, summary

EDITOR_KILLS: list[KillResult] = []
# Also written one JSON line per kill to this file, if set (a long run's figures so far).
RESULTS_VARIABLE = "SUPNOTES_FAULT_RESULTS"


def keep(result: KillResult) -> None:
    """Keep one kill's result for the summary (and the results file, if asked for)."""
    EDITOR_KILLS.append(result)
    path = os.environ.get(RESULTS_VARIABLE)
    if path:
        with Path(path).open("a", encoding="utf-8") as out:
            out.write(json.dumps(dataclasses.asdict(result)) + "\n")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if EDITOR_KILLS:
        terminalreporter.section("editor kills: typing lost per pace (reported, not asserted)")
        for line in summary(EDITOR_KILLS):
            terminalreporter.write_line(line)
