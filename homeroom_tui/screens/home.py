"""The first screen: the counselor's groups, and creating a new one."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from homeroom_tui.i18n import t
from homeroom_tui.model import Group
from homeroom_tui.program.icebreakers import Library, request_for
from homeroom_tui.program.meetings import open_meeting
from homeroom_tui.program.progress import progress
from homeroom_tui.screens.group_form import GroupDraft, GroupForm
from homeroom_tui.store import DamagedFile, Loaded, Store, error_reason
from homeroom_tui.widgets.localize import localize_bindings

MAX_PROBLEMS_SHOWN = 5


def progress_bar(done: int, planned: int) -> str:
    """``2/4 ■■□□``: readable from arm's length."""
    shown = min(planned, 12)
    filled = round(done * shown / planned) if planned else 0
    return f"{done}/{planned} " + "■" * filled + "□" * (shown - filled)


class HomeScreen(Screen[None]):
    """Lists the groups with their progress and next meeting."""

    BINDINGS = [
        Binding("m", "run_meeting", "key.run_meeting"),
        Binding("v", "review", "key.review"),
        Binding("n", "new_group", "key.new_group"),
        Binding("i", "icebreaker", "key.icebreaker"),
        Binding("r", "reload", "key.reload"),
        Binding("q", "app.quit", "key.quit"),
    ]

    def __init__(self, store: Store, library: Callable[[], Library]) -> None:
        super().__init__()
        self.store = store
        self.library = library
        self.loaded = Loaded()
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static(t("home.title"), id="home-title", classes="section-title")
            yield DataTable(id="groups", cursor_type="row", zebra_stripes=True)
            yield Static(t("home.empty"), id="home-empty")
            yield Static("", id="home-problems")
            yield Static(t("home.data_dir", path=self.store.root), id="home-datadir")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#groups", DataTable)
        table.add_column(t("home.col.name"), key="name")
        table.add_column(t("home.col.members"), key="members")
        table.add_column(t("home.col.progress"), key="progress")
        table.add_column(t("home.col.next"), key="next")
        self.reload()

    def reload(self) -> None:
        """Read the data folder again and show what it holds."""
        self.loaded = self.store.load_all()
        table = self.query_one("#groups", DataTable)
        table.clear()
        for group in self.loaded.groups:
            state = progress(group, self.loaded.meetings.get(group.id, []))
            if state.next_number is None:
                next_text = t("home.program_done")
            elif state.next_date:
                next_text = t("home.next_meeting", number=state.next_number, date=state.next_date.isoformat())
            else:
                next_text = t("home.next_meeting_nodate", number=state.next_number)
            table.add_row(
                group.name,
                str(len(group.active_members)),
                progress_bar(state.done, state.planned),
                next_text,
                key=group.id,
            )
        self.query_one("#home-empty").display = not self.loaded.groups
        table.display = bool(self.loaded.groups)
        self._show_problems()
        if self.loaded.groups:
            table.focus()

    def _show_problems(self) -> None:
        panel = self.query_one("#home-problems", Static)
        problems = self.loaded.problems
        panel.display = bool(problems)
        if not problems:
            return
        lines = [t("home.problems", count=len({p.path for p in problems}))]
        lines += [f"• {p}" for p in problems[:MAX_PROBLEMS_SHOWN]]
        if len(problems) > MAX_PROBLEMS_SHOWN:
            lines.append(t("home.problems_more", count=len(problems) - MAX_PROBLEMS_SHOWN))
        panel.update("\n".join(lines))

    def action_reload(self) -> None:
        self.reload()

    def action_new_group(self) -> None:
        self.app.push_screen(GroupForm(), self._create_group)

    def _create_group(self, draft: GroupDraft | None) -> None:
        if draft is None:
            return
        try:
            group = self.store.create_group(
                draft.name,
                draft.members,
                counselor=draft.counselor,
                meetings_planned=draft.meetings,
                first_meeting=draft.start,
                every_days=draft.every,
            )
        except (DamagedFile, OSError) as exc:
            self.notify(t("form.err.save", reason=error_reason(exc)), severity="error", timeout=10)
            return
        self.reload()
        table = self.query_one("#groups", DataTable)
        table.move_cursor(row=table.get_row_index(group.id))
        self.notify(t("home.created", name=group.name))

    def selected_group(self) -> Group | None:
        """The group under the table's cursor."""
        table = self.query_one("#groups", DataTable)
        if not self.loaded.groups or table.row_count == 0:
            return None
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return next((g for g in self.loaded.groups if g.id == row_key.value), None)

    def action_icebreaker(self) -> None:
        """Open the ice-breaker picker for the selected group's next meeting."""
        from homeroom_tui.widgets.icebreaker_picker import IcebreakerPicker

        group = self.selected_group()
        if group is None:
            self.notify(t("home.no_group_selected"), severity="warning")
            return
        try:
            meeting, meetings = open_meeting(self.store, group)
        except DamagedFile as exc:
            self.notify(t("home.meeting_damaged", problem=exc.problems[0]), severity="error", timeout=10)
            return
        library = self.library()
        notice = t("ib.fell_back", path=library.user_file) if library.fell_back else ""
        request = request_for(group, meeting, meetings, minutes=meeting.stages.transition.planned_min)
        picker = IcebreakerPicker(library, meeting, request, save=self.store.save_meeting, notice=notice)
        self.app.push_screen(picker, lambda _: self.reload())

    def on_data_table_row_selected(self) -> None:
        """Enter on a group opens its meeting."""
        self.action_run_meeting()

    def action_run_meeting(self) -> None:
        """Open the meeting runner on the selected group's next meeting (or the one in progress)."""
        group = self.selected_group()
        if group is None:
            self.notify(t("home.no_group_selected"), severity="warning")
            return
        open_runner = getattr(self.app, "open_meeting", None)
        if callable(open_runner):
            open_runner(group.id)

    def action_review(self) -> None:
        """Review the selected group's past meetings."""
        group = self.selected_group()
        open_review = getattr(self.app, "open_review", None)
        if callable(open_review):
            open_review(group.id if group else None)
