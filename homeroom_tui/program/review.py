"""Review queries over past meetings: tables per group, per member over the program, the group
overview, and full-text search. Pure functions over the model; imports no Textual.

Who is on the roster and present is ``program.attendance``; name recall is ``program.recall``.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from statistics import mean
from typing import Final

from homeroom_tui.i18n import t_count
from homeroom_tui.model import ANSWER_KEYS, INDICATORS, STAGE_KEYS, Answers, AttendanceStatus, Group, Meeting, Member
from homeroom_tui.program.attendance import attendance_status, present_ids, roster
from homeroom_tui.program.interviews import title as interview_title
from homeroom_tui.program.recall import RecallScore, group_recall, recall_change, recall_score

# --- per group ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingRow:
    """One line of a group's meeting table."""

    number: int
    date: str
    status: str
    present: int
    total: int
    icebreaker: str | None
    rating: int | None
    actual_min: float
    planned_min: int


def meeting_rows(group: Group, meetings: Iterable[Meeting]) -> list[MeetingRow]:
    """The group's meetings in order, with attendance, ice-breaker and time."""
    rows = []
    for meeting in sorted(meetings, key=lambda m: m.number):
        stages = [meeting.stages[k] for k in STAGE_KEYS]
        rows.append(
            MeetingRow(
                number=meeting.number,
                date=meeting.date.isoformat(),
                status=meeting.status,
                present=len(present_ids(group, meeting)),
                total=len(roster(group, meeting)),
                icebreaker=meeting.icebreaker.id if meeting.icebreaker else None,
                rating=meeting.icebreaker.rating if meeting.icebreaker else None,
                actual_min=sum(s.actual_seconds for s in stages) / 60,
                planned_min=sum(s.planned_min + s.extended_min for s in stages),
            )
        )
    return rows


# --- per member over the program --------------------------------------------------------------------


@dataclass
class MemberProgress:
    """One member across the program's meetings (lists run in meeting order)."""

    member: Member
    numbers: list[int]
    attendance: list[AttendanceStatus]
    recall: list[RecallScore | None]
    indicators: dict[str, list[int | None]]
    answers: list[tuple[int, Answers]]
    notes: list[tuple[int, str]] = field(default_factory=list)

    def change(self, indicator: str) -> int | None:
        """Last value minus first value of an indicator (meetings where it was judged)."""
        values = [v for v in self.indicators[indicator] if v is not None]
        return values[-1] - values[0] if len(values) >= 2 else None

    def recall_change(self) -> float | None:
        """First to last name recall, in percentage points (:func:`recall_change`)."""
        done = [s for s in self.recall if s is not None and s.fraction is not None]
        return recall_change(done[0], done[-1]) if len(done) >= 2 else None

    def mean_change(self) -> float | None:
        """The mean of the five indicators' changes, where known."""
        changes = [c for c in (self.change(i) for i in INDICATORS) if c is not None]
        return mean(changes) if changes else None


def member_progress(group: Group, meetings: Sequence[Meeting], member_id: str) -> MemberProgress:
    """Attendance, recall, the five indicators and the answers of one member, meeting by meeting."""
    member = group.member(member_id)
    if member is None:
        raise KeyError(member_id)
    ordered = sorted(meetings, key=lambda m: m.number)
    indicators: dict[str, list[int | None]] = {i: [] for i in INDICATORS}
    for meeting in ordered:
        record = meeting.observations.get(member_id)
        for indicator in INDICATORS:
            indicators[indicator].append(getattr(record, indicator) if record else None)
    return MemberProgress(
        member=member,
        numbers=[m.number for m in ordered],
        attendance=[attendance_status(m, member_id) for m in ordered],
        recall=[recall_score(group, m, member_id) for m in ordered],
        indicators=indicators,
        answers=[(m.number, m.answers[member_id]) for m in ordered if member_id in m.answers],
        notes=[
            (m.number, m.observations[member_id].note)
            for m in ordered
            if m.observations.get(member_id) and m.observations[member_id].note
        ],
    )


# --- the group overview ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingSummary:
    """The group in one meeting: attendance, recall, indicator averages."""

    number: int
    present: int
    total: int
    recall: RecallScore | None
    indicators: dict[str, float | None]


@dataclass
class Overview:
    """The group over the program, and the members who changed least (to follow up)."""

    meetings: list[MeetingSummary]
    least_changed: list[tuple[Member, float]]


def indicator_average(meeting: Meeting, indicator: str) -> float | None:
    """The mean of one indicator over the members judged in a meeting."""
    values = [getattr(o, indicator) for o in meeting.observations.values() if getattr(o, indicator) is not None]
    return mean(values) if values else None


def overview(group: Group, meetings: Sequence[Meeting], follow_up: int = 3) -> Overview:
    """Attendance and recall per meeting, indicators averaged, and the ``follow_up`` members who changed least."""
    ordered = sorted(meetings, key=lambda m: m.number)
    summaries = [
        MeetingSummary(
            number=m.number,
            present=len(present_ids(group, m)),
            total=len(roster(group, m)),
            recall=group_recall(group, m),
            indicators={i: indicator_average(m, i) for i in INDICATORS},
        )
        for m in ordered
    ]
    changes = []
    for member in group.members:
        change = member_progress(group, ordered, member.id).mean_change()
        if change is not None:
            changes.append((member, change))
    changes.sort(key=lambda pair: (pair[1], pair[0].id))
    return Overview(summaries, changes[:follow_up])


# --- search ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchHit:
    """A note or answer that matches, with where the matches are."""

    group_id: str
    group_name: str
    meeting_number: int
    where: str
    member_id: str | None
    text: str
    spans: tuple[tuple[int, int], ...]
    interview: str = ""
    """For a member's interview (``meeting_number`` 0): its title, ``Interview before the program · 2024-01-08``."""


def texts(meeting: Meeting) -> Iterator[tuple[str, str | None, str]]:
    """Every free text of a meeting: (where, member id or None, text)."""
    for key in STAGE_KEYS:
        if meeting.stages[key].notes:
            yield f"stages.{key}.notes", None, meeting.stages[key].notes
    if meeting.private_notes:
        yield "private_notes", None, meeting.private_notes
    for member_id, answers in meeting.answers.items():
        for name in ANSWER_KEYS:
            value = getattr(answers, name)
            if value:
                yield f"answers.{name}", member_id, value
    for member_id, observation in meeting.observations.items():
        if observation.note:
            yield "observations.note", member_id, observation.note
    for member_id, attendance in meeting.attendance.items():
        if attendance.note:
            yield "attendance.note", member_id, attendance.note
    if meeting.icebreaker and meeting.icebreaker.note:
        yield "icebreaker.note", None, meeting.icebreaker.note


def interview_texts(group: Group) -> Iterator[tuple[str, str | None, str]]:
    """Every member's interview notes: (``interviews.N``, member id, text), N the index in the file."""
    for member in group.members:
        for index, interview in enumerate(member.interviews):
            yield f"interviews.{index}", member.id, interview.text


INTERVIEWS: Final = 0
"""The number under which a group's interviews are indexed (meetings count from 1)."""

_SEPARATOR: Final = "\x00"  # between the texts of a meeting; no saved text can hold it (files with NUL are refused)


@dataclass(frozen=True, slots=True)
class _IndexedMeeting:
    """One meeting's texts, kept small: years of notes stay in memory while the review is open.

    The texts are joined into one string, with their starts and labels in arrays: about one byte
    per character of notes, against three and more for a tuple and two strings per text.
    """

    group: Group
    number: int
    joined: str
    starts: array[int]
    labels: array[int]
    ascii: bool

    def texts(self) -> Iterator[tuple[int, str]]:
        """(label, text) for each text of the meeting."""
        last = len(self.starts) - 1
        for index, label in enumerate(self.labels):
            start = self.starts[index]
            end = self.starts[index + 1] - 1 if index < last else len(self.joined)
            yield label, self.joined[start:end]


class SearchIndex:
    """Every free text of every meeting, gathered once, so each keystroke of a search is quick."""

    def __init__(self, corpus: Iterable[tuple[Group, Sequence[Meeting]]] = ()) -> None:
        self.entries: list[_IndexedMeeting] = []
        self._labels: list[tuple[str, str | None]] = []
        self._label_ids: dict[tuple[str, str | None], int] = {}
        for group, meetings in corpus:
            self.add(group, meetings)

    def _label(self, where: str, member_id: str | None) -> int:
        key = (where, member_id)
        found = self._label_ids.get(key)
        if found is None:
            found = self._label_ids[key] = len(self._labels)
            self._labels.append(key)
        return found

    def add(self, group: Group, meetings: Sequence[Meeting]) -> None:
        """Take in one group's texts (only the texts are kept, not the meetings), its interviews too."""
        self._add_texts(group, INTERVIEWS, interview_texts(group))
        for meeting in sorted(meetings, key=lambda m: m.number):
            self._add_texts(group, meeting.number, texts(meeting))

    def _add_texts(self, group: Group, number: int, found: Iterable[tuple[str, str | None, str]]) -> None:
        starts, labels, parts, at = array("I"), array("I"), [], 0
        for where, member_id, text in found:
            starts.append(at)
            labels.append(self._label(where, member_id))
            parts.append(text)
            at += len(text) + 1
        if not parts:
            return
        joined = _SEPARATOR.join(parts)
        self.entries.append(_IndexedMeeting(group, number, joined, starts, labels, joined.isascii()))

    def update_interviews(self, group: Group) -> None:
        """Index ``group``'s interviews again (a member was saved): the meetings' texts stay as they are."""
        self.entries = [e for e in self.entries if not (e.group.id == group.id and e.number == INTERVIEWS)]
        self._add_texts(group, INTERVIEWS, interview_texts(group))

    def search(self, query: str, limit: int = 500) -> list[SearchHit]:
        """Case-insensitive search for ``query`` in every note and answer.

        Each meeting is tested whole first and searched text by text only if it holds the query:
        an ASCII query in an ASCII meeting with a plain substring test on the lowercased text (C
        speed, and exact: the pattern's case folding also pairs ``s`` with ``ſ`` and ``i`` with
        ``ı``, which ``lower()`` does not), anything else with the pattern itself.
        """
        needle = query.strip()
        if not needle:
            return []
        pattern = re.compile(re.escape(needle), re.IGNORECASE)
        quick = needle.lower() if needle.isascii() else None
        hits: list[SearchHit] = []
        for entry in self.entries:
            if quick is not None and entry.ascii:
                if quick not in entry.joined.lower():
                    continue
            elif pattern.search(entry.joined) is None:
                continue
            for label, text in entry.texts():
                spans = tuple(m.span() for m in pattern.finditer(text))
                if spans:
                    where, member_id = self._labels[label]
                    group = entry.group
                    about = _interview_title(group, where, member_id) if entry.number == INTERVIEWS else ""
                    hits.append(SearchHit(group.id, group.name, entry.number, where, member_id, text, spans, about))
                    if len(hits) >= limit:
                        return hits
        return hits


def _interview_title(group: Group, where: str, member_id: str | None) -> str:
    member = group.member(member_id) if member_id else None
    index = int(where.rpartition(".")[2])
    if member is None or index >= len(member.interviews):
        return ""
    return interview_title(member.interviews[index])


def search(corpus: Iterable[tuple[Group, Sequence[Meeting]]], query: str, limit: int = 500) -> list[SearchHit]:
    """Case-insensitive search for ``query`` in every note and answer of every group."""
    return SearchIndex(corpus).search(query, limit)


def hits_line(query: str, hits: Sequence[SearchHit], highlighted: int | None) -> str:
    """The search's count line: how many hits, and what Enter opens for the highlighted one (its
    meeting, or the member for an interview); empty while nothing is typed."""
    if not query.strip():
        return ""
    hit = hits[highlighted] if highlighted is not None and 0 <= highlighted < len(hits) else None
    opens_member = hit is not None and bool(hit.interview) and hit.member_id is not None
    return t_count("review.hits_member", len(hits)) if opens_member else t_count("review.hits", len(hits))
