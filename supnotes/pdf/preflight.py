"""Cheap checks on a PDF's bytes before any parser sees them.

A signed record is a few hundred kilobytes with a few hundred objects. A
hostile file can make a PDF parser spend minutes and gigabytes: a
cross-reference table of two million entries took pyHanko 49 s and 1.16 GB.
These checks read only the raw bytes (fast, in bounded memory) and refuse
such files with a reason before parsing starts.

They also find bytes after the final ``%%EOF``: they belong to no revision,
so no signature covers them and PDF libraries ignore them, yet a reader's
tool may show them. Such a file has been changed after signing.
"""

from __future__ import annotations

import re

from supnotes.pdf.errors import NotAPdf

# A sealed record with a drawn signature and many pages is well under 10 MB.
MAX_FILE_BYTES = 64 * 1024 * 1024
# A record has a few hundred objects; an addendum fewer.
MAX_OBJECTS = 200_000
# Incremental updates: a record has two or three revisions.
MAX_REVISIONS = 1_000

# The start of a PDF may be preceded by junk (the spec allows 1024 bytes).
_HEADER_WINDOW = 1024
_XREF_ENTRY = re.compile(rb"\d{10} \d{5} [nf](?: \r| \n|\r\n)")
_SIZE = re.compile(rb"/Size\s+(\d{1,20})")
_EOF = b"%%EOF"


def check_size(size: int) -> None:
    """Refuse a file too big to be a record, before reading it."""
    if size > MAX_FILE_BYTES:
        raise NotAPdf(
            f"the file is {size / 1048576:.0f} MB; a signed record is far smaller "
            f"(limit {MAX_FILE_BYTES // 1048576} MB)"
        )


def preflight(pdf: bytes) -> None:
    """Raise :class:`NotAPdf` for bytes that are not worth parsing as a record."""
    if not pdf:
        raise NotAPdf("the file is empty")
    check_size(len(pdf))
    if b"%PDF-" not in pdf[:_HEADER_WINDOW]:
        raise NotAPdf("the file is not a PDF")
    if _EOF not in pdf:
        raise NotAPdf("the file is cut short: it has no end-of-file marker")
    if pdf.count(b"startxref") > MAX_REVISIONS:
        raise NotAPdf(f"the file claims more than {MAX_REVISIONS} revisions")
    declared = max((int(m) for m in _SIZE.findall(pdf)), default=0)
    if declared > MAX_OBJECTS:
        raise NotAPdf(
            f"the file declares {declared:,} objects; a signed record has a few hundred "
            f"(limit {MAX_OBJECTS:,})"
        )
    # Entries of classic cross-reference tables are exactly 20 bytes each.
    for count, _ in enumerate(_XREF_ENTRY.finditer(pdf), start=1):
        if count > MAX_OBJECTS:
            raise NotAPdf(
                f"the file's cross-reference tables list more than {MAX_OBJECTS:,} objects; "
                "a signed record has a few hundred"
            )


def bytes_after_eof(pdf: bytes) -> int:
    """How many bytes other than line ends and spaces follow the final ``%%EOF``."""
    end = pdf.rfind(_EOF)
    if end < 0:
        return 0
    return len(pdf[end + len(_EOF) :].strip(b" \t\r\n"))
