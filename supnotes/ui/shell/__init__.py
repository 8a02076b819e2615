"""The app's frame: start-up, the controller, the main window and the parts it assembles, the File
menu's wiring, window state, theme, the single-instance guard, the demo, and the calm dialog for
unexpected errors.

May import every other ui package and the layers below; no other ui package imports it (only the
command line's app entry does).
"""
