"""SIGKILL the real editor while it types: nothing corrupt, nothing out of order, and the
saves keep up with the typing.

Each test is one batch of kills at one pace (:data:`~tests.faults.editor_child.PACES`:
8 and 15 characters a second, and a person's bursts with pauses), on one vault
that the kills share, each 0.5-5 s into the typing. After every kill:

* the real ``supnotes check`` passes;
* the record holds a prefix of what was typed, at least as much as the child's
  log says was committed, and no record without content is left behind;
* from the child's own log, every save started within the autosave ceiling of
  its first unsaved edit, plus :data:`~tests.faults.editor_kills.TOLERANCE_S`
  (see ``tests/faults/editor_kills.py`` for how a busy event loop is allowed for).

The seconds of typing lost are printed at the end of the run, per pace, not
asserted. Size: ``SUPNOTES_FAULT_KILLS`` kills in all (default 51, the CI
size); the full size is

    SUPNOTES_FAULT_KILLS=1000 uv run pytest tests/faults/test_kill_editor.py
"""

from __future__ import annotations

import math
import os
import random
from pathlib import Path

import pytest

from supnotes.ui.editor.autosave import CEILING_MS
from tests.faults.conftest import keep
from tests.faults.editor_child import PACES
from tests.faults.editor_kills import TOLERANCE_S, kill_once, make_vault

pytestmark = pytest.mark.slow

KILLS = int(os.environ.get("SUPNOTES_FAULT_KILLS", "51"))
PER_TEST = 17  # about 6-8 s a kill: well inside pytest's 300 s per test
EARLIEST_S, LATEST_S = 0.5, 5.0
PROMISE_S = 1.0  # a word typed is in the vault within a second


def test_the_ceiling_keeps_the_promise() -> None:
    """The suite checks saves against the ceiling, so the ceiling itself must leave
    room within the promise for the commit (a few ms) and a busy machine."""
    assert CEILING_MS / 1000 + TOLERANCE_S <= PROMISE_S - 0.3


def _batches() -> list[tuple[str, int, int]]:
    """(pace, batch, kills), the paces taking turns: a run stopped early stays balanced."""
    per_pace = math.ceil(KILLS / len(PACES))
    return [
        (pace, batch, min(PER_TEST, per_pace - batch * PER_TEST))
        for batch in range(math.ceil(per_pace / PER_TEST))
        for pace in PACES
    ]


@pytest.mark.parametrize(("pace", "batch", "kills"), _batches())
def test_killed_while_typing(tmp_path: Path, pace: str, batch: int, kills: int) -> None:
    rng = random.Random(f"{pace}-{batch}")
    folder = tmp_path / "vault"
    make_vault(folder)
    problems = []
    for index in range(kills):
        seed = rng.randrange(1 << 30)
        result = kill_once(folder, tmp_path, pace, seed, rng.uniform(EARLIEST_S, LATEST_S))
        keep(result)
        where = f"kill {index} (seed {seed}, killed {result.delay_s:.2f} s into the typing)"
        problems += [f"{where}: {problem}" for problem in result.problems]
        if result.corrupt:  # judge the next kills on a sound vault
            folder = tmp_path / f"vault-after-{index}"
            make_vault(folder)
    assert not problems, "\n".join(problems)
