"""F7, the recall network tab: who named whom, at one meeting or over the program, as a text matrix.

The counselor's own view: every member is shown (research consent matters only to the exports).
The matrix itself is computed in ``program/recall_network.py``; this tab only writes it.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from homeroom_tui.i18n import t
from homeroom_tui.model import Group, Meeting
from homeroom_tui.plain import visible
from homeroom_tui.program.recall_network import NAME_WIDTH, Network, fit, matrix_rows, recall_network
from homeroom_tui.screens.review.tab import ReviewTab

PROGRAM = "program"
"""The view id of the whole program (a meeting's view id is ``m<number>``)."""


def network_text(network: Network, meeting: int | None) -> Content:
    """The matrix (rows: who named; columns: who was named), the names each gave and got, who nobody
    named, and the names across faculties. Names are plain text, cut to fit 80 columns."""
    label = 4 + NAME_WIDTH + 1
    title = t("review.meeting_short", number=meeting) if meeting is not None else t("review.network_program")
    lines: list[Content | str] = [Content.styled(t("review.network_title", view=title), "bold")]
    if not network.meetings:
        return Content("\n").join([*lines, "", t("review.network_none")])
    if meeting is not None and meeting not in network.meetings:
        return Content("\n").join([*lines, "", t("review.network_none_here")])
    head = " " * label + "".join(f"{m.id:>3} " for m in network.members) + f" {t('review.network_gave')}"
    lines += ["", Content.styled(head, "bold")]
    received = network.in_degree(meeting)
    for member, cells, gave in matrix_rows(network, meeting):
        row = [f"{member.id:<3} {fit(visible(member.name), NAME_WIDTH)} "]
        pieces: list[Content | str] = list(row)
        for cell in cells:
            text = f"{cell.text:>3}" + ("+" if cell.cross else " ")
            pieces.append(Content.styled(text, "bold $success") if cell.cross else text)
        pieces.append(f"{'–' if gave is None else gave:>4}")
        lines.append(Content.assemble(*pieces))
    got = "".join(f"{received[m.id]:>3} " for m in network.members)
    lines.append(Content.styled(f"{fit(t('review.network_got'), label)}{got}", "dim"))
    lines += [
        "",
        Content.styled(t("review.network_legend" if meeting is not None else "review.network_legend_program"), "dim"),
    ]
    unnamed = network.unnamed(meeting)
    if unnamed:
        who = ", ".join(f"{i} {visible(m.name)}" for m in network.members for i in [m.id] if i in unnamed)
        lines.append(t("report.network_unnamed", members=who))
    else:
        lines.append(t("review.network_all_named"))
    edges = network.at(meeting)
    lines.append(t("report.network_cross", cross=len(network.cross_faculty(meeting)), total=len(edges)))
    return Content("\n").join(lines)


class NetworkTab(ReviewTab):
    """The views on the left (the program, each meeting with name recall); the matrix on the right."""

    FOCUS = "#network-views"

    network: Network | None = None

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield OptionList(id="network-views")
            with VerticalScroll(id="network-detail"):
                yield Static("", id="network-text")

    def show(self, group: Group, meetings: Sequence[Meeting]) -> None:
        """The network of ``group`` over ``meetings``, the whole program first."""
        self.network = recall_network(group, meetings)
        views = self.query_one("#network-views", OptionList)
        views.clear_options()
        views.add_option(Option(t("review.network_program"), id=PROGRAM))
        views.add_options(Option(t("review.meeting_short", number=n), id=f"m{n}") for n in self.network.meetings)
        views.highlighted = 0
        self.show_view(PROGRAM)

    def show_view(self, view: str) -> None:
        if self.network is None:
            return
        meeting = None if view == PROGRAM else int(view[1:])
        self.query_one("#network-text", Static).update(network_text(self.network, meeting))

    @on(OptionList.OptionHighlighted, "#network-views")
    def _view(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.show_view(event.option.id)
