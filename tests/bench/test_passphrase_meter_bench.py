"""How long the passphrase meter's judgement takes per keystroke.

The meter judges the first field on every edit, on the UI thread. This types
passphrases one character at a time and times each judgement, beside the
frame budget of 16 ms it must stay near.
"""

from __future__ import annotations

import time

from supnotes.domain.passphrases import judge
from tests.bench.conftest import report

COMMAND = "uv run pytest tests/bench/test_passphrase_meter_bench.py -s"
TYPED = (
    "violet tractor sandwich lagoon plum harbour vinyl",
    'kx8#Qv2!mz-Tr0ub4dor&3x"Zoë 🦊 nurse',
    "Siân Jones the supervision manager 2024!",
)


def test_judgement_per_keystroke() -> None:
    judge("warm up the word lists")
    samples = []
    for passphrase in TYPED:
        for end in range(1, len(passphrase) + 1):
            start = time.perf_counter()
            judge(passphrase[:end], ("Sam Okafor", "Northshire Council"))
            samples.append((time.perf_counter() - start) * 1000)
    report("passphrase judgement per keystroke (floor: a 16 ms frame)", samples, COMMAND)
