"""F4, the overview tab: the group per meeting and the members who changed least."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from homeroom_tui.i18n import t
from homeroom_tui.i18n.numbers import number as fmt_number
from homeroom_tui.i18n.numbers import share
from homeroom_tui.model import INDICATORS, Group, Meeting
from homeroom_tui.plain import visible
from homeroom_tui.program.review import overview
from homeroom_tui.screens.review.tab import ReviewTab


def overview_text(group: Group, meetings: Sequence[Meeting]) -> Content:
    """The group per meeting and the members who changed least."""
    view = overview(group, meetings)
    head = f"{t('review.col.number'):<8}{t('common.present'):<10}{t('panel.recall'):<16}" + " ".join(
        f"{t(f'review.ind_short.{i}'):>6}" for i in INDICATORS
    )
    lines: list[Content | str] = [Content.styled(head, "bold")]
    for summary in view.meetings:
        recall = share(summary.recall.named, summary.recall.possible) if summary.recall else "-"
        present = f"{summary.present}/{summary.total}" if summary.present else "-"
        values = " ".join(fmt_number(v, width=6) if v is not None else f"{'-':>6}" for v in summary.indicators.values())
        lines.append(f"{summary.number:<8}{present:<10}{recall:<16}{values}")
    lines += ["", Content.styled(t("common.least_changed"), "bold")]
    for member, change in view.least_changed:
        lines.append(f"  {member.id:<3} {visible(member.name)}  {fmt_number(change, sign=True)}")
    if not view.least_changed:
        lines.append(f"  {t('common.not_enough')}")
    return Content("\n").join(lines)


class OverviewTab(ReviewTab):
    """The overview, scrollable."""

    FOCUS = "#overview-scroll"

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="overview-scroll"):
            yield Static("", id="overview-text")

    def show(self, group: Group, meetings: Sequence[Meeting]) -> None:
        self.query_one("#overview-text", Static).update(overview_text(group, meetings))
