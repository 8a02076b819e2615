"""The closed list of practice themes, and highlights across teams summed from what was sent."""

from __future__ import annotations

from datetime import date

import pytest

from supnotes.domain.practice_themes import UNMATCHED, count_themes, themes_of
from supnotes.domain.service_figures import (
    FiguresError,
    SentHighlights,
    TeamHighlight,
    highlight_lines,
    highlights_from,
)


def test_a_note_is_counted_under_every_theme_it_touches() -> None:
    assert themes_of("Persistent engagement with a father who refused contact") == (
        "Working with fathers and male carers",
        "Engaging families",
    )
    assert themes_of("Delays in CAMHS triage; police attendance is patchy") == (
        "Mental health services",
        "Multi-agency and partnership working",
    )
    assert themes_of("Something else entirely") == (UNMATCHED,)
    # Whole words: "formal" is not "form", "courtesy" is not "court".
    assert themes_of("A formal courtesy") == (UNMATCHED,)
    assert count_themes(["Neglect", "Chronic neglect and the court", ""]) == {
        "Neglect": 2,
        "Court and legal work": 1,
        UNMATCHED: 1,
    }


def test_only_listed_themes_and_collections_and_positive_counts_are_read() -> None:
    good = {"team": "North", "collection": "themes", "theme": "Neglect", "count": 2}
    assert highlights_from([good]) == (TeamHighlight("North", "themes", "Neglect", 2),)
    for bad, why in (
        ({**good, "theme": "C-104233 was hit"}, "list of practice themes"),
        ({**good, "collection": "wellbeing"}, "collection is not one of"),
        ({**good, "count": 0}, "positive"),
        ({**good, "text": "anything"}, "keys outside the format"),
    ):
        with pytest.raises(FiguresError, match=why):
            highlights_from([bad])


def test_highlights_are_grouped_by_theme_with_the_teams_that_raised_them() -> None:
    def sent(start: date, end: date, *rows: tuple[str, str, str, int]) -> SentHighlights:
        return SentHighlights(start, end, tuple(TeamHighlight(*r) for r in rows))

    q1 = (date(2026, 1, 1), date(2026, 3, 31))
    lines = highlight_lines(
        [
            sent(*q1, ("North", "themes", "Neglect", 2), ("North", "feed-up", UNMATCHED, 5)),
            sent(*q1, ("South", "themes", "Neglect", 3), ("South", "feed-up", "Neglect", 1)),
            sent(date(2026, 4, 1), date(2026, 6, 30), ("East", "themes", "Neglect", 9)),
        ],
        date(2026, 1, 1),
        date(2026, 3, 31),
    )
    assert [(ln.theme, ln.collection, ln.mentions, ln.teams) for ln in lines] == [
        ("Neglect", "themes", 5, (("South", 3), ("North", 2))),
        ("Neglect", "feed-up", 1, (("South", 1),)),
        (UNMATCHED, "feed-up", 5, (("North", 5),)),  # the unmatched last, however many
    ]
    only_north = highlight_lines(
        [sent(*q1, ("North", "themes", "Neglect", 2), ("South", "themes", "Neglect", 3))],
        *q1,
        team="North",
    )
    assert [ln.teams for ln in only_north] == [(("North", 2),)]


def test_a_highlight_may_name_only_a_team_the_figures_name() -> None:
    import json

    from supnotes.domain.service_figures import FORMAT, parse

    worker = {
        "team": "North", "worker": "A", "role": "", "due": 1, "held": 1, "held_on_target": 1,
        "overdue": False, "most_days_overdue": 0, "caseload_end": None,
    }  # fmt: skip
    body = {
        "format": FORMAT, "version": 2, "supervisor": "S", "organisation": "", "made_on":
        "2026-04-01", "period_start": "2026-01-01", "period_end": "2026-03-31",
        "caseload_warning": 20, "workers": [worker],
        "highlights": [{"team": "North", "collection": "themes", "theme": "Neglect", "count": 1},
                       {"team": "", "collection": "themes", "theme": "Neglect", "count": 1}],
    }  # fmt: skip
    assert len(parse(json.dumps(body).encode()).highlights) == 2
    body["highlights"][0]["team"] = "C-104233 disclosed at school"  # type: ignore[index]
    with pytest.raises(FiguresError, match="names a team none of the workers is in"):
        parse(json.dumps(body).encode())
