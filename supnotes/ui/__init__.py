"""The desktop app (PySide6). Its packages, from the bottom up:

- ``common``: pieces every window shares (actions, background work, rows model, keyboard rules);
- ``widgets``: the safe, spell-checked text fields;
- ``access``: first run, unlock, lock, passphrase and recovery key;
- ``dialogs``, ``file_menu``, ``sealing``, ``views``: settings and help; vault care; review,
  sealing and verifying; the main window's lists;
- ``oversight``: overdue, compliance, overview, retention, highlights;
- ``editor``: the live session editor and quick decision;
- ``shell``: the app's frame, which assembles all of the above.

A package imports only packages listed above it (``tests/test_layers.py`` checks).
"""
