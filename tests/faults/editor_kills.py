"""Killing the typing editor and judging what it left: the harness of test_kill_editor.

:func:`kill_once` starts :mod:`tests.faults.editor_child` on a vault, waits
until it types, kills it with SIGKILL ``delay`` seconds later, runs the real
``supnotes check`` on the vault and compares what the vault holds with what
the child's own log says it typed and committed. :func:`summary` turns many
results into the per-pace figures the suite prints.

The ceiling is judged from the child's log alone, so a loaded machine cannot
fail it: every save must start (``batch-start``) within
:data:`~supnotes.ui.editor.autosave.CEILING_MS` + :data:`TOLERANCE_S` of the
first edit it waited for, where the deadline moves to the end of a batch
still in flight at it, and to the end of any stall of the child's event loop
(a heartbeat gap over 40 ms) that covers it: nothing on the UI thread could
run then.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from supnotes.cli import main as supnotes_main
from supnotes.ui.editor.autosave import CEILING_MS, CREATE_KEY
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.vault import Unlock, Vault
from tests.faults.editor_child import FIELD, typed_text
from tests.ui.editor.conftest import WORKER

PASSPHRASE = "correct horse battery staple"
TOLERANCE_S = 0.05  # a timer firing, a keystroke being handled at the deadline
ANSWER_KEY = f"answer:{FIELD}"
ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 60.0
CHILD = "tests.faults.editor_child"


@dataclass
class Event:
    at: float
    name: str
    detail: str


@dataclass
class KillResult:
    pace: str
    seed: int
    delay_s: float
    keys_typed: int = 0
    chars_saved: int = 0
    lost_s: float = 0.0
    commits: int = 0
    longest_wait_s: float = 0.0  # first unsaved edit -> its save's start
    worker_lag_s: float = 0.0  # a save's start -> its commit's start on the worker thread
    longest_stall_s: float = 0.0
    corrupt: bool = False
    problems: list[str] = field(default_factory=list)


def make_vault(folder: Path) -> None:
    """A real vault (cheap test key derivation) with one worker."""
    vault, _recovery = Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS)
    try:
        WorkerRepository(vault).save(WORKER)
    finally:
        vault.close()


def read_log(path: Path) -> list[Event]:
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        stamp, name, *rest = line.split(" ", 2)
        events.append(Event(float(stamp), name, rest[0] if rest else ""))
    return events


def _wait_for_typing(log: Path, child: subprocess.Popen[bytes], errors: Path) -> float:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if log.exists():
            for event in read_log(log):
                if event.name == "typing-start":
                    return event.at
        if child.poll() is not None:
            raise RuntimeError(f"the editor child died: {errors.read_text(errors='replace')}")
        time.sleep(0.02)
    child.kill()
    raise RuntimeError("the editor child did not start typing within a minute")


def kill_once(folder: Path, work: Path, pace: str, seed: int, delay_s: float) -> KillResult:
    """Type at ``pace``, SIGKILL ``delay_s`` seconds into the typing, then judge."""
    log = work / f"kill-{seed}.log"
    errors = work / f"kill-{seed}.stderr"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SUPNOTES_PASSPHRASE=PASSPHRASE)
    with errors.open("wb") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-m", CHILD, str(folder), pace, str(seed), str(log)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        try:
            started = _wait_for_typing(log, child, errors)
            time.sleep(max(0.0, started + delay_s - time.monotonic()))
            killed_at = time.monotonic()
            os.kill(child.pid, signal.SIGKILL)
        finally:
            if child.poll() is None:
                child.kill()
            child.wait()
    result = KillResult(pace, seed, delay_s)
    events = read_log(log)
    saved = _check_vault(folder, events, result)
    _judge_text(events, saved, typed_text(seed), killed_at, result)
    _judge_ceiling(events, killed_at, result)
    if not result.problems:
        log.unlink()
        errors.unlink()
    return result


def _check_vault(folder: Path, events: list[Event], result: KillResult) -> str | None:
    """Run the real ``supnotes check``; return the killed record's saved text (None: absent)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        old = os.environ.get("SUPNOTES_PASSPHRASE")
        os.environ["SUPNOTES_PASSPHRASE"] = PASSPHRASE
        try:
            code = supnotes_main(["--vault", str(folder), "check"])
        finally:
            if old is None:
                del os.environ["SUPNOTES_PASSPHRASE"]
            else:
                os.environ["SUPNOTES_PASSPHRASE"] = old
    if code != 0:
        result.corrupt = True
        result.problems.append(f"supnotes check failed ({code}): {out.getvalue().strip()}")
        return None
    record_id = next(e.detail for e in events if e.name == "record")
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault:
        records = RecordRepository(vault)
        for summary in records.summaries():
            if not records.get(summary.id).record.answers:
                result.problems.append(f"an empty record was left behind: {summary.reference}")
        try:
            value = records.get(record_id).record.answer(FIELD)
        except KeyError:
            return None
    return value if isinstance(value, str) else ""


def _judge_text(
    events: list[Event], saved: str | None, text: str, killed_at: float, result: KillResult
) -> None:
    keys = [e.at for e in events if e.name == "key"]
    typed = text[: len(keys)]
    result.keys_typed = len(keys)
    ends = [e for e in events if e.name == "commit-end"]
    result.commits = len(ends)
    if saved is None:
        if any(CREATE_KEY in e.detail.split() for e in ends):
            result.problems.append("the record's creation was committed but it is not in the vault")
        saved = ""
    if not typed.startswith(saved):
        result.problems.append(f"saved text is not a prefix of the typed text: {saved!r}")
    result.chars_saved = len(saved)
    if len(saved) < len(keys):
        result.lost_s = killed_at - keys[len(saved)]
    # Durability: what the log says was committed is in the vault.
    committed = [e for e in ends if ANSWER_KEY in e.detail.split()]
    if committed:
        taken_at = max(e.at for e in events if e.name == "batch-start" and e.at <= committed[-1].at)
        expected = sum(1 for k in keys if k < taken_at)
        if len(saved) < expected:
            result.problems.append(
                f"committed {expected} characters by the log, but the vault has {len(saved)}"
            )


def _judge_ceiling(events: list[Event], killed_at: float, result: KillResult) -> None:
    ceiling = CEILING_MS / 1000
    starts = [e.at for e in events if e.name == "batch-start"]
    ends = [e.at for e in events if e.name == "batch-end"]
    batches = [(s, ends[i] if i < len(ends) else None) for i, s in enumerate(starts)]
    stalls = []
    for e in events:
        if e.name == "stall":
            low, high = (float(x) for x in e.detail.split())
            stalls.append((low, high))
    result.longest_stall_s = max((high - low for low, high in stalls), default=0.0)
    ui_times = [e.at for e in events if e.name in ("key", "first-edit", "batch-start", "batch-end")]
    for first in (e.at for e in events if e.name == "first-edit"):
        allowed = _allowed(first + ceiling, batches, stalls)
        start = next((s for s in starts if s >= first), None)
        waited = (start if start is not None else killed_at) - first
        result.longest_wait_s = max(result.longest_wait_s, waited)
        if start is not None:
            late = start > allowed + TOLERANCE_S
        else:  # killed before it started: was the event loop running past the deadline?
            late = any(t > allowed + TOLERANCE_S for t in ui_times)
        if late:
            result.problems.append(
                f"a save started {waited:.3f} s after its first edit (allowed until "
                f"{allowed - first:.3f} s + {TOLERANCE_S} s)"
            )
    for start, commit in _pairs(events):
        result.worker_lag_s = max(result.worker_lag_s, commit - start)


def _allowed(
    deadline: float, batches: list[tuple[float, float | None]], stalls: list[tuple[float, float]]
) -> float:
    """The deadline, moved past a batch in flight at it and a stall covering it."""
    moved = True
    while moved:
        moved = False
        for start, end in batches:
            if start <= deadline and (end is None or end > deadline):
                if end is None:
                    return float("inf")  # still in flight at the kill
                deadline, moved = end, True
        for low, high in stalls:
            if low <= deadline < high:
                deadline, moved = high, True
    return deadline


def _pairs(events: list[Event]) -> Iterable[tuple[float, float]]:
    """(batch-start, its first commit-start) for each batch that reached the worker."""
    pending: float | None = None
    for e in events:
        if e.name == "batch-start":
            pending = e.at
        elif e.name == "commit-start" and pending is not None:
            yield pending, e.at
            pending = None


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summary(results: list[KillResult]) -> list[str]:
    """One line per pace: kills, corrupt vaults, problems, typing lost (max, p99), waits."""
    lines = []
    for pace in sorted({r.pace for r in results}):
        mine = [r for r in results if r.pace == pace]
        lost = [r.lost_s for r in mine]
        lines.append(
            f"{pace:>9}: {len(mine)} kills, {sum(r.corrupt for r in mine)} corrupt vaults, "
            f"{sum(bool(r.problems) for r in mine)} with problems; typing lost: "
            f"max {max(lost):.2f} s, p99 {percentile(lost, 0.99):.2f} s, "
            f"median {statistics.median(lost):.2f} s; first unsaved edit -> save start (or kill): "
            f"max {max(r.longest_wait_s for r in mine):.3f} s; save start -> commit start: "
            f"max {max(r.worker_lag_s for r in mine) * 1000:.0f} ms; longest event-loop stall "
            f"{max(r.longest_stall_s for r in mine) * 1000:.0f} ms; "
            f"{sum(r.commits for r in mine)} commits"
        )
    return lines


def main(argv: list[str]) -> int:
    """``python -m tests.faults.editor_kills RESULTS.jsonl``: the summary of a results file."""
    import json

    results = []
    for line in Path(argv[0]).read_text(encoding="utf-8").splitlines():
        results.append(KillResult(**json.loads(line)))
    for line in summary(results):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
