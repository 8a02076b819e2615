"""In-process measurements on a generated vault, each beside its floor, as JSON.

    uv run python -m tests.bench.measure NAME VAULT_FOLDER [--runs N]

Run by :mod:`tests.bench.report` in a fresh process per measurement (so one
cannot warm another's caches); NAME is one of :data:`MEASURES`. Prints one
JSON object: ``{"figures": [{"name", "samples_ms", "floor_name",
"floor_samples_ms", "note"}...]}``. Figure and floor are interleaved, run by
run, so a change in the machine's load touches both alike.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, cast

from supnotes.vault.vault import Unlock, Vault
from tests.bench.vaultgen import PASSPHRASE, Manifest

# The search panel's limit and first snippets (supnotes.ui.views.search_view's
# RESULT_LIMIT and FIRST_SNIPPETS) are read there at run time, so the figures
# follow the app.
COMMON = ["mum", "school", "visit", "assessment"]
PHRASES = ['"court statement"', '"core group"', '"strategy meeting"']
PREFIXES = ["viab*", "assess*", "grand*"]


@dataclass
class Figure:
    name: str
    samples_ms: list[float] = field(default_factory=list)
    floor_name: str = ""
    floor_samples_ms: list[float] = field(default_factory=list)
    note: str = ""


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def manifest_for(folder: Path) -> Manifest:
    """The manifest beside a cached vault (…/manifest.json) or a copy (DIR.manifest.json)."""
    for path in (folder.parent / "manifest.json", folder.with_name(folder.name + ".manifest.json")):
        if path.exists():
            return Manifest.load(path)
    raise SystemExit(f"no manifest beside {folder}")


def open_vault(folder: Path) -> Vault:
    return Vault.open(folder, Unlock(passphrase=PASSPHRASE))


# -- unlock -------------------------------------------------------------------


def unlock(folder: Path, runs: int) -> list[Figure]:
    from supnotes.vault.keyfile import KeyFile
    from supnotes.vault.paths import VaultPaths

    figure = Figure(
        "unlock, normal (Argon2id + open + checks)",
        floor_name="Argon2id key derivation alone",
    )
    keyfile = VaultPaths(folder).keyfile
    for _ in range(runs):
        t0 = time.perf_counter()
        KeyFile.load(keyfile).unlock_with_passphrase(PASSPHRASE)
        figure.floor_samples_ms.append(_ms(t0))
        t0 = time.perf_counter()
        open_vault(folder).close()
        figure.samples_ms.append(_ms(t0))
    return [figure]


def _crash(folder: Path) -> None:
    """Open the vault in a child process and SIGKILL it, as a crash or power cut leaves it."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.bench.measure", "hold", str(folder)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line.strip() == "open", line
    os.kill(child.pid, signal.SIGKILL)
    child.wait()


def hold(folder: Path, runs: int) -> list[Figure]:
    del runs
    vault = open_vault(folder)
    with vault.transaction() as conn:  # a write, so the log has something in it
        conn.execute("UPDATE setting SET updated_at = updated_at WHERE 0")
    print("open", flush=True)
    time.sleep(3600)
    return []


def unlock_after_crash(folder: Path, runs: int) -> list[Figure]:
    figure = Figure(
        "unlock after an unclean exit (SIGKILL while open)",
        floor_name="normal unlock, same vault",
    )
    seen = 0
    for _ in range(runs):
        _crash(folder)
        t0 = time.perf_counter()
        vault = open_vault(folder)
        figure.samples_ms.append(_ms(t0))
        seen += vault.recovered_from_crash
        vault.close()
        t0 = time.perf_counter()
        open_vault(folder).close()
        figure.floor_samples_ms.append(_ms(t0))
    figure.note = f"the vault saw the unclean exit (recovered_from_crash) in {seen} of {runs} runs"
    return [figure]


# -- search -------------------------------------------------------------------


class PlainVault:
    """Just enough of :class:`Vault` for search, over an unencrypted SQLite copy."""

    read_only = True

    def __init__(self, path: Path) -> None:
        import sqlcipher3

        self.conn = sqlcipher3.connect(str(path))
        # As the app's connection writes: write-ahead log, a full sync at commit.
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = FULL")

    def query(self, sql: str, params: Any = ()) -> list[tuple[object, ...]]:
        return list(self.conn.execute(sql, params).fetchall())

    @contextmanager
    def exclusive(self) -> Iterator[Any]:
        yield self.conn


def plain_copy(folder: Path) -> Path:
    """An unencrypted copy of the vault's database (made once, kept beside it)."""
    target = folder.with_name(folder.name + ".plain.db")
    if target.exists():
        return target
    partial = target.with_name(target.name + f".{os.getpid()}")
    partial.unlink(missing_ok=True)
    with open_vault(folder) as vault:
        vault.conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(partial),))
        vault.conn.execute("SELECT sqlcipher_export('plain')")
        vault.conn.execute("DETACH DATABASE plain")
    partial.rename(target)
    return target


def queries(folder: Path) -> list[tuple[str, str]]:
    """(kind, query): common and rare words, a child, names, phrases and prefixes."""
    from tests.bench.vaultgen_text import vocabulary

    manifest = manifest_for(folder)
    words = vocabulary(manifest.seed)
    surname = manifest.busiest_worker_name.split()[-1]
    found: list[tuple[str, str]] = [("common word", w) for w in COMMON]
    found += [("rare word", words.rank(r)) for r in (30_000, 45_000)]
    found += [("child reference", manifest.busiest_child_ref)]
    found += [("name", surname), ("name", manifest.busiest_worker_name)]
    found += [("phrase", p) for p in PHRASES]
    found += [("prefix", p) for p in PREFIXES]
    found += [("two words", "grandmother viability")]
    return found


def search(folder: Path, runs: int) -> list[Figure]:
    """What the search panel waits for, its second pass, and the panel itself.

    The panel (``supnotes.ui.views.search_view``) asks ``run_search`` for its
    ``RESULT_LIMIT`` best hits with the snippets of the first
    ``FIRST_SNIPPETS`` (more than a screenful), shows them, then fills in the
    other snippets off the UI thread (``rest_of_snippets``). Each of the three
    is measured here under its own name.
    """
    from supnotes.ui.views.search_view import FIRST_SNIPPETS, RESULT_LIMIT, rest_of_snippets
    from supnotes.ui.views.search_view import run_search as panel_search
    from supnotes.vault.search import SearchFilters

    plain = cast(Vault, PlainVault(plain_copy(folder)))
    asked = queries(folder)
    everything = SearchFilters()
    waited = Figure(
        f"search as the panel waits for it: {len(asked)} typical queries, the best "
        f"{RESULT_LIMIT} hits ranked, snippets for the first {FIRST_SNIPPETS} (run_search)",
        floor_name="the same search code on an unencrypted SQLite copy",
        note="queries: " + ", ".join(f"{q} ({k})" for k, q in asked),
    )
    second = Figure(
        f"search, the panel's second pass off the UI thread: the snippets of hits "
        f"{FIRST_SNIPPETS + 1}-{RESULT_LIMIT} (rest_of_snippets, same queries)",
        floor_name="the same search code on an unencrypted SQLite copy",
    )
    with open_vault(folder) as vault:
        for _, query in asked:  # warm both, as a session in use is
            panel_search(vault, query, everything)
            panel_search(plain, query, everything)
        for _ in range(runs):
            for _, query in asked:
                for target, samples in (
                    (vault, waited.samples_ms),
                    (plain, waited.floor_samples_ms),
                ):
                    t0 = time.perf_counter()
                    hits = panel_search(target, query, everything)
                    samples.append(_ms(t0))
                    t0 = time.perf_counter()
                    rest_of_snippets(target, query, hits)
                    (second.samples_ms if target is vault else second.floor_samples_ms).append(
                        _ms(t0)
                    )
        panel = _search_panel(vault, [q for _, q in asked], runs)
    return [waited, second, panel]


def _search_panel(vault: Vault, asked: list[str], runs: int) -> Figure:
    """The real search panel, offscreen: Enter to the results painted."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from supnotes.ui.views.search_view import SearchPanel
    from supnotes.ui.views.search_view import run_search as panel_search
    from supnotes.vault.search import SearchFilters

    app = QApplication.instance() or QApplication([])
    figure = Figure(
        "search in the panel: Enter to the first results painted (offscreen SearchPanel, "
        "same queries)",
        floor_name="run_search alone (what the panel waits for), same vault",
    )
    panel = SearchPanel()
    panel.resize(800, 560)
    panel.show()
    panel.bind(vault)

    def shown(query: str) -> float:
        loop = QEventLoop()
        panel.searched.connect(loop.quit)
        QTimer.singleShot(120_000, loop.quit)
        t0 = time.perf_counter()
        panel.search(query)
        loop.exec()
        panel.table.viewport().repaint()
        ms = _ms(t0)
        panel.searched.disconnect(loop.quit)
        # The second pass fills the other snippets; let it finish before the next.
        while panel._snippet_loader.busy:
            app.processEvents()
            time.sleep(0.001)
        app.processEvents()
        return ms

    for query in asked:
        shown(query)
    for _ in range(runs):
        for query in asked:
            figure.samples_ms.append(shown(query))
            t0 = time.perf_counter()
            panel_search(vault, query, SearchFilters())
            figure.floor_samples_ms.append(_ms(t0))
    panel.unbind()
    panel.close()
    return figure


# -- workers ------------------------------------------------------------------

_FLOOR_THREAD = (
    "SELECT r.id, r.reference, r.held_on, r.kind, r.template_id, r.template_version, r.status "
    "FROM record r WHERE r.id IN (SELECT id FROM record WHERE worker_id = ? "
    "UNION SELECT record_id FROM attendee WHERE worker_id = ?) "
    "ORDER BY r.held_on DESC, r.n DESC"
)
_FLOOR_LIST = (
    "SELECT w.id, w.name, max(r.held_on), count(r.id) FROM worker w "
    "LEFT JOIN record r ON r.worker_id = w.id GROUP BY w.id"
)


def worker_queries(folder: Path, runs: int) -> list[Figure]:
    from supnotes.vault.repositories.overview import OverviewRepository
    from supnotes.vault.repositories.records import RecordRepository
    from supnotes.vault.repositories.thread import ThreadRepository

    manifest = manifest_for(folder)
    busiest = manifest.busiest_worker_id
    label = f"{manifest.busiest_worker_records} records"
    thread = Figure(
        f"opening the busiest worker ({label}): ThreadRepository.for_worker",
        floor_name="the same rows by a non-correlated query (UNION of own and attended)",
    )
    summaries = Figure(
        f"the busiest worker's record summaries ({label}): RecordRepository.summaries",
        floor_name="the same rows by a non-correlated query",
    )
    listing = Figure(
        f"the worker list ({manifest.workers} workers): OverviewRepository.standings",
        floor_name="workers with their last record date and count, one GROUP BY",
    )
    today = date.today()
    with open_vault(folder) as vault:
        for run_number in range(runs):
            for figure, work, floor in (
                (thread, lambda: ThreadRepository(vault).for_worker(busiest), _FLOOR_THREAD),
                (
                    summaries,
                    lambda: RecordRepository(vault).summaries(worker_id=busiest),
                    _FLOOR_THREAD,
                ),
                (listing, lambda: OverviewRepository(vault).standings(today), _FLOOR_LIST),
            ):
                params: tuple[object, ...] = (busiest, busiest) if floor is _FLOOR_THREAD else ()
                # Figure and floor take turns going first, so neither always
                # finds the pages the other just read in the page cache.
                pair = [
                    (work, figure.samples_ms),
                    (lambda f=floor, p=params: vault.query(f, p), figure.floor_samples_ms),
                ]
                for run, samples in pair if run_number % 2 == 0 else reversed(pair):
                    t0 = time.perf_counter()
                    run()
                    samples.append(_ms(t0))
    return [thread, summaries, listing]


def window(folder: Path, runs: int) -> list[Figure]:
    """The real main window, offscreen: selecting a worker to a filled thread table."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QTableView

    from supnotes.ui.shell.controller import AppController
    from supnotes.ui.shell.machine_state import MachineState
    from supnotes.ui.shell.theme import Appearance
    from supnotes.ui.views.thread_view import ThreadPanel
    from supnotes.ui.views.worker_list import WorkerListPanel

    manifest = manifest_for(folder)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    vault = open_vault(folder)
    controller = AppController(app, folder, machine=MachineState(), appearance=Appearance(app))

    def wait(
        signal_owner: Callable[[Callable[[], None]], object], start: Callable[[], object]
    ) -> float:
        loop = QEventLoop()
        signal_owner(loop.quit)
        QTimer.singleShot(120_000, loop.quit)
        t0 = time.perf_counter()
        start()
        loop.exec()
        return _ms(t0)

    from supnotes.vault.repositories.workers import WorkerRepository

    others = [
        w.id
        for w in WorkerRepository(vault).all(include_left=False)
        if w.id != manifest.busiest_worker_id
    ]
    other = others[0] if others else None
    first_load = Figure("main window on the open vault: vault_ready to worker list shown")
    holder: list[object] = []

    def ready() -> None:
        controller.vault_ready(vault)
        holder.append(controller.window)

    # The window is made inside vault_ready: wait for its worker list's first rows.
    first_load.samples_ms.append(_window_first_load(app, controller, ready))
    window = controller.window
    assert window is not None
    workers = window.findChild(WorkerListPanel)
    thread = window.findChild(ThreadPanel)
    assert workers is not None
    assert thread is not None
    app.processEvents()
    selecting = Figure(
        f"opening the busiest worker in the window ({manifest.busiest_worker_records} records): "
        "select to the filled table painted with its columns fitted",
        floor_name="the non-correlated floor query alone",
    )
    listing = Figure(
        f"the worker list in the window ({manifest.workers} workers): reload to rows shown",
    )
    table = thread.findChild(QTableView)
    assert table is not None
    for _ in range(runs):
        # (Selecting the worker already selected loads nothing: no wait for it.)
        if other is not None and workers.selected_worker_id() != other:
            _select_to_painted(app, thread, table, lambda: workers.select_worker(other))
        ms = _select_to_painted(
            app, thread, table, lambda: workers.select_worker(manifest.busiest_worker_id)
        )
        selecting.samples_ms.append(ms)
        t0 = time.perf_counter()
        vault.query(_FLOOR_THREAD, (manifest.busiest_worker_id, manifest.busiest_worker_id))
        selecting.floor_samples_ms.append(_ms(t0))
        listing.samples_ms.append(wait(workers.loaded.connect, workers.reload))
    window.close()
    if controller.lock is not None:
        controller.lock.close_vault()
    return [first_load, selecting, listing]


def _select_to_painted(app: Any, thread: Any, table: Any, select: Callable[[], object]) -> float:
    """Select a worker; stop once their records are painted, columns fitted, nothing pending.

    The panel's ``loaded`` alone is not what the user sees: the clock stops
    at the end of the first paint of the table's rows after ``loaded``, and
    not before any column fit still waiting has run. Events left queued are
    then run; a repaint of the rows among them (a fit that changed widths, a
    deferred layout, a scroll bar appearing) moves the end to it.
    """
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer

    seen = {"loaded": False, "painted": False, "again": False}

    class Paints(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
            if event.type() == QEvent.Type.Paint and seen["loaded"]:
                seen["again"] = seen["painted"]
                seen["painted"] = True
            return False

    def loaded() -> None:
        seen["loaded"] = True

    paints = Paints()
    table.viewport().installEventFilter(paints)
    thread.loaded.connect(loaded)
    # Sleeps between events (as the app's own loop does) rather than spin;
    # the ticking timer only makes sure the loop looks again now and then.
    ticking = QTimer()
    ticking.start(20)
    deadline = time.monotonic() + 120
    t0 = time.perf_counter()
    select()

    def settled() -> bool:
        # A worker without records shows a line of text instead of the table.
        shown = seen["painted"] or (seen["loaded"] and not table.isVisible())
        return shown and not thread.columns.pending

    while not settled() and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    ms = _ms(t0)
    ticking.stop()
    # What the first paint left queued (a deferred layout, a scroll bar that
    # appears, a fit it asks for) runs now; if the rows are painted again, the
    # user waited for that paint too.
    for _ in range(20):
        seen["again"] = False
        app.processEvents()
        if not seen["again"] and not thread.columns.pending:
            break
        ms = _ms(t0)
    thread.loaded.disconnect(loaded)
    table.viewport().removeEventFilter(paints)
    app.processEvents()
    return ms


def _window_first_load(app: Any, controller: Any, ready: Callable[[], None]) -> float:
    from supnotes.ui.views.worker_list import WorkerListPanel

    t0 = time.perf_counter()
    ready()
    window = controller.window
    panel = window.findChild(WorkerListPanel) if window is not None else None
    deadline = time.monotonic() + 120
    while panel is not None and panel.model.rowCount() == 0 and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.001)
    return _ms(t0)


def typing(folder: Path, runs: int) -> list[Figure]:
    """Keystroke to repainted screen: the app's spell-checked field vs a bare QPlainTextEdit."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QPaintEvent, QTextCursor
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget

    from supnotes.spelling import HunspellEngine, InMemoryPersonalDictionary
    from supnotes.ui.widgets import LongTextField, SpellService
    from tests.bench.vaultgen_text import Prose, vocabulary

    app = QApplication.instance() or QApplication([])
    import random

    note = Prose(random.Random(1), vocabulary(1), ["Priya Halloran"], ["C-104233"]).words(4000)
    painted: dict[int, float] = {}

    class Bare(QPlainTextEdit):
        def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
            super().paintEvent(event)
            painted[id(self)] = time.perf_counter()

    class Field(LongTextField):
        def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
            super().paintEvent(event)
            painted[id(self)] = time.perf_counter()

    spelling = SpellService(InMemoryPersonalDictionary(), engine_factory=HunspellEngine)
    spelling.load_now()
    field = Field(spelling)
    field.set_text(note)
    bare = Bare()
    bare.setPlainText(note)
    widgets: list[QWidget] = [field, bare]
    for widget in widgets:
        widget.resize(900, 700)
        widget.show()
        assert isinstance(widget, QPlainTextEdit)
        cursor = widget.textCursor()
        cursor.setPosition(len(note) // 2)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        widget.setTextCursor(cursor)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and field.highlighter is not None:
        app.processEvents()
        if not field.highlighter.is_pass_running():
            break
    figure = Figure(
        "keystroke to screen: the editor's spell-checked field, 4,000-word note",
        floor_name="a bare QPlainTextEdit, same note and keys",
    )
    typed = "The manager agreed to recieve the updated plan. "
    for index in range(runs * 50):
        char = typed[index % len(typed)]
        for widget, samples in ((field, figure.samples_ms), (bare, figure.floor_samples_ms)):
            assert isinstance(widget, QPlainTextEdit)
            start = time.perf_counter()
            QTest.keyClicks(widget, char)
            widget.viewport().repaint()
            samples.append((painted.get(id(widget), start) - start) * 1000)
            app.processEvents()
    return [figure]


def autosave(folder: Path, runs: int) -> list[Figure]:
    """One answer saved to a draft one-to-one, as autosave does, vs the same write unencrypted."""
    from supnotes.vault.repositories.records import RecordRepository
    from supnotes.vault.repositories.rows import answer_json

    plain = PlainVault(plain_copy(folder))
    figure = Figure(
        "autosave commit: one ~2,000-word answer of a draft one-to-one (save_answer)",
        floor_name="the same UPDATE and commit on an unencrypted copy",
    )
    with open_vault(folder) as vault:
        (record_id,) = vault.query(
            "SELECT id FROM record WHERE status = 'draft' AND template_id = 'one-to-one' "
            "ORDER BY held_on DESC LIMIT 1"
        )[0]
        records = RecordRepository(vault)
        key = "workload.workload-notes"
        text = str(records.get(str(record_id)).record.answers.get(key, "")) or "note"
        for index in range(runs * 10):
            value = f"{text} {index}"
            t0 = time.perf_counter()
            records.save_answer(str(record_id), key, value)
            figure.samples_ms.append(_ms(t0))
            t0 = time.perf_counter()
            plain.conn.execute(
                "UPDATE answer SET value = ? WHERE record_id = ? AND key = ?",
                (answer_json(value), record_id, key),
            )
            plain.conn.commit()
            figure.floor_samples_ms.append(_ms(t0))
        drafts = [
            str(r[0])
            for r in vault.query(
                "SELECT id FROM record WHERE status = 'draft' AND template_id = 'one-to-one' "
                "ORDER BY held_on DESC"
            )
        ]
        # Each sample is cheap: five times the runs, so a p95 is not just the maximum.
        edits = runs * 5
        same = _search_after_edit(vault, [str(record_id)] * edits, key, text)
        spread_ids = [drafts[i % len(drafts)] for i in range(edits)]
        spread = _search_after_edit(vault, spread_ids, key, text)
    return [figure, same, spread]


def _search_after_edit(vault: Vault, record_ids: list[str], key: str, text: str) -> Figure:
    """An autosave batch as the editor's worker runs it, then the panel's search.

    The batch writes the answer and then does its bounded merge step of the
    index (``Batch.run(tidy=True)``, timed in the note); the search re-indexes
    the edited record first. A user types in one record and searches, then
    another day another record: ``record_ids`` is the same record each time, or
    the newest draft one-to-ones in turn.
    """
    from supnotes.ui.editor import saving
    from supnotes.ui.editor.autosave import Batch
    from supnotes.ui.views.search_view import run_search
    from supnotes.vault.search import SearchFilters

    records = len(set(record_ids))
    which = "the same record" if records == 1 else f"a different draft ({records} drafts) in turn"
    figure = Figure(
        f"first search after an edit, {which}: an autosaved ~2,000-word answer re-indexed, "
        "then the panel's search (run_search)",
        floor_name="the same search with the index up to date",
    )
    batches: list[float] = []
    for index, record_id in enumerate(record_ids):
        write = saving.answer(record_id, key, f"{text} edited {index}")
        t0 = time.perf_counter()
        batch = Batch([(f"answer:{key}", write)]).run(vault, tidy=True)
        batches.append(_ms(t0))
        if batch.error is not None:
            raise batch.error
        t0 = time.perf_counter()
        run_search(vault, "school", SearchFilters())
        figure.samples_ms.append(_ms(t0))
        t0 = time.perf_counter()
        run_search(vault, "school", SearchFilters())
        figure.floor_samples_ms.append(_ms(t0))
    ordered = sorted(batches)
    figure.note = (
        "the autosave batch before each search (its commit and its index merge step, on the "
        f"editor's worker thread, not waited for by the search): p50 "
        f"{ordered[len(ordered) // 2]:.1f} ms, p95 {ordered[int(len(ordered) * 0.95)]:.1f} ms, "
        f"max {ordered[-1]:.1f} ms, n={len(ordered)}"
    )
    return figure


MEASURES: dict[str, Callable[[Path, int], list[Figure]]] = {
    "unlock": unlock,
    "unlock-crash": unlock_after_crash,
    "search": search,
    "workers": worker_queries,
    "window": window,
    "typing": typing,
    "autosave": autosave,
    "hold": hold,
}


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m tests.bench.measure")
    parser.add_argument("name", choices=sorted(MEASURES))
    parser.add_argument("vault", type=Path)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args(argv)
    figures = MEASURES[args.name](args.vault, args.runs)
    print(json.dumps({"figures": [f.__dict__ for f in figures]}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
