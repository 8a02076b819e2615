"""The live session editor: a record's form built from its template, with autosave.

Entry points live in :mod:`supnotes.ui.editor.launch` (``Editors``,
``install_editor``); the window in :mod:`supnotes.ui.editor.window`.
"""
