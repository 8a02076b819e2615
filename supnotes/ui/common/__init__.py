"""Small pieces every window shares: the main window's actions, running work off the UI thread with
progress, the read-only rows model, fitting windows to the screen, the keyboard rules, the 'keep
what was typed' question, and save/open dialogs that remember the last folder.

Imports no other ui package; every ui package may import it.
"""
