"""Shortening the remaining stages to end on time: the arithmetic, without a screen."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from homeroom_tui.model import STAGE_KEYS, Group, Meeting
from homeroom_tui.program.shorten import Room, cuts, planned_end, shortening

TZ = dt.timezone(dt.timedelta(hours=7))
START = dt.datetime(2024, 1, 15, 15, 0, tzinfo=TZ)
CREATED = dt.date(2024, 1, 8)
GROUP = Group.new("g", "G", ["Ani", "Budi"], created=CREATED)  # 10 + 10 + 40 + 10 = 70 planned minutes


def started() -> Meeting:
    meeting = Meeting.new(GROUP, 1)
    meeting.status = "in_progress"
    meeting.started_at = START
    return meeting


def at(minutes: float) -> dt.datetime:
    return START + dt.timedelta(minutes=minutes)


def test_cuts_are_proportional_whole_minutes_adding_up_exactly() -> None:
    rooms = [Room("activity", 40, 1), Room("closing", 10, 1)]
    assert cuts(rooms, 10) == {"activity": 8, "closing": 2}  # 39 and 9 spare: 7.8 and 1.8
    assert cuts(rooms, 0) == {}
    assert cuts(rooms, 48) == {"activity": 39, "closing": 9}  # down to one minute each
    with pytest.raises(ValueError, match="too_few"):
        cuts(rooms, 49)


def test_a_tie_goes_to_the_earlier_stage() -> None:
    assert cuts([Room("activity", 11, 1), Room("closing", 11, 1)], 1) == {"activity": 1}


@given(
    limits=st.lists(st.tuples(st.integers(1, 600), st.integers(1, 600)), min_size=1, max_size=4),
    data=st.data(),
)
def test_cuts_never_go_below_a_floor_and_sum_to_what_must_go(
    limits: list[tuple[int, int]], data: st.DataObject
) -> None:
    rooms = [Room(STAGE_KEYS[n], max(a, b), min(a, b)) for n, (a, b) in enumerate(limits)]
    spare = sum(room.spare for room in rooms)
    over = data.draw(st.integers(0, spare))
    taken = cuts(rooms, over)
    assert sum(taken.values()) == over
    for room in rooms:
        assert room.limit - taken.get(room.key, 0) >= room.floor


def test_behind_the_agreed_end_the_current_and_later_stages_give_way() -> None:
    meeting = started()
    meeting.agreed_end = at(70)
    meeting.stages.opening.actual_seconds = 20 * 60  # the opening ran 20 instead of 10
    meeting.stages.transition.actual_seconds = 10 * 60
    elapsed = {"opening": 1200.0, "transition": 600.0, "activity": 5 * 60.0, "closing": 0.0}
    found = shortening(meeting, "activity", elapsed, at(35))
    assert found is not None and found.agreed and found.behind and found.fits
    # 35 minutes to go + the 5 the activity has run = 40 minutes for activity (40) and closing (10):
    # 10 must go, in proportion to what each has above its floor (activity: 40 - 5 = 35, closing: 9)
    assert found.budget == 40 and found.over == 10
    assert found.cuts == {"activity": 8, "closing": 2}
    assert sum(found.cuts.values()) == found.over


def test_without_an_agreed_end_the_planned_total_from_the_start_counts() -> None:
    meeting = started()
    assert planned_end(meeting) == at(70)
    meeting.stages.opening.extended_min = 5  # minutes added during the meeting are behind the plan too
    found = shortening(meeting, "opening", {"opening": 60.0}, at(1))
    assert found is not None and not found.agreed and found.target == at(70)
    assert found.over == 5 and sum(found.cuts.values()) == 5
    assert set(found.cuts) <= {"opening", "transition", "activity", "closing"}


def test_on_plan_nothing_is_cut() -> None:
    meeting = started()
    found = shortening(meeting, "transition", {"opening": 600.0, "transition": 60.0}, at(11))
    assert found is not None and not found.behind and found.cuts == {}


def test_stages_done_are_untouched_and_a_stage_in_overtime_keeps_its_minutes() -> None:
    meeting = started()
    meeting.agreed_end = at(60)
    elapsed = {"opening": 600.0, "transition": 600.0, "activity": 45 * 60.0}  # activity 5 min over
    found = shortening(meeting, "activity", elapsed, at(65))
    # the activity ran over: only the closing is left, and the agreed end has passed
    assert found is not None and found.behind and not found.fits and found.cuts == {}
    found = shortening(meeting, "activity", elapsed, at(50))  # (a long pause before: 10 min to go)
    assert found is not None and found.cuts == {}  # the closing's 10 fit in 10
    meeting.agreed_end = at(55)
    found = shortening(meeting, "activity", elapsed, at(50))
    assert found is not None and found.cuts == {"closing": 5}


def test_the_current_stage_keeps_what_it_has_run_and_no_stage_goes_below_a_minute() -> None:
    meeting = started()
    meeting.agreed_end = at(40)
    elapsed = {"opening": 600.0, "transition": 600.0, "activity": 12.5 * 60}
    found = shortening(meeting, "activity", elapsed, at(32.5))
    # 7.5 minutes to go + 12.5 run = 20 for activity (at least 13) and closing (at least 1)
    assert found is not None and found.budget == 20 and found.least == 14 and found.fits
    # 30 must go from 27 + 9 spare: 22.5 and 7.5, the tie's extra minute from the earlier stage
    assert found.cuts == {"activity": 23, "closing": 7}  # activity 17 (13 run), closing 3
    meeting.agreed_end = at(45)
    found = shortening(meeting, "activity", elapsed, at(44.25))
    assert found is not None and not found.fits and found.cuts == {}  # 13 + 1 do not fit in 13.25


def test_seconds_short_of_a_minute_are_not_behind() -> None:
    meeting = started()
    found = shortening(meeting, "opening", {"opening": 0.4}, at(0.6 / 60))  # the clocks started apart
    assert found is not None and not found.behind
    found = shortening(meeting, "opening", {"opening": 0.0}, at(0.75))  # a pause of 45 s before starting
    assert found is not None and found.behind and found.over == 1


def test_not_started_is_none() -> None:
    assert shortening(Meeting.new(GROUP, 1), "opening", {}, START) is None
