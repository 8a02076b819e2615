"""Repositories: the only code that reads and writes the supervision model's tables.

One module per aggregate. Every write is one short ``vault.transaction()``
and keeps the full-text index in step (see :mod:`supnotes.vault.fts`).
"""
