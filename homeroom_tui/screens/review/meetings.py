"""F2, the meetings tab: the group's meetings in a table; ``Enter`` shows one in full."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import DataTable

from homeroom_tui.i18n import get_language, t
from homeroom_tui.i18n.numbers import number as fmt_number
from homeroom_tui.model import Group, Meeting
from homeroom_tui.program.icebreakers import Library
from homeroom_tui.program.review import meeting_rows
from homeroom_tui.screens.review.tab import ReviewTab
from homeroom_tui.widgets.plain import plain

COLUMNS = {  # the column's key and its heading's text
    "number": "review.col.number",
    "date": "common.date",
    "status": "common.status",
    "present": "common.present",
    "icebreaker": "common.icebreaker",
    "rating": "review.col.rating",
    "minutes": "review.col.minutes",
}


class MeetingChosen(Message):
    """Show one meeting of a group in full (a row of the meetings table, or a search hit)."""

    def __init__(self, group_id: str, number: int) -> None:
        super().__init__()
        self.group_id = group_id
        self.number = number


class MeetingsTab(ReviewTab):
    """One row per meeting: date, status, who was present, the ice-breaker and its rating, minutes."""

    FOCUS = "#meetings-table"

    group_id: str | None = None

    def compose(self) -> ComposeResult:
        yield DataTable(id="meetings-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#meetings-table", DataTable)
        for key, heading in COLUMNS.items():
            table.add_column(t(heading), key=key)

    def show(self, group: Group, meetings: Sequence[Meeting], library: Library) -> None:
        """Fill the table with ``group``'s meetings."""
        self.group_id = group.id
        lang = get_language()
        table = self.query_one("#meetings-table", DataTable)
        table.clear()
        for row in meeting_rows(group, meetings):
            item = library.get(row.icebreaker) if row.icebreaker else None
            table.add_row(
                str(row.number),
                row.date,
                t(f"meeting_status.{row.status}"),
                f"{row.present}/{row.total}" if row.present else "-",
                plain((item.name.text(lang) if item else row.icebreaker) or "-"),
                "★" * row.rating if row.rating else "",
                f"{fmt_number(row.actual_min)} / {row.planned_min}",
                key=str(row.number),
            )

    @on(DataTable.RowSelected, "#meetings-table")
    def _chosen(self, event: DataTable.RowSelected) -> None:
        if self.group_id is not None:
            self.post_message(MeetingChosen(self.group_id, int(str(event.row_key.value))))
