"""Everything recorded about a meeting that the tables leave out: was it run as the technique prescribes?

The *fidelity* of a meeting: per stage, the checklist items ticked of those the agenda lists and the
minutes run against the minutes planned; whether all four stages were held, an ice-breaker was
used and attendance was taken. Also who was appreciated (★) and the reasons given for absence or
lateness. One place for these queries, used by the review and the reports alike. Pure functions
over the model; imports no Textual.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from homeroom_tui.i18n import Lang, t_in
from homeroom_tui.model import STAGE_KEYS, AttendanceStatus, Group, Meeting, StageKey
from homeroom_tui.program.agenda import Agenda
from homeroom_tui.program.attendance import attendance_taken, roster


@dataclass(frozen=True)
class StageFidelity:
    """One stage of one meeting: checklist done and time run, against the plan."""

    key: StageKey
    ticked: int
    """Items of the agenda's checklist ticked (items no longer in the agenda are not counted)."""
    items: int
    """Items the agenda's checklist lists for the stage."""
    planned_min: int
    """Minutes planned, with the minutes added (or taken) during the meeting."""
    extended_min: int
    """Minutes added during the meeting (negative: taken off)."""
    actual_min: float
    """Minutes the stage ran (pauses excluded)."""

    @property
    def held(self) -> bool:
        """The stage ran at all."""
        return self.actual_min > 0

    @property
    def complete(self) -> bool:
        """Every checklist item ticked (a stage without a checklist is complete)."""
        return self.ticked >= self.items


@dataclass(frozen=True)
class MeetingFidelity:
    """One meeting against the technique: its four stages, the ice-breaker, attendance."""

    number: int
    date: str
    status: str
    stages: tuple[StageFidelity, ...]
    icebreaker: bool
    """An ice-breaker was used (the transition stage prescribes one)."""
    attendance_taken: bool

    @property
    def ticked(self) -> int:
        return sum(s.ticked for s in self.stages)

    @property
    def items(self) -> int:
        return sum(s.items for s in self.stages)

    @property
    def stages_held(self) -> int:
        return sum(s.held for s in self.stages)

    @property
    def as_prescribed(self) -> bool:
        """All four stages held, every checklist item ticked, an ice-breaker used, attendance taken."""
        return (
            self.stages_held == len(self.stages)
            and all(s.complete for s in self.stages)
            and self.icebreaker
            and self.attendance_taken
        )

    def missing(self) -> list[str]:
        """What keeps the meeting from being as prescribed, as keys: ``stage.<key>``, ``checklist.<key>``,
        ``icebreaker``, ``attendance`` (the screens and reports word them)."""
        out = [f"stage.{s.key}" for s in self.stages if not s.held]
        out += [f"checklist.{s.key}" for s in self.stages if s.held and not s.complete]
        out += [] if self.icebreaker else ["icebreaker"]
        out += [] if self.attendance_taken else ["attendance"]
        return out


def meeting_fidelity(meeting: Meeting, agenda: Agenda) -> MeetingFidelity:
    """How far ``meeting`` followed its agenda (the agenda for its number)."""
    plan = agenda.for_meeting(meeting.number)
    stages = []
    for key in STAGE_KEYS:
        stage, items = meeting.stages[key], [item.key for item in plan.stage(key).checklist]
        stages.append(
            StageFidelity(
                key=key,
                ticked=len(set(stage.checklist) & set(items)),
                items=len(items),
                planned_min=stage.planned_min + stage.extended_min,
                extended_min=stage.extended_min,
                actual_min=round(stage.actual_seconds / 60, 1),
            )
        )
    return MeetingFidelity(
        number=meeting.number,
        date=meeting.date.isoformat(),
        status=meeting.status,
        stages=tuple(stages),
        icebreaker=meeting.icebreaker is not None,
        attendance_taken=attendance_taken(meeting),
    )


def fidelity(meetings: Iterable[Meeting], agenda: Agenda) -> list[MeetingFidelity]:
    """:func:`meeting_fidelity` of each meeting, in meeting order."""
    return [meeting_fidelity(m, agenda) for m in sorted(meetings, key=lambda m: m.number)]


@dataclass(frozen=True)
class AttendanceRecord:
    """One member at one meeting: status, arrival time (``HH:MM`` or empty) and the reason given."""

    member_id: str
    status: AttendanceStatus
    arrived_at: str
    reason: str


def attendance_records(group: Group, meeting: Meeting) -> list[AttendanceRecord]:
    """Each member on the meeting's roster with status, arrival time and reason, in circle order."""
    out = []
    for member in roster(group, meeting):
        record = meeting.attendance.get(member.id)
        out.append(
            AttendanceRecord(
                member_id=member.id,
                status=record.status if record else "unknown",
                arrived_at=record.arrived_at.strftime("%H:%M") if record and record.arrived_at else "",
                reason=record.note if record else "",
            )
        )
    return out


def appreciated(meeting: Meeting) -> list[str]:
    """Ids of the members whose answer the counselor appreciated (★) in ``meeting``, sorted by number."""
    return sorted((mid for mid, a in meeting.answers.items() if a.appreciated), key=lambda mid: int(mid[1:]))


def appreciations(meetings: Sequence[Meeting], member_id: str) -> list[int]:
    """Numbers of the meetings in which ``member_id`` was appreciated."""
    return [
        m.number
        for m in sorted(meetings, key=lambda m: m.number)
        if (a := m.answers.get(member_id)) is not None and a.appreciated
    ]


def missing_words(meeting: MeetingFidelity, lang: Lang) -> list[str]:
    """:meth:`MeetingFidelity.missing` in words, in ``lang``: "Activity: checklist 1/3", "no ice-breaker"."""
    stages = {s.key: s for s in meeting.stages}
    words = []
    for what in meeting.missing():
        kind, _, key = what.partition(".")
        if kind == "stage":
            words.append(t_in(lang, "report.missing.stage", stage=t_in(lang, f"stage.{key}")))
        elif kind == "checklist":
            s = stages[key]  # type: ignore[index]
            words.append(
                t_in(lang, "report.missing.checklist", stage=t_in(lang, f"stage.{key}"), ticked=s.ticked, items=s.items)
            )
        else:
            words.append(t_in(lang, f"report.missing.{kind}"))
    return words


def appreciable_answers(agenda: Agenda, number: int) -> set[str]:
    """The answers of meeting ``number`` its agenda asks the counselor to appreciate (a resolution, a change)."""
    plan = agenda.for_meeting(number)
    rounds = [plan.stage(key).round for key in STAGE_KEYS]
    return {r.answer for r in rounds if r is not None and r.appreciate}


def arrival_text(group: Group, meeting: Meeting, member_id: str, lang: Lang) -> str:
    """``late 15:10``, ``present``, or a dash when the member was not on the meeting's roster."""
    record = next((r for r in attendance_records(group, meeting) if r.member_id == member_id), None)
    if record is None:
        return "–"
    word = t_in(lang, f"attendance.{record.status}")
    return f"{word} {record.arrived_at}" if record.arrived_at else word
