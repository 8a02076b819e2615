"""Printable records: render to PDF, sign, counter-sign and verify.

This package knows nothing of records or templates: the caller maps a record
into a :class:`~supnotes.pdf.printable.PrintableRecord`, and everything here
works from that. It never imports the UI.
"""
