"""The retention rule and the rolling backups' expiry, worked by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from supnotes.domain.retention import (
    HandedOver,
    RecordFacts,
    RetentionRule,
    add_years,
    backup_expiry,
    due_on,
    past_retention,
)


def _facts(ref: str, created: date, *leaving: date | None, kind: str = "one-to-one") -> RecordFacts:
    return RecordFacts(ref, ref, kind, "signed", created, created, tuple(leaving))


AFTER_LEAVING = RetentionRule(6, "after-leaving")
AFTER_CREATION = RetentionRule(3, "after-creation")


def test_years_are_calendar_years_and_29_february_becomes_28() -> None:
    assert add_years(date(2020, 2, 29), 6) == date(2026, 2, 28)
    assert add_years(date(2020, 3, 1), 6) == date(2026, 3, 1)


def test_after_leaving_waits_for_the_leaving_date() -> None:
    assert due_on(AFTER_LEAVING, _facts("a", date(2015, 5, 1), None)) is None
    assert due_on(AFTER_LEAVING, _facts("a", date(2015, 5, 1), date(2019, 7, 31))) == date(
        2025, 7, 31
    )


def test_a_group_waits_for_every_attending_worker_and_without_one_counts_from_creation() -> None:
    both = _facts("g", date(2016, 1, 4), date(2018, 1, 1), date(2020, 6, 30), kind="group")
    assert due_on(AFTER_LEAVING, both) == date(2026, 6, 30)
    one_in_post = _facts("g", date(2016, 1, 4), date(2018, 1, 1), None, kind="group")
    assert due_on(AFTER_LEAVING, one_in_post) is None
    nobody = _facts("g", date(2016, 1, 4), kind="group")
    assert due_on(AFTER_LEAVING, nobody) == date(2022, 1, 4)


def test_after_creation_ignores_leaving() -> None:
    assert due_on(AFTER_CREATION, _facts("a", date(2020, 1, 10), None)) == date(2023, 1, 10)


def test_the_list_is_due_records_only_and_a_kept_reviewer_holds_one_back() -> None:
    old = _facts("SN-2019-0001", date(2019, 1, 10), None)
    older = _facts("SN-2018-0001", date(2018, 1, 10), None)
    new = _facts("SN-2025-0001", date(2025, 1, 10), None)
    found = past_retention(
        AFTER_CREATION, [new, old, older], date(2022, 6, 1), {"SN-2019-0001": {"SN-2025-0001"}}
    )
    assert [d.facts.reference for d in found] == ["SN-2018-0001", "SN-2019-0001"]
    assert found[0].deletable
    assert found[1].waits_for == ("SN-2025-0001",)
    # A reviewer that is itself due goes with it.
    both = past_retention(
        AFTER_CREATION, [old, older], date(2022, 6, 1), {"SN-2018-0001": {"SN-2019-0001"}}
    )
    assert all(d.deletable for d in both)


def test_rule_words() -> None:
    assert AFTER_LEAVING.describe() == "6 years after the worker left"
    assert RetentionRule(1, "after-creation").describe() == "1 year after the record was created"
    with pytest.raises(ValueError, match="at least one year"):
        RetentionRule(0, "after-creation")


def test_the_last_backup_holding_the_records_ages_out_after_keep_newer_ones() -> None:
    day = timedelta(days=1)
    stamps = [datetime(2026, 3, d, 9, tzinfo=UTC) for d in (14, 15, 16, 17, 18, 19, 20)]
    deleted = datetime(2026, 3, 20, 15, tzinfo=UTC)
    # Daily, keep 7: next backup no earlier than 21/03 09:00, the 7th after it on 27/03.
    found = backup_expiry(stamps, deleted, keep=7, interval=day, others=("by-hand.snbackup",))
    assert found.last_holding == stamps[-1]
    assert found.expires_at == datetime(2026, 3, 27, 9, tzinfo=UTC)
    assert found.kept_by_hand == ("by-hand.snbackup",)
    # Newest backup long ago: the next one is written at once, after the deletion.
    found = backup_expiry(stamps[:1], deleted, keep=1, interval=day)
    assert found.expires_at == deleted
    assert backup_expiry([], deleted, keep=7, interval=day).expires_at is None


def _handed(
    ref: str, created: date, *workers: tuple[date | None, HandedOver | None]
) -> RecordFacts:
    kind = "group" if len(workers) > 1 else "one-to-one"
    return RecordFacts(
        ref,
        ref,
        kind,
        "signed",
        created,
        created,
        tuple(left for left, _ in workers),
        tuple(handed for _, handed in workers),
    )


def test_a_handed_over_worker_counts_as_left_on_the_handover_day_and_says_so() -> None:
    to_rita = HandedOver(date(2019, 3, 1), "Rita Patel")
    in_post = _handed("a", date(2015, 5, 1), (None, to_rita))
    assert due_on(AFTER_LEAVING, in_post) == date(2025, 3, 1)
    found = past_retention(AFTER_LEAVING, [in_post], date(2025, 3, 1))
    assert [d.reason for d in found] == ["handed over to Rita Patel on 01/03/2019"]
    assert past_retention(AFTER_LEAVING, [in_post], date(2025, 2, 28)) == []
    # Left before the handover: the leaving date starts the period, and is the reason.
    left_first = _handed("b", date(2015, 5, 1), (date(2018, 7, 31), to_rita))
    assert due_on(AFTER_LEAVING, left_first) == date(2024, 7, 31)
    assert past_retention(AFTER_LEAVING, [left_first], date(2025, 1, 1))[0].reason == (
        "left on 31/07/2018"
    )
    # A group waits for its last worker, handed over or not.
    group = _handed("g", date(2016, 1, 4), (date(2018, 1, 1), None), (None, to_rita))
    assert due_on(AFTER_LEAVING, group) == date(2025, 3, 1)
    assert past_retention(AFTER_LEAVING, [group], date(2026, 1, 1))[0].reason == (
        "handed over to Rita Patel on 01/03/2019"
    )
    still_there = _handed("g2", date(2016, 1, 4), (None, None), (None, to_rita))
    assert due_on(AFTER_LEAVING, still_there) is None
    # After creation ignores handovers, as it ignores leaving.
    assert due_on(AFTER_CREATION, in_post) == date(2018, 5, 1)
    assert past_retention(AFTER_CREATION, [in_post], date(2019, 1, 1))[0].reason == (
        "created on 01/05/2015"
    )


def test_a_plain_leaver_gives_the_leaving_day_as_the_reason() -> None:
    found = past_retention(
        AFTER_LEAVING, [_facts("a", date(2015, 5, 1), date(2018, 2, 1))], date(2025, 1, 1)
    )
    assert found[0].reason == "left on 01/02/2018"
