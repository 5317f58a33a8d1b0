"""Name recall: the share of present peers a member named, for the group, and its change."""

import datetime as dt

import pytest

from homeroom_tui.model import Attendance, Group, Meeting
from homeroom_tui.program.attendance import present_ids
from homeroom_tui.program.recall import RecallScore, group_recall, recall_change, recall_score


def test_recall_scores_count_only_present_peers() -> None:
    group = Group(id="g", name="G", created=dt.date(2024, 1, 1))
    for name in ("A", "B", "C", "D"):
        group.add_member(name)
    meeting = Meeting.new(group, 2)
    assert present_ids(group, meeting) == set()  # attendance not taken: nobody counts as present yet
    statuses = (("K1", "present"), ("K2", "late"), ("K3", "absent"), ("K4", "present"))
    meeting.attendance = {k: Attendance(status=s) for k, s in statuses}  # type: ignore[arg-type]
    meeting.name_recall = {"K1": ["K2", "K3"], "K2": []}
    score = recall_score(group, meeting, "K1")
    assert score is not None and (score.named, score.possible) == (1, 2)  # K3 was absent: not counted
    assert recall_score(group, meeting, "K4") is None
    total = group_recall(group, meeting)
    assert total is not None and (total.named, total.possible, total.fraction) == (1, 4, 0.25)


def test_recall_change_is_in_points_of_the_share_not_a_difference_of_counts() -> None:
    change = recall_change(RecallScore(3, 7), RecallScore(5, 8))
    assert change == pytest.approx(19.64, abs=0.01)  # 5/8 after 3/7, although two more names were named
    assert recall_change(RecallScore(4, 8), RecallScore(2, 4)) == 0  # fewer names, the same share
    assert recall_change(None, RecallScore(1, 2)) is None
    assert recall_change(RecallScore(0, 0), RecallScore(1, 2)) is None  # nobody else was there to name
