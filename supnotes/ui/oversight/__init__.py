"""Oversight views (issue 14).

The overdue list, the compliance report, the overview, retention review and highlights.
"""
