"""Triangulation: the counselor's ratings beside the member's own and beside what the member did."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from homeroom_tui.model import Attendance, Group, Meeting, Observation, SelfRating
from homeroom_tui.program.triangulation import DISAGREE_AT, Disagreement, triangulate


def test_ratings_behaviour_and_the_places_two_or_more_apart(sample_group: Group, held: Callable[..., Meeting]) -> None:
    first = held(
        sample_group,
        1,
        attendance={"K1": Attendance(status="present"), "K2": Attendance(status="present")},
        name_recall={"K1": ["K2"]},
        observations={"K1": Observation(open_up=2, confidence=4, eye_contact=3)},
        self_ratings={"K1": SelfRating(open_up=4, confidence=3, eye_contact=1, cross_faculty=5)},
    )
    first.stages.opening.round_done = ["K1", "K2"]
    first.stages.activity.round_done = ["K2"]
    second = held(sample_group, 2, attendance={"K1": Attendance(status="late")})
    planned = Meeting.new(sample_group, 3)  # not held: left out
    view = triangulate(sample_group, [planned, second, first], "K1")
    assert [e.number for e in view.meetings] == [1, 2]
    one, two = view.meetings
    assert (one.attendance, two.attendance) == ("present", "late")
    assert one.recall is not None and (one.recall.named, one.recall.possible) == (1, 1)
    assert two.recall is None
    assert (one.turns, one.rounds) == (1, 2)  # a turn in the opening round, none in the activity's
    assert (two.turns, two.rounds) == (0, 0)
    assert one.gap("open_up") == 2 and one.disagrees("open_up")
    assert one.gap("confidence") == -1 and not one.disagrees("confidence")  # 1 apart: not marked
    assert one.gap("eye_contact") == -2 and one.disagrees("eye_contact")
    assert one.gap("cross_faculty") is None and not one.disagrees("cross_faculty")  # only the member's
    assert view.has_own and view.compared == 3
    assert view.disagreements() == [
        Disagreement(1, "open_up", counselor=2, own=4),
        Disagreement(1, "eye_contact", counselor=3, own=1),
    ]
    assert [d.gap for d in view.disagreements()] == [2, -2]
    assert DISAGREE_AT == 2


def test_a_member_without_own_ratings(sample_group: Group, held: Callable[..., Meeting]) -> None:
    meeting = held(sample_group, 1, observations={"K2": Observation(open_up=1)})
    view = triangulate(sample_group, [meeting], "K2")
    assert not view.has_own and view.disagreements() == [] and view.compared == 0
    assert triangulate(sample_group, [], "K2").meetings == ()
    with pytest.raises(KeyError):
        triangulate(sample_group, [meeting], "K9")
