"""Oversight views: the overdue list and the compliance report dialog (issue 14)."""
