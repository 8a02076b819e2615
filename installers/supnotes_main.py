"""Entry point of the frozen app: the same as the ``supnotes`` command."""

import sys

from supnotes.cli import main

if __name__ == "__main__":
    sys.exit(main())
