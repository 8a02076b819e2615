"""The main window's model/view parts: workers, a worker's thread, search results.

May import ui.common, ui.widgets, ui.access and the layers below.
"""
