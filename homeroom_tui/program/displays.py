"""The study's data displays (Miles and Huberman): ready to paste into a thesis chapter. Imports no Textual.

- the **members × meetings matrix**: per member and meeting, attendance, the five indicators and
  one short quote: the answer the counselor marked as the quote in review (``Answers.quote``), else
  the first answer that says something, in the order of the rounds;
- the **effects matrix**: per member and indicator, the first and the last rating of the program
  (the meetings where the indicator was rated) and the change, with the group's means and how
  many members rose, stayed or fell.

A research export: only members with research consent (:class:`~.research_scope.ResearchScope`),
aliased unless names are asked for. Markdown for the chapter, CSV (one row per member per meeting)
for R or a spreadsheet. The output depends on nothing but the arguments.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import mean
from typing import Final

from homeroom_tui.i18n import t_count_in, t_in
from homeroom_tui.i18n.numbers import number
from homeroom_tui.model import ANSWER_KEYS, INDICATORS, AnswerKey, Answers, Meeting
from homeroom_tui.program.attendance import attendance_status, roster
from homeroom_tui.program.report import cell, csv_safe, md_text, table
from homeroom_tui.program.research_scope import ResearchScope
from homeroom_tui.program.review import member_progress

QUOTE_MAX: Final = 120
"""Characters of a quote in a matrix cell; a longer answer is cut at a word, with ``…``."""
DASH: Final = "–"


def quote_key(answers: Answers | None) -> AnswerKey | None:
    """The answer that stands for the member at a meeting: the one marked as the quote (if it says
    something), else the first non-empty one in the order of the rounds; None when they said nothing."""
    if answers is None:
        return None
    if answers.quote is not None and getattr(answers, answers.quote).strip():
        return answers.quote
    return next((key for key in ANSWER_KEYS if getattr(answers, key).strip()), None)


def short(text: str, limit: int = QUOTE_MAX) -> str:
    """``text`` on one line, cut at a word to at most ``limit`` characters (``…`` where cut)."""
    one = " ".join(text.split())
    if len(one) <= limit:
        return one
    cut = one[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + "…"


@dataclass(frozen=True)
class Cell:
    """One member at one meeting."""

    on_roster: bool
    attendance: str
    """``present``, ``late``, ``excused``, ``absent`` or ``unknown``."""
    ratings: tuple[int | None, ...]
    """The five indicators, in the order of :data:`~homeroom_tui.model.INDICATORS`."""
    quote_key: AnswerKey | None
    quote: str
    """The quote, aliased and shortened (empty when none)."""
    marked: bool
    """The counselor chose the quote (else it is the first answer)."""


@dataclass(frozen=True)
class Effect:
    """One member's first and last rating of one indicator."""

    first: int | None
    last: int | None
    first_meeting: int | None
    last_meeting: int | None

    @property
    def change(self) -> int | None:
        if self.first is None or self.last is None or self.first_meeting == self.last_meeting:
            return None
        return self.last - self.first


@dataclass
class Displays:
    """The two displays of a group, among the members a research export keeps."""

    scope: ResearchScope
    meetings: list[Meeting]

    def cell(self, meeting: Meeting, member_id: str) -> Cell:
        on_roster = any(m.id == member_id for m in roster(self.scope.group, meeting))
        observation = meeting.observations.get(member_id)
        answers = meeting.answers.get(member_id)
        key = quote_key(answers)
        quote = short(self.scope.text(getattr(answers, key))) if answers is not None and key else ""
        return Cell(
            on_roster=on_roster,
            attendance=attendance_status(meeting, member_id),
            ratings=tuple(getattr(observation, i) if observation else None for i in INDICATORS),
            quote_key=key,
            quote=quote,
            marked=answers is not None and key is not None and answers.quote == key,
        )

    def matrix(self) -> list[tuple[str, list[Cell]]]:
        """Per member kept (in the group's order): a cell per meeting."""
        return [(m.id, [self.cell(meeting, m.id) for meeting in self.meetings]) for m in self.scope.members]

    def effects(self) -> list[tuple[str, list[Effect]]]:
        """Per member kept: first and last rating of each indicator."""
        rows = []
        for member in self.scope.members:
            progress = member_progress(self.scope.group, self.meetings, member.id)
            effects = []
            for key in INDICATORS:
                rated = [
                    (n, v) for n, v in zip(progress.numbers, progress.indicators[key], strict=True) if v is not None
                ]
                if rated:
                    effects.append(Effect(rated[0][1], rated[-1][1], rated[0][0], rated[-1][0]))
                else:
                    effects.append(Effect(None, None, None, None))
            rows.append((member.id, effects))
        return rows


def displays(group_scope: ResearchScope, meetings: Sequence[Meeting]) -> Displays:
    return Displays(group_scope, sorted(meetings, key=lambda m: m.number))


# --- Markdown ------------------------------------------------------------------------------------


def _ratings(values: Sequence[int | None]) -> str:
    return " ".join(DASH if v is None else str(v) for v in values)


def displays_markdown(scope: ResearchScope, meetings: Sequence[Meeting]) -> str:
    """Both displays as Markdown: a heading, what the reader must know (who is left out), the tables."""
    lang = scope.lang

    def t(key: str, /, **values: object) -> str:
        return t_in(lang, key, **values)

    data = displays(scope, meetings)
    lines = [f"# {t('report.displays_title', name=md_text(scope.group_name))}", ""]
    lines += [t("report.confidential_names" if scope.names else "report.confidential_aliases"), ""]
    if scope.excluded:
        lines += [t_count_in(lang, "report.left_out", len(scope.excluded)), ""]
    legend = "; ".join(f"({n}) {t(f'indicator.{key}')}" for n, key in enumerate(INDICATORS, 1))
    if not data.meetings or not scope.members:
        return "\n".join([*lines, t("report.nothing"), ""])

    lines += [f"## {t('report.displays_matrix')}", "", t("report.displays_matrix_help", legend=legend), ""]
    header = [t("report.col.member"), *(t("report.meeting_short", number=m.number) for m in data.meetings)]
    rows = []
    for member_id, cells in data.matrix():
        row = [md_text(scope.who(member_id))]
        for c in cells:
            if not c.on_roster:
                row.append(DASH)
                continue
            parts = [t(f"attendance.{c.attendance}"), _ratings(c.ratings)]
            if c.quote:
                mark = "" if c.marked else "†"
                parts.append(f"“{md_text(c.quote)}”{mark}")
            row.append("<br>".join(cell(part) for part in parts))  # each part escaped, joined by line breaks
        rows.append(row)
    lines += _raw_table(header, rows)
    lines += [t("report.displays_quote_note"), ""]

    lines += [f"## {t('report.displays_effects')}", "", t("report.displays_effects_help", legend=legend), ""]
    header = [t("report.col.member"), *(f"({n})" for n in range(1, len(INDICATORS) + 1))]
    effects = data.effects()
    rows = []
    for member_id, row_effects in effects:
        rows.append([md_text(scope.who(member_id)), *(_effect(e) for e in row_effects)])
    means = []
    for i in range(len(INDICATORS)):
        pairs = [(e.first, e.last) for _, es in effects if (e := es[i]).first is not None and e.change is not None]
        if pairs:
            before, after = mean(p[0] for p in pairs if p[0] is not None), mean(p[1] for p in pairs if p[1] is not None)
            change = number(after - before, lang, sign=True)
            means.append(f"{number(before, lang)} → {number(after, lang)} ({change})")
        else:
            means.append(DASH)
    rows.append([t("report.displays_group_mean"), *means])
    counts = []
    for i in range(len(INDICATORS)):
        changes = [d for _, es in effects if (d := es[i].change) is not None]
        up, same, down = sum(d > 0 for d in changes), sum(d == 0 for d in changes), sum(d < 0 for d in changes)
        counts.append(t("report.displays_up_same_down", up=up, same=same, down=down) if changes else DASH)
    rows.append([t("report.displays_members_changed"), *counts])
    lines += table(header, rows)
    return "\n".join(lines).rstrip("\n") + "\n"


def _effect(effect: Effect) -> str:
    if effect.first is None:
        return DASH
    if effect.change is None:
        return str(effect.first)
    sign = f"{effect.change:+d}" if effect.change else "0"
    return f"{effect.first} → {effect.last} ({sign})"


def _raw_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A Markdown table whose cells are already escaped (they hold ``<br>`` between their parts)."""

    def line(cells: Sequence[str]) -> str:
        return "|" + "|".join(f" {c} " if c else " " for c in cells) + "|"

    escaped_header = [cell(h) for h in header]
    body = [[cell(r[0]), *r[1:]] for r in rows]
    return [line(escaped_header), "|" + "|".join("---" for _ in header) + "|", *map(line, body), ""]


# --- CSV ------------------------------------------------------------------------------------------

DISPLAYS_COLUMNS: Final = (
    "group_id",
    "member",
    "meeting",
    "date",
    "attendance",
    *INDICATORS,
    "quote_answer",
    "quote_marked",
    "quote",
)
"""The displays CSV's header: one row per member kept per meeting they were on the roster of."""


def displays_csv(scope: ResearchScope, meetings: Sequence[Meeting]) -> str:
    """The members × meetings matrix in long form, for R or a spreadsheet (the effects follow from it)."""
    data = displays(scope, meetings)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(DISPLAYS_COLUMNS)
    by_id = dict(data.matrix())
    for member in scope.members:
        for meeting, c in zip(data.meetings, by_id[member.id], strict=True):
            if not c.on_roster:
                continue
            row: list[object] = [
                scope.group_id,
                scope.who(member.id),
                meeting.number,
                meeting.date.isoformat(),
                c.attendance,
                *("" if v is None else v for v in c.ratings),
                c.quote_key or "",
                str(c.marked).lower() if c.quote_key else "",
                c.quote,
            ]
            writer.writerow([csv_safe(v) for v in row])
    return out.getvalue()
