"""Version 13: indexes that let opening a worker read only that worker's index pages.

Every page SQLCipher reads is decrypted, so opening a worker costs what it
reads. Before, the thread list looked each of the worker's records up by id
in the record table (one table page per record, rows made wide by the
comments) and read every action row the record raised to count the open
ones. Now:

- ``record_worker_thread``: the worker's own records with exactly the columns
  the thread list shows, in held order (a covering index: the table is not
  read for them; attended groups are still looked up by id);
- ``action_outstanding``: only the actions still outstanding (the same rule
  as ``rows.OUTSTANDING_ACTION``, written out here because a migration must
  not change when that constant does), so counting them reads those few;
  with their due dates, for the worker list's open and overdue counts.

On three fresh copies of the 10-year bench vault (14,767 records, 837 MB,
load 1.7-2.9) ``apply`` took 113 and 57 ms (51-129 ms over five runs while
the index's columns were settled). (The copy every migration
keeps first, ``copy_first``, took 15-18 s of that open: not this migration's.)
Opening its busiest worker (595 records) right after the worker list had
filled the page cache went from 12-13 ms to 4-5 ms for the query.
"""

from __future__ import annotations

from typing import Any

VERSION = 13
DESCRIPTION = "covering index for a worker's thread; index of outstanding actions"

_STATEMENTS = (
    "CREATE INDEX record_worker_thread ON record(worker_id, held_on, n, id, reference, kind, "
    "template_id, template_version, status)",
    "CREATE INDEX action_outstanding ON action(raised_in, due_on, revised_due_on) "
    "WHERE status IN ('open', 'carried-forward') AND trim(text) <> ''",
)


def apply(conn: Any) -> None:
    for statement in _STATEMENTS:
        conn.execute(statement)
