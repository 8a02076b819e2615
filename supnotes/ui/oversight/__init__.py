"""Oversight: the overdue list, the compliance report, the overview, retention and highlights.

May import ui.common, ui.widgets, ui.access, ui.views and the layers below.
"""
