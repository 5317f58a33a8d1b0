"""The printable program report: one self-contained HTML file with small SVG charts. Imports no Textual.

The same content as the Markdown report (:mod:`homeroom_tui.program.report`), aliased the same way
(one :class:`~homeroom_tui.program.aliases.Aliaser`: no member's name, the group's name and id
aliased where they hold one, faculties left out unless asked for) and with the same numbers
(:mod:`homeroom_tui.i18n.numbers`), plus each member on a page of their own with the
five indicators over the meetings as small line charts. The page needs nothing from a network:
the stylesheet is inline, the charts are plain SVG drawn here, and there is no JavaScript.

Built with a Jinja2 template (``homeroom_tui/templates/report.html.j2``) with autoescaping on:
every name, answer and note is data and is escaped where it is written, never trusted as HTML.
This module computes only values (strings and numbers); the template writes every tag.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Final

from homeroom_tui.i18n import Lang, t_count_in, t_in
from homeroom_tui.i18n.numbers import number, points
from homeroom_tui.model import ANSWER_KEYS, INDICATORS, STAGE_KEYS, Group, Meeting, Member
from homeroom_tui.plain import visible
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
from homeroom_tui.program.report import DASH, ReportBase, score, signed
from homeroom_tui.program.review import MeetingRow, meeting_rows, member_progress, overview

CHART_WIDTH: Final = 240
CHART_HEIGHT: Final = 84
CHART_PAD: Final = (22, 10, 8, 18)
"""Left, right, top and bottom margins of a chart (axis labels live there)."""


@dataclass
class Table:
    """A table for the template: a header and rows of text cells (the template escapes them)."""

    header: list[str]
    rows: list[list[str]]
    caption: str = ""
    note: str = ""


@dataclass
class Chart:
    """One indicator of one member as a small line chart: SVG coordinates only, and its labels."""

    title: str
    label: str
    """What the chart shows in words (for a screen reader and for the PDF's text)."""
    lines: list[str]
    """``points`` attributes of the polylines (a gap where the member was not observed)."""
    dots: list[tuple[float, float]]
    ticks_x: list[tuple[float, str]]
    ticks_y: list[tuple[float, str]]
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT


@dataclass
class MeetingWords:
    """One meeting of the group: stage notes, the members' answers, attendance reasons."""

    title: str
    notes: Table | None
    answers: Table | None
    attendance: Table | None
    private: str = ""


@dataclass
class MemberPage:
    """One member on a page of their own."""

    anchor: str
    title: str
    facts: list[tuple[str, str]]
    timeline: Table
    charts: list[Chart]
    words: Table | None
    notes: Table | None


@dataclass
class HtmlReport:
    """Everything the template shows, as text and numbers."""

    lang: Lang
    title: str
    confidential: str
    private_included: bool
    notices: list[str] = field(default_factory=list)
    """What the reader must know about what is left out or aliased (the group's name, faculties)."""
    facts: list[tuple[str, str]] = field(default_factory=list)
    members: Table = field(default_factory=lambda: Table([], []))
    tables: list[tuple[str, str, Table]] = field(default_factory=list)
    """(anchor, heading, table) of the summary sections, in order."""
    least_changed: list[str] = field(default_factory=list)
    meetings: list[MeetingWords] = field(default_factory=list)
    pages: list[MemberPage] = field(default_factory=list)


def chart_points(values: Sequence[int | None], labels: Sequence[str]) -> tuple[list[str], list[tuple[float, float]]]:
    """Polylines (one per run of observed meetings) and dots for ``values`` on the 1-5 scale."""
    left, right, top, bottom = CHART_PAD
    inner_w, inner_h = CHART_WIDTH - left - right, CHART_HEIGHT - top - bottom
    step = inner_w / (len(values) - 1) if len(values) > 1 else 0.0
    lines: list[str] = []
    dots: list[tuple[float, float]] = []
    run: list[str] = []
    for i, value in enumerate(values):
        if value is None:
            if len(run) > 1:
                lines.append(" ".join(run))
            run = []
            continue
        x = round(left + (i * step if len(values) > 1 else inner_w / 2), 1)
        y = round(top + (5 - value) * inner_h / 4, 1)
        dots.append((x, y))
        run.append(f"{x},{y}")
    if len(run) > 1:
        lines.append(" ".join(run))
    return lines, dots


def _ticks(labels: Sequence[str]) -> tuple[list[tuple[float, str]], list[tuple[float, str]]]:
    left, right, top, bottom = CHART_PAD
    inner_w, inner_h = CHART_WIDTH - left - right, CHART_HEIGHT - top - bottom
    step = inner_w / (len(labels) - 1) if len(labels) > 1 else 0.0
    xs = [(round(left + (i * step if len(labels) > 1 else inner_w / 2), 1), label) for i, label in enumerate(labels)]
    ys = [(round(top + (5 - v) * inner_h / 4, 1), str(v)) for v in (1, 3, 5)]
    return xs, ys


@dataclass
class _Builder(ReportBase):
    """The HTML report's pieces: the template writes every tag, this gives it strings and numbers."""

    def literal(self, value: str) -> str:
        """Jinja2 escapes HTML; what is left to do is to show control characters visibly."""
        return visible(value, multiline=True)

    def notices(self) -> list[str]:
        """As the Markdown report's header says them: the group's name aliased, faculties left out."""
        notices = []
        if not self.names and self.group_name != self.group.name:
            notices.append(self.t("report.group_aliased", name=visible(self.group_name)))
        if not self.show_faculty:
            notices.append(self.t("report.faculty_left_out"))
        return notices

    def num(self, value: float, sign: bool = False) -> str:
        """One way to write numbers (:func:`~homeroom_tui.i18n.numbers.number`): one decimal, the language's."""
        return number(value, self.lang, sign=sign)

    @property
    def member_header(self) -> list[str]:
        return [self.t("report.col.member"), *(self.m(m.number) for m in self.meetings)]

    # summary ------------------------------------------------------------------------------------

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

    def member_table(self) -> Table:
        t, members = self.t, self.group.members
        header = [t("report.col.alias"), *([t("report.col.name")] if self.names else [])]
        header += [t("report.col.faculty")] if self.show_faculty else []
        left = any(not m.active for m in members)
        header += [t("common.status")] if left else []
        header += [t("report.col.member_note")] if self.private else []
        rows = []
        for m in members:
            row = [m.id, *([visible(m.name)] if self.names else [])]
            row += [self.text(m.faculty or "")] if self.show_faculty else []
            row += [t("report.member_active" if m.active else "report.member_left")] if left else []
            row += [self.text(m.note or "")] if self.private else []
            rows.append(row)
        return Table(header, rows)

    def attendance(self) -> Table:
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
        return Table(self.member_header, rows, note=t("report.attendance_help"))

    @cached_property
    def rows(self) -> list[MeetingRow]:
        return meeting_rows(self.group, self.meetings)

    def timing(self) -> Table:
        t = self.t
        header = [t("common.meeting"), t("common.date"), t("common.status")]
        header += [t(f"stage.{k}") for k in STAGE_KEYS] + [t("report.col.total")]
        rows = []
        for meeting, row in zip(self.meetings, self.rows, strict=True):
            cells = []
            for k in STAGE_KEYS:
                s = meeting.stages[k]
                planned = f"{s.planned_min + s.extended_min}" + (f" ({s.extended_min:+d})" if s.extended_min else "")
                cells.append(f"{planned} / {self.num(s.actual_seconds / 60)}")
            rows.append(
                [
                    self.m(meeting.number),
                    meeting.date.isoformat(),
                    t(f"meeting_status.{meeting.status}"),
                    *cells,
                    f"{row.planned_min} / {self.num(row.actual_min)}",
                ]
            )
        return Table(header, rows, note=t("report.timing_help"))

    def fidelity(self) -> Table:
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
        return Table(header, rows, caption=t("report.fidelity_help"))

    def icebreakers(self) -> Table:
        t = self.t
        rows = []
        for meeting in self.meetings:
            use = meeting.icebreaker
            if use is None:
                continue
            item = self.library.get(use.id)
            name = item.name.text(self.lang) if item else use.id
            rows.append(
                [self.m(meeting.number), visible(name), f"{use.rating}/5" if use.rating else DASH, self.text(use.note)]
            )
        header = [t("common.meeting"), t("common.icebreaker"), t("report.col.rating"), t("report.col.note")]
        return Table(header, rows, note="" if rows else t("report.nothing"))

    def appreciation(self) -> Table:
        stars = [set(appreciated(meeting)) for meeting in self.meetings]
        rows = [
            [
                self.who(m.id),
                *("★" if m.id in ids else "" for ids in stars),
                str(len(appreciations(self.meetings, m.id))),
            ]
            for m in self.members
        ]
        return Table(
            [*self.member_header, self.t("report.col.total")], rows, caption=self.t("report.appreciation_help")
        )

    def recall(self) -> Table:
        """Name recall as shares, and its change from the first to the last recall in percentage points."""
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
        return Table(header, rows, caption=t("report.recall_help"))

    def indicators(self) -> Table:
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
        legend = "; ".join(f"({n}) {t(f'indicator.{key}')}" for n, key in enumerate(INDICATORS, 1))
        return Table(header, rows, caption=t("report.indicators_help"), note=legend)

    def averages(self) -> tuple[Table, list[str]]:
        t = self.t
        summary = overview(self.group, self.meetings)
        header = [t("common.meeting"), t("common.present"), t("report.col.recall")]
        header += [f"({n})" for n in range(1, 6)]
        rows = [
            [
                self.m(s.number),
                f"{s.present}/{s.total}" if s.present else DASH,
                score(s.recall, self.lang),
                *(self.num(v) if v is not None else DASH for v in s.indicators.values()),
            ]
            for s in summary.meetings
        ]
        least = [
            t("report.least_changed_item", member=self.who(m.id), change=self.num(c, sign=True))
            for m, c in summary.least_changed
        ]
        return Table(header, rows, caption=t("report.group_averages")), least or [t("common.not_enough")]

    # per meeting --------------------------------------------------------------------------------

    def meeting_words(self, meeting: Meeting) -> MeetingWords:
        t = self.t
        notes = [[t(f"stage.{k}"), self.text(meeting.stages[k].notes)] for k in STAGE_KEYS if meeting.stages[k].notes]
        people = [m for m in roster(self.group, meeting) if m.id in meeting.answers or m.id in meeting.observations]
        keys = [k for k in ANSWER_KEYS if any(getattr(a, k).strip() for a in meeting.answers.values())]
        stars = any(a.appreciated for a in meeting.answers.values())
        observed = any(o.note.strip() for o in meeting.observations.values())
        answers = None
        if people and (keys or stars or observed):
            header = [t("report.col.member"), *(t(f"report.answer.{k}") for k in keys)]
            header += [t("report.col.appreciated")] if stars else []
            header += [t("report.col.observation")] if observed else []
            rows = []
            for m in people:
                answer, note = meeting.answers.get(m.id), meeting.observations.get(m.id)
                row = [self.who(m.id), *(self.text(getattr(answer, k)) if answer else "" for k in keys)]
                row += ["★" if answer and answer.appreciated else ""] if stars else []
                row += [self.text(note.note) if note else ""] if observed else []
                rows.append(row)
            answers = Table(header, rows)
        away = [
            [self.who(a.member_id), t(f"attendance.{a.status}"), a.arrived_at or DASH, self.text(a.reason)]
            for a in attendance_records(self.group, meeting)
            if a.reason or a.arrived_at
        ]
        attendance_header = [t("report.col.member"), t("panel.attendance"), t("report.col.arrived")]
        return MeetingWords(
            title=t("common.meeting_title", number=meeting.number, date=meeting.date.isoformat()),
            notes=Table([t("report.col.stage"), t("report.col.note")], notes) if notes else None,
            answers=answers,
            attendance=Table([*attendance_header, t("report.col.reason")], away) if away else None,
            private=self.text(meeting.private_notes).strip() if self.private else "",
        )

    # per member ---------------------------------------------------------------------------------

    def appreciable(self, number: int) -> set[str]:
        return appreciable_answers(self.agenda, number)

    def arrival(self, meeting: Meeting, member_id: str) -> str:
        return arrival_text(self.group, meeting, member_id, self.lang)

    def page(self, member: Member) -> MemberPage:
        t = self.t
        progress = member_progress(self.group, self.meetings, member.id)
        labels = [self.m(n) for n in progress.numbers]
        meetings = [m for m in self.meetings if m.number in set(progress.numbers)]
        stars = set(appreciations(self.meetings, member.id))
        timeline = Table(
            [t("common.meeting"), *labels],
            [
                [t("panel.attendance"), *(self.arrival(meeting, member.id) for meeting in meetings)],
                [t("report.col.recall"), *(score(s, self.lang) for s in progress.recall)],
                [t("report.col.appreciated"), *("★" if n in stars else "" for n in progress.numbers)],
            ],
        )
        charts = []
        for n, key in enumerate(INDICATORS, 1):
            values = progress.indicators[key]
            lines, dots = chart_points(values, labels)
            xs, ys = _ticks(labels)
            name = t(f"indicator.{key}")
            said = ", ".join(
                f"{label} {v if v is not None else t('report.no_value')}"
                for label, v in zip(labels, values, strict=True)
            )
            change = progress.change(key)
            title = f"({n}) {name}" + (f" · {signed(change)}" if change is not None else "")
            charts.append(Chart(title, t("report.chart_label", indicator=name, values=said), lines, dots, xs, ys))
        word_rows = [
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
        words_header = [t("common.meeting"), t("report.answers"), t("report.member_words"), "★"]
        note_rows = [[self.m(n), self.text(note)] for n, note in progress.notes]
        mean = progress.mean_change()
        facts = [(t("report.col.faculty"), self.text(member.faculty or "") or DASH)] if self.show_faculty else []
        if not member.active:
            facts.append((t("common.status"), t("report.member_left")))
        if mean is not None:
            facts.append((t("report.col.mean_change"), self.num(mean, sign=True)))
        return MemberPage(
            anchor=f"member-{member.id}",
            title=t("report.member_page", member=self.who(member.id)),
            facts=facts,
            timeline=timeline,
            charts=charts,
            words=Table(words_header, word_rows) if word_rows else None,
            notes=Table([t("common.meeting"), t("report.col.observation")], note_rows) if note_rows else None,
        )

    def build(self) -> HtmlReport:
        t = self.t
        report = HtmlReport(
            lang=self.lang,
            title=t("report.title", name=visible(self.group_name)),
            confidential=t("report.confidential_names" if self.names else "report.confidential_aliases"),
            private_included=self.private,
            notices=self.notices(),
            facts=self.facts(),
            members=self.member_table(),
        )
        if not self.meetings:
            return report
        averages, least = self.averages()
        report.tables = [
            ("attendance", t("panel.attendance"), self.attendance()),
            ("recall", t("report.recall"), self.recall()),
            ("timing", t("report.timing"), self.timing()),
            ("fidelity", t("report.fidelity"), self.fidelity()),
            ("icebreakers", t("report.icebreakers"), self.icebreakers()),
            ("appreciation", t("report.appreciation"), self.appreciation()),
            ("indicators", t("report.indicators"), self.indicators()),
            ("overview", t("report.overview"), averages),
        ]
        report.least_changed = least
        report.meetings = [self.meeting_words(m) for m in self.meetings]
        report.pages = [self.page(m) for m in self.members]
        return report


def html_report(
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
    """The printable program report of ``group`` in ``lang``: one self-contained HTML page.

    Members appear by alias unless ``names``; private notes only with ``private``; faculties only
    with ``names`` or ``faculty``; as :func:`~homeroom_tui.program.report.markdown_report`. Pass
    ``aliases`` to read what aliasing did (:class:`~homeroom_tui.program.aliases.AliasStats`)
    afterwards. The output depends on nothing but the arguments.
    """
    from jinja2 import Environment, PackageLoader, StrictUndefined

    content = _Builder(
        group=group,
        meetings=sorted(meetings, key=lambda m: m.number),
        lang=lang,
        names=names,
        private=private,
        library=library if library is not None else load_library(),
        agenda=agenda if agenda is not None else load_agenda(),
        faculty=faculty,
        aliases=aliases,
    ).build()
    # autoescape on for every template: names, answers and notes are data, never HTML
    env = Environment(
        loader=PackageLoader("homeroom_tui", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    labels = {
        "contents": t_in(lang, "report.contents"),
        "summary": t_in(lang, "report.summary"),
        "members": t_in(lang, "common.members"),
        "least_changed": t_in(lang, "common.least_changed"),
        "words": t_in(lang, "report.words"),
        "member_indicators": t_in(lang, "report.member_indicators"),
        "member_words": t_in(lang, "report.member_words"),
        "stage_notes": t_in(lang, "report.stage_notes"),
        "answers": t_in(lang, "report.answers"),
        "attendance_notes": t_in(lang, "report.attendance_notes"),
        "private_notes": t_in(lang, "common.private_notes"),
        "private_included": t_in(lang, "report.private_included"),
        "no_meetings": t_in(lang, "report.no_meetings"),
        "nothing": t_in(lang, "report.nothing"),
        "observation_notes": t_in(lang, "report.observation_notes"),
        "generated_by": t_in(lang, "report.generated_by"),
    }
    return env.get_template("report.html.j2").render(report=content, labels=labels)
