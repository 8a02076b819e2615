"""The organisation's hub: deposits, the register of signers, intake decisions.

A package beside ``vault``: it imports only ``domain`` and libraries, and
nothing below ``services`` imports it. One interface (:class:`store.HubStore`)
with two backends: PostgreSQL (what an organisation runs) and an embedded
SQLite file (for trying it out). Importing this package opens nothing; a
connection is made only by :func:`opening.open_store` (``docs/organisation.md``).
"""
