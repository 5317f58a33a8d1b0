"""program/fidelity.py: was each meeting run as the technique prescribes; appreciation; arrivals and reasons."""

from __future__ import annotations

import datetime as dt

from homeroom_tui.model import STAGE_KEYS, Answers, Attendance, IcebreakerUse
from homeroom_tui.program.agenda import load_agenda
from homeroom_tui.program.demo import demo_group, demo_meetings
from homeroom_tui.program.fidelity import (
    appreciable_answers,
    appreciated,
    appreciations,
    arrival_text,
    attendance_records,
    fidelity,
    meeting_fidelity,
    missing_words,
)


def test_demo_meetings_against_their_agenda() -> None:
    rows = fidelity(demo_meetings(), load_agenda())
    assert [f.number for f in rows] == [1, 2, 3, 4]
    second = rows[1]
    assert [(s.key, s.ticked, s.items) for s in second.stages] == [
        ("opening", 6, 7),
        ("transition", 4, 4),
        ("activity", 6, 6),
        ("closing", 5, 5),
    ]
    assert second.stages_held == 4 and second.icebreaker and second.attendance_taken
    assert not second.as_prescribed and second.missing() == ["checklist.opening"]
    assert missing_words(second, "en") == ["Opening: checklist 6/7"]
    assert missing_words(second, "id") == ["Tahap awal (pembentukan): daftar periksa 6/7"]
    assert second.stages[2].planned_min == 40 and second.stages[2].actual_min == 38.3


def test_a_meeting_run_as_prescribed_and_one_not_held() -> None:
    agenda = load_agenda()
    meeting = demo_meetings()[0]
    for key in STAGE_KEYS:
        stage = meeting.stages[key]
        stage.checklist = [item.key for item in agenda.for_meeting(1).stage(key).checklist] + ["gone_item"]
    check = meeting_fidelity(meeting, agenda)
    assert check.as_prescribed and check.missing() == [] and check.ticked == check.items  # unknown keys not counted
    blank = demo_meetings()[0].model_copy(update={"icebreaker": None, "attendance": {}})
    for key in STAGE_KEYS:
        blank.stages[key].actual_seconds = 0
    check = meeting_fidelity(blank, agenda)
    assert check.stages_held == 0
    # a stage not held is said once, not again as an unticked checklist
    assert check.missing() == [f"stage.{k}" for k in ("opening", "transition", "activity", "closing")] + [
        "icebreaker",
        "attendance",
    ]
    assert missing_words(check, "en")[-2:] == ["no ice-breaker", "attendance not taken"]


def test_appreciation_arrivals_and_reasons() -> None:
    group, meetings = demo_group(), demo_meetings()
    assert appreciated(meetings[0]) == []
    assert appreciated(meetings[2]) == [f"K{n}" for n in range(1, 10)]
    assert appreciations(meetings, "K8") == [3]
    assert appreciable_answers(load_agenda(), 3) == {"resolution"}
    assert appreciable_answers(load_agenda(), 4) == {"change"}
    meeting = meetings[1].model_copy(deep=True)
    meeting.attendance["K1"] = Attendance(status="late", arrived_at=dt.time(15, 20), note="bus")
    meeting.answers["K10"] = Answers(appreciated=True)  # ids sort by number, not as text
    meeting.answers["K2"] = Answers(appreciated=True)
    meeting.icebreaker = IcebreakerUse(id="x")
    records = {r.member_id: r for r in attendance_records(group, meeting)}
    assert (records["K1"].status, records["K1"].arrived_at, records["K1"].reason) == ("late", "15:20", "bus")
    assert (records["K7"].status, records["K7"].reason) == ("excused", "Izin ujian susulan.")
    assert arrival_text(group, meeting, "K1", "id") == "terlambat 15:20"
    assert arrival_text(group, meeting, "K99", "en") == "–"
    assert appreciated(meeting) == ["K2", "K10"]
