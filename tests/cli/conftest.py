"""The PDF tests' identities and records, shared with the command-line tests."""

from tests.pdf.conftest import countersigned, rendered, signed, supervisee, supervisor

__all__ = ["countersigned", "rendered", "signed", "supervisee", "supervisor"]
