"""Review queries over past meetings: tables per group, per member over the program, the group
overview, and full-text search. Pure functions over the model; imports no Textual.

Who is on the roster and present is ``program.attendance``; name recall is ``program.recall``.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean
from typing import Final

from homeroom_tui.i18n import t_count
from homeroom_tui.model import INDICATORS, STAGE_KEYS, Answers, AttendanceStatus, Group, Meeting, Member
from homeroom_tui.model.texts import interview_texts, texts
from homeroom_tui.program.attendance import attendance_status, present_ids, roster
from homeroom_tui.program.interviews import title as interview_title
from homeroom_tui.program.recall import RecallScore, group_recall, recall_change, recall_score
from homeroom_tui.store import DamagedFile, Store
from homeroom_tui.store.index import MARK_END, MARK_START, Index

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


_TYPED: Final = re.compile(r'"([^"]*)"?|(\S+)')
_WORD: Final = re.compile(r"\w+")


def fts_query(typed: str) -> str | None:
    """What the counselor typed as an FTS5 query, or None when it holds no word.

    Words must all be found, as whole words, in any order; ``"tidak percaya diri"`` is a phrase;
    ``malu*`` finds words that begin with ``malu``, and so does the last word typed (the search
    runs as you type, so a word half typed already finds something). Case and accents do not
    count (the index folds them). Everything else is taken as text: no FTS5 operator typed can
    change the query.
    """
    found = list(_TYPED.finditer(typed))
    parts: list[str] = []
    for position, match in enumerate(found):
        phrase, word = match.group(1), match.group(2)
        words = _WORD.findall(phrase if phrase is not None else word)
        if not words:
            continue
        quoted = '"' + " ".join(words) + '"'
        last = position == len(found) - 1 and not typed.endswith((" ", '"'))
        prefix = phrase is None and (word.endswith("*") or last)
        parts.append(quoted + ("*" if prefix else ""))
    return " ".join(parts) or None


def unmark(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A text with its matches between ``MARK_START`` and ``MARK_END``: the text, and the matches' spans."""
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    at = 0
    start = 0
    for piece in re.split(f"([{MARK_START}{MARK_END}])", marked):
        if piece == MARK_START:
            start = at
        elif piece == MARK_END:
            spans.append((start, at))
        else:
            text.append(piece)
            at += len(piece)
    return "".join(text), tuple(spans)


class IndexedSearch:
    """Search through the data folder's index on disk (``store.index``): ranked by relevance, with the
    matches marked. Only the hits are read into memory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._index: Index | None = None

    def search(self, query: str, limit: int = 500) -> list[SearchHit]:
        """The texts matching ``query`` (see :func:`fts_query`), best first."""
        fts = fts_query(query)
        if fts is None:
            return []
        if self._index is None:
            self._index = Index.open(self.root)
            if self._index is None:
                return []
        try:
            found = self._index.search(fts, limit)
        except sqlite3.Error:
            return []
        groups: dict[str, Group | None] = {}
        hits = []
        for row in found:
            text, spans = unmark(row.marked)
            about = ""
            if row.number == INTERVIEWS and row.group_data is not None:
                if row.group_id not in groups:
                    try:
                        groups[row.group_id] = Group.model_validate_json(row.group_data)
                    except ValueError:
                        groups[row.group_id] = None
                group = groups[row.group_id]
                about = _interview_title(group, row.where, row.member_id) if group is not None else ""
            hits.append(
                SearchHit(row.group_id, row.group_name, row.number, row.where, row.member_id, text, spans, about)
            )
        return hits

    def update_interviews(self, group: Group) -> None:
        """Index ``group``'s file again (a member was saved): reading it through the index replaces its
        row, interviews and all; its meetings are unchanged and come from their rows."""
        with contextlib.suppress(DamagedFile):
            Store(self.root).read_group(group.id)

    def close(self) -> None:
        """Let go of the index file."""
        if self._index is not None:
            self._index.close()
            self._index = None


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
