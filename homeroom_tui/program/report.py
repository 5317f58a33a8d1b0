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
from typing import Final, Unpack

from homeroom_tui.i18n import Lang
from homeroom_tui.model import ANSWER_KEYS, INDICATORS, Group, Meeting
from homeroom_tui.program.agreed_end import summary as agreed_end_summary
from homeroom_tui.program.aliases import Aliaser
from homeroom_tui.program.aliases import AliasStats as AliasStats  # the names other modules use
from homeroom_tui.program.aliases import alias_text as alias_text
from homeroom_tui.program.aliases import aliaser as aliaser
from homeroom_tui.program.attendance import attendance_status, roster
from homeroom_tui.program.recall import recall_score
from homeroom_tui.program.report_data import DASH, Grid, ReportData, ReportOptions
from homeroom_tui.program.review import member_progress

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
    *(f"self_{key}" for key in INDICATORS),
)
"""The CSV header: stable English column names for a spreadsheet or R (the member's own ratings last:
``self_open_up``, ..., empty where they did not rate themself)."""


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
    return _MD_LINE_START.sub(lambda m: f"{m.group(1)}{m.group(2) or ''}\\{m.group(3) or m.group(4)}", md_inline(text))


def md_inline(text: str) -> str:
    """Text made literal where no line starts (a table cell, see :func:`cell`): no tag, link or code."""
    return _MD_INLINE.sub(lambda m: _MD_INLINE_SUBS.get(m.group(), "\\" + m.group()), text)


def cell(text: str) -> str:
    """``text`` made safe for a Markdown table cell: pipes escaped, line breaks as ``<br>``."""
    lines = [line.strip() for line in text.strip().splitlines()]
    return "<br>".join(lines).replace("|", r"\|")


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A Markdown table, each cell escaped with :func:`cell`."""

    def line(cells: Iterable[str]) -> str:
        return "|" + "|".join(f" {c} " if c else " " for c in map(cell, cells)) + "|"

    return [line(header), "|" + "|".join("---" for _ in header) + "|", *map(line, rows), ""]


# --- the Markdown report ------------------------------------------------------------------------


@dataclass
class _Report(ReportData):
    """The Markdown report: the content of :class:`ReportData`, written as headings, lists and tables."""

    def literal(self, value: str) -> str:
        return md_text(value)

    def section(self, heading: str, grid: Grid, help_text: str = "") -> list[str]:
        """A ``##`` section: heading, the text that explains the table, the table."""
        return [f"## {heading}", "", *([help_text, ""] if help_text else []), *table(*grid)]

    def header(self) -> list[str]:
        t = self.t
        lines = [f"# {self.title()}", ""]
        lines += [t("report.confidential_names" if self.names else "report.confidential_aliases")]
        for notice in self.notices():
            lines += ["", notice]
        if self.private:
            lines += [t("report.private_included")]
        lines += ["", f"## {t('report.plan')}", "", *(f"- {k}: {v}" for k, v in self.facts()), ""]
        return [*lines, f"### {t('common.members')}", "", *table(*self.member_table())]

    def summary_tables(self) -> list[str]:
        t = self.t
        icebreakers = self.icebreakers()
        lines = self.section(t("panel.attendance"), self.attendance(), t("report.attendance_help"))
        lines += [f"## {t('report.timing')}", "", *table(*self.timing()), t("report.timing_help"), ""]
        lines += self.section(t("report.fidelity"), self.fidelity(), t("report.fidelity_help"))
        lines += [f"## {t('report.icebreakers')}", ""]
        lines += table(*icebreakers) if icebreakers.rows else [t("report.nothing"), ""]
        lines += self.section(t("report.appreciation"), self.appreciation(), t("report.appreciation_help"))
        lines += self.section(t("report.recall"), self.recall(), t("report.recall_help"))
        lines += [f"## {t('report.indicators')}", "", t("report.indicators_help"), ""]
        lines += [*(f"- {item}" for item in self.legend()), "", *table(*self.indicators())]
        own = self.self_ratings()
        if own.rows:
            lines += [f"### {t('report.self_ratings')}", "", t("report.self_ratings_help"), "", *table(*own)]
        lines += [f"### {t('report.group_averages')}", "", *table(*self.averages())]
        least = [f"- {item}" for item in self.least_changed()] or [t("common.not_enough")]
        return [*lines, f"### {t('common.least_changed')}", "", *least, ""]

    def members_over_time(self) -> list[str]:
        """Each member over the program (the HTML report's member pages, without the charts): attendance
        with arrival, name recall, appreciation and the five indicators per meeting, then their own words."""
        t = self.t
        lines = [f"## {t('report.members_over_time')}", ""]
        for member in self.members:
            progress = member_progress(self.group, self.meetings, member.id)
            header, rows = self.timeline(member, progress)
            for n, key in enumerate(INDICATORS, 1):
                rows.append([f"({n})", *(DASH if v is None else str(v) for v in progress.indicators[key])])
            lines += [f"### {t('report.member_page', member=self.who(member.id))}", "", *table(header, rows)]
            words = self.member_words(progress)
            if words.rows:
                lines += [f"#### {t('report.member_words')}", "", *table(*words)]
        return lines

    def meeting_details(self) -> list[str]:
        t = self.t
        lines = [f"## {t('report.rounds')}", ""]
        for meeting in self.meetings:
            lines += [f"### {t('common.meeting_title', number=meeting.number, date=meeting.date.isoformat())}", ""]
            lines += [agreed_end_summary(meeting, self.lang) or "", ""] if meeting.agreed_end else []
            size = len(lines)
            notes = self.stage_notes(meeting)
            if notes.rows:
                lines += [f"#### {t('report.stage_notes')}", "", *table(*notes)]
            answers = self.answers(meeting, mark=t("report.yes"))
            if answers:
                lines += [f"#### {t('report.answers')}", "", *table(*answers)]
            away = self.attendance_notes(meeting)
            if away.rows:
                lines += [f"#### {t('report.attendance_notes')}", "", *table(*away)]
            if self.private and meeting.private_notes.strip():
                text = self.text(meeting.private_notes).strip().replace("|", r"\|").splitlines()
                lines += [f"#### {t('common.private_notes')}", "", *(f"> {line}".rstrip() for line in text), ""]
            if len(lines) == size:
                lines += [t("report.nothing"), ""]
        return lines


def markdown_report(
    group: Group,
    meetings: Sequence[Meeting],
    *,
    lang: Lang,
    **options: Unpack[ReportOptions],
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
    report = _Report.of(group, meetings, lang, **options)
    lines = report.header()
    if report.meetings:
        lines += report.summary_tables()
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
            own = meeting.self_ratings.get(member.id)
            for key in INDICATORS:
                value = getattr(own, key) if own else None
                row[f"self_{key}"] = "" if value is None else value
            writer.writerow({key: csv_safe(value) for key, value in row.items()})
    return out.getvalue()
