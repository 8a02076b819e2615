"""The live session editor: a record's form built from its template, with autosave.

Entry points live in :mod:`supnotes.ui.editor.launch` (``Editors``,
``install_editor``); the window in :mod:`supnotes.ui.editor.window`. The
quick decision dialog (Ctrl+D) is here too: it is a record written in one go.

May import ui.common, ui.widgets, ui.access, ui.dialogs, ui.oversight (the
good-practice mark) and the layers below; only the shell imports it.
"""
