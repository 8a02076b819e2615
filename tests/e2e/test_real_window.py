"""A supervisor's day in the real program, on a real X server, by keyboard alone.

The program runs as a subprocess (``python -m supnotes --vault …``) on Xvfb
with openbox as window manager and Qt on xcb; every step is a real key event
from xdotool. Afterwards the vault is opened with the real code (the typed
text is there, the record is sealed) and the exported PDFs are checked with
the real verify code. On failure the screenshots taken along the way are kept
in a folder whose path the failure message gives.

Windows are waited for by polling their titles; where a key's effect shows
no window until the program has loaded something (a worker's records, search
results, sealing), the key is pressed again until the window comes. The two
short pauses left are for the worker list and the review's preview to load.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from supnotes.domain.people import Stage, Worker
from supnotes.domain.records import RecordStatus
from supnotes.domain.template_loader import default_library
from supnotes.pdf.verify import verify_pdf
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Unlock, Vault
from tests.e2e.xsession import Keyboard, SessionError, XSession
from tests.tools import need_command

PASSPHRASE = "correct horse battery staple"
WORKER = Worker(
    "0d9c2a44-8d65-4d3f-9a1e-6c1f1b0c2e11",
    "Priya Raman",
    "Social Worker",
    "North",
    date(2025, 1, 6),
    Stage.QUALIFIED,
)
OTHER = Worker(
    "1d9c2a44-8d65-4d3f-9a1e-6c1f1b0c2e12",
    "Amara Bello",
    "Social Worker",
    "North",
    date(2024, 3, 6),
    Stage.QUALIFIED,
)
DRAFT_TEXT = "Caseload review, started last week"
TYPED = {
    "draft": " Kestrel follow-up agreed",
    "agenda": "Caseload and the kestrel project",
    "wellbeing": "Tired but coping well",
    "child": "C-4417",
    "update": "School attendance improved",
    "decision": "Keep the plan at child in need",
    "rationale": "Progress is steady",
    "action": "Book the strategy meeting",
}


def _make_vault(folder: Path) -> str:
    """A vault with two workers and one draft of Priya's; returns the draft's id."""
    vault, _ = Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS)
    with vault:
        WorkerRepository(vault).save(WORKER)
        WorkerRepository(vault).save(OTHER)
        records = RecordRepository(vault)
        draft = records.create(
            default_library().get("one-to-one"), worker_id=WORKER.id, held_on=date(2026, 11, 2)
        )
        records.save_answer(draft.record.id, "agenda.items", DRAFT_TEXT)  # not an empty draft
        SettingsStore(vault).set("profile.name", "Sam Okafor")
        return draft.record.id


@pytest.fixture
def session(tmp_path: Path) -> Iterator[XSession]:
    for name, package in (
        ("Xvfb", "xvfb"),
        ("xdotool", "xdotool"),
        ("openbox", "openbox"),
        ("xprop", "x11-utils"),
        ("import", "imagemagick"),
    ):
        need_command(name, package)
    x = XSession()
    try:
        x.start(tmp_path)
        yield x
    finally:
        x.stop()


@pytest.mark.slow
def test_a_supervisors_day_by_keyboard_alone(tmp_path: Path, session: XSession) -> None:
    folder, out, shots = tmp_path / "vault", tmp_path / "out", tmp_path / "screenshots"
    out.mkdir()
    draft_id = _make_vault(folder)
    log = (tmp_path / "program.log").open("w")
    program = subprocess.Popen(
        [sys.executable, "-m", "supnotes", "--vault", str(folder)],
        env=session.env(tmp_path),
        cwd=tmp_path,  # where a file dialog would start: never the repository
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    keys = Keyboard(session.display, shots)
    step = "start"
    try:
        step = "unlock"
        keys.wait_window("Unlock SupNotes", 60)
        keys.screenshot(step)
        keys.type(PASSPHRASE)
        keys.key("Return")
        keys.wait_gone("Unlock SupNotes")
        keys.wait_window("SupNotes")
        time.sleep(2.5)  # the worker list loads off the UI thread
        keys.screenshot(step)

        step = "find a worker and open their latest draft"
        keys.type("Pri")  # type-ahead in the worker list, which has the keyboard
        keys.key("Return")  # Enter on a worker: to their records, on the newest
        keys.screenshot(step)
        # Enter on a record opens it; pressed again only if the records were
        # still loading (Enter on a worker again is harmless).
        keys.wait_window_after("Return", "SN-2026-0001", 60)
        keys.key("ctrl+Next", "ctrl+End")  # to the agenda, the end of its text
        keys.type(TYPED["draft"])
        keys.screenshot(step)
        keys.key("ctrl+s", "ctrl+w")
        keys.wait_gone("SN-2026-0001")

        step = "new one-to-one"
        keys.key("ctrl+n")
        keys.wait_window("New session")
        keys.screenshot(step)
        keys.key("Return")
        keys.wait_window("SN-2026-0002")

        step = "type into several sections"
        keys.key("ctrl+Next")  # Agenda
        keys.type(TYPED["agenda"])
        keys.key("ctrl+Next", "ctrl+Next")  # past the review of earlier actions to Wellbeing
        keys.type(TYPED["wellbeing"])
        keys.screenshot(step)

        step = "a case discussion with a decision and an action"
        keys.key("ctrl+shift+k")  # add a child: the cursor is in its reference
        keys.type(TYPED["child"])
        keys.key("Tab")
        keys.type(TYPED["update"])
        keys.key("Tab", "Tab", "Tab", "Tab", "Tab")  # voice, worries, working well, analysis
        keys.type(TYPED["decision"])
        keys.key("Tab")
        keys.type(TYPED["rationale"])
        keys.screenshot(step)
        keys.key("ctrl+Next", "ctrl+Next", "ctrl+Next")  # learning, organisation, actions
        keys.key("Insert")  # a new action row, typing in its first cell
        keys.type(TYPED["action"])
        keys.key("Return")
        keys.screenshot(step)
        keys.key("ctrl+s")

        step = "review and sign"
        keys.key("ctrl+shift+r")
        keys.wait_window("Review and seal")
        time.sleep(1.0)  # the preview renders off the UI thread
        keys.key("alt+n")
        keys.type(WORKER.name)
        keys.key("alt+r", "alt+a")  # has read, agrees
        keys.screenshot(step)
        keys.key("alt+s")
        # Sealing signs two PDFs off the UI thread, then puts the keyboard on
        # the first Export button. Until then Return meets the disabled Seal
        # button and does nothing, so it is pressed until the export dialog opens.
        keys.wait_window_after("Return", "Export signed PDF", 90)
        keys.screenshot(step)

        step = "export both PDFs"
        for n, name in enumerate(("supervision-file.pdf", "child-record.pdf")):
            if n:
                keys.key("Tab", "Return")  # the next export button
                keys.wait_window("Export signed PDF")
            keys.key("ctrl+a")
            keys.type(str(out / name))
            keys.screenshot(step)
            keys.key("Return")
            keys.wait_gone("Export signed PDF")
            _wait_file(out / name)
        keys.screenshot(step)
        keys.key("Escape")
        keys.wait_gone("Review and seal")
        keys.key("ctrl+w")
        keys.wait_gone("SN-2026-0002")

        step = "search for a typed word and open the result"
        keys.key("ctrl+f")
        keys.type("kestrel")
        keys.key("Return")
        keys.key("Down")  # to the results (once they are in)
        keys.screenshot(step)
        # Enter on the result opens it (in the search box, Enter searches again
        # and the results take the keyboard when they are in).
        keys.wait_window_after("Return", "SN-2026-000", 60)
        keys.screenshot(step)
        keys.key("ctrl+w")
        keys.wait_gone("SN-2026-000")

        step = "lock and unlock"
        keys.key("ctrl+l")
        keys.wait_window("SupNotes is locked")
        keys.screenshot(step)
        keys.type(PASSPHRASE)
        keys.key("Return")
        keys.wait_gone("SupNotes is locked")
        keys.wait_window("SupNotes")

        step = "quit"
        keys.key("ctrl+q")
        program.wait(timeout=60)
    except (SessionError, subprocess.TimeoutExpired) as exc:
        keys.screenshot("failed")
        pytest.fail(
            f"step {step!r}: {exc}\nscreenshots: {shots}\n"
            f"program output: {tmp_path / 'program.log'}"
        )
    finally:
        if program.poll() is None:
            program.terminate()
            program.wait(timeout=30)
        log.close()
    assert program.returncode == 0, f"screenshots: {shots}"
    _check_vault(folder, draft_id, shots)
    _check_exports(out, shots)
    print(f"screenshots of the walk: {shots}")


def _wait_file(path: Path) -> None:
    deadline = time.monotonic() + 30
    while not (path.exists() and path.stat().st_size) and time.monotonic() < deadline:
        time.sleep(0.1)


def _check_vault(folder: Path, draft_id: str, shots: Path) -> None:
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault:
        records = RecordRepository(vault)
        draft = records.get(draft_id)
        assert draft.record.answers["agenda.items"] == DRAFT_TEXT + TYPED["draft"], shots
        [new] = [r for r in records.ids() if r != draft_id]
        content = records.get(new)
        assert content.record.status is RecordStatus.SIGNED, shots
        assert content.record.answers["agenda.items"] == TYPED["agenda"]
        assert content.record.answers["wellbeing.wellbeing"] == TYPED["wellbeing"]
        [case] = content.case_discussions
        assert case.child_ref == TYPED["child"]
        assert case.update == TYPED["update"]
        assert case.decision == TYPED["decision"]
        assert case.rationale == TYPED["rationale"]
        assert [a.text for a in content.actions] == [TYPED["action"]]


def _check_exports(out: Path, shots: Path) -> None:
    for name in ("supervision-file.pdf", "child-record.pdf"):
        path = out / name
        assert path.exists(), (name, shots)
        report = verify_pdf(path.read_bytes())
        assert report.ok, (name, report.reasons())
        assert [s.signer_name for s in report.signatures][:1] == ["Sam Okafor"], name
