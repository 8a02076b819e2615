"""``python -m supnotes``: the same entry point as the ``supnotes`` command."""

from supnotes.cli import main

raise SystemExit(main())
