"""The session's timing that learns: usual times adopted, remaining stages shortened, the agreed end ticked."""

from __future__ import annotations

import datetime as dt

from homeroom_tui.model import Group, Meeting
from homeroom_tui.program.timer import FakeClock
from homeroom_tui.store import Store
from tests.conftest import OpenSession


def hold(store: Store, group: Group, number: int, activity_min: float) -> None:
    meeting = Meeting.new(group, number)
    meeting.status = "completed"
    meeting.stages.activity.actual_seconds = activity_min * 60
    store.save_meeting(meeting)


def test_adopting_the_usual_time_is_an_extension_of_the_plan(
    store: Store, sample_group: Group, open_session: OpenSession
) -> None:
    hold(store, sample_group, 1, 50)
    hold(store, sample_group, 2, 42)
    session = open_session(sample_group, 3)
    session.start()
    assert session.usual() is None  # the opening never ran in meetings 1 and 2
    assert session.adopt_usual() is None and not session.meeting.stages.opening.extended_min
    session.next_stage()
    session.next_stage()
    usual = session.adopt_usual()
    assert usual is not None and usual.minutes == 46
    stage = session.meeting.stages.activity
    assert (stage.planned_min, stage.extended_min) == (40, 6)  # the plan and the deviation stay
    assert session.current_clock.limit == 46 * 60
    session.extend(5)
    session.adopt_usual()  # again: back to the usual time, not 6 more
    assert stage.extended_min == 6


def test_a_usual_time_shorter_than_planned_takes_minutes(
    store: Store, sample_group: Group, open_session: OpenSession
) -> None:
    hold(store, sample_group, 1, 30)
    hold(store, sample_group, 2, 32)
    session = open_session(sample_group, 3)
    session.start()
    session.go_to("activity")
    session.adopt_usual()
    assert session.meeting.stages.activity.extended_min == -9


def test_other_groups_are_learned_later(store: Store, sample_group: Group, open_session: OpenSession) -> None:
    session = open_session(sample_group, 1)
    assert session.usual_times.of("activity") is None and not session.usual_times.complete
    others = []
    for name, minutes in (("B", 30), ("C", 34)):
        group = store.create_group(name, ["X", "Y"])
        meeting = Meeting.new(group, 1)
        meeting.status = "completed"
        meeting.stages.activity.actual_seconds = minutes * 60
        others.append(meeting)
    session.learn_usual(others)
    usual = session.usual_times.of("activity")
    assert usual is not None and (usual.minutes, usual.source) == (32, "all")


def test_shortening_takes_minutes_from_the_remaining_stages_only(
    store: Store, sample_group: Group, open_session: OpenSession
) -> None:
    clock = FakeClock()
    session = open_session(sample_group, 1, clock=clock)
    session.start()
    clock.advance(20 * 60)  # the opening runs 20 of its 10 minutes
    session.next_stage()
    found = session.shorten_to_fit()  # no agreed end: the planned 70 minutes from the start
    assert found is not None and found.behind and not found.agreed
    stages = session.meeting.stages
    assert stages.opening.extended_min == 0  # done: untouched
    assert sum(found.cuts.values()) == 10
    assert [stages[k].extended_min for k in ("transition", "activity", "closing")] == [-2, -7, -1]
    assert session.remaining_planned() <= 50 * 60
    assert not session.shorten_to_fit().cuts  # type: ignore[union-attr]  # fits now: nothing more


def test_shortening_refused_when_it_cannot_fit(store: Store, sample_group: Group, open_session: OpenSession) -> None:
    clock = FakeClock()
    session = open_session(sample_group, 1, clock=clock)
    session.start()
    session.set_agreed_end(clock.now() + dt.timedelta(minutes=3))
    found = session.shorten_to_fit()
    assert found is not None and found.behind and not found.fits and not found.cuts
    assert all(session.meeting.stages[k].extended_min == 0 for k in ("opening", "transition", "activity", "closing"))


def test_an_agreed_end_in_the_opening_ticks_agree_time(
    store: Store, sample_group: Group, open_session: OpenSession
) -> None:
    clock = FakeClock()
    session = open_session(sample_group, 1, clock=clock)
    session.start()
    end = clock.now() + dt.timedelta(minutes=70)
    session.set_agreed_end(end)
    assert "agree_time" in session.meeting.stages.opening.checklist
    assert not session.toggle_item("agree_time")  # unticking stays possible ...
    session.set_agreed_end(end)  # ... and the same end again does not tick it back
    assert "agree_time" not in session.meeting.stages.opening.checklist
    session.set_agreed_end(None)
    assert "agree_time" not in session.meeting.stages.opening.checklist
    session.next_stage()
    session.set_agreed_end(end)  # recorded in another stage: the opening's checklist stays as it is
    assert "agree_time" not in session.meeting.stages.opening.checklist
