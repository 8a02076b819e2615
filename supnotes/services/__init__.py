"""Orchestration over the vault and the PDF layer: identity, sealing, addenda, exports.

Services are plain functions taking an open :class:`~supnotes.vault.vault.Vault`;
the UI calls them off its thread and the CLI calls them directly.
"""
