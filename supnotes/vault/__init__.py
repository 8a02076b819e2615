"""The encrypted vault: keys, connection, migrations, backups.

Import what you need from the submodules; this package imports nothing at
load time so that importing one part stays cheap.
"""
