"""How long each stage usually takes: the median of earlier meetings, with the fallback to every group."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from homeroom_tui.model import Group, Meeting, MeetingStatus
from homeroom_tui.program.usual_time import Usual, numbered_elsewhere, usual_times
from homeroom_tui.store import Store

CREATED = dt.date(2024, 1, 8)
GROUP = Group.new("g", "G", ["Ani", "Budi"], created=CREATED)
OTHER = Group.new("h", "H", ["Citra", "Dewi"], created=CREATED)


def held(
    number: int,
    activity_min: float,
    *,
    group: Group = GROUP,
    status: MeetingStatus = "completed",
    opening_seconds: float | None = None,
) -> Meeting:
    """Meeting ``number`` whose activity ran ``activity_min`` minutes (its opening 10 unless told)."""
    meeting = Meeting.new(group, number)
    meeting.status = status
    meeting.stages.activity.actual_seconds = activity_min * 60
    meeting.stages.opening.actual_seconds = 600.0 if opening_seconds is None else opening_seconds
    return meeting


def test_the_median_of_the_groups_earlier_meetings_odd_and_even() -> None:
    running = Meeting.new(GROUP, 4)
    odd = usual_times(running, [held(1, 50), held(2, 41), held(3, 46)], None)
    assert odd.of("activity") == Usual(46, 3, "group")
    even = usual_times(running, [held(1, 50), held(2, 41)], None)
    assert even.of("activity") == Usual(46, 2, "group")  # 45.5 rounds half up
    assert even.of("opening") == Usual(10, 2, "group")
    assert even.of("transition") is None  # it never ran in these meetings: other groups may tell
    assert not even.complete


def test_seconds_round_to_the_nearest_minute_and_never_to_zero() -> None:
    running = Meeting.new(GROUP, 3)
    times = usual_times(running, [held(1, 46.4), held(2, 46.4)], None)
    assert times.of("activity") == Usual(46, 2, "group")
    tiny = usual_times(running, [held(1, 0.1), held(2, 0.2)], None)
    assert tiny.of("activity") == Usual(1, 2, "group")


def test_not_completed_never_run_and_the_running_meeting_do_not_count() -> None:
    running = held(3, 90, status="in_progress")
    earlier = [
        held(1, 40),
        held(2, 0),  # the activity never ran: actual 0
        held(2, 70, status="in_progress"),  # not completed
        running,  # the meeting being run
        held(4, 60),  # a later meeting of the group (amending meeting 3)
    ]
    times = usual_times(running, earlier, None)
    assert times.of("activity") is None  # one meeting counts: fewer than two
    assert not times.complete  # other groups could still tell
    assert times.of("opening") == Usual(10, 2, "group")  # the stage with its own two meetings has one


def test_fewer_than_two_falls_back_to_every_groups_meetings_of_this_number() -> None:
    running = Meeting.new(GROUP, 2)
    others = [
        held(2, 30, group=OTHER),
        held(2, 36, group=Group.new("i", "I", ["Eka", "Fajar"], created=CREATED)),
        held(3, 90, group=OTHER),  # another number
        held(2, 99, group=GROUP, status="in_progress"),  # this group's own meeting 2: the one being run
        held(
            2, 80, group=Group.new("j", "J", ["Gita", "Hadi"], created=CREATED), status="in_progress"
        ),  # not completed
    ]
    times = usual_times(running, [held(1, 50)], others)
    assert times.of("activity") == Usual(33, 2, "all")
    assert times.complete
    # the group's own two meetings win over the other groups
    assert usual_times(Meeting.new(GROUP, 3), [held(1, 50), held(2, 52)], others).of("activity") == Usual(
        51, 2, "group"
    )


def test_fewer_than_two_anywhere_is_nothing() -> None:
    running = Meeting.new(GROUP, 1)
    times = usual_times(running, [], [held(1, 30, group=OTHER)])
    assert times.of("activity") is None
    assert times.stages == {}
    assert times.complete


def test_other_groups_meetings_of_a_number_are_read_from_the_folder(store: Store, data_dir: Path) -> None:
    mine = store.create_group("Mine", ["Ani", "Budi"])
    theirs = store.create_group("Theirs", ["Citra", "Dewi"])
    third = store.create_group("Third", ["Eka", "Fajar"])
    for group, minutes in ((mine, 10), (theirs, 30), (third, 36)):
        store.save_meeting(held(2, minutes, group=group))
    store.save_meeting(held(1, 44, group=theirs))
    damaged = store.meeting_path(third.id, 1)
    damaged.write_text("not = [toml", encoding="utf-8")

    found = numbered_elsewhere(Store(data_dir), mine.id, 2)
    assert sorted((m.group_id, m.number) for m in found) == [(theirs.id, 2), (third.id, 2)]
    assert [m.group_id for m in numbered_elsewhere(Store(data_dir), mine.id, 1)] == [theirs.id]  # damaged: skipped
    assert numbered_elsewhere(Store(data_dir), mine.id, 7) == []
    assert damaged.read_text(encoding="utf-8") == "not = [toml"  # never touched


@pytest.mark.parametrize("number", [1, 2])
def test_reading_the_folder_writes_nothing(store: Store, data_dir: Path, number: int) -> None:
    mine = store.create_group("Mine", ["Ani", "Budi"])
    theirs = store.create_group("Theirs", ["Citra", "Dewi"])
    store.save_meeting(held(number, 30, group=theirs))
    before = sorted(p.relative_to(data_dir) for p in data_dir.rglob("*"))
    numbered_elsewhere(Store(data_dir), mine.id, number)
    assert sorted(p.relative_to(data_dir) for p in data_dir.rglob("*")) == before
