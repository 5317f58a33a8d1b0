"""F8, the triangulation tab: per member, the counselor's ratings beside the member's own and beside
what they did, with the places where the two ratings differ by 2 or more marked (``!``)."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from homeroom_tui.i18n import t
from homeroom_tui.model import INDICATORS, Group, Meeting
from homeroom_tui.program.triangulation import DISAGREE_AT, Evidence, triangulate
from homeroom_tui.screens.review.tab import ReviewTab
from homeroom_tui.widgets.plain import plain, plain_content

LABEL = 16
"""Cells of the row labels."""
CELL = 6
"""Cells of one meeting's column."""
MARK = "!"
"""After the member's own rating where it differs from the counselor's by 2 or more (never colour alone)."""


def _own_cell(evidence: Evidence, indicator: str) -> str:
    value = evidence.own[indicator]
    if value is None:
        return "-"
    gap = evidence.gap(indicator)
    return f"{value}{gap:+d}{MARK}" if evidence.disagrees(indicator) and gap is not None else str(value)


def _row(label: str, cells: Sequence[str]) -> str:
    return f"{label[: LABEL - 1]:<{LABEL}}" + "".join(f"{cell:>{CELL}}" for cell in cells)


def triangulation_text(group: Group, meetings: Sequence[Meeting], member_id: str) -> Content:
    """One member: behaviour, then each indicator as the counselor's row and the member's own row."""
    view = triangulate(group, meetings, member_id)
    member = view.member
    lines: list[Content | str] = [
        Content.assemble((f"{member.id} ", "bold"), plain_content(member.name, "bold")),
        t("review.tri.legend", mark=MARK, points=DISAGREE_AT),
        "",
    ]
    if not view.meetings:
        lines.append(t("common.not_enough"))
        return Content("\n").join(lines)
    ev = view.meetings
    lines.append(Content.styled(_row(t("common.meeting"), [str(e.number) for e in ev]), "bold"))
    lines.append(_row(t("panel.attendance"), [t(f"review.att_short.{e.attendance}") for e in ev]))
    lines.append(_row(t("panel.recall"), [f"{e.recall.named}/{e.recall.possible}" if e.recall else "-" for e in ev]))
    lines.append(_row(t("review.tri.turns"), [f"{e.turns}/{e.rounds}" if e.rounds else "-" for e in ev]))
    for indicator in INDICATORS:
        lines.append(Content.styled(t(f"indicator.{indicator}"), "bold"))
        counselor = [str(e.counselor[indicator]) if e.counselor[indicator] is not None else "-" for e in ev]
        lines.append(_row("  " + t("review.tri.counselor"), counselor))
        lines.append(_row("  " + t("review.tri.own"), [_own_cell(e, indicator) for e in ev]))
    lines.append("")
    found = view.disagreements()
    if not view.has_own:
        lines.append(t("review.tri.no_own"))
    elif not view.compared:
        lines.append(t("review.tri.none_compared"))
    elif not found:
        lines.append(t("review.tri.agree", points=DISAGREE_AT))
    else:
        lines.append(Content.styled(t("review.tri.differ", mark=MARK, points=DISAGREE_AT), "bold"))
        for place in found:
            lines.append(
                "  "
                + t(
                    "review.tri.place",
                    mark=MARK,
                    number=place.number,
                    indicator=t(f"indicator.{place.indicator}"),
                    counselor=place.counselor,
                    own=place.own,
                    gap=f"{place.gap:+d}",
                )
            )
    return Content("\n").join(lines)


class TriangulationTab(ReviewTab):
    """The members on the left; the highlighted one's ratings and behaviour side by side on the right."""

    FOCUS = "#tri-list"
    DEFAULT_CSS = """
    TriangulationTab #tri-list { width: 24; height: 1fr; }
    TriangulationTab #tri-detail { width: 1fr; padding: 0 1; }
    """

    group: Group | None = None
    meetings: Sequence[Meeting] = ()

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield OptionList(id="tri-list")
            with VerticalScroll(id="tri-detail"):
                yield Static("", id="tri-text")

    def show(self, group: Group, meetings: Sequence[Meeting]) -> None:
        """List ``group``'s members and show the first one."""
        self.group = group
        self.meetings = meetings
        members = self.query_one("#tri-list", OptionList)
        members.clear_options()
        members.add_options(Option(plain(f"{m.id:<3} {m.name}"), id=m.id) for m in group.members)
        if group.members:
            members.highlighted = 0
            self.show_member(group.members[0].id)
        else:
            self.query_one("#tri-text", Static).update("")

    def show_member(self, member_id: str) -> None:
        assert self.group is not None
        self.query_one("#tri-text", Static).update(triangulation_text(self.group, self.meetings, member_id))

    @on(OptionList.OptionHighlighted, "#tri-list")
    def _member(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.show_member(event.option.id)
