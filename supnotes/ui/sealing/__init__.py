"""Review, acknowledge and seal a record; export, print and verify signed PDFs.

May import ui.common, ui.widgets, ui.access and the layers below.
"""
