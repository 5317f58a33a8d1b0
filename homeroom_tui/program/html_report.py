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

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final, Unpack

from homeroom_tui.i18n import Lang, t_in
from homeroom_tui.model import INDICATORS, Group, Meeting, Member
from homeroom_tui.plain import visible
from homeroom_tui.program.agreed_end import summary as agreed_end_summary
from homeroom_tui.program.recall_network import Network, recall_network
from homeroom_tui.program.report_data import DASH, ReportData, ReportOptions, signed
from homeroom_tui.program.review import member_progress

CHART_WIDTH: Final = 240
CHART_HEIGHT: Final = 84
CHART_PAD: Final = (22, 10, 8, 18)
"""Left, right, top and bottom margins of a chart (axis labels live there)."""

if TYPE_CHECKING:  # jinja2 is imported when a report is written
    from jinja2 import Environment


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
    agreed_end: str = ""
    """"Agreed end 15:30, ended 15:34", when the end was agreed with the members."""


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


NETWORK_SIZE: Final = 360
"""Width and height of the recall network's drawing (SVG units)."""
NODE_R: Final = 14


@dataclass
class NetworkNode:
    """A member on the circle: where, the label inside it, and (with names) the name beside it."""

    x: float
    y: float
    label: str
    name: str
    name_x: float
    name_y: float
    anchor: str
    """``start``, ``middle`` or ``end``: the name's side of the circle."""
    unnamed: bool
    """Nobody named this member at any meeting they were there to be named."""


@dataclass
class NetworkEdge:
    """An arrow from the namer to the named: SVG coordinates, width by the meetings it was named at."""

    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    cross: bool
    """Across faculties."""
    head: str
    """The arrowhead's ``points`` (a triangle at the named member's circle: no SVG marker, no ``url()``)."""


@dataclass
class NetworkDiagram:
    """The name-recall network over the program as an SVG circle layout (the template writes every tag)."""

    help: str
    label: str
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    notes: list[str]
    size: int = NETWORK_SIZE


_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` with every character XML 1.0 cannot carry replaced by U+FFFD, so the SVG stays well-formed."""
    return _NOT_XML.sub("\ufffd", text)


def network_diagram(
    network: Network, who: Callable[[str], str], name: Callable[[str], str]
) -> tuple[list[NetworkNode], list[NetworkEdge]]:
    """Members evenly on a circle (the first at the top, clockwise), arrows between their circles.

    Two members who named each other get two arrows, each moved a little to its own side.
    """
    size = NETWORK_SIZE
    centre, radius = size / 2, size / 2 - 70
    count = max(len(network.members), 1)
    where: dict[str, tuple[float, float, float]] = {}
    nodes = []
    unnamed = set(network.unnamed())
    for i, member in enumerate(network.members):
        angle = -math.pi / 2 + 2 * math.pi * i / count
        x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        where[member.id] = (x, y, angle)
        out = radius + NODE_R + 6
        nx, ny = centre + out * math.cos(angle), centre + out * math.sin(angle) + 3
        cos = math.cos(angle)
        anchor = "middle" if abs(cos) < 0.3 else ("start" if cos > 0 else "end")
        nodes.append(
            NetworkNode(
                round(x, 1),
                round(y, 1),
                who(member.id),
                name(member.id),
                round(nx, 1),
                round(ny, 1),
                anchor,
                member.id in unnamed,
            )
        )
    counts = network.counts()
    cross = {(e.namer, e.named) for e in network.cross_faculty()}
    edges = []
    for (namer, named), n in sorted(counts.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        x1, y1, _ = where[namer]
        x2, y2, _ = where[named]
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        shift = 2.5 if (named, namer) in counts else 0.0  # two arrows between the same two: side by side
        ox, oy = -uy * shift, ux * shift
        tip_x, tip_y = x2 - ux * (NODE_R + 1) + ox, y2 - uy * (NODE_R + 1) + oy
        base_x, base_y = tip_x - ux * 6, tip_y - uy * 6
        head = [(tip_x, tip_y), (base_x - uy * 3, base_y + ux * 3), (base_x + uy * 3, base_y - ux * 3)]
        edges.append(
            NetworkEdge(
                round(x1 + ux * NODE_R + ox, 1),
                round(y1 + uy * NODE_R + oy, 1),
                round(base_x, 1),
                round(base_y, 1),
                round(0.8 + 0.7 * (n - 1), 1),
                (namer, named) in cross,
                " ".join(f"{round(x, 1)},{round(y, 1)}" for x, y in head),
            )
        )
    return nodes, edges


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
    network: NetworkDiagram | None = None
    """Who named whom over the program (None without name recall)."""


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
class _Builder(ReportData):
    """The HTML report's pieces: the template writes every tag, this gives it strings and numbers."""

    def literal(self, value: str) -> str:
        """Jinja2 escapes HTML; what is left to do is to show control characters visibly."""
        return visible(value, multiline=True)

    def literal_line(self, value: str) -> str:
        return visible(value)

    def meeting_words(self, meeting: Meeting) -> MeetingWords:
        notes = self.stage_notes(meeting)
        answers = self.answers(meeting, mark="★")
        away = self.attendance_notes(meeting)
        return MeetingWords(
            title=self.t("common.meeting_title", number=meeting.number, date=meeting.date.isoformat()),
            notes=Table(*notes) if notes.rows else None,
            answers=Table(*answers) if answers else None,
            attendance=Table(*away) if away.rows else None,
            private=self.text(meeting.private_notes).strip() if self.private else "",
            agreed_end=agreed_end_summary(meeting, self.lang) or "",
        )

    def page(self, member: Member) -> MemberPage:
        t = self.t
        progress = member_progress(self.group, self.meetings, member.id)
        labels = [self.m(n) for n in progress.numbers]
        timeline = Table(*self.timeline(member, progress))
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
        words = self.member_words(progress)
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
            words=Table(*words) if words.rows else None,
            notes=Table([t("common.meeting"), t("report.col.observation")], note_rows) if note_rows else None,
        )

    def network(self) -> NetworkDiagram | None:
        """The recall network of every member on the report's tables, over the program."""
        t = self.t
        network = recall_network(self.group, self.meetings, self.members)
        if not network.edges:
            return None

        def name(member_id: str) -> str:
            member = self.group.member(member_id)
            return xml_text(self.literal_line(member.name)) if self.names and member else ""

        nodes, edges = network_diagram(network, lambda member_id: member_id, name)
        said = "; ".join(f"{a} → {b} ({n})" for (a, b), n in sorted(network.counts().items()))
        unnamed = network.unnamed()
        notes = [t("report.network_unnamed", members=", ".join(self.who(m) for m in unnamed))] if unnamed else []
        notes.append(t("report.network_cross", cross=len(network.cross_faculty()), total=len(network.edges)))
        return NetworkDiagram(t("report.network_help"), t("report.network_label", edges=said), nodes, edges, notes)

    def build(self) -> HtmlReport:
        t = self.t
        report = HtmlReport(
            lang=self.lang,
            title=self.title(),
            confidential=t("report.confidential_names" if self.names else "report.confidential_aliases"),
            private_included=self.private,
            notices=self.notices(),
            facts=self.facts(),
            members=Table(*self.member_table()),
        )
        if not self.meetings:
            return report
        icebreakers = self.icebreakers()
        report.tables = [
            ("attendance", t("panel.attendance"), Table(*self.attendance(), note=t("report.attendance_help"))),
            ("recall", t("report.recall"), Table(*self.recall(), caption=t("report.recall_help"))),
            ("timing", t("report.timing"), Table(*self.timing(), note=t("report.timing_help"))),
            ("fidelity", t("report.fidelity"), Table(*self.fidelity(), caption=t("report.fidelity_help"))),
            (
                "icebreakers",
                t("report.icebreakers"),
                Table(*icebreakers, note="" if icebreakers.rows else t("report.nothing")),
            ),
            (
                "appreciation",
                t("report.appreciation"),
                Table(*self.appreciation(), caption=t("report.appreciation_help")),
            ),
            (
                "indicators",
                t("report.indicators"),
                Table(*self.indicators(), caption=t("report.indicators_help"), note="; ".join(self.legend())),
            ),
            ("overview", t("report.overview"), Table(*self.averages(), caption=t("report.group_averages"))),
        ]
        report.network = self.network()
        own = self.self_ratings()
        if own.rows:  # after the counselor's ratings, as in the Markdown report
            own_table = Table(*own, caption=t("report.self_ratings_help"), note="; ".join(self.legend()))
            report.tables.insert(-1, ("self-ratings", t("report.self_ratings"), own_table))
        report.least_changed = self.least_changed() or [t("common.not_enough")]
        report.meetings = [self.meeting_words(m) for m in self.meetings]
        report.pages = [self.page(m) for m in self.members]
        return report


def templates() -> Environment:
    """The report templates (``homeroom_tui/templates``), autoescaped: names, answers and notes are
    data, never HTML."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(
        loader=PackageLoader("homeroom_tui", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def html_report(
    group: Group,
    meetings: Sequence[Meeting],
    *,
    lang: Lang,
    **options: Unpack[ReportOptions],
) -> str:
    """The printable program report of ``group`` in ``lang``: one self-contained HTML page.

    Members appear by alias unless ``names``; private notes only with ``private``; faculties only
    with ``names`` or ``faculty``; as :func:`~homeroom_tui.program.report.markdown_report`. Pass
    ``aliases`` to read what aliasing did (:class:`~homeroom_tui.program.aliases.AliasStats`)
    afterwards. The output depends on nothing but the arguments.
    """
    content = _Builder.of(group, meetings, lang, **options).build()
    env = templates()
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
        "network": t_in(lang, "report.network"),
    }
    return env.get_template("report.html.j2").render(report=content, labels=labels)
