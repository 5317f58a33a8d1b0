"""The demo program: a reference home-room program, fictional data, the same every time. Imports no Textual.

The demo is the reference program of the field study played out in full: one group of nine
students, four completed weekly meetings with attendance, ice-breakers, name recall, the five
social-contact indicators, every round's answers and the counselor's notes. What happened is data,
in ``homeroom_tui/data/demo.toml``; this module builds the meetings from it, with no clock and no
randomness, so the files come out byte for byte the same on every run.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Final, Literal

from pydantic import Field

from homeroom_tui.model import (
    INDICATORS,
    STAGE_KEYS,
    Answers,
    Attendance,
    AttendanceStatus,
    Group,
    IcebreakerUse,
    Meeting,
    Observation,
    SelfRating,
    Stage,
    StageKey,
    Stages,
)
from homeroom_tui.model.common import Strict
from homeroom_tui.store import Store

DEMO_FILE: Final = "demo.toml"

WIB: Final = dt.timezone(dt.timedelta(hours=7), "WIB")
"""Western Indonesia Time, where the study took place."""

MainAnswer = Literal["problem", "resolution", "change"]


class _Away(Strict):
    """A member who was not simply present: late, excused or absent."""

    status: AttendanceStatus
    note: str
    arrived_at: dt.time | None = None


class _Said(Strict):
    """A member's answers in the three rounds of one meeting."""

    checkin: str
    main: str
    """The activity round's answer (the field named by :attr:`_Script.main_answer`)."""
    impression: str
    """The impression at the close."""


class _Script(Strict):
    """What happened in one meeting, as plain data; :func:`_build_meeting` turns it into a Meeting."""

    number: int
    start: dt.time
    seconds: dict[StageKey, int]
    """Seconds each stage ran."""
    extended: dict[StageKey, int] = Field(default_factory=dict)
    """Minutes added to a stage during the meeting."""
    checklist: dict[StageKey, list[str]]
    """Agenda keys ticked per stage (the agenda's keys for this meeting; a few left unticked)."""
    stage_notes: dict[StageKey, str]
    away: dict[str, _Away] = Field(default_factory=dict)
    """Members not simply present; everyone else is."""
    icebreaker: IcebreakerUse
    recall: dict[str, int] = Field(default_factory=dict)
    """How many present peers each member named correctly (empty: no name recall this meeting)."""
    main_answer: MainAnswer
    """The Answers field the activity round fills."""
    answers: dict[str, _Said]
    """Per present member."""
    observation_notes: dict[str, str] = Field(default_factory=dict)
    private_notes: str


class _DemoFile(Strict):
    """``demo.toml``."""

    group: Group
    observations: dict[str, list[str]]
    """Indicator scores per member, meetings 1 to 4: five digits in the order of INDICATORS; "" when not there."""
    self_ratings: dict[str, list[str]] = Field(default_factory=dict)
    """The members' own ratings, in the same form; "" when not given."""
    meetings: list[_Script]


@cache
def _demo_file() -> _DemoFile:
    """The demo's data file, shipped inside the package."""
    data = resources.files("homeroom_tui").joinpath("data", DEMO_FILE).read_bytes()
    return _DemoFile.model_validate(tomllib.loads(data.decode("utf-8")))


DEMO_GROUP_ID: Final = _demo_file().group.id
DEMO_MEMBERS: Final[tuple[tuple[str, str], ...]] = tuple(
    (member.name, member.faculty or "") for member in _demo_file().group.members
)
"""Name and faculty of each fictional student."""


def demo_group() -> Group:
    """The demo group: 9 fictional students, 4 weekly meetings from 2024-01-15."""
    return _demo_file().group.model_copy(deep=True)


def _attendance(member_ids: list[str], away: dict[str, _Away]) -> dict[str, Attendance]:
    """Everyone present except the members listed in ``away``."""
    result: dict[str, Attendance] = {}
    for member_id in member_ids:
        if member_id in away:
            entry = away[member_id]
            result[member_id] = Attendance(status=entry.status, arrived_at=entry.arrived_at, note=entry.note)
        else:
            result[member_id] = Attendance(status="present")
    return result


def _recalled(member_id: str, present: list[str], count: int) -> list[str]:
    """The ``count`` present peers a member named: those sitting closest in the circle first."""
    index = present.index(member_id)
    size = len(present)
    nearest: list[str] = []
    for distance in range(1, size):
        for step in (distance, -distance):
            peer = present[(index + step) % size]
            if peer != member_id and peer not in nearest:
                nearest.append(peer)
    return nearest[:count]


def _observation(scores: str, note: str) -> Observation:
    """An observation from five digits in the order of INDICATORS."""
    values = {key: int(digit) for key, digit in zip(INDICATORS, scores, strict=True)}
    return Observation(**values, note=note)


def _answers(script: _Script, member_id: str) -> Answers:
    """A member's answers in the rounds of one meeting."""
    said = script.answers[member_id]
    return Answers.model_validate(
        {
            "checkin": said.checkin,
            script.main_answer: said.main,
            "impression": said.impression,
            "ready": True,
            "appreciated": script.main_answer in ("resolution", "change"),
        }
    )


def _stages(group: Group, script: _Script, start: dt.datetime, present: list[str]) -> tuple[Stages, dt.datetime]:
    """The four stages run back to back from ``start``; returns them and when the last one ended."""
    stages: dict[str, Stage] = {}
    clock = start
    for key in STAGE_KEYS:
        seconds = script.seconds[key]
        ended = clock + dt.timedelta(seconds=seconds)
        stages[key] = Stage(
            planned_min=group.minutes.of(key),
            actual_seconds=float(seconds),
            started_at=clock,
            ended_at=ended,
            extended_min=script.extended.get(key, 0),
            checklist=list(script.checklist[key]),
            round_done=list(present),
            notes=script.stage_notes[key],
        )
        clock = ended
    return Stages(**stages), clock


def _build_meeting(group: Group, script: _Script, scores: dict[str, list[str]], own: dict[str, list[str]]) -> Meeting:
    """One completed meeting of the demo group from its script."""
    member_ids = [m.id for m in group.members]
    present = [k for k in member_ids if k not in script.away or script.away[k].status == "late"]
    date = group.planned_date(script.number)
    if date is None:  # pragma: no cover - the demo group has a first meeting
        raise ValueError("demo group without a first meeting")
    start = dt.datetime.combine(date, script.start, tzinfo=WIB)
    stages, end = _stages(group, script, start, present)
    return Meeting(
        group_id=group.id,
        number=script.number,
        date=date,
        status="completed",
        started_at=start,
        ended_at=end,
        stages=stages,
        attendance=_attendance(member_ids, script.away),
        icebreaker=script.icebreaker.model_copy(),
        name_recall={k: _recalled(k, present, n) for k, n in script.recall.items()},
        observations={
            k: _observation(scores[k][script.number - 1], script.observation_notes.get(k, "")) for k in present
        },
        answers={k: _answers(script, k) for k in present},
        self_ratings={
            k: SelfRating(**{key: int(digit) for key, digit in zip(INDICATORS, own[k][script.number - 1], strict=True)})
            for k in present
            if k in own and own[k][script.number - 1]
        },
        private_notes=script.private_notes,
    )


def demo_meetings() -> list[Meeting]:
    """The four completed meetings of the demo program, built from the data file."""
    group = demo_group()
    demo = _demo_file()
    return [_build_meeting(group, script, demo.observations, demo.self_ratings) for script in demo.meetings]


def write_demo(root: Path) -> Store:
    """Write the demo group and its meetings into ``root`` (a folder that should hold nothing else).

    When the demo group's file is already there, nothing is written at all: a counselor may have
    worked in the demo folder, and their changes are never overwritten. A meeting file already
    present is never replaced either.
    """
    store = Store(root)
    group = demo_group()
    if os.path.lexists(store.group_path(group.id)):
        return store
    store.save_group(group)
    for meeting in demo_meetings():
        if not os.path.lexists(store.meeting_path(group.id, meeting.number)):
            store.save_meeting(meeting)
    return store
