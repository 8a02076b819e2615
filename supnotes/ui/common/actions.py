"""Every menu and toolbar command, with platform-standard shortcuts.

The actions are created here, placed by the main window and connected by the
app controller (or, for record work, by the parts that own them).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

Standard = QKeySequence.StandardKey


def _keys(standard: Standard | None, fallback: str = "") -> list[QKeySequence]:
    """The platform's binding for ``standard``, else ``fallback`` (e.g. Quit on Windows)."""
    bindings = QKeySequence.keyBindings(standard) if standard is not None else []
    if bindings:
        return list(bindings)
    return [QKeySequence(fallback)] if fallback else []


@dataclass(frozen=True)
class MainActions:
    new_session: QAction
    quick_decision: QAction
    add_worker: QAction
    edit_worker: QAction
    worker_leaves: QAction
    find: QAction
    back_up_now: QAction
    restore_backup: QAction
    check_vault: QAction
    export_vault: QAction
    export_worker: QAction
    subject_access: QAction
    send_to_organisation: QAction
    import_json: QAction
    hand_over_worker: QAction
    receive_handover: QAction
    change_passphrase: QAction
    new_recovery_key: QAction
    import_identity: QAction
    lock: QAction
    settings: QAction
    quit: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_reset: QAction
    shortcuts: QAction
    templates: QAction
    about: QAction
    # Oversight (issue 14; placed and connected by supnotes.ui.oversight.install)
    overdue_list: QAction
    compliance_report: QAction
    oversight_overview: QAction
    retention_review: QAction
    highlights: QAction
    access_trail: QAction

    def all(self) -> list[QAction]:
        return [getattr(self, f.name) for f in fields(self)]


def _action(
    parent: QWidget,
    name: str,
    text: str,
    keys: list[QKeySequence],
    tip: str,
    *,
    enabled: bool = True,
) -> QAction:
    action = QAction(text, parent)
    action.setObjectName(name)
    action.setShortcuts(keys)
    action.setStatusTip(tip)
    action.setEnabled(enabled)
    return action


def build_actions(parent: QWidget) -> MainActions:
    """The main window's actions. Record actions start disabled until a part enables them."""
    return MainActions(
        new_session=_action(
            parent,
            "new-session",
            "&New session…",
            _keys(Standard.New, "Ctrl+N"),
            "Start a supervision record for the selected worker",
            enabled=False,
        ),
        quick_decision=_action(
            parent,
            "quick-decision",
            "Quick &decision…",
            [QKeySequence("Ctrl+D")],
            "Record a management decision given outside a session",
            enabled=False,
        ),
        add_worker=_action(
            parent,
            "add-worker",
            "&Add worker…",
            [QKeySequence("Ctrl+Shift+N")],
            "Add a worker you supervise",
            enabled=False,
        ),
        edit_worker=_action(
            parent, "edit-worker", "&Edit worker…", [], "Change the selected worker", enabled=False
        ),
        worker_leaves=_action(
            parent,
            "worker-leaves",
            "Worker &leaves…",
            [],
            "Record the selected worker's leaving date",
            enabled=False,
        ),
        find=_action(
            parent, "find", "&Find…", _keys(Standard.Find, "Ctrl+F"), "Search every record"
        ),
        back_up_now=_action(
            parent, "back-up-now", "&Back up now", [], "Write an encrypted backup of the vault"
        ),
        restore_backup=_action(
            parent,
            "restore-backup",
            "&Restore from a backup…",
            [],
            "Replace this vault by a backup; the vault it replaces is kept",
        ),
        check_vault=_action(
            parent,
            "check-vault",
            "C&heck the vault",
            [],
            "Check the key file, encryption, structure and links",
        ),
        export_vault=_action(
            parent,
            "export-vault",
            "&Export the whole vault…",
            [],
            "Every worker and record as a SupNotes export file",
        ),
        export_worker=_action(
            parent,
            "export-worker",
            "Export the selected &worker's records…",
            [],
            "One worker's records, e.g. for a subject access request",
            enabled=False,
        ),
        subject_access=_action(
            parent,
            "subject-access",
            "&Subject access pack…",
            [],
            "One worker's records for a subject access request: index PDF, signed copies, "
            "data, maskings",
        ),
        import_json=_action(
            parent,
            "import-json",
            "&Import an export file…",
            [],
            "Add the workers and records of a SupNotes export; nothing here is overwritten",
        ),
        hand_over_worker=_action(
            parent,
            "hand-over-worker",
            "&Hand over a worker…",
            [],
            "Give one worker's history, sealed PDFs included, to another supervisor: "
            "encrypted to their key and signed by you",
        ),
        receive_handover=_action(
            parent,
            "receive-handover",
            "&Receive a handover…",
            [],
            "Check a handover from another supervisor, see what it holds, and import it",
        ),
        change_passphrase=_action(
            parent,
            "change-passphrase",
            "Change &passphrase…",
            [],
            "Choose a new passphrase for this vault",
        ),
        new_recovery_key=_action(
            parent,
            "new-recovery-key",
            "New &recovery key…",
            [],
            "Replace the recovery key; the old one stops working",
        ),
        import_identity=_action(
            parent,
            "import-identity",
            "Use the &organisation's signing identity…",
            [],
            "Import the organisation's PKCS#12 file and sign with it from now on",
        ),
        lock=_action(
            parent, "lock", "&Lock", [QKeySequence("Ctrl+L")], "Lock SupNotes now (Ctrl+L)"
        ),
        settings=_action(
            parent,
            "settings",
            "&Settings…",
            _keys(Standard.Preferences, "Ctrl+,"),
            "Locking, backups, frequency, retention, organisation, appearance",
        ),
        quit=_action(parent, "quit", "&Quit", _keys(Standard.Quit, "Ctrl+Q"), "Save and quit"),
        zoom_in=_action(
            parent, "zoom-in", "&Larger text", _keys(Standard.ZoomIn, "Ctrl++"), "Enlarge text"
        ),
        zoom_out=_action(
            parent, "zoom-out", "&Smaller text", _keys(Standard.ZoomOut, "Ctrl+-"), "Reduce text"
        ),
        zoom_reset=_action(
            parent,
            "zoom-reset",
            "&Normal text size",
            [QKeySequence("Ctrl+0")],
            "The system's text size",
        ),
        shortcuts=_action(
            parent,
            "shortcuts",
            "&Keyboard shortcuts",
            _keys(Standard.HelpContents, "F1"),
            "Every keyboard shortcut",
        ),
        templates=_action(
            parent,
            "templates",
            "&Templates…",
            [],
            "Your own templates folder, and any template file that was refused",
        ),
        about=_action(parent, "about", "&About SupNotes", [], "Version and licences"),
        overdue_list=_action(
            parent,
            "overdue-list",
            "&Overdue…",
            [QKeySequence("Ctrl+Shift+O")],
            "Overdue supervisions, actions and agreement reviews, by worker",
        ),
        compliance_report=_action(
            parent,
            "compliance-report",
            "Compliance &report…",
            [],
            "Sessions due vs held, gaps, overdue and actions for a period, as PDF or CSV",
        ),
        oversight_overview=_action(
            parent,
            "oversight-overview",
            "Oversight o&verview…",
            [],
            "Each worker's supervision on a timeline against their due dates, and as a table",
        ),
        retention_review=_action(
            parent,
            "retention-review",
            "Re&tention review…",
            [],
            "Records past the retention period, for review and deletion",
        ),
        highlights=_action(
            parent,
            "highlights",
            "Hi&ghlights…",
            [],
            "Good practice, learning themes and items to feed up, for a period",
        ),
        send_to_organisation=_action(
            parent,
            "send-to-organisation",
            "Se&nd to the organisation…",
            [],
            "Send sealed records to the organisation's hub (HR files, children's inboxes); "
            "only when a hub is set for this vault",
        ),
        access_trail=_action(
            parent,
            "access-trail",
            "&Access trail…",
            [],
            "Every export, print, copy, backup and restore of this vault: when and where to",
        ),
    )
