"""The File menu's vault care: export and import of JSON and the organisation's signing identity,
restore from a backup, and checking the vault.

May import ui.common, ui.widgets, ui.access and the layers below.
"""
