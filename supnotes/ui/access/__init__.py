"""Getting in and staying safe: first run, unlock, lock, the passphrase fields and their strength
meter, the recovery sheet, the messages for vault errors, and changing the passphrase or
recovery key.

May import ui.common, ui.widgets and the layers below.
"""
