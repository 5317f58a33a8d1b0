"""What a program report shows, as rows of plain text: decided once for every report's format. Imports no Textual.

The Markdown report (:mod:`homeroom_tui.program.report`) and the printable HTML report
(:mod:`homeroom_tui.program.html_report`) show the same tables with the same cells; each keeps
only how it writes them (a Markdown table, a Jinja2 template) and how text is made literal in its
format (:meth:`ReportData.literal`). Aliasing, the members on the tables and the numbers are the
same in both because they are computed here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Final, NamedTuple, Self, TypedDict, Unpack

from homeroom_tui.i18n import Lang, t_count_in, t_in
from homeroom_tui.i18n.numbers import number, points, share
from homeroom_tui.model import ANSWER_KEYS, INDICATORS, STAGE_KEYS, Group, Meeting, Member, StageKey
from homeroom_tui.program.agenda import Agenda, load_agenda
from homeroom_tui.program.aliases import Aliaser
from homeroom_tui.program.attendance import attendance_status, roster
from homeroom_tui.program.fidelity import (
    appreciable_answers,
    appreciated,
    appreciations,
    arrival_text,
    attendance_records,
    fidelity,
    missing_words,
)
from homeroom_tui.program.icebreakers import Library, load_library
from homeroom_tui.program.recall import RecallScore, group_recall, recall_change, recall_score
from homeroom_tui.program.review import MeetingRow, MemberProgress, Overview, meeting_rows, member_progress, overview
from homeroom_tui.program.triangulation import triangulate

DASH: Final = "–"


def score(value: RecallScore | None, lang: Lang) -> str:
    """``3/7 (42.9%)`` (:func:`~homeroom_tui.i18n.numbers.share`), or a dash when there was no name recall."""
    return DASH if value is None else share(value.named, value.possible, lang)


def signed(change: int) -> str:
    """``+3``, ``-1``, ``0``."""
    return f"{change:+d}" if change else "0"


class ReportOptions(TypedDict, total=False):
    """What a report shows beyond the group and its meetings (every report function takes them)."""

    names: bool
    """Real names instead of aliases, and free text as typed (default False)."""
    private: bool
    """The counselor's private notes too (default False)."""
    library: Library | None
    """Where ice-breaker names come from (the built-in library when None)."""
    agenda: Agenda | None
    """The checklists of the fidelity table (the built-in agenda when None)."""
    faculty: bool
    """The members' faculties in an aliased report too (default False)."""
    aliases: Aliaser | None
    """The aliaser to use, to read what aliasing did afterwards (a new one when None)."""


class Grid(NamedTuple):
    """A table's content: a header and rows of text cells, for a report to write in its format."""

    header: list[str]
    rows: list[list[str]]


@dataclass
class ReportData:
    """What every report's sections show: the data, the language and how to show people and text.

    A report subclasses it and says how text is made literal in its format (:meth:`literal`).
    """

    group: Group
    meetings: list[Meeting]
    lang: Lang
    names: bool
    private: bool
    library: Library
    agenda: Agenda
    faculty: bool = False
    aliases: Aliaser | None = None

    @classmethod
    def of(cls, group: Group, meetings: Sequence[Meeting], lang: Lang, **options: Unpack[ReportOptions]) -> Self:
        """The report of ``group``: its meetings in order, the built-in library and agenda unless given."""
        library, agenda = options.get("library"), options.get("agenda")
        return cls(
            group=group,
            meetings=sorted(meetings, key=lambda m: m.number),
            lang=lang,
            names=options.get("names", False),
            private=options.get("private", False),
            library=library if library is not None else load_library(),
            agenda=agenda if agenda is not None else load_agenda(),
            faculty=options.get("faculty", False),
            aliases=options.get("aliases"),
        )

    # how to show text and people -----------------------------------------------------------------

    def literal(self, value: str) -> str:
        """Text from people or files made literal for this report's format."""
        raise NotImplementedError

    def literal_line(self, value: str) -> str:
        """A name (of a group, a member, an ice-breaker) made literal where it stands on one line."""
        return self.literal(value)

    def t(self, key: str, /, **values: object) -> str:
        return t_in(self.lang, key, **values)

    def num(self, value: float, sign: bool = False) -> str:
        """One way to write numbers (:func:`~homeroom_tui.i18n.numbers.number`): one decimal, the language's."""
        return number(value, self.lang, sign=sign)

    @cached_property
    def _alias(self) -> Aliaser:
        return self.aliases if self.aliases is not None else Aliaser(self.group)

    def text(self, value: str) -> str:
        """Free text as it may appear: aliased unless names were asked for, and literal."""
        return self.literal(value if self.names else self._alias(value))

    @property
    def group_name(self) -> str:
        """The group's name, or "Group A" in an aliased report when it holds a member's name."""
        return self.group.name if self.names else self._alias.group_name(self.lang)

    @property
    def show_faculty(self) -> bool:
        """Faculties are shown with names, or when asked for: one member per faculty could name them."""
        return self.names or self.faculty

    def who(self, member_id: str) -> str:
        """A member as shown in tables: the alias, or "name (alias)"."""
        member = self.group.member(member_id)
        return f"{self.literal(member.name)} ({member_id})" if self.names and member else member_id

    def m(self, number: int) -> str:
        return self.t("report.meeting_short", number=number)

    @cached_property
    def members(self) -> list[Member]:
        """The members the meeting tables are about: anyone on the roster of some meeting."""
        if not self.meetings:
            return self.group.active_members
        on_roster = {m.id for meeting in self.meetings for m in roster(self.group, meeting)}
        return [m for m in self.group.members if m.id in on_roster]

    @cached_property
    def rows(self) -> list[MeetingRow]:
        """The review's meeting table: present/total and minutes per meeting."""
        return meeting_rows(self.group, self.meetings)

    @property
    def member_header(self) -> list[str]:
        return [self.t("report.col.member"), *(self.m(meeting.number) for meeting in self.meetings)]

    def appreciable(self, number: int) -> set[str]:
        return appreciable_answers(self.agenda, number)

    def arrival(self, meeting: Meeting, member_id: str) -> str:
        return arrival_text(self.group, meeting, member_id, self.lang)

    # the group and its plan ----------------------------------------------------------------------

    def title(self) -> str:
        return self.t("report.title", name=self.literal_line(self.group_name))

    def notices(self) -> list[str]:
        """What the reader must know about what is aliased or left out: the group's name, faculties."""
        notices = []
        if not self.names and self.group_name != self.group.name:
            notices.append(self.t("report.group_aliased", name=self.literal_line(self.group_name)))
        if not self.show_faculty:
            notices.append(self.t("report.faculty_left_out"))
        return notices

    def facts(self) -> list[tuple[str, str]]:
        group, t = self.group, self.t
        done = sum(m.status == "completed" for m in self.meetings)
        schedule = (
            t_count_in(self.lang, "report.schedule_value", group.every_days, date=group.first_meeting.isoformat())
            if group.first_meeting
            else DASH
        )
        minutes = " · ".join(f"{t(f'stage.{k}')} {group.minutes.of(k)}" for k in STAGE_KEYS)
        return [
            (t("report.group_id"), group.id if self.names else self._alias.group_id),
            (t("common.counselor"), self.text(group.counselor) or DASH),
            (t("report.meetings_planned"), str(group.meetings_planned)),
            (t("report.meetings_done"), str(done)),
            (t("report.schedule"), schedule),
            (t("report.dates"), ", ".join(m.date.isoformat() for m in self.meetings) or DASH),
            (t("report.minutes_plan"), f"{minutes} ({group.minutes.total})"),
        ]

    def member_table(self) -> Grid:
        t, members = self.t, self.group.members
        header = [t("report.col.alias"), *([t("report.col.name")] if self.names else [])]
        header += [t("report.col.faculty")] if self.show_faculty else []
        left = any(not m.active for m in members)
        header += [t("common.status")] if left else []
        header += [t("report.col.member_note")] if self.private else []
        rows = []
        for m in members:
            row = [m.id, *([self.literal_line(m.name)] if self.names else [])]
            row += [self.text(m.faculty or "")] if self.show_faculty else []
            row += [t("report.member_active" if m.active else "report.member_left")] if left else []
            row += [self.text(m.note or "")] if self.private else []
            rows.append(row)
        return Grid(header, rows)

    # the summary tables --------------------------------------------------------------------------

    def attendance(self) -> Grid:
        """Each member's attendance per meeting (with the arrival time of who came late), and who was present."""
        rosters = [{m.id for m in roster(self.group, meeting)} for meeting in self.meetings]

        def status(meeting: Meeting, ids: set[str], member_id: str) -> str:
            if member_id not in ids:
                return DASH
            word = self.t(f"attendance.{attendance_status(meeting, member_id)}")
            record = meeting.attendance.get(member_id)
            return f"{word} {record.arrived_at.strftime('%H:%M')}" if record and record.arrived_at else word

        rows = [
            [self.who(m.id), *(status(mt, ids, m.id) for mt, ids in zip(self.meetings, rosters, strict=True))]
            for m in self.members
        ]
        rows.append([self.t("common.present"), *(f"{r.present}/{r.total}" if r.present else DASH for r in self.rows)])
        return Grid(self.member_header, rows)

    def timing(self) -> Grid:
        """Planned (and extended) against actual minutes, per stage and meeting."""
        t = self.t

        def stage(meeting: Meeting, key: StageKey) -> str:
            s = meeting.stages[key]
            planned = f"{s.planned_min + s.extended_min}" + (f" ({s.extended_min:+d})" if s.extended_min else "")
            return f"{planned} / {self.num(s.actual_seconds / 60)}"

        header = [t("common.meeting"), t("common.date"), t("common.status")]
        header += [t(f"stage.{k}") for k in STAGE_KEYS] + [t("report.col.total")]
        rows = [
            [
                self.m(meeting.number),
                meeting.date.isoformat(),
                t(f"meeting_status.{meeting.status}"),
                *(stage(meeting, k) for k in STAGE_KEYS),
                f"{row.planned_min} / {self.num(row.actual_min)}",
            ]
            for meeting, row in zip(self.meetings, self.rows, strict=True)
        ]
        return Grid(header, rows)

    def fidelity(self) -> Grid:
        """Was each meeting run as the technique prescribes? Checklist per stage, ice-breaker, attendance."""
        t = self.t
        header = [t("common.meeting"), *(t(f"stage.{k}") for k in STAGE_KEYS)]
        header += [t("common.icebreaker"), t("panel.attendance"), t("report.col.as_prescribed")]
        rows = []
        for f in fidelity(self.meetings, self.agenda):
            verdict = t("report.yes") if f.as_prescribed else "; ".join(missing_words(f, self.lang))
            rows.append(
                [
                    self.m(f.number),
                    *(f"{s.ticked}/{s.items}" for s in f.stages),
                    "✔" if f.icebreaker else DASH,
                    "✔" if f.attendance_taken else DASH,
                    verdict,
                ]
            )
        return Grid(header, rows)

    def icebreakers(self) -> Grid:
        """The ice-breaker of each meeting that had one, with its rating and note."""
        t = self.t
        rows = []
        for meeting in self.meetings:
            use = meeting.icebreaker
            if use is None:
                continue
            item = self.library.get(use.id)
            name = item.name.text(self.lang) if item else use.id
            rating = f"{use.rating}/5" if use.rating else DASH
            rows.append([self.m(meeting.number), self.literal_line(name), rating, self.text(use.note)])
        header = [t("common.meeting"), t("common.icebreaker"), t("report.col.rating"), t("report.col.note")]
        return Grid(header, rows)

    def appreciation(self) -> Grid:
        """Who the counselor appreciated (★), meeting by meeting."""
        stars = [set(appreciated(meeting)) for meeting in self.meetings]
        rows = [
            [
                self.who(m.id),
                *("★" if m.id in ids else "" for ids in stars),
                str(len(appreciations(self.meetings, m.id))),
            ]
            for m in self.members
        ]
        return Grid([*self.member_header, self.t("report.col.total")], rows)

    def recall(self) -> Grid:
        """Name recall as shares, and its change from the first to the last recall in percentage points."""
        lang = self.lang

        def line(label: str, scores: list[RecallScore | None]) -> list[str]:
            done = [s for s in scores if s is not None and s.fraction is not None]
            change = recall_change(done[0], done[-1]) if len(done) >= 2 else None
            return [label, *(score(s, lang) for s in scores), DASH if change is None else points(change, lang)]

        rows = [
            line(self.who(m.id), [recall_score(self.group, meeting, m.id) for meeting in self.meetings])
            for m in self.members
        ]
        rows.append(line(self.t("report.group_row"), [group_recall(self.group, mt) for mt in self.meetings]))
        return Grid([*self.member_header, self.t("report.col.recall_change")], rows)

    def legend(self) -> list[str]:
        """``(1) Opening up``, ...: what the indicator columns' numbers stand for."""
        return [f"({n}) {self.t(f'indicator.{key}')}" for n, key in enumerate(INDICATORS, 1)]

    def indicators(self) -> Grid:
        """Each member's five indicators, first to last meeting observed, and their mean change."""
        t = self.t
        header = [t("report.col.member"), t("report.col.observed"), *(f"({n})" for n in range(1, 6))]
        header.append(t("report.col.mean_change"))
        rows = []
        for m in self.members:
            progress = member_progress(self.group, self.meetings, m.id)
            seen = [n for i, n in enumerate(progress.numbers) if any(progress.indicators[k][i] for k in INDICATORS)]
            cells = []
            for key in INDICATORS:
                values = [v for v in progress.indicators[key] if v is not None]
                change = progress.change(key)
                if change is not None:
                    cells.append(f"{values[0]} → {values[-1]} ({signed(change)})")
                else:
                    cells.append(str(values[0]) if values else DASH)
            observed = f"{self.m(seen[0])} → {self.m(seen[-1])}" if len(seen) > 1 else self.m(seen[0]) if seen else DASH
            mean = progress.mean_change()
            rows.append([self.who(m.id), observed, *cells, self.num(mean, sign=True) if mean is not None else DASH])
        return Grid(header, rows)

    def self_ratings(self) -> Grid:
        """The members' own ratings beside the counselor's, per meeting they rated themselves in:
        ``counselor/own`` per indicator, ``!`` where the two are 2 or more apart (program/triangulation.py).
        No rows when nobody rated themself: the reports then leave the section out."""
        t = self.t
        header = [t("report.col.member"), t("common.meeting"), *(f"({n})" for n in range(1, 6))]
        rows = []
        for m in self.members:
            for evidence in triangulate(self.group, self.meetings, m.id).meetings:
                if all(v is None for v in evidence.own.values()):
                    continue
                cells = []
                for key in INDICATORS:
                    theirs, own = evidence.counselor[key], evidence.own[key]
                    cell = f"{DASH if theirs is None else theirs}/{DASH if own is None else own}"
                    cells.append(cell + " !" if evidence.disagrees(key) else cell)
                rows.append([self.who(m.id), self.m(evidence.number), *cells])
        return Grid(header, rows)

    @cached_property
    def summary(self) -> Overview:
        """The group over the program: per meeting, and who changed least."""
        return overview(self.group, self.meetings)

    def averages(self) -> Grid:
        """The group per meeting: present, name recall and the five indicators' means."""
        t = self.t
        header = [t("common.meeting"), t("common.present"), t("report.col.recall"), *(f"({n})" for n in range(1, 6))]
        rows = [
            [
                self.m(s.number),
                f"{s.present}/{s.total}" if s.present else DASH,
                score(s.recall, self.lang),
                *(self.num(v) if v is not None else DASH for v in s.indicators.values()),
            ]
            for s in self.summary.meetings
        ]
        return Grid(header, rows)

    def least_changed(self) -> list[str]:
        """The members who changed least, one line each; empty when there is not enough to say."""
        return [
            self.t("report.least_changed_item", member=self.who(m.id), change=self.num(c, sign=True))
            for m, c in self.summary.least_changed
        ]

    # per meeting -----------------------------------------------------------------------------------

    def stage_notes(self, meeting: Meeting) -> Grid:
        """The notes of each stage that has some."""
        t, stages = self.t, meeting.stages
        rows = [[t(f"stage.{k}"), self.text(stages[k].notes)] for k in STAGE_KEYS if stages[k].notes]
        return Grid([t("report.col.stage"), t("report.col.note")], rows)

    def answers(self, meeting: Meeting, mark: str) -> Grid | None:
        """The round answers of one meeting, one row per member; only columns with something in them.

        ``mark`` is what an appreciated answer shows in its column. None when there is nothing to show.
        """
        t = self.t
        people = [m for m in roster(self.group, meeting) if m.id in meeting.answers or m.id in meeting.observations]
        keys = [k for k in ANSWER_KEYS if any(getattr(a, k).strip() for a in meeting.answers.values())]
        stars = any(a.appreciated for a in meeting.answers.values())
        observed = any(o.note.strip() for o in meeting.observations.values())
        if not people or not (keys or stars or observed):
            return None
        header = [t("report.col.member"), *(t(f"report.answer.{k}") for k in keys)]
        header += [t("report.col.appreciated")] if stars else []
        header += [t("report.col.observation")] if observed else []
        rows = []
        for m in people:
            answer, note = meeting.answers.get(m.id), meeting.observations.get(m.id)
            row = [self.who(m.id), *(self.text(getattr(answer, k)) if answer else "" for k in keys)]
            row += [mark if answer and answer.appreciated else ""] if stars else []
            row += [self.text(note.note) if note else ""] if observed else []
            rows.append(row)
        return Grid(header, rows)

    def attendance_notes(self, meeting: Meeting) -> Grid:
        """Who came late or was away, with the reason given."""
        t = self.t
        rows = [
            [self.who(a.member_id), t(f"attendance.{a.status}"), a.arrived_at or DASH, self.text(a.reason)]
            for a in attendance_records(self.group, meeting)
            if a.reason or a.arrived_at
        ]
        header = [t("report.col.member"), t("panel.attendance"), t("report.col.arrived"), t("report.col.reason")]
        return Grid(header, rows)

    # per member ------------------------------------------------------------------------------------

    def timeline(self, member: Member, progress: MemberProgress) -> Grid:
        """One member over the meetings they were on the roster of: attendance, name recall, appreciation."""
        t = self.t
        meetings = [m for m in self.meetings if m.number in set(progress.numbers)]
        stars = set(appreciations(self.meetings, member.id))
        rows = [
            [t("panel.attendance"), *(self.arrival(meeting, member.id) for meeting in meetings)],
            [t("report.col.recall"), *(score(s, self.lang) for s in progress.recall)],
            [t("report.col.appreciated"), *("★" if n in stars else "" for n in progress.numbers)],
        ]
        return Grid([t("common.meeting"), *(self.m(n) for n in progress.numbers)], rows)

    def member_words(self, progress: MemberProgress) -> Grid:
        """A member's own words, answer by answer, ★ where the counselor appreciated an appreciable one."""
        t = self.t
        rows = [
            [
                self.m(n),
                t(f"report.answer.{k}"),
                self.text(getattr(a, k)),
                "★" if a.appreciated and k in self.appreciable(n) else "",
            ]
            for n, a in progress.answers
            for k in ANSWER_KEYS
            if getattr(a, k).strip()
        ]
        return Grid([t("common.meeting"), t("report.answers"), t("report.member_words"), "★"], rows)
