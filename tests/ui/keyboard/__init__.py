"""Keyboard rules of the main window and its dialogs (docs/keyboard.md)."""
