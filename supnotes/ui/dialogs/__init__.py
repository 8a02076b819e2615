"""Dialogs opened from the menus that belong to no one view: settings, help (the shortcuts sheet
and About), and templates.

May import ui.common, ui.widgets and the layers below.
"""
