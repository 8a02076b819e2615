"""Search results as a table model; snippets carry their highlights as safe HTML."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt

from supnotes.ui.common.rows_model import RowsModel
from supnotes.ui.views.formatting import short_date
from supnotes.ui.views.thread_model import KIND_WORDS
from supnotes.vault.search import (
    ELLIPSIS,
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    SearchHit,
    plain_snippet,
)

DATE, PEOPLE, KIND, SNIPPET = range(4)
HEADERS = ("Date", "Worker", "Kind", "Found")

RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # str: the record's id
SNIPPET_HTML_ROLE = Qt.ItemDataRole.UserRole + 2  # str: the snippet, escaped, matches in <b>


WORDS_BEFORE_MATCH = 5


def around_first_match(snippet: str, words_before: int = WORDS_BEFORE_MATCH) -> str:
    """The snippet from a few words before its first match, so the match is in view."""
    start = snippet.find(HIGHLIGHT_START)
    if start < 0:
        return snippet
    before = snippet[:start].split()
    if len(before) <= words_before:
        return snippet
    return ELLIPSIS + " ".join(before[-words_before:]) + " " + snippet[start:]


def snippet_html(snippet: str) -> str:
    """Escape the record's text first, then turn the vault's markers into bold.

    The markers (``\\x02``/``\\x03``) never occur in indexed text, and
    escaping leaves them alone, so nothing typed in a record can become markup.
    """
    text = " ".join(html.escape(snippet, quote=False).split())
    return text.replace(HIGHLIGHT_START, "<b>").replace(HIGHLIGHT_END, "</b>")


class SearchResultsModel(RowsModel[SearchHit]):
    HEADERS = HEADERS

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        self._replace_rows(hits)

    def clear(self) -> None:
        self.set_hits([])

    def fill_snippets(self, snippets: dict[str, str]) -> None:
        """Put in the snippets the search left empty (see ``search(snippets_for=…)``)."""
        changed = [
            row
            for row, hit in enumerate(self._rows)
            if not hit.snippet and hit.record_id in snippets
        ]
        for row in changed:
            self._rows[row] = replace(self._rows[row], snippet=snippets[self._rows[row].record_id])
        if changed:
            self.dataChanged.emit(
                self.index(min(changed), SNIPPET), self.index(max(changed), SNIPPET)
            )

    def hit(self, row: int) -> SearchHit:
        return self.row(row)

    def cell_data(self, hit: SearchHit, column: int, role: int) -> Any:
        value: Any = None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            value = _TEXT[column](hit)
        elif role == Qt.ItemDataRole.ToolTipRole and column == KIND:
            value = f"{hit.kind.label} · {hit.reference} · {hit.status.label}"
        elif role == Qt.ItemDataRole.ToolTipRole and column == PEOPLE:
            value = hit.people
        elif role == SNIPPET_HTML_ROLE and column == SNIPPET:
            value = snippet_html(around_first_match(hit.snippet))
        elif role == RECORD_ID_ROLE:
            value = hit.record_id
        return value


_TEXT: dict[int, Callable[[SearchHit], str]] = {
    DATE: lambda h: short_date(h.held_on),
    PEOPLE: lambda h: h.people,
    KIND: lambda h: KIND_WORDS[h.kind],
    SNIPPET: lambda h: plain_snippet(h.snippet, "", ""),
}
