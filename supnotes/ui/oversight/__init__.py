"""Oversight views: retention review, highlights (and, in other branches, overdue and reports)."""
