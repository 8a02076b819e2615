"""Regenerate docs/benchmarks.md: every figure beside its floor, on 1-, 10- (and 30-) year vaults.

    uv run python -m tests.bench.report --quick    # 1 and 10 years (about half an hour)
    uv run python -m tests.bench.report --full     # adds 30 years (hours; run it once)

Vaults come from :mod:`tests.bench.vaultgen` (built once, cached); each run
works on a fresh copy of them. In-process figures run in a fresh process
each (:mod:`tests.bench.measure`); whole-process figures use hyperfine and
``/usr/bin/time -v``; the seal is the project's pytest benchmark. Every
figure records the 1-minute load average before and after it, because the
machine it runs on may be shared.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from tests.bench.conftest import percentile
from tests.bench.vaultgen import PASSPHRASE, Manifest, cached, copy_vault

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(Path(sys.executable))
SUPNOTES = str(Path(sys.executable).with_name("supnotes"))
WORK = Path(tempfile.gettempdir()) / "supnotes-bench-work"


@dataclass
class Row:
    size: str
    name: str
    figure: str
    floor_name: str = ""
    floor: str = ""
    ratio: str = ""
    command: str = ""
    load: str = ""
    p50: float | None = None  # for the growth table
    note: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def load_now() -> float:
    return os.getloadavg()[0]


def _fmt(samples: list[float]) -> str:
    if not samples:
        return ""
    p50 = statistics.median(samples)
    return f"p50 {p50:.1f} / p95 {percentile(samples, 95):.1f} ms (n={len(samples)})"


def _ratio(samples: list[float], floor: list[float]) -> str:
    if not samples or not floor or statistics.median(floor) <= 0:
        return ""
    return f"{statistics.median(samples) / statistics.median(floor):.1f}x"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["SUPNOTES_PASSPHRASE"] = PASSPHRASE
    env["QT_QPA_PLATFORM"] = "offscreen"
    # An installed app runs from compiled bytecode; without this every process
    # would compile SupNotes afresh (about a quarter of a --smoke run).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def measure(size: str, name: str, folder: Path, runs: int) -> list[Row]:
    command = f"uv run python -m tests.bench.measure {name} VAULT --runs {runs}"
    before = load_now()
    done = subprocess.run(
        [PYTHON, "-m", "tests.bench.measure", name, str(folder), "--runs", str(runs)],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    after = load_now()
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or ["(no message)"]
        return [Row(size, name, f"FAILED: {tail[0]}", command=command)]
    rows = []
    for figure in json.loads(done.stdout.strip().splitlines()[-1])["figures"]:
        samples, floor = figure["samples_ms"], figure["floor_samples_ms"]
        rows.append(
            Row(
                size,
                figure["name"],
                _fmt(samples),
                figure["floor_name"],
                _fmt(floor),
                _ratio(samples, floor),
                command,
                f"{before:.1f} → {after:.1f}",
                statistics.median(samples) if samples else None,
                figure.get("note", ""),
            )
        )
    return rows


def hyperfine(size: str, pairs: list[tuple[str, str, str, str]], runs: int) -> list[Row]:
    """(name, command, floor name, floor command): each pair in one hyperfine run."""
    rows = []
    for name, command, floor_name, floor_command in pairs:
        out = WORK / "hyperfine.json"
        before = load_now()
        done = subprocess.run(
            [
                "hyperfine",
                "--style",
                "none",
                "-i",
                "--warmup",
                "1",
                "--runs",
                str(runs),
                "--export-json",
                str(out),
                "--prepare",
                f"rm -f {WORK}/out.pdf.tmp",
                command,
                floor_command,
            ],
            cwd=ROOT,
            env=_env(),
            capture_output=True,
            text=True,
            check=False,
        )
        after = load_now()
        if done.returncode != 0:
            rows.append(Row(size, name, f"FAILED: {done.stderr.strip()[-200:]}", command=command))
            continue
        results = json.loads(out.read_text(encoding="utf-8"))["results"]
        mine, floor = ([t * 1000 for t in r["times"]] for r in results)
        rows.append(
            Row(
                size,
                name,
                _fmt(mine),
                floor_name,
                _fmt(floor),
                _ratio(mine, floor),
                f"hyperfine: `{_public(command)}` vs `{_public(floor_command)}`",
                f"{before:.1f} → {after:.1f}",
                statistics.median(mine),
            )
        )
    return rows


def _public(command: str) -> str:
    """A command as a reader would type it (no machine paths)."""
    return (
        command.replace(SUPNOTES, "supnotes")
        .replace(PYTHON, "python")
        .replace(str(WORK), "$WORK")
        .replace(str(ROOT) + "/", "")
    )


def _number(pattern: str, text: str) -> float | None:
    found = re.search(pattern, text)
    return float(found.group(1)) if found else None


@dataclass
class StartUp:
    """One ``--smoke`` run's figures (ms), counted by the harness and by the app."""

    to_window: list[float] = field(default_factory=list)  # process start to painted, less the KDF
    painted: list[float] = field(default_factory=list)  # unlock → main window painted
    filled: list[float] = field(default_factory=list)  # unlock → worker list filled
    with_editor: list[float] = field(default_factory=list)  # unlock → window and an editor
    derivation: list[float] = field(default_factory=list)  # the Argon2id derivation
    bare_to_window: list[float] = field(default_factory=list)  # bare: process start → painted
    bare_in_process: list[float] = field(default_factory=list)  # bare: QApplication → painted
    cpu: list[float] = field(default_factory=list)  # the UI thread's CPU time to the first paint
    bare_cpu: list[float] = field(default_factory=list)  # the same, bare window

    def run_app(self, folder: Path) -> None:
        started = time.time()
        done = subprocess.run(
            [SUPNOTES, "--vault", str(folder), "--smoke"],
            env=_env(),
            capture_output=True,
            text=True,
            check=False,
        )
        out = done.stdout
        clock = _number(r"painted \d+ ms after unlock, at clock ([\d.]+) s", out)
        kdf = _number(r"key derivation \(Argon2id\): (\d+) ms", out)
        if clock is None or kdf is None:
            return
        self.to_window.append((clock - started) * 1000 - kdf)
        self.derivation.append(kdf)
        for samples, pattern in (
            (self.painted, r"main window painted (\d+) ms after unlock"),
            (self.filled, r"worker list filled (\d+) ms after unlock"),
            (self.with_editor, r"after unlock \(main window[^)]*\): (\d+) ms"),
            (self.cpu, r"CPU time from the start to that paint: (\d+) ms"),
        ):
            value = _number(pattern, out)
            if value is not None:
                samples.append(value)

    def run_bare(self) -> None:
        started = time.time()
        done = subprocess.run(
            [PYTHON, "-m", "tests.bench.bare_window"],
            cwd=ROOT,
            env=_env(),
            capture_output=True,
            text=True,
            check=False,
        )
        clock = _number(r"painted at clock ([\d.]+) s", done.stdout)
        shown = _number(r"shown in (\d+) ms", done.stdout)
        cpu = _number(r"CPU time from the start to that paint: (\d+) ms", done.stdout)
        if cpu is not None:
            self.bare_cpu.append(cpu)
        if clock is not None:
            self.bare_to_window.append((clock - started) * 1000)
        if shown is not None:
            self.bare_in_process.append(shown)


def smoke(size: str, folder: Path, runs: int) -> list[Row]:
    """Start-up as the bar states it, interleaved run by run with the bare window.

    "Start to usable main window (after unlock)": from the moment this harness
    starts the process to the main window's first paint (the clock time
    ``--smoke`` prints), less the Argon2id derivation it reports, against a bare
    PySide6 window process from its start to its first paint.
    """
    figures = StartUp()
    before = load_now()
    for _ in range(runs):
        figures.run_app(folder)
        figures.run_bare()
    after = load_now()
    load = f"{before:.1f} → {after:.1f}"
    command = (
        "supnotes --vault VAULT --smoke (its printed clock and split) "
        "vs python -m tests.bench.bare_window"
    )

    def row(
        name: str, samples: list[float], floor_name: str = "", floor: list[float] | None = None
    ) -> Row:
        floor = floor or []
        return Row(
            size,
            name,
            _fmt(samples),
            floor_name,
            _fmt(floor),
            _ratio(samples, floor),
            command,
            load,
            statistics.median(samples) if samples else None,
        )

    return [
        row(
            "start-up to a usable main window: process start to its first paint, "
            "less the Argon2id derivation",
            figures.to_window,
            "bare PySide6 window process: process start to its first paint",
            figures.bare_to_window,
        ),
        row(
            "start-up, the UI thread's CPU time from process start to the main window's first "
            "paint (the derivation runs on another thread; other processes do not inflate it)",
            figures.cpu,
            "bare PySide6 window process: the same",
            figures.bare_cpu,
        ),
        row(
            "main window after unlock: unlocked to its first paint (in process)",
            figures.painted,
            "bare PySide6 window: QApplication to first paint, in process",
            figures.bare_in_process,
        ),
        row("the worker list after unlock: unlocked to its rows shown", figures.filled),
        row(
            "--smoke after unlock: main window, its worker list and an editor "
            "(a corridor decision)",
            figures.with_editor,
        ),
        row("the Argon2id derivation in those runs (left out above)", figures.derivation),
    ]


def peak_memory(size: str, folder: Path, runs: int) -> list[Row]:
    def maxrss(command: list[str]) -> float:
        done = subprocess.run(
            ["/usr/bin/time", "-v", *command],
            cwd=ROOT,
            env=_env(),
            capture_output=True,
            text=True,
            check=False,
        )
        found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
        return float(found.group(1)) / 1024 if found else float("nan")

    before = load_now()
    mine, floor = [], []
    for _ in range(runs):
        mine.append(maxrss([SUPNOTES, "--vault", str(folder), "--smoke"]))
        floor.append(maxrss([PYTHON, "-m", "tests.bench.bare_window"]))
    after = load_now()
    return [
        Row(
            size,
            "peak memory: --smoke with the vault open (main window and an editor)",
            f"max {max(mine):.0f} MB, median {statistics.median(mine):.0f} MB (n={runs})",
            "bare PySide6 window process",
            f"max {max(floor):.0f} MB (n={runs})",
            f"{statistics.median(mine) / statistics.median(floor):.1f}x",
            "/usr/bin/time -v supnotes --vault VAULT --smoke (Maximum resident set size)",
            f"{before:.1f} → {after:.1f}",
            statistics.median(mine),
        )
    ]


def seal_bench(size: str) -> list[Row]:
    """The project's seal benchmark (a 6-page record with 2 extracts, fresh vault)."""
    command = "uv run pytest tests/bench/test_seal_bench.py -s -p no:randomly"
    before = load_now()
    done = subprocess.run(
        [PYTHON, "-m", "pytest", "tests/bench/test_seal_bench.py", "-s", "-q", "-p", "no:randomly"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    after = load_now()
    rows = []
    for match in re.finditer(
        r"^(.+?): n=(\d+) p50=([\d.]+) ms p95=([\d.]+) ms", done.stdout, re.MULTILINE
    ):
        if match.group(1).startswith("peer:"):
            continue  # the soffice peer is its own row, measured with hyperfine (soffice())
        rows.append(
            Row(
                size,
                match.group(1).strip(),
                f"p50 {float(match.group(3)):.1f} / p95 {float(match.group(4)):.1f} ms "
                f"(n={match.group(2)})",
                command=command,
                load=f"{before:.1f} → {after:.1f}",
                p50=float(match.group(3)),
            )
        )
    return rows or [Row(size, "seal", "FAILED: " + done.stdout[-200:], command=command)]


def soffice(size: str) -> list[Row]:
    """A cold LibreOffice conversion of a document the size of the sealed 6-page record."""
    if shutil.which("soffice") is None:
        return [Row(size, "soffice --convert-to pdf (peer)", "not measured: soffice not installed")]
    from tests.bench.seal_document import write_html

    source = write_html(WORK / "record.html")
    profile = WORK / "lo-profile"
    command = (
        f"soffice -env:UserInstallation=file://{profile} --headless "
        f"--convert-to pdf --outdir {WORK}/lo {source}"
    )
    rows = hyperfine(
        size, [("peer: soffice, cold process", command, "python -c pass", f"{PYTHON} -c pass")], 3
    )
    for row in rows:
        row.note = (
            "soffice: the same text as the sealed 6-page record, as HTML (LibreOffice lays it "
            "out on more pages); a fresh process each run, its profile made in the warm-up"
        )
    return rows


def machine() -> list[str]:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    meminfo = Path("/proc/meminfo").read_text(encoding="utf-8").splitlines()
    mem = int(meminfo[0].split()[1]) // 1024
    import sqlcipher3
    from PySide6 import __version__ as pyside

    version = sqlcipher3.connect(":memory:").execute("PRAGMA cipher_version").fetchone()
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    code = subprocess.run(
        ["git", "log", "-1", "--format=%h %cs", "--", "supnotes"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores; RAM {mem:,} MB",
        f"- OS: {platform.platform()}; Python {platform.python_version()}; PySide6 {pyside}; "
        f"SQLCipher {version[0] if version else '?'}",
        f"- code: commit {commit} (the app, supnotes/, as of {code}); "
        f"run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
    ]


def run_size(years: float, runs: int) -> tuple[str, Manifest, list[Row]]:
    size = f"{years:g}y"
    source, manifest = cached(years, 1)
    folder = WORK / size
    shutil.rmtree(folder, ignore_errors=True)
    folder.parent.mkdir(parents=True, exist_ok=True)
    copy_vault(source, folder)
    shutil.copy2(source.parent / "manifest.json", WORK / f"{size}.manifest.json")
    rows: list[Row] = []
    crash_runs = 3 if years < 20 else 2
    for name, n in (
        ("unlock", max(3, runs // 3)),
        ("unlock-crash", crash_runs),
        ("search", runs),
        ("workers", runs),
        ("window", max(3, runs // 2)),
        ("autosave", runs),
    ):
        print(f"[{size}] {name}…", file=sys.stderr, flush=True)
        rows += measure(size, name, folder, n)
    print(f"[{size}] start-up and memory…", file=sys.stderr, flush=True)
    rows += smoke(size, folder, max(3, runs // 2))
    rows += peak_memory(size, folder, 3)
    print(f"[{size}] whole-process commands…", file=sys.stderr, flush=True)
    rows += commands(size, folder, manifest, max(3, runs // 2))
    return size, manifest, rows


def commands(size: str, folder: Path, manifest: Manifest, runs: int) -> list[Row]:
    from supnotes.vault.vault import Unlock, Vault

    with Vault.open(folder, Unlock(passphrase=PASSPHRASE), read_only=True) as vault:
        (record_id,) = vault.query(
            "SELECT record_id FROM sealed_document WHERE output = 'supervision-file' "
            "ORDER BY rowid LIMIT 1"
        )[0]
    pdf = WORK / "out.pdf"
    pdf.unlink(missing_ok=True)
    subprocess.run(
        [
            SUPNOTES,
            "--vault",
            str(folder),
            "export",
            "--format",
            "pdf",
            "--record",
            str(record_id),
            "--out",
            str(pdf),
        ],
        env=_env(),
        capture_output=True,
        check=False,
    )
    base = f"{SUPNOTES} --vault {folder}"
    floor = ("interpreter start: python -c pass", f"{PYTHON} -c pass")
    surname = manifest.busiest_worker_name.split()[-1]
    return hyperfine(
        size,
        [
            (
                "whole process: supnotes --smoke (Argon2id, main window, an editor, quitting)",
                f"{base} --smoke",
                "bare PySide6 window process",
                f"{PYTHON} -m tests.bench.bare_window",
            ),
            (
                "whole process: export --format pdf (one sealed record)",
                f"{base} export --format pdf --record {record_id} --out {WORK}/out.pdf.tmp",
                *floor,
            ),
            ("whole process: verify (that PDF)", f"{SUPNOTES} verify {pdf}", *floor),
            ("whole process: list (every record)", f"{base} list", *floor),
            (
                "whole process: search the busiest worker's surname (limit 50)",
                f"{base} search {surname}",
                *floor,
            ),
        ],
        runs,
    )


NOTES = """## How to read these figures

- **Floors.** Each figure's floor is the least the same work could cost on this
  machine in the same run: the Argon2id derivation alone for unlock; a normal
  unlock for the unlock after an unclean exit; the same search code on an
  unencrypted copy of the same database for search; the same rows fetched by a
  non-correlated query for opening a worker; a bare PySide6 window for start-up
  and memory; a bare `QPlainTextEdit` for typing; the interpreter's own start for
  the commands.
- **Opening a worker in the window.** The real main window, offscreen: the
  clock starts when a worker is selected in the list and stops at the end of
  the first paint of their records after they are in, counted only when no
  column fit is still waiting to run; events that paint left queued are then
  run, and a repaint of the rows among them (a scroll bar appearing, a column
  resize) moves the end to it. So the figure is the table as the user sees it
  settle, not the moment its model was filled. Each selection follows one of
  another worker, so every one loads and paints anew.
- **Unclean exit.** A child process opens the vault, writes, and is killed with
  SIGKILL; the next open sees the vault's open marker as the app does after a
  crash or power cut (`recovered_from_crash`).
- **Start-up.** The bar is "start to usable main window (after unlock)" against
  a bare PySide6 window process. `--smoke` opens the vault with
  `SUPNOTES_PASSPHRASE`, shows the main window, and prints when it first
  painted (a clock time) and how long the Argon2id derivation took; the harness
  counts from the moment it started the process to that paint, less the
  derivation (which the bar leaves out: it is "after unlock", and its cost is a
  security setting). The floor is a bare PySide6 window process counted the same
  way, from its start to its first paint. Beside it, the UI thread's CPU time
  from the start to that paint (`time.thread_time()`), which other processes on
  a shared machine do not inflate. The worker list and the search
  filters' choices load off the UI thread after that first paint ("the worker
  list after unlock"). `--smoke` then opens an editor on the newest corridor
  decision and quits; the whole-process figure includes all of that, the
  derivation and quitting.
- **Sealed PDFs in the vaults.** The first two signed records of each template
  are sealed by the real code; 10% of the later signed records store copies of
  those signed bytes (so the file holds PDFs like a real vault, without hours of
  sealing). A real vault seals every signed record, so its file is larger:
  figures that read the whole file (the check after an unclean exit) would be
  higher on it.
- **First search after an edit.** Each edit is written as the editor's
  autosave worker writes it (`Batch.run`: the answer's commit, then the
  worker's bounded merge of the search index, `tidy_index`), then the panel's
  search runs, re-indexing the edited record first; the floor is the same
  search again. Five samples per run, so the p95 is not just the maximum.
  Two figures: the same record edited each time (a supervisor typing in one
  session and searching), and a different draft one-to-one in turn (edits over
  days). The worker's batch times are in the note beside them: the search
  does not wait for them. docs/security.md ("The search index and edits")
  says why the re-index merges nothing.
- **Load.** The machine this ran on is shared; the load average (1-minute)
  before → after each figure says how busy it was. Compare ratios across runs
  rather than absolute times when the loads differ.
"""


def _key(name: str) -> str:
    """A figure's name without the counts that differ by vault size."""
    return re.sub(r"\s*\([^)]*\d[^)]*\)", "", name)


def render(manifests: list[tuple[str, Manifest]], rows: list[Row], mode: str) -> str:
    lines = [
        "# Benchmarks",
        "",
        "Generated by the command below on the commit named under Machine; nothing in this "
        "file is written by hand. Child processes run from compiled bytecode, as an "
        "installed app does.",
        "",
        f"Regenerate: `uv run python -m tests.bench.report --{mode}` "
        "(`--quick`: 1 and 10 years; `--full`: adds 30 years, hours). Vaults: "
        "`uv run python -m tests.bench.vaultgen --years N --seed 1` (cached in "
        "`~/.cache/supnotes-bench/`; passphrase in `tests/bench/vaultgen.py`).",
        "",
        *(
            []
            if mode == "full"
            else ["A quick run has no 30-year vault: `--full` adds it (and its growth column).", ""]
        ),
        "Every figure stands beside its floor measured in the same run (interleaved run by "
        "run where in-process), with the machine's 1-minute load average before → after it. "
        "The machine is shared: a load above its core count inflates figure and floor alike; "
        "compare ratios more than absolute times.",
        "",
        "## Machine",
        "",
        *machine(),
        "",
        "## Vaults",
        "",
        "| vault | records | workers (ever) | busiest worker | one-to-one words (median) "
        "| sealed records / PDFs | file size | build |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for size, m in manifests:
        lines.append(
            f"| {size} | {m.records:,} | {m.workers} | {m.busiest_worker_records} records "
            f"| {m.one_to_one_words_median:,} | {m.sealed_records:,} / {m.sealed_documents:,} "
            f"| {m.vault_bytes / 1e6:,.0f} MB | {m.build_seconds:.0f} s |"
        )
    lines += ["", NOTES, "## Figures", ""]
    for size in [s for s, _ in manifests] + ["any"]:
        chosen = [r for r in rows if r.size == size]
        if not chosen:
            continue
        lines += [
            f"### {size if size != 'any' else 'Independent of vault size'}",
            "",
            "| measure | figure | floor | floor figure | ratio | load | command |",
            "|---|---|---|---|---|---|---|",
        ]
        for r in chosen:
            lines.append(
                f"| {r.name} | {r.figure} | {r.floor_name} | {r.floor} | {r.ratio} | {r.load} "
                f"| {r.command} |"
            )
        notes = sorted({r.note for r in chosen if r.note})
        lines += [""] + [f"- {n}" for n in notes] + ([""] if notes else [])
    sizes = [s for s, _ in manifests]
    lines += [
        "## Growth",
        "",
        "Median of each figure by vault size (ms; memory in MB).",
        "",
        "| measure | " + " | ".join(sizes) + " |",
        "|---|" + "---|" * len(sizes),
    ]
    names = list(dict.fromkeys(_key(r.name) for r in rows if r.size in sizes))
    for name in names:
        cells = []
        for size in sizes:
            found = next((r for r in rows if r.size == size and _key(r.name) == name), None)
            cells.append("" if found is None or found.p50 is None else f"{found.p50:.1f}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.report")
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--quick", action="store_true", help="1 and 10 years")
    mode.add_argument("--full", action="store_true", help="1, 10 and 30 years")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument(
        "--years", type=float, nargs="+", help="these vault sizes instead (trying it out)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    years = args.years or [1.0, 10.0] + ([30.0] if args.full else [])
    manifests: list[tuple[str, Manifest]] = []
    rows: list[Row] = []
    for y in years:
        size, manifest, found = run_size(y, args.runs)
        manifests.append((size, manifest))
        rows += found
        # Written after each size, so a long run leaves what it has measured.
        args.out.write_text(render(manifests, rows, "full" if args.full else "quick"))
    print("[any] typing, seal, soffice…", file=sys.stderr, flush=True)
    rows += measure("any", "typing", WORK / f"{manifests[0][0]}", args.runs)
    rows += seal_bench("any")
    rows += soffice("any")
    args.out.write_text(render(manifests, rows, "full" if args.full else "quick"))
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    start = time.monotonic()
    code = main()
    print(f"took {time.monotonic() - start:.0f} s", file=sys.stderr)
    raise SystemExit(code)
