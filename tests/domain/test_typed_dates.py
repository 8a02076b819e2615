"""Reading typed dates and times: every form a supervisor types, and refusals with reasons."""

from __future__ import annotations

import contextlib
from datetime import date, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supnotes.domain.typed_dates import (
    FIRST_YEAR,
    LAST_YEAR,
    UnreadableEntry,
    end_before_start,
    parse_clock,
    parse_day,
    show_clock,
    show_day,
)

TODAY = date(2026, 11, 21)


@pytest.mark.parametrize(
    ("typed", "wanted"),
    [
        ("14/12/2026", date(2026, 12, 14)),
        ("14122026", date(2026, 12, 14)),
        ("141226", date(2026, 12, 14)),
        ("1412", date(2026, 12, 14)),
        ("14/12", date(2026, 12, 14)),
        ("14.12.26", date(2026, 12, 14)),
        ("14-12-2026", date(2026, 12, 14)),
        ("14 12 2026", date(2026, 12, 14)),
        ("1/2", date(2026, 2, 1)),
        ("2026-12-14", date(2026, 12, 14)),
        ("+14", date(2026, 12, 5)),
        ("+2w", date(2026, 12, 5)),
        ("-1", date(2026, 11, 20)),
        ("today", TODAY),
        ("  ", None),
        ("", None),
    ],
)
def test_dates_in_every_form_typed(typed: str, wanted: date | None) -> None:
    assert parse_day(typed, TODAY) == wanted


@pytest.mark.parametrize(
    "typed", ["31/13/2026", "32122026", "1", "14122", "next week", "30/02/2026", "99999999"]
)
def test_unreadable_dates_are_refused_with_a_reason(typed: str) -> None:
    with pytest.raises(UnreadableEntry, match=r"14/12/2026|calendar|years"):
        parse_day(typed, TODAY)


def test_a_year_outside_the_accepted_range_is_refused() -> None:
    with pytest.raises(UnreadableEntry, match="years"):
        parse_day("31/12/9999", TODAY)
    with pytest.raises(UnreadableEntry, match="years"):
        parse_day("01011066", TODAY)


@pytest.mark.parametrize(
    ("typed", "wanted"),
    [
        ("1030", time(10, 30)),
        ("10:30", time(10, 30)),
        ("10.30", time(10, 30)),
        ("930", time(9, 30)),
        ("0930", time(9, 30)),
        ("9", time(9, 0)),
        ("14h15", time(14, 15)),
        ("2pm", time(14, 0)),
        ("2.30 pm", time(14, 30)),
        ("12am", time(0, 0)),
        ("12pm", time(12, 0)),
        ("0000", time(0, 0)),
        ("", None),
    ],
)
def test_times_in_every_form_typed(typed: str, wanted: time | None) -> None:
    assert parse_clock(typed) == wanted


@pytest.mark.parametrize("typed", ["2460", "25:00", "10:7", "13pm", "half ten", "10:30:00"])
def test_unreadable_times_are_refused(typed: str) -> None:
    with pytest.raises(UnreadableEntry, match="10:30"):
        parse_clock(typed)


@given(st.dates(date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)))
def test_a_shown_date_reads_back_as_itself(day: date) -> None:
    assert parse_day(show_day(day), TODAY) == day
    assert parse_day(show_day(day).replace("/", ""), TODAY) == day


@given(st.times())
def test_a_shown_time_reads_back_to_the_minute(moment: time) -> None:
    assert parse_clock(show_clock(moment)) == moment.replace(second=0, microsecond=0)


@given(st.text(max_size=12))
def test_any_text_is_read_or_refused_never_anything_else(text: str) -> None:
    for read in (lambda t: parse_day(t, TODAY), parse_clock):
        with contextlib.suppress(UnreadableEntry):
            read(text)


def test_an_end_before_the_start_is_noticed() -> None:
    assert end_before_start(time(14, 0), time(11, 30))
    assert not end_before_start(time(10, 0), time(11, 30))
    assert not end_before_start(None, time(11, 30))


def test_a_record_ending_before_it_starts_has_no_duration() -> None:
    from supnotes.domain.records import Record, RecordKind

    record = Record(
        id="r",
        reference="SN-2026-0001",
        kind=RecordKind.ONE_TO_ONE,
        template_id="one-to-one",
        template_version=1,
        held_on=TODAY,
        worker_id="w",
        start_time=time(14, 0),
        end_time=time(11, 30),
    )
    assert record.duration_minutes is None
