"""Program reports: a readable Markdown report and a CSV for analysis. Pure functions; imports no Textual.

Reports leave the counselor's laptop (to a supervisor, into a thesis), so members appear by alias
(``K1``, ``K2``, ...) everywhere by default, including inside free text: :func:`alias_text`
replaces every member's name it finds. ``names=True`` puts the real names in and leaves text as
typed. The counselor's private notes appear only with ``private=True``: they stay on the
counselor's laptop unless asked for (docs/FORMAT.md, ``private_notes``). The output depends on
nothing but the arguments: no clock, no randomness.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Final

from homeroom_tui.i18n import Lang, t_count_in, t_in
from homeroom_tui.i18n.numbers import number, points, share
from homeroom_tui.model import ANSWER_KEYS, INDICATORS, STAGE_KEYS, Group, Meeting, Member, StageKey
from homeroom_tui.program.agenda import Agenda, load_agenda
from homeroom_tui.program.agreed_end import summary as agreed_end_summary
from homeroom_tui.program.aliases import Aliaser
from homeroom_tui.program.aliases import AliasStats as AliasStats  # the names other modules use
from homeroom_tui.program.aliases import alias_text as alias_text
from homeroom_tui.program.aliases import aliaser as aliaser
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
from homeroom_tui.program.review import MeetingRow, meeting_rows, member_progress, overview

CSV_COLUMNS: Final = (
    "group_id",
    "meeting",
    "date",
    "member",
    "alias",
    "attendance",
    "arrived_at",
    "recall_named",
    "recall_possible",
    *INDICATORS,
    *ANSWER_KEYS,
    "ready",
    "appreciated",
    "observation_note",
)
"""The CSV header: stable English column names for a spreadsheet or R."""

DASH: Final = "–"


# --- small formatting helpers ---------------------------------------------------------------------


_MD_INLINE: Final = re.compile(r"[\\`\[\]<>&]")
_MD_INLINE_SUBS: Final = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MD_LINE_START: Final = re.compile(r"^(\s*)(?:(\d+)([.)])(?=\s|$)|([#+*=~-]))", re.MULTILINE)


def md_text(text: str) -> str:
    """Text from a person or a file, made literal in Markdown: it can make no tag, link, code or heading.

    HTML's ``<``, ``>`` and ``&`` become entities; backslashes, backticks and square brackets
    (without which no link or image can form, whatever the parentheses) are escaped; a heading,
    list, rule or fence marker at the start of a line is escaped too. Pipes are left to
    :func:`cell`, which knows where they matter.
    """
    text = _MD_INLINE.sub(lambda m: _MD_INLINE_SUBS.get(m.group(), "\\" + m.group()), text)
    return _MD_LINE_START.sub(lambda m: f"{m.group(1)}{m.group(2) or ''}\\{m.group(3) or m.group(4)}", text)


def cell(text: str) -> str:
    """``text`` made safe for a Markdown table cell: pipes escaped, line breaks as ``<br>``."""
    lines = [line.strip() for line in text.strip().splitlines()]
    return "<br>".join(lines).replace("|", r"\|")


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A Markdown table, each cell escaped with :func:`cell`."""

    def line(cells: Iterable[str]) -> str:
        return "|" + "|".join(f" {c} " if c else " " for c in map(cell, cells)) + "|"

    return [line(header), "|" + "|".join("---" for _ in header) + "|", *map(line, rows), ""]


def score(value: RecallScore | None, lang: Lang) -> str:
    """``3/7 (42.9%)`` (:func:`~homeroom_tui.i18n.numbers.share`), or a dash when there was no name recall."""
    return DASH if value is None else share(value.named, value.possible, lang)


def signed(change: int) -> str:
    """``+3``, ``-1``, ``0``."""
    return f"{change:+d}" if change else "0"


# --- the Markdown report ------------------------------------------------------------------------


@dataclass
class ReportBase:
    """What every report's sections need: the data, the language and how to show people and text.

    The Markdown and the HTML report differ only in how text is made literal (:meth:`literal`).
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

    def literal(self, value: str) -> str:
        """Text from people or files made literal for this report's format."""
        return md_text(value)

    def t(self, key: str, /, **values: object) -> str:
        return t_in(self.lang, key, **values)

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


@dataclass
class _Report(ReportBase):
    """The Markdown report's sections."""

    # sections ----------------------------------------------------------------------------------

    def header(self) -> list[str]:
        group, t = self.group, self.t
        done = sum(m.status == "completed" for m in self.meetings)
        lines = [f"# {t('report.title', name=md_text(self.group_name))}", ""]
        lines += [t("report.confidential_names" if self.names else "report.confidential_aliases")]
        if not self.names and self.group_name != group.name:
            lines += ["", t("report.group_aliased", name=md_text(self.group_name))]
        if not self.show_faculty:
            lines += ["", t("report.faculty_left_out")]
        if self.private:
            lines += [t("report.private_included")]
        schedule = (
            t_count_in(self.lang, "report.schedule_value", group.every_days, date=group.first_meeting.isoformat())
            if group.first_meeting
            else DASH
        )
        minutes = " · ".join(f"{t(f'stage.{k}')} {group.minutes.of(k)}" for k in STAGE_KEYS)
        facts = [
            (t("report.group_id"), group.id if self.names else self._alias.group_id),
            (t("common.counselor"), self.text(group.counselor) or DASH),
            (t("report.meetings_planned"), str(group.meetings_planned)),
            (t("report.meetings_done"), str(done)),
            (t("report.schedule"), schedule),
            (t("report.dates"), ", ".join(m.date.isoformat() for m in self.meetings) or DASH),
            (t("report.minutes_plan"), f"{minutes} ({group.minutes.total})"),
        ]
        lines += ["", f"## {t('report.plan')}", "", *(f"- {k}: {v}" for k, v in facts), ""]
        return lines + self.member_table()

    def member_table(self) -> list[str]:
        t, members = self.t, self.group.members
        header = [t("report.col.alias"), *([t("report.col.name")] if self.names else [])]
        header += [t("report.col.faculty")] if self.show_faculty else []
        left = any(not m.active for m in members)
        header += [t("common.status")] if left else []
        header += [t("report.col.member_note")] if self.private else []
        rows = []
        for m in members:
            row = [m.id, *([md_text(m.name)] if self.names else [])]
            row += [self.text(m.faculty or "")] if self.show_faculty else []
            row += [t("report.member_active" if m.active else "report.member_left")] if left else []
            row += [self.text(m.note or "")] if self.private else []
            rows.append(row)
        return [f"### {t('common.members')}", "", *table(header, rows)]

    def attendance(self) -> list[str]:
        t = self.t
        rosters = [{m.id for m in roster(self.group, meeting)} for meeting in self.meetings]

        def status(meeting: Meeting, ids: set[str], member_id: str) -> str:
            if member_id not in ids:
                return DASH
            word = t(f"attendance.{attendance_status(meeting, member_id)}")
            record = meeting.attendance.get(member_id)
            return f"{word} {record.arrived_at.strftime('%H:%M')}" if record and record.arrived_at else word

        rows = [
            [self.who(m.id), *(status(mt, ids, m.id) for mt, ids in zip(self.meetings, rosters, strict=True))]
            for m in self.members
        ]
        rows.append([t("common.present"), *(f"{r.present}/{r.total}" if r.present else DASH for r in self.rows)])
        return [f"## {t('panel.attendance')}", "", t("report.attendance_help"), "", *table(self.member_header, rows)]

    @cached_property
    def rows(self) -> list[MeetingRow]:
        """The review's meeting table: present/total and minutes per meeting."""
        return meeting_rows(self.group, self.meetings)

    @property
    def member_header(self) -> list[str]:
        return [self.t("report.col.member"), *(self.m(meeting.number) for meeting in self.meetings)]

    def timing(self) -> list[str]:
        t = self.t

        def stage(meeting: Meeting, key: StageKey) -> str:
            s = meeting.stages[key]
            planned = f"{s.planned_min + s.extended_min}" + (f" ({s.extended_min:+d})" if s.extended_min else "")
            return f"{planned} / {number(s.actual_seconds / 60, self.lang)}"

        header = [t("common.meeting"), t("common.date"), t("common.status")]
        header += [t(f"stage.{k}") for k in STAGE_KEYS] + [t("report.col.total")]
        rows = [
            [
                self.m(meeting.number),
                meeting.date.isoformat(),
                t(f"meeting_status.{meeting.status}"),
                *(stage(meeting, k) for k in STAGE_KEYS),
                f"{row.planned_min} / {number(row.actual_min, self.lang)}",
            ]
            for meeting, row in zip(self.meetings, self.rows, strict=True)
        ]
        return [f"## {t('report.timing')}", "", *table(header, rows), t("report.timing_help"), ""]

    def fidelity(self) -> list[str]:
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
        return [f"## {t('report.fidelity')}", "", t("report.fidelity_help"), "", *table(header, rows)]

    def appreciation(self) -> list[str]:
        """Who the counselor appreciated (★), meeting by meeting."""
        t = self.t
        stars = [set(appreciated(meeting)) for meeting in self.meetings]
        rows = [
            [
                self.who(m.id),
                *("★" if m.id in ids else "" for ids in stars),
                str(len(appreciations(self.meetings, m.id))),
            ]
            for m in self.members
        ]
        header = [*self.member_header, t("report.col.total")]
        return [f"## {t('report.appreciation')}", "", t("report.appreciation_help"), "", *table(header, rows)]

    def icebreakers(self) -> list[str]:
        t = self.t
        rows = []
        for meeting in self.meetings:
            use = meeting.icebreaker
            if use is None:
                continue
            item = self.library.get(use.id)
            name = item.name.text(self.lang) if item else use.id
            rating = f"{use.rating}/5" if use.rating else DASH
            rows.append([self.m(meeting.number), md_text(name), rating, self.text(use.note)])
        header = [t("common.meeting"), t("common.icebreaker"), t("report.col.rating"), t("report.col.note")]
        return [f"## {t('report.icebreakers')}", "", *(table(header, rows) if rows else [t("report.nothing"), ""])]

    def recall(self) -> list[str]:
        t, lang = self.t, self.lang

        def line(label: str, scores: list[RecallScore | None]) -> list[str]:
            done = [s for s in scores if s is not None and s.fraction is not None]
            change = recall_change(done[0], done[-1]) if len(done) >= 2 else None
            return [label, *(score(s, lang) for s in scores), DASH if change is None else points(change, lang)]

        rows = [
            line(self.who(m.id), [recall_score(self.group, meeting, m.id) for meeting in self.meetings])
            for m in self.members
        ]
        rows.append(line(t("report.group_row"), [group_recall(self.group, mt) for mt in self.meetings]))
        header = [*self.member_header, t("report.col.recall_change")]
        return [f"## {t('report.recall')}", "", t("report.recall_help"), "", *table(header, rows)]

    def indicators(self) -> list[str]:
        t, lang = self.t, self.lang
        legend = [f"- ({n}) {t(f'indicator.{key}')}" for n, key in enumerate(INDICATORS, 1)]
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
                cells.append(
                    f"{values[0]} → {values[-1]} ({signed(change)})"
                    if change is not None
                    else str(values[0])
                    if values
                    else DASH
                )
            observed = f"{self.m(seen[0])} → {self.m(seen[-1])}" if len(seen) > 1 else self.m(seen[0]) if seen else DASH
            mean = progress.mean_change()
            rows.append([self.who(m.id), observed, *cells, number(mean, lang, sign=True) if mean is not None else DASH])
        lines = [f"## {t('report.indicators')}", "", t("report.indicators_help"), "", *legend, "", *table(header, rows)]

        summary = overview(self.group, self.meetings)
        header = [t("common.meeting"), t("common.present"), t("report.col.recall"), *header[2:7]]
        averages = [
            [
                self.m(s.number),
                f"{s.present}/{s.total}" if s.present else DASH,
                score(s.recall, lang),
                *(number(v, lang) if v is not None else DASH for v in s.indicators.values()),
            ]
            for s in summary.meetings
        ]
        lines += [f"### {t('report.group_averages')}", "", *table(header, averages)]
        least = [
            "- " + t("report.least_changed_item", member=self.who(m.id), change=number(c, lang, sign=True))
            for m, c in summary.least_changed
        ]
        return [*lines, f"### {t('common.least_changed')}", "", *(least or [t("common.not_enough")]), ""]

    def members_over_time(self) -> list[str]:
        """Each member over the program (the HTML report's member pages, without the charts): attendance
        with arrival, name recall, appreciation and the five indicators per meeting, then their own words."""
        t = self.t
        lines = [f"## {t('report.members_over_time')}", ""]
        for member in self.members:
            progress = member_progress(self.group, self.meetings, member.id)
            numbers = set(progress.numbers)
            meetings = [m for m in self.meetings if m.number in numbers]
            stars = set(appreciations(self.meetings, member.id))
            rows = [
                [t("panel.attendance"), *(self.arrival(m, member.id) for m in meetings)],
                [t("report.col.recall"), *(score(s, self.lang) for s in progress.recall)],
                [t("report.col.appreciated"), *("★" if n in stars else "" for n in progress.numbers)],
            ]
            for n, key in enumerate(INDICATORS, 1):
                values = progress.indicators[key]
                rows.append([f"({n})", *(DASH if v is None else str(v) for v in values)])
            header = [t("common.meeting"), *(self.m(n) for n in progress.numbers)]
            lines += [f"### {t('report.member_page', member=self.who(member.id))}", "", *table(header, rows)]
            words = [
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
            if words:
                header = [t("common.meeting"), t("report.answers"), t("report.member_words"), "★"]
                lines += [f"#### {t('report.member_words')}", "", *table(header, words)]
        return lines

    def appreciable(self, number: int) -> set[str]:
        return appreciable_answers(self.agenda, number)

    def arrival(self, meeting: Meeting, member_id: str) -> str:
        return arrival_text(self.group, meeting, member_id, self.lang)

    def meeting_details(self) -> list[str]:
        t = self.t
        lines = [f"## {t('report.rounds')}", ""]
        for meeting in self.meetings:
            lines += [f"### {t('common.meeting_title', number=meeting.number, date=meeting.date.isoformat())}", ""]
            lines += [agreed_end_summary(meeting, self.lang) or "", ""] if meeting.agreed_end else []
            size = len(lines)
            notes = [
                [t(f"stage.{k}"), self.text(meeting.stages[k].notes)] for k in STAGE_KEYS if meeting.stages[k].notes
            ]
            if notes:
                header = [t("report.col.stage"), t("report.col.note")]
                lines += [f"#### {t('report.stage_notes')}", "", *table(header, notes)]
            lines += self.answers(meeting)
            away = [
                [self.who(a.member_id), t(f"attendance.{a.status}"), a.arrived_at or DASH, self.text(a.reason)]
                for a in attendance_records(self.group, meeting)
                if a.reason or a.arrived_at
            ]
            if away:
                header = [t("report.col.member"), t("panel.attendance"), t("report.col.arrived")]
                header += [t("report.col.reason")]
                lines += [f"#### {t('report.attendance_notes')}", "", *table(header, away)]
            if self.private and meeting.private_notes.strip():
                text = self.text(meeting.private_notes).strip().replace("|", r"\|").splitlines()
                lines += [f"#### {t('common.private_notes')}", "", *(f"> {line}".rstrip() for line in text), ""]
            if len(lines) == size:
                lines += [t("report.nothing"), ""]
        return lines

    def answers(self, meeting: Meeting) -> list[str]:
        """The round answers of one meeting, one row per member; only columns with something in them."""
        t = self.t
        people = [m for m in roster(self.group, meeting) if m.id in meeting.answers or m.id in meeting.observations]
        keys = [k for k in ANSWER_KEYS if any(getattr(a, k).strip() for a in meeting.answers.values())]
        appreciated = any(a.appreciated for a in meeting.answers.values())
        observed = any(o.note.strip() for o in meeting.observations.values())
        if not people or not (keys or appreciated or observed):
            return []
        header = [t("report.col.member"), *(t(f"report.answer.{k}") for k in keys)]
        header += [t("report.col.appreciated")] if appreciated else []
        header += [t("report.col.observation")] if observed else []
        rows = []
        for m in people:
            answer, note = meeting.answers.get(m.id), meeting.observations.get(m.id)
            row = [self.who(m.id), *(self.text(getattr(answer, k)) if answer else "" for k in keys)]
            row += [t("report.yes") if answer and answer.appreciated else ""] if appreciated else []
            row += [self.text(note.note) if note else ""] if observed else []
            rows.append(row)
        return [f"#### {t('report.answers')}", "", *table(header, rows)]


def markdown_report(
    group: Group,
    meetings: Sequence[Meeting],
    *,
    lang: Lang,
    names: bool = False,
    private: bool = False,
    library: Library | None = None,
    agenda: Agenda | None = None,
    faculty: bool = False,
    aliases: Aliaser | None = None,
) -> str:
    """The program report of ``group`` in ``lang`` as Markdown.

    Group and plan with the members, attendance, stage timing, ice-breakers with ratings, name
    recall, the five indicators first vs last meeting (and the members who changed least), then
    each meeting's round answers and notes. Members appear by alias unless ``names``; private notes
    only with ``private``; faculties only with ``names`` or ``faculty``. Ice-breaker names come from
    ``library`` (the built-in one when None), the checklists of the fidelity table from ``agenda``
    (the built-in one when None). Pass ``aliases`` to read what aliasing did
    (:class:`~homeroom_tui.program.aliases.AliasStats`) afterwards.
    """
    report = _Report(
        group=group,
        meetings=sorted(meetings, key=lambda m: m.number),
        lang=lang,
        names=names,
        private=private,
        library=library if library is not None else load_library(),
        agenda=agenda if agenda is not None else load_agenda(),
        faculty=faculty,
        aliases=aliases,
    )
    lines = report.header()
    if report.meetings:
        sections = (report.attendance, report.timing, report.fidelity, report.icebreakers, report.appreciation)
        for section in (*sections, report.recall, report.indicators):
            lines += section()
        lines += report.meeting_details()
        lines += report.members_over_time()
    else:
        lines += [report.t("report.no_meetings"), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


# --- CSV ---------------------------------------------------------------------------------------


CSV_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")
"""A text cell starting with one of these is a formula to a spreadsheet (OWASP, "CSV injection")."""


def csv_safe(value: object) -> object:
    """A text cell a spreadsheet shows as text: one starting like a formula gets a leading ``'``.

    Numbers (and empty cells) stay as they are, so R and spreadsheets still read them as numbers.
    """
    if isinstance(value, str) and value.startswith(CSV_FORMULA_START):
        return "'" + value
    return value


def _flag(value: bool | None) -> str:
    return "" if value is None else str(value).lower()


def csv_report(
    group: Group, meetings: Sequence[Meeting], *, names: bool = False, aliases: Aliaser | None = None
) -> str:
    """One row per member of each meeting's roster per meeting, with :data:`CSV_COLUMNS` as header.

    Free text is aliased unless ``names`` (the group's id too, where it holds a member's name), and a
    text cell that would start a formula is neutralised (:func:`csv_safe`); numbers and dates are
    written plainly (``2024-01-15``, ``15:10``, ``true``/``false``, empty when not recorded) so R or
    a spreadsheet read them as such.
    """
    alias = aliases if aliases is not None else Aliaser(group)
    text: Callable[[str], str] = (lambda value: value) if names else alias
    group_id = group.id if names else alias.group_id
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writeheader()
    for meeting in sorted(meetings, key=lambda m: m.number):
        for member in roster(group, meeting):
            attendance = meeting.attendance.get(member.id)
            recall = recall_score(group, meeting, member.id)
            observation = meeting.observations.get(member.id)
            answers = meeting.answers.get(member.id)
            row: dict[str, object] = {
                "group_id": group_id,
                "meeting": meeting.number,
                "date": meeting.date.isoformat(),
                "member": member.name if names else member.id,
                "alias": member.id,
                "attendance": attendance_status(meeting, member.id),
                "arrived_at": attendance.arrived_at.strftime("%H:%M") if attendance and attendance.arrived_at else "",
                "recall_named": recall.named if recall else "",
                "recall_possible": recall.possible if recall else "",
                "ready": _flag(answers.ready) if answers else "",
                "appreciated": _flag(answers.appreciated) if answers else "",
                "observation_note": text(observation.note) if observation else "",
            }
            for key in INDICATORS:
                value = getattr(observation, key) if observation else None
                row[key] = "" if value is None else value
            for key in ANSWER_KEYS:
                row[key] = text(getattr(answers, key)) if answers else ""
            writer.writerow({key: csv_safe(value) for key, value in row.items()})
    return out.getvalue()
