"""Take the session editor's and the quick decision's screenshots from the real widgets.

Run under a virtual display, once per window size the README shows::

    xvfb-run -a -s "-screen 0 1366x768x24" uv run python docs/screenshots/take_editor.py
    xvfb-run -a -s "-screen 0 1024x640x24" uv run python docs/screenshots/take_editor.py --small

``--small``: 1024x640 with the app's text at 150%, named ``*-small.png``.

A throwaway vault of made-up people is made in a temporary folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date, time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

OUT = Path(__file__).resolve().parent
PASSPHRASE = "violet tractor sandwich lagoon"  # noqa: S105 (a throwaway vault for pictures)
SMALL = "--small" in sys.argv
SCALE = 1.5 if SMALL else 1.0


def _name(name: str) -> str:
    return name.replace(".png", "-small.png") if SMALL else name


def _settle(ms: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _save(widget: QWidget, name: str) -> None:
    _settle()
    widget.grab().save(str(OUT / _name(name)), "PNG")
    sys.stdout.write(f"wrote {_name(name)}\n")


def main() -> int:  # noqa: PLR0915 (a script that sets a scene)
    temp = Path(tempfile.mkdtemp(prefix="supnotes-shots-"))
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR", "XDG_STATE_HOME"):
        os.environ[var] = str(temp / var.lower())
        (temp / var.lower()).mkdir(mode=0o700)

    from supnotes.domain.actions import Action, ActionStatus
    from supnotes.domain.cases import CaseDiscussion
    from supnotes.domain.decisions import Decision
    from supnotes.domain.group import Attendee, AttendeeRole
    from supnotes.domain.ids import new_id
    from supnotes.domain.people import Stage, Worker
    from supnotes.domain.template_loader import default_library
    from supnotes.spelling import HunspellEngine
    from supnotes.ui.access.lock import LockController
    from supnotes.ui.editor.context import EditorContext
    from supnotes.ui.editor.launch import Editors
    from supnotes.ui.editor.quick_decision import build_quick_decision_dialog
    from supnotes.ui.shell.app import make_application
    from supnotes.ui.shell.theme import Appearance
    from supnotes.ui.widgets import SpellService
    from supnotes.vault.kdf import TEST_PARAMS
    from supnotes.vault.repositories.personal_words import VaultPersonalDictionary
    from supnotes.vault.repositories.record_lists import RecordListRepository
    from supnotes.vault.repositories.records import RecordRepository
    from supnotes.vault.repositories.workers import WorkerRepository
    from supnotes.vault.vault import Vault

    app: QApplication = make_application()
    appearance = Appearance(app)
    theme = next((a for a in sys.argv[1:] if not a.startswith("--")), "light")  # e.g. "dark"
    appearance.apply(theme, SCALE)
    vault, _ = Vault.create(temp / "vault", PASSPHRASE, kdf_params=TEST_PARAMS)
    priya = Worker(
        "w-priya", "Priya Shah", "Social worker", "CIN North", date(2023, 9, 4), Stage.QUALIFIED
    )
    tom = Worker("w-tom", "Tom Ellis", "Social worker", "CIN North", date(2025, 11, 3), Stage.ASYE)
    ama = Worker(
        "w-ama", "Ama Mensah", "Senior practitioner", "CIN North", date(2019, 4, 1), Stage.QUALIFIED
    )
    for worker in (priya, tom, ama):
        WorkerRepository(vault).save(worker)
    library = default_library()
    records = RecordRepository(vault)
    lists = RecordListRepository(vault)
    earlier = records.create(
        library.get("one-to-one"), worker_id=priya.id, held_on=date(2026, 10, 22)
    )
    for text, owner, due in (
        ("Book the family group conference for C-104233", "Priya", date(2026, 11, 5)),
        ("Chase the health visitor's report", "Priya", date(2026, 11, 12)),
        ("Ask HR about the rota change", "Sam", date(2026, 11, 19)),
    ):
        lists.save_action(Action(new_id(), earlier.record.id, text, owner, due))

    content = records.create(
        library.get("one-to-one"),
        worker_id=priya.id,
        held_on=date(2026, 11, 19),
        start_time=time(14, 0),
        end_time=time(15, 30),
    )
    rid = content.record.id
    answers = {
        "agenda.items": "Priya: court statement for the Shah children; her leave in December.\n"
        "Sam: the two new allocations; the audit of visits.",
        "wellbeing.wellbeing": "Tired after the final hearing last week but says she feels "
        "supported by the team. The visit on Tuesday stayed with her; we talked about what "
        "helped her manage it.",
        "wellbeing.stress-scale": 6,
        "workload.caseload": "17",
        "workload.capacity": "At capacity",
        "workload.workload-notes": "Two assessments are out of timescale because of court. "
        "Agreed to pause the recieve-and-review of the closed cases until January.",
    }
    for key, value in answers.items():
        records.save_answer(rid, key, value)
    lists.save_case_discussion(
        CaseDiscussion(
            new_id(),
            rid,
            "C-104233",
            update="Strategy meeting held on 12 November; the children are staying with their "
            "grandmother under a safety plan.",
            childs_voice="Amir (9) said he feels safe at Nan's and wants to see his mum at the "
            "contact centre.",
            worries="Mother's drinking when stressed; the older child's school attendance.",
            working_well="Grandmother is protective and works openly with the plan.",
            decision="Continue the child protection plan; review at the core group.",
            rationale="Risks are reduced but not yet sustained over time.",
            review_date=date(2026, 12, 10),
        )
    )
    lists.save_decision(
        Decision(
            new_id(),
            rid,
            "C-104233",
            "Family group conference to be held",
            "Widen the network of support",
        )
    )
    lists.save_action(
        Action(new_id(), rid, "Send the safety plan to school", "Priya", date(2026, 11, 26))
    )

    group = records.create(
        library.get("group-reflecting-team"), worker_id=None, held_on=date(2026, 11, 20)
    )
    for position, (worker, role) in enumerate(
        ((ama, AttendeeRole.CHAIR), (tom, AttendeeRole.PRESENTER), (priya, AttendeeRole.MEMBER))
    ):
        lists.save_attendee(
            Attendee(new_id(), group.record.id, worker.name, role, worker.id, position)
        )

    group_keys = library.get("group-reflecting-team").answer_keys()
    for key, text in zip(
        group_keys,
        (
            "How do I keep the father involved when he will only talk to me by text?",
            "C-311872: three children, long history of neglect; father recently back in the "
            "family home.",
        ),
        strict=False,
    ):
        records.save_answer(group.record.id, key, text)

    folder = temp / "vault"
    lock = LockController(app, folder)
    lock.set_vault(vault)
    personal = VaultPersonalDictionary(vault)
    spelling = SpellService(personal, engine_factory=HunspellEngine)
    spelling.load_now()
    editors = Editors(EditorContext(lock, spelling, library, personal))

    editor = editors.open_editor(rid)
    review = editor.form.review
    assert review is not None
    review.set_outcome(0, ActionStatus.DONE)
    editor.autosave.flush_now()
    editor.outline.setCurrentRow(0)
    _save(editor, "editor-one-to-one.png")
    editor.outline.setCurrentRow(4)
    _save(editor, "editor-one-to-one-cases.png")
    editor.close()

    group_editor = editors.open_editor(group.record.id)
    _save(group_editor, "editor-group.png")
    group_editor.close()

    dialog = build_quick_decision_dialog(
        vault, [ama, priya, tom], library, tom.id, spelling=spelling
    )
    dialog.show()
    dialog.child_ref.set_text("C-200117")
    dialog.decision.set_text("No further action on the school's referral.")
    dialog.not_to_act.setChecked(True)
    dialog.rationale.set_text("Mother engaged well; school reports attendance back to 96%.")
    dialog.action.set_text("Write to the school with the outcome")
    dialog.action_owner.set_text("Tom")
    _save(dialog, "quick-decision.png")
    dialog.close()

    from supnotes.ui.common import operations
    from supnotes.ui.sealing.review_dialog import build_review_dialog

    review_dialog = build_review_dialog(vault, rid)
    review_dialog.show()
    _settle()
    while operations.busy() or not review_dialog.pages_layout.count():
        _settle(100)
    review_dialog.form.name.setText("Priya Shah")
    review_dialog.form.has_read.setChecked(True)
    review_dialog.form.agree.setChecked(True)
    _save(review_dialog, "review-and-seal.png")
    review_dialog.close()
    lock.close_vault()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
